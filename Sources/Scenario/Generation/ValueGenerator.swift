// Walks a JSON Schema (draft 2020-12, as OpenAPI 3.1 writes it) and builds one value that
// satisfies it, drawing every choice from a seeded generator so a seed repeats the value.

import JSON
import JSONSchema
import Quantities

/// One value for one schema. Handles `type` (and type arrays, so `["string", "null"]`),
/// `const`, `enum`, objects (`properties`, `required`, `additionalProperties`, `min/maxProperties`,
/// `dependentRequired`), arrays (`items`, `prefixItems`, `min/maxItems`, `uniqueItems`, `contains`),
/// strings (lengths, `pattern`, the asserted formats), numbers (bounds, exclusive bounds,
/// `multipleOf`), `allOf`, `anyOf`, `oneOf` and local `$ref`s. Keywords it does not generate for
/// (`not`, `if`, `unevaluated*`, `dependentSchemas`, `$dynamicRef`, …) are left to the validator
/// check `BodyGenerator` runs after it.
struct ValueGenerator {
    let document: JSON
    var style: GenerationStyle
    var random: SeededRandom
    /// Below this many nested values only required members and `minItems` items are made,
    /// so recursive schemas end.
    let depthLimit: Int

    /// Required members nesting this far past `depthLimit` mean the schema requires itself.
    private static let depthAllowance = 16
    /// `$ref`s followed in a row before calling it a cycle.
    private static let referenceHops = 32
    /// Keywords that never rule out an enum member (`type` is checked without the validator).
    private static let annotationKeywords: Set<String> = [
        "enum", "type", "title", "description", "default", "examples", "deprecated", "readOnly", "writeOnly", "$comment",
    ]
    /// Draws made for one array item before giving up on `uniqueItems`.
    private static let uniqueDraws = 32

    /// A value satisfying `schema`, which sits at `pointer` of `document`.
    mutating func value(for schema: JSON, at pointer: JSONPointer, depth: Int) throws(BodyGenerationError) -> JSON {
        if depth > depthLimit + Self.depthAllowance { throw .tooDeep(pointer: pointer, limit: depthLimit) }
        let (resolved, at) = try resolve(schema, at: pointer)
        guard var keywords = resolved else { throw .unsatisfiable(pointer: at, reason: "the schema is `false`") }

        if let parts = keywords["allOf"]?.arrayValue {
            keywords["allOf"] = nil
            for (index, part) in parts.enumerated() {
                let partPointer = at.appending("allOf").appending(index: index)
                guard let partKeywords = try resolve(part, at: partPointer).keywords else {
                    throw .unsatisfiable(pointer: partPointer, reason: "an allOf member is `false`")
                }
                keywords = SchemaMerge.merge(keywords, partKeywords)
            }
            return try value(for: .object(keywords), at: at, depth: depth)
        }
        for keyword in ["oneOf", "anyOf"] {
            if let branches = keywords[keyword]?.arrayValue {
                keywords[keyword] = nil
                return try branchValue(keyword: keyword, branches: branches, rest: keywords, at: at, depth: depth)
            }
        }
        if let constant = keywords["const"] { return constant }
        if var choices = keywords["enum"]?.arrayValue {
            // Beside an enum, other keywords (a type, a length) can rule members out: ask the
            // validator, but only then, as compiling costs more than most enums are long.
            if keywords.keys.contains(where: { !Self.annotationKeywords.contains($0) }) {
                let probe = SchemaProbe(document: document)
                var allowed: [JSON] = []
                for choice in choices where try probe.accepts(.object(keywords), choice, at: at, keyword: "enum") {
                    allowed.append(choice)
                }
                choices = allowed
            } else if let declared = keywords["type"] {
                let names = SchemaMerge.typeNames(declared)
                choices = choices.filter { choice in names.contains { Self.isInstance(choice, ofType: $0) } }
            }
            guard !choices.isEmpty else { throw .unsatisfiable(pointer: at, reason: "no member of the enum satisfies the schema") }
            return style == .minimal ? choices[0] : choices[Int.random(in: 0..<choices.count, using: &random)]
        }
        switch try type(of: keywords, at: at) {
        case "null": return .null
        case "boolean": return .bool(style == .minimal ? false : style == .full ? true : Bool.random(using: &random))
        case "object": return try object(keywords, at: at, depth: depth)
        case "array": return try array(keywords, at: at, depth: depth)
        case "integer": return try number(keywords, integer: true, at: at)
        case "number": return try number(keywords, integer: false, at: at)
        case "string": return try string(keywords, at: at)
        case let other: throw .unsupported(pointer: at, keyword: "type", reason: "unknown type '\(other)'")
        }
    }

    /// Whether `value` is of the JSON Schema type `name` (an integral double is an integer).
    private static func isInstance(_ value: JSON, ofType name: String) -> Bool {
        switch (name, value) {
        case ("null", .null), ("boolean", .bool), ("string", .string), ("array", .array), ("object", .object),
             ("number", .integer), ("number", .double), ("integer", .integer):
            return true
        case ("integer", .double(let number)):
            return number.rounded() == number
        default:
            return false
        }
    }

    // MARK: - References and composition

    /// The schema's keywords after following `$ref`s (siblings of a `$ref` merge into its
    /// target); nil keywords for `false`, empty ones for `true`.
    private func resolve(_ schema: JSON, at pointer: JSONPointer) throws(BodyGenerationError)
        -> (keywords: JSONObject?, pointer: JSONPointer) {
        var current = schema
        var at = pointer
        var siblings: [JSONObject] = []
        for _ in 0..<Self.referenceHops {
            switch current {
            case .bool(let allows): return (allows ? siblings.reduce(JSONObject(), SchemaMerge.merge) : nil, at)
            case .object(var keywords):
                guard let reference = keywords["$ref"] else {
                    return (siblings.reversed().reduce(keywords, SchemaMerge.merge), at)
                }
                keywords["$ref"] = nil
                if !keywords.isEmpty { siblings.append(keywords) }
                guard let text = reference.stringValue, text == "#" || text.hasPrefix("#/") else {
                    throw .unsupported(pointer: at, keyword: "$ref",
                                       reason: "only JSON Pointer references inside the document (#/…) are followed, "
                                           + "not '\(reference.stringValue ?? "\(reference)")'")
                }
                guard let target = try? JSONPointer(fragment: text), let found = document.value(at: target) else {
                    throw .unresolvedReference(pointer: at, reference: text)
                }
                current = found
                at = target
            default:
                throw .unsupported(pointer: at, keyword: "schema", reason: "a schema must be an object or a boolean")
            }
        }
        throw .unsatisfiable(pointer: at, reason: "more than \(Self.referenceHops) $refs in a row (a reference cycle)")
    }

    /// A value from one branch of `oneOf` / `anyOf` (with the parent's other keywords); for
    /// `oneOf` the validator confirms that exactly one branch accepts it, else the next is tried.
    private mutating func branchValue(keyword: String, branches: [JSON], rest: JSONObject, at: JSONPointer,
                                      depth: Int) throws(BodyGenerationError) -> JSON {
        guard !branches.isEmpty else { throw .unsatisfiable(pointer: at, reason: "\(keyword) lists no schemas") }
        var order = Array(branches.indices)
        if style != .minimal { order.shuffle(using: &random) }
        let probe = SchemaProbe(document: document)
        var lastError = BodyGenerationError.unsatisfiable(
            pointer: at.appending(keyword),
            reason: keyword == "oneOf" ? "no generated value matches exactly one oneOf branch" : "every anyOf branch is `false`")
        // Each branch twice: a second draw can leave an overlap with another branch.
        for index in order + order {
            let branchPointer = at.appending(keyword).appending(index: index)
            do {
                guard let branch = try resolve(branches[index], at: branchPointer).keywords else { continue }
                let candidate = try value(for: .object(SchemaMerge.merge(rest, branch)), at: branchPointer, depth: depth)
                if keyword == "oneOf" {
                    var matches = 0
                    for other in branches where try probe.accepts(other, candidate, at: at, keyword: keyword) { matches += 1 }
                    guard matches == 1 else { continue }
                }
                return candidate
            } catch {
                lastError = error
            }
        }
        throw lastError
    }

    /// The type to generate: `type` (a random one of a type array outside the minimal and
    /// full styles, which prefer the first non-null), else one read off the other keywords.
    private mutating func type(of keywords: JSONObject, at: JSONPointer) throws(BodyGenerationError) -> String {
        if let declared = keywords["type"] {
            let names = SchemaMerge.typeNames(declared)
            guard !names.isEmpty else { throw .unsatisfiable(pointer: at, reason: "`type` allows no type") }
            if style == .sampled { return names[Int.random(in: 0..<names.count, using: &random)] }
            return names.first { $0 != "null" } ?? names[0]
        }
        let hints: [(String, [String])] = [
            ("object", ["properties", "required", "additionalProperties", "patternProperties", "minProperties", "maxProperties"]),
            ("array", ["items", "prefixItems", "minItems", "maxItems", "uniqueItems", "contains"]),
            ("string", ["minLength", "maxLength", "pattern", "format"]),
            ("number", ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"]),
        ]
        // A schema without hints (`{}`) accepts anything; a string is the most readable choice.
        return hints.first { $0.1.contains { keywords[$0] != nil } }?.0 ?? "string"
    }

    // MARK: - Objects and arrays

    private mutating func object(_ keywords: JSONObject, at: JSONPointer, depth: Int) throws(BodyGenerationError) -> JSON {
        let properties = keywords["properties"]?.objectValue ?? [:]
        let required = (keywords["required"]?.arrayValue ?? []).compactMap(\.stringValue)
        let additional = keywords["additionalProperties"]
        let closed = additional?.boolValue == false
        let minimum = try countKeyword(keywords, "minProperties", at: at) ?? 0
        let maximum = try countKeyword(keywords, "maxProperties", at: at) ?? Int.max
        let dependents = keywords["dependentRequired"]?.objectValue ?? [:]
        let memberStyle = depth >= depthLimit ? .minimal : style

        var chosen = Set(required)
        for name in properties.keys where !chosen.contains(name) {
            switch memberStyle {
            case .minimal: break
            case .full: chosen.insert(name)
            case .sampled: if Bool.random(using: &random) { chosen.insert(name) }
            }
        }
        // Keep optional members within maxProperties before pulling in their dependents.
        for name in properties.keys.reversed() where chosen.count > maximum && !required.contains(name) {
            chosen.remove(name)
        }
        var pending = Array(chosen)
        while let name = pending.popLast() {
            for dependent in (dependents[name]?.arrayValue ?? []).compactMap(\.stringValue) where !chosen.contains(dependent) {
                chosen.insert(dependent)
                pending.append(dependent)
            }
        }
        for name in properties.keys where chosen.count < minimum && !chosen.contains(name) { chosen.insert(name) }
        guard chosen.count <= maximum else {
            throw .unsatisfiable(pointer: at, reason: "\(chosen.count) members are required but maxProperties is \(maximum)")
        }

        var names = properties.keys.filter { chosen.contains($0) }
        names += required.filter { properties[$0] == nil && !names.contains($0) }
        var extra = 0
        while names.count < minimum {
            guard !closed else {
                throw .unsatisfiable(pointer: at, reason: "minProperties \(minimum) needs more members than properties "
                                     + "declares, and additionalProperties is false")
            }
            extra += 1
            let name = "extra_\(extra)"
            if !names.contains(name) { names.append(name) }
        }

        var members: [JSONObject.Member] = []
        for name in names {
            let schema: JSON
            let memberPointer: JSONPointer
            if let declared = properties[name] {
                schema = declared
                memberPointer = at.appending("properties").appending(name)
            } else if closed {
                throw .unsatisfiable(pointer: at, reason: "'\(name)' is required but additionalProperties is false "
                                     + "and properties does not declare it")
            } else {
                schema = additional ?? true
                memberPointer = at.appending("additionalProperties")
            }
            members.append(JSONObject.Member(key: name, value: try value(for: schema, at: memberPointer, depth: depth + 1)))
        }
        return .object(JSONObject(uniqueMembers: members))
    }

    private mutating func array(_ keywords: JSONObject, at: JSONPointer, depth: Int) throws(BodyGenerationError) -> JSON {
        let prefix = keywords["prefixItems"]?.arrayValue ?? []
        let items = keywords["items"]
        let minimum = try countKeyword(keywords, "minItems", at: at) ?? 0
        var maximum = try countKeyword(keywords, "maxItems", at: at) ?? Int.max
        if items?.boolValue == false { maximum = min(maximum, prefix.count) }
        guard minimum <= maximum else {
            throw .unsatisfiable(pointer: at, reason: "minItems \(minimum) exceeds the \(maximum) items allowed")
        }
        let drawnCount: Int
        switch depth >= depthLimit ? .minimal : style {
        case .minimal: drawnCount = minimum
        case .full: drawnCount = max(minimum, min(maximum, 2))
        case .sampled: drawnCount = Int.random(in: minimum...min(maximum, minimum + 3), using: &random)
        }
        // `contains` wants its matches among the items: the first `minContains` (default 1) are
        // generated from it (and `items`); the validator checks `maxContains` afterwards.
        let contains = keywords["contains"]
        let containing = contains == nil ? 0 : try countKeyword(keywords, "minContains", at: at) ?? 1
        guard containing <= maximum else {
            throw .unsatisfiable(pointer: at, reason: "contains needs \(containing) items but at most \(maximum) are allowed")
        }
        let count = max(drawnCount, containing)
        let unique = keywords["uniqueItems"]?.boolValue == true
        var elements: [JSON] = []
        for index in 0..<count {
            var (schema, schemaPointer) = index < prefix.count
                ? (prefix[index], at.appending("prefixItems").appending(index: index))
                : (items ?? true, at.appending("items"))
            if index < containing, let contains {
                schema = ["allOf": [schema, contains]]
                schemaPointer = at.appending("contains")
            }
            var element = try value(for: schema, at: schemaPointer, depth: depth + 1)
            if unique && elements.contains(element) {
                // The minimal style repeats itself by design; draw other values instead.
                let saved = style
                style = .sampled
                defer { style = saved }
                var draws = 0
                while elements.contains(element) {
                    draws += 1
                    guard draws <= Self.uniqueDraws else {
                        throw .unsatisfiable(pointer: at, reason: "uniqueItems: found only \(elements.count) distinct items "
                                             + "of the \(count) needed")
                    }
                    element = try value(for: schema, at: schemaPointer, depth: depth + 1)
                }
            }
            elements.append(element)
        }
        return .array(elements)
    }

    /// Larger `min*` counts than this are refused rather than built: no request body needs a
    /// million items, and building one would stall the run.
    private static let largestCount = 100_000

    /// A count keyword (`minItems`, `maxLength`, …): a non-negative integer, `min*` ones at most
    /// `largestCount`.
    private func countKeyword(_ keywords: JSONObject, _ name: String, at: JSONPointer) throws(BodyGenerationError) -> Int? {
        guard let value = keywords[name] else { return nil }
        guard let count = value.integerValue, count >= 0 else {
            throw .unsatisfiable(pointer: at, reason: "\(name) must be a non-negative integer, not \(value)")
        }
        if name.hasPrefix("min") && count > Self.largestCount {
            throw .unsupported(pointer: at, keyword: name, reason: "\(count) is more than the \(Self.largestCount) generated here")
        }
        return Int(clamping: count)
    }

    // MARK: - Scalars

    private mutating func number(_ keywords: JSONObject, integer: Bool, at: JSONPointer) throws(BodyGenerationError) -> JSON {
        let bounds = try NumberBounds(schema: keywords, integer: integer, pointer: at)
        return style == .minimal ? bounds.nearestZero : bounds.random(using: &random)
    }

    /// Pattern samples drawn before concluding none fits the length bounds.
    private static let patternDraws = 64

    private mutating func string(_ keywords: JSONObject, at: JSONPointer) throws(BodyGenerationError) -> JSON {
        let shortest = try countKeyword(keywords, "minLength", at: at) ?? 0
        let longest = try countKeyword(keywords, "maxLength", at: at) ?? Int.max
        guard shortest <= longest else {
            throw .unsatisfiable(pointer: at, reason: "minLength \(shortest) exceeds maxLength \(longest)")
        }
        if let pattern = keywords["pattern"]?.stringValue {
            return .string(try patternString(pattern, lengths: shortest...longest, at: at))
        }
        if let format = keywords["format"]?.stringValue, FormattedStrings.known.contains(format) {
            return .string(try FormattedStrings.value(format: format, lengths: shortest...longest, minimal: style == .minimal,
                                                      pointer: at, using: &random))
        }
        // Never empty unless maxLength says so: an empty name or id is rarely what an API expects.
        let floor = max(shortest, min(1, longest))
        let length = style == .minimal ? floor : Int.random(in: floor...min(longest, floor + 15), using: &random)
        return .string(FormattedStrings.alphanumeric(length, using: &random))
    }

    private mutating func patternString(_ pattern: String, lengths: ClosedRange<Int>, at: JSONPointer) throws(BodyGenerationError) -> String {
        let sampler: PatternSampler
        let regex: PatternRegex
        do {
            sampler = try PatternSampler(pattern)
        } catch {
            throw .unsupported(pointer: at, keyword: "pattern", reason: "'\(pattern)': \(error.reason)")
        }
        do {
            regex = try PatternRegex(pattern)
        } catch {
            throw .unsatisfiable(pointer: at, reason: "'\(pattern)' is not a valid pattern: \(error)")
        }
        for draw in 0..<Self.patternDraws {
            var text = sampler.sample(minimal: style == .minimal && draw == 0, using: &random)
            // Patterns match anywhere unless anchored: pad a free side up to minLength.
            if text.unicodeScalars.count < lengths.lowerBound {
                let padding = FormattedStrings.alphanumeric(lengths.lowerBound - text.unicodeScalars.count, using: &random)
                if !sampler.anchoredAtEnd {
                    text += padding
                } else if !sampler.anchoredAtStart {
                    text = padding + text
                }
            }
            // A pattern too costly to run on the text (PatternCost) cannot confirm the draw; the
            // sampler built it from the pattern, so it stands.
            if lengths.contains(text.unicodeScalars.count) && regex.test(text) != false { return text }
        }
        throw .unsatisfiable(pointer: at, reason: "no string drawn from pattern '\(pattern)' fits "
                             + "minLength/maxLength \(lengths.lowerBound)…\(lengths.upperBound) and matches it")
    }
}
