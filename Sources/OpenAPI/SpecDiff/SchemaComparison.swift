// Compares two schemas, one from each spec, keyword by keyword: `$ref`s followed on either side,
// recursion into properties, items, additionalProperties and the branches of allOf/anyOf/oneOf,
// and each difference reported at its JSON Pointer inside the schema with what one side allows
// that the other does not.

import JSON

/// A difference inside a schema: where, what each side says, what one side also allows.
struct SchemaDifference {
    /// The keyword (or property) where they differ, from the schema's root.
    let pointer: JSONPointer
    let finding: SpecDifference.Finding
    let allowance: String?
}

/// What two schemas say about one keyword, when it is not the same.
struct KeywordDifference {
    /// The keyword to report it under (its pointer's last token).
    let keyword: String
    let a: String
    let b: String
    let allowance: String?
}

/// Walks two schemas side by side and collects their differences in a fixed keyword order, so
/// the same two specs always give the same report.
struct SchemaComparison {
    private let sideA: SchemaSource
    private let sideB: SchemaSource
    private(set) var differences: [SchemaDifference] = []
    /// The pairs of resolved schemas being compared further up: a recursive schema (a comment
    /// whose replies are comments) comes back to a pair it is already comparing, and what differs
    /// there is reported once, where the pair was first met.
    private var inProgress: Set<SchemaPair> = []

    private struct SchemaPair: Hashable {
        let a: [String]?
        let b: [String]?
    }

    /// The keywords compared by their own rules below; any other constraining keyword is compared
    /// as JSON (`not`, `multipleOf`, `patternProperties`, `if`/`then`/`else`…).
    private static let keywordsWithRules: Set<String> = [
        "type", "nullable", "enum", "const", "format", "pattern", "uniqueItems", "required",
        "properties", "additionalProperties", "items", "allOf", "anyOf", "oneOf",
        "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum",
        "minLength", "maxLength", "minItems", "maxItems", "minProperties", "maxProperties",
    ]

    private static let compositions = ["allOf", "anyOf", "oneOf"]

    /// The differences between schema `a` of one spec and schema `b` of the other.
    static func differences(_ a: SchemaNode, in sideA: SchemaSource, _ b: SchemaNode, in sideB: SchemaSource) throws(SpecError) -> [SchemaDifference] {
        var comparison = SchemaComparison(sideA: sideA, sideB: sideB)
        try comparison.compare(a, b, at: .root, allowing: "values")
        return comparison.differences
    }

    private init(sideA: SchemaSource, sideB: SchemaSource) {
        self.sideA = sideA
        self.sideB = sideB
    }

    /// Compares two schemas found at `pointer`; `what` names what a schema there lets through
    /// ("values", "array items"), for when one side is `false`.
    private mutating func compare(_ nodeA: SchemaNode, _ nodeB: SchemaNode, at pointer: JSONPointer, allowing what: String) throws(SpecError) {
        let a = try sideA.resolve(nodeA)
        let b = try sideB.resolve(nodeB)
        let pair = SchemaPair(a: a.tokens, b: b.tokens)
        guard inProgress.insert(pair).inserted else { return }
        defer { inProgress.remove(pair) }
        switch (a.shape, b.shape) {
        case (.anything, .anything), (.nothing, .nothing):
            return
        case (.nothing, _), (_, .nothing):
            let open: SpecSide = a.shape == .nothing ? .b : .a
            record(pointer, .values(a: Self.describe(a), b: Self.describe(b)), "\(open.rawValue) also allows \(what)")
        default:
            try compareKeywords(a, b, at: pointer)
        }
    }

    private mutating func compareKeywords(_ a: ResolvedSchema, _ b: ResolvedSchema, at pointer: JSONPointer) throws(SpecError) {
        let typesA = TypeSet(of: a)
        let typesB = TypeSet(of: b)
        if typesA != typesB {
            let overlap = typesA.overlaps(typesB)
            var allowances: [String] = []
            if overlap {
                let onlyA = typesA.allowed(beyond: typesB)
                let onlyB = typesB.allowed(beyond: typesA)
                if !onlyA.isEmpty { allowances.append("A also allows " + onlyA.joined(separator: ", ")) }
                if !onlyB.isEmpty { allowances.append("B also allows " + onlyB.joined(separator: ", ")) }
            }
            record(pointer.appending("type"), .values(a: typesA.text, b: typesB.text), allowances.isEmpty ? nil : allowances.joined(separator: "; "))
            // No value is allowed by both: the other keywords would only list differences about
            // values one side refuses anyway.
            if !overlap { return }
        }
        if let listed = ListedValues.difference(a, b) { record(listed, under: pointer) }
        compareFormatAndPattern(a, b, at: pointer)
        let integers = typesA.isIntegerOnly && typesB.isIntegerOnly
        for end in [BoundEnd.lower, .upper] {
            if let bound = NumericBound.difference(a, b, end, integers: integers) { record(bound, under: pointer) }
        }
        for sizes in SizeBounds.all {
            for end in [BoundEnd.lower, .upper] {
                if let bound = sizes.difference(a, b, end) { record(bound, under: pointer) }
            }
        }
        compareUniqueItems(a, b, at: pointer)
        compareRequired(a, b, at: pointer)
        try compareProperties(a, b, at: pointer)
        try compare(a.subschema("additionalProperties") ?? .absent, b.subschema("additionalProperties") ?? .absent,
                    at: pointer.appending("additionalProperties"), allowing: "properties not listed in properties")
        let tupleItems = a["items"]?.arrayValue != nil || b["items"]?.arrayValue != nil
        if !tupleItems {
            try compare(a.subschema("items") ?? .absent, b.subschema("items") ?? .absent, at: pointer.appending("items"), allowing: "array items")
        }
        try compareCompositions(a, b, at: pointer)
        compareOtherKeywords(a, b, at: pointer, tupleItems: tupleItems)
    }

    // MARK: - Keywords

    private mutating func compareFormatAndPattern(_ a: ResolvedSchema, _ b: ResolvedSchema, at pointer: JSONPointer) {
        let formatA = a["format"]?.stringValue
        let formatB = b["format"]?.stringValue
        if formatA != formatB {
            let allowance: String? = switch (formatA, formatB) {
            case (nil, let format?): "A also allows strings that are not \(format)"
            case (let format?, nil): "B also allows strings that are not \(format)"
            default: nil
            }
            record(pointer.appending("format"), .values(a: formatA ?? "none", b: formatB ?? "none"), allowance)
        }
        let patternA = a["pattern"]
        let patternB = b["pattern"]
        if patternA != patternB {
            let allowance: String? = switch (patternA, patternB) {
            case (nil, let pattern?): "A also allows strings that do not match \(pattern.serialized())"
            case (let pattern?, nil): "B also allows strings that do not match \(pattern.serialized())"
            default: nil
            }
            record(pointer.appending("pattern"), .values(a: patternA?.serialized() ?? "none", b: patternB?.serialized() ?? "none"), allowance)
        }
    }

    private mutating func compareUniqueItems(_ a: ResolvedSchema, _ b: ResolvedSchema, at pointer: JSONPointer) {
        let uniqueA = a["uniqueItems"] == .bool(true)
        let uniqueB = b["uniqueItems"] == .bool(true)
        guard uniqueA != uniqueB else { return }
        let repeating: SpecSide = uniqueA ? .b : .a
        record(pointer.appending("uniqueItems"),
               .values(a: a["uniqueItems"]?.serialized() ?? "none", b: b["uniqueItems"]?.serialized() ?? "none"),
               "\(repeating.rawValue) also allows arrays with repeated items")
    }

    private mutating func compareRequired(_ a: ResolvedSchema, _ b: ResolvedSchema, at pointer: JSONPointer) {
        let requiredA = a["required"]?.arrayValue?.compactMap(\.stringValue) ?? []
        let requiredB = b["required"]?.arrayValue?.compactMap(\.stringValue) ?? []
        let onlyA = requiredA.filter { !requiredB.contains($0) }
        let onlyB = requiredB.filter { !requiredA.contains($0) }
        guard !onlyA.isEmpty || !onlyB.isEmpty else { return }
        var allowances: [String] = []
        // What A requires and B does not, B allows to be missing.
        if !onlyB.isEmpty { allowances.append("A also allows objects without " + onlyB.joined(separator: ", ")) }
        if !onlyA.isEmpty { allowances.append("B also allows objects without " + onlyA.joined(separator: ", ")) }
        func text(_ names: [String]) -> String { names.isEmpty ? "none" : "[" + names.joined(separator: ", ") + "]" }
        record(pointer.appending("required"), .values(a: text(requiredA), b: text(requiredB)), allowances.joined(separator: "; "))
    }

    /// Properties on both sides are compared; one written on one side only is one line, with
    /// what the other side does with a property of that name.
    private mutating func compareProperties(_ a: ResolvedSchema, _ b: ResolvedSchema, at pointer: JSONPointer) throws(SpecError) {
        let namesA = a["properties"]?.objectValue?.keys ?? []
        let namesB = b["properties"]?.objectValue?.keys ?? []
        for name in namesA + namesB.filter({ !namesA.contains($0) }) {
            let propertyPointer = pointer.appending("properties").appending(name)
            switch (a.subschema("properties", member: name), b.subschema("properties", member: name)) {
            case (let propertyA?, let propertyB?):
                try compare(propertyA, propertyB, at: propertyPointer, allowing: "values")
            case (let present?, nil):
                try record(propertyPointer, .onlyIn(.a, name: nil), unlisted(present, in: .a, missingFrom: b, in: .b))
            case (nil, let present?):
                try record(propertyPointer, .onlyIn(.b, name: nil), unlisted(present, in: .b, missingFrom: a, in: .a))
            case (nil, nil):
                continue
            }
        }
    }

    /// What `absentSide`'s schema `other` lets through under a property name only `presentSide`
    /// writes: whatever its additionalProperties allows.
    private func unlisted(_ property: SchemaNode, in presentSide: SpecSide, missingFrom other: ResolvedSchema, in absentSide: SpecSide) throws(SpecError) -> String? {
        if other["patternProperties"] != nil { return nil }  // a pattern may cover the name
        let source = absentSide == .a ? sideA : sideB
        let additional = try source.resolve(other.subschema("additionalProperties") ?? .absent)
        switch additional.shape {
        case .nothing:
            return "\(presentSide.rawValue) also allows it (\(absentSide.rawValue)'s additionalProperties is false)"
        case .constrained:
            return "\(absentSide.rawValue) checks it against its additionalProperties"
        case .anything:
            let written = try (presentSide == .a ? sideA : sideB).resolve(property)
            return written.shape == .anything ? nil : "\(absentSide.rawValue) allows any value there"
        }
    }

    /// Branches compared in order when both sides have as many; otherwise one line saying how
    /// many each has (which branches correspond is not something a diff can know).
    private mutating func compareCompositions(_ a: ResolvedSchema, _ b: ResolvedSchema, at pointer: JSONPointer) throws(SpecError) {
        for keyword in Self.compositions {
            let branchesA = a[keyword]?.arrayValue
            let branchesB = b[keyword]?.arrayValue
            if branchesA == nil && branchesB == nil { continue }
            let keywordPointer = pointer.appending(keyword)
            if let branchesA, let branchesB, branchesA.count == branchesB.count {
                for index in branchesA.indices {
                    guard let branchA = a.subschema(keyword, element: index), let branchB = b.subschema(keyword, element: index) else { continue }
                    try compare(branchA, branchB, at: keywordPointer.appending(index: index), allowing: "values")
                }
            } else {
                func text(_ branches: [JSON]?) -> String {
                    guard let branches else { return "none" }
                    return branches.count == 1 ? "1 schema" : "\(branches.count) schemas"
                }
                record(keywordPointer, .values(a: text(branchesA), b: text(branchesB)), "they differ; compare the branches by hand")
            }
        }
    }

    /// Keywords without a rule of their own: different JSON is one line showing both.
    private mutating func compareOtherKeywords(_ a: ResolvedSchema, _ b: ResolvedSchema, at pointer: JSONPointer, tupleItems: Bool) {
        let namesA = a.keywords.map(\.name)
        let names = namesA + b.keywords.map(\.name).filter { !namesA.contains($0) }
        for name in names where !Self.keywordsWithRules.contains(name) || (name == "items" && tupleItems) {
            let valueA = a[name]
            let valueB = b[name]
            guard valueA != valueB else { continue }
            record(pointer.appending(name), .values(a: valueA.map(Self.shortJSON) ?? "none", b: valueB.map(Self.shortJSON) ?? "none"), nil)
        }
    }

    // MARK: - Recording

    private mutating func record(_ pointer: JSONPointer, _ finding: SpecDifference.Finding, _ allowance: String?) {
        differences.append(SchemaDifference(pointer: pointer, finding: finding, allowance: allowance))
    }

    private mutating func record(_ keyword: KeywordDifference, under pointer: JSONPointer) {
        record(pointer.appending(keyword.keyword), .values(a: keyword.a, b: keyword.b), keyword.allowance)
    }

    /// "false", "any" or "a schema": a whole schema in one word, for when one side is `false`.
    private static func describe(_ schema: ResolvedSchema) -> String {
        switch schema.shape {
        case .nothing: return "false"
        case .anything: return "any"
        case .constrained: return "a schema"
        }
    }

    /// JSON text, cut to 60 characters.
    private static func shortJSON(_ value: JSON) -> String {
        let text = value.serialized()
        return text.count > 60 ? String(text.prefix(59)) + "…" : text
    }
}
