// Turns schema JSON into SchemaNodes: one node per location (so `$ref` cycles close on the
// cached node instead of recursing), each keyword checked for shape and pre-built.

import JSON

/// Compiles the schema at one location of an index into a CompiledProgram.
///
/// Nodes are numbered in the order they are first reached and finished in any order (a `$ref`
/// cycle reaches a node again before its keywords are built); the program is made from the
/// finished nodes at the end, and never changes after that.
struct SchemaCompiler {
    /// A node being compiled: its resource, and once built its boolean value or keywords.
    private struct Draft {
        let resource: Int
        var constant: Bool?
        var keywords: [CompiledKeyword] = []
    }

    private var index: SchemaIndex
    private let formats: FormatMode
    private var cache: [SchemaLocation: Int] = [:]
    private var drafts: [Draft] = []
    private var usesDynamicRef = false
    private var hasReferences = false
    private var compiledResources: Set<Int> = []
    /// Everything Unretained payloads point at; handed to the program, which keeps it alive.
    private var retained: [any AnyObject & Sendable] = []
    /// Patterns that are never run (PatternCost), one line each: location, pattern, why.
    private(set) var patternsNeverRun: [String] = []

    init(index: SchemaIndex, formats: FormatMode) {
        self.index = index
        self.formats = formats
    }

    /// Compiles the schema at `location` (its resource is `resource`) and everything it reaches.
    mutating func compileProgram(at location: SchemaLocation, resource: Int) throws(SchemaCompileError) -> CompiledProgram {
        let scope = index.scope(at: location, resource: resource)
        let root = try node(at: location, scope: scope)
        var tables: [Int: [CodePointString: Int]] = [:]
        if usesDynamicRef {
            // Any compiled resource can be in the dynamic scope: compile its dynamic anchors too,
            // until no new resource turns up.
            var done: Set<Int> = []
            while let next = compiledResources.subtracting(done).first {
                done.insert(next)
                for (name, anchorLocation) in index.dynamicAnchors[next] ?? [:] {
                    let anchorScope = index.scope(at: anchorLocation, resource: next)
                    tables[next, default: [:]][name] = try node(at: anchorLocation, scope: anchorScope)
                }
            }
        }
        var keywords: [CompiledKeyword] = []
        let nodes = drafts.map { draft in
            SchemaNode(resource: draft.resource, constant: draft.constant, keywords: draft.keywords, appendingTo: &keywords)
        }
        return CompiledProgram(root: root, nodes: nodes, keywords: keywords, retained: retained, dynamicAnchors: tables,
                               usesDynamicScope: usesDynamicRef, hasReferences: hasReferences)
    }

    private func describe(_ location: SchemaLocation, _ scope: ScopeInfo) -> String {
        let pointer = JSONPointer(tokens: location.tokens).description
        return scope.base.text + "#" + pointer
    }

    /// The index of the node for the schema at `location`, compiling it the first time.
    private mutating func node(at location: SchemaLocation, scope: ScopeInfo) throws(SchemaCompileError) -> Int {
        if let cached = cache[location] { return cached }
        guard let schema = index.value(in: location.document, at: location.tokens) else {
            throw .notASchema(at: describe(location, scope))
        }
        let number = drafts.count
        cache[location] = number
        drafts.append(Draft(resource: scope.resource))
        compiledResources.insert(scope.resource)
        switch schema {
        case .bool(let constant):
            drafts[number].constant = constant
        case .object(let object):
            var builder = KeywordBuilder(object: object, location: location, scope: scope, description: describe(location, scope))
            let keywords = try build(&builder)
            drafts[number].keywords = keywords
            patternsNeverRun += builder.patternsNeverRun
        default:
            throw .notASchema(at: describe(location, scope))
        }
        return number
    }

    /// The child schema at `path` below the builder's location.
    private mutating func child(_ builder: KeywordBuilder, _ path: String...) throws(SchemaCompileError) -> ChildSchema {
        let location = SchemaLocation(document: builder.location.document, tokens: builder.location.tokens + path)
        let scope = index.scope(at: location, resource: builder.scope.resource)
        let compiled = try node(at: location, scope: scope)
        return ChildSchema(node: compiled, segment: keep(JSONPointer(tokens: path).description.dropFirst().description))
    }

    /// Boxes `value` and keeps the box alive for the program's lifetime.
    private mutating func keep<Value: Sendable>(_ value: Value) -> Unretained<Box<Value>> {
        keepObject(Box(value))
    }

    /// Keeps `object` alive for the program's lifetime and refers to it without retaining.
    private mutating func keepObject<Object: AnyObject & Sendable>(_ object: Object) -> Unretained<Object> {
        retained.append(object)
        return Unretained(object: object)
    }

    private mutating func build(_ b: inout KeywordBuilder) throws(SchemaCompileError) -> [CompiledKeyword] {
        var keywords: [CompiledKeyword] = []
        let vocabularies = b.scope.vocabularies
        func add(_ name: String, _ check: CompiledKeyword) { keywords.append(check) }

        // Core: references.
        if b.object["$ref"] != nil || b.object["$dynamicRef"] != nil { hasReferences = true }
        if let reference = b.object["$ref"] {
            guard case .string(let text) = reference else { throw b.invalid("$ref", "a string (a URI reference)") }
            add("$ref", .ref(try referenceTarget(text, b, keyword: "$ref").child))
        }
        if let reference = b.object["$dynamicRef"] {
            guard case .string(let text) = reference else { throw b.invalid("$dynamicRef", "a string (a URI reference)") }
            let target = try referenceTarget(text, b, keyword: "$dynamicRef")
            let fragment = target.fragment
            usesDynamicRef = true
            var anchor: Unretained<Box<String>>?
            if !fragment.isEmpty, !SchemaIndex.isPointer(fragment),
               let declared = index.value(in: target.location.document, at: target.location.tokens)?["$dynamicAnchor"]?.stringValue,
               declared.hasSameCodePoints(as: fragment) {
                anchor = keep(fragment)
            }
            add("$dynamicRef", .dynamicRef(target.child, anchor: anchor))
        }

        if vocabularies.contains(.validation) {
            try buildValidation(&b, add)
        }
        if vocabularies.contains(.format), formats == .assert, case .string(let name)? = b.object["format"],
           let known = KnownFormat(name: name) {
            add("format", .format(known))
        }
        if vocabularies.contains(.applicator) {
            try buildApplicators(&b, add)
        }
        if vocabularies.contains(.unevaluated) {
            if b.object["unevaluatedProperties"] != nil {
                add("unevaluatedProperties", .unevaluatedProperties(try child(b, "unevaluatedProperties")))
            }
            if b.object["unevaluatedItems"] != nil {
                add("unevaluatedItems", .unevaluatedItems(try child(b, "unevaluatedItems")))
            }
        }
        return keywords
    }

    private mutating func referenceTarget(_ text: String, _ b: KeywordBuilder, keyword: String) throws(SchemaCompileError)
        -> (child: ChildSchema, location: SchemaLocation, fragment: String) {
        guard let resolved = index.resolve(text, base: b.scope.base) else {
            throw .unresolvableReference(reference: text, resolvedURI: URIReference(text).resolved(against: b.scope.base).text,
                                         at: b.description + "/" + keyword)
        }
        let scope = index.scope(at: resolved.location, resource: resolved.resource)
        let target = try node(at: resolved.location, scope: scope)
        return (ChildSchema(node: target, segment: keep(keyword)), resolved.location, resolved.fragment)
    }

    private mutating func buildValidation(_ b: inout KeywordBuilder, _ add: (String, CompiledKeyword) -> Void) throws(SchemaCompileError) {
        let object = b.object
        if let type = object["type"] {
            var mask: TypeMask = []
            let names: [JSON]
            if case .array(let list) = type { names = list } else { names = [type] }
            for name in names {
                guard case .string(let text) = name, let bit = TypeMask(name: text) else {
                    throw b.invalid("type", "a type name or an array of type names")
                }
                mask.insert(bit)
            }
            add("type", .type(mask))
        }
        if let values = object["enum"] {
            guard case .array(let list) = values else { throw b.invalid("enum", "an array") }
            add("enum", .enumeration(keepObject(EnumValues(list))))
        }
        if let value = object["const"] { add("const", .constant(keep(value))) }
        if let value = object["multipleOf"] {
            guard let divisor = Divisor(value), (value.doubleValue ?? 0) > 0 else { throw b.invalid("multipleOf", "a number above 0") }
            add("multipleOf", .multipleOf(divisor))
        }
        let bounds: [(String, BoundKind)] = [("minimum", .minimum), ("exclusiveMinimum", .exclusiveMinimum),
                                             ("maximum", .maximum), ("exclusiveMaximum", .exclusiveMaximum)]
        for (name, kind) in bounds {
            guard let value = object[name] else { continue }
            if case .bool = value { continue } // OpenAPI 3.0 style `exclusiveMinimum: true`: not a 2020-12 bound.
            guard let number = SchemaNumber(value) else { throw b.invalid(name, "a number") }
            add(name, .bound(number, kind))
        }
        for (name, make) in [("maxLength", CompiledKeyword.maxLength), ("minLength", CompiledKeyword.minLength),
                             ("maxItems", CompiledKeyword.maxItems), ("minItems", CompiledKeyword.minItems),
                             ("maxProperties", CompiledKeyword.maxProperties), ("minProperties", CompiledKeyword.minProperties)] {
            guard let value = object[name] else { continue }
            add(name, make(try b.count(name, value)))
        }
        if let value = object["pattern"] {
            guard case .string(let source) = value else { throw b.invalid("pattern", "a string") }
            add("pattern", .pattern(keepObject(try b.regex(source, keyword: "pattern"))))
        }
        if case .bool(true)? = object["uniqueItems"] { add("uniqueItems", .uniqueItems) }
        if let value = object["required"] {
            guard case .array(let list) = value else { throw b.invalid("required", "an array of strings") }
            var names: [String] = []
            for item in list {
                guard case .string(let name) = item else { throw b.invalid("required", "an array of strings") }
                names.append(name)
            }
            add("required", .required(keep(names)))
        }
        if let value = object["dependentRequired"] {
            guard case .object(let map) = value else { throw b.invalid("dependentRequired", "an object of string arrays") }
            var entries: [(property: String, required: [String])] = []
            for member in map {
                guard case .array(let list) = member.value else { throw b.invalid("dependentRequired", "an object of string arrays") }
                entries.append((member.key, list.compactMap(\.stringValue)))
            }
            add("dependentRequired", .dependentRequired(keep(entries)))
        }
    }

    private mutating func buildApplicators(_ b: inout KeywordBuilder, _ add: (String, CompiledKeyword) -> Void) throws(SchemaCompileError) {
        let object = b.object
        for name in ["allOf", "anyOf", "oneOf"] {
            guard let value = object[name] else { continue }
            guard case .array(let list) = value, !list.isEmpty else { throw b.invalid(name, "a non-empty array of schemas") }
            var children: [ChildSchema] = []
            for position in list.indices { children.append(try child(b, name, String(position))) }
            let kept = keep(children)
            add(name, name == "allOf" ? .allOf(kept) : (name == "anyOf" ? .anyOf(kept) : .oneOf(kept)))
        }
        if object["not"] != nil { add("not", .not(try child(b, "not"))) }
        if object["if"] != nil {
            let condition = try child(b, "if")
            let then = object["then"] != nil ? try child(b, "then") : nil
            let otherwise = object["else"] != nil ? try child(b, "else") : nil
            add("if", .conditional(keep(Conditional(condition: condition, then: then, otherwise: otherwise))))
        }

        var propertyMap: PropertyMap?
        if let value = object["properties"] {
            guard case .object(let map) = value else { throw b.invalid("properties", "an object of schemas") }
            var children: [ChildSchema] = []
            for member in map { children.append(try child(b, "properties", member.key)) }
            let built = PropertyMap(names: map.keys, children: children)
            propertyMap = built
            add("properties", .properties(keepObject(built)))
        }
        var patterns: [PatternRegex] = []
        if let value = object["patternProperties"] {
            guard case .object(let map) = value else { throw b.invalid("patternProperties", "an object of schemas") }
            var entries: [PatternProperty] = []
            for member in map {
                let regex = try b.regex(member.key, keyword: "patternProperties")
                patterns.append(regex)
                entries.append(PatternProperty(regex: regex, schema: try child(b, "patternProperties", member.key)))
            }
            add("patternProperties", .patternProperties(keep(entries)))
        }
        if object["additionalProperties"] != nil {
            add("additionalProperties", .additionalProperties(try child(b, "additionalProperties"),
                                                              keep(AdditionalContext(known: propertyMap, patterns: patterns))))
        }
        if let value = object["dependentSchemas"] {
            guard case .object(let map) = value else { throw b.invalid("dependentSchemas", "an object of schemas") }
            var entries: [(property: String, schema: ChildSchema)] = []
            for member in map { entries.append((member.key, try child(b, "dependentSchemas", member.key))) }
            add("dependentSchemas", .dependentSchemas(keep(entries)))
        }
        if object["propertyNames"] != nil { add("propertyNames", .propertyNames(try child(b, "propertyNames"))) }

        var prefixCount = 0
        if let value = object["prefixItems"] {
            guard case .array(let list) = value, !list.isEmpty else { throw b.invalid("prefixItems", "a non-empty array of schemas") }
            var children: [ChildSchema] = []
            for position in list.indices { children.append(try child(b, "prefixItems", String(position))) }
            prefixCount = children.count
            add("prefixItems", .prefixItems(keep(children)))
        }
        if object["items"] != nil { add("items", .items(try child(b, "items"), startingAt: prefixCount)) }
        if object["contains"] != nil {
            let validation = b.scope.vocabularies.contains(.validation)
            let minimum = validation ? try object["minContains"].map { value throws(SchemaCompileError) in try b.count("minContains", value) } : nil
            let maximum = validation ? try object["maxContains"].map { value throws(SchemaCompileError) in try b.count("maxContains", value) } : nil
            add("contains", .contains(try child(b, "contains"), min: minimum ?? 1, max: maximum))
        }
    }
}

/// The object being compiled, its location and helpers that check keyword shapes.
private struct KeywordBuilder {
    let object: JSONObject
    let location: SchemaLocation
    let scope: ScopeInfo
    /// The location as `base#/pointer`, for compile errors.
    let description: String
    /// The patterns compiled here that are never run, described.
    var patternsNeverRun: [String] = []

    func invalid(_ keyword: String, _ expected: String) -> SchemaCompileError {
        .invalidKeyword(keyword: keyword, expected: expected, at: description)
    }

    /// A non-negative integer keyword value (2.0 counts).
    func count(_ keyword: String, _ value: JSON) throws(SchemaCompileError) -> Int {
        guard let integer = value.integerValue, integer >= 0 else { throw invalid(keyword, "a non-negative integer") }
        return Int(clamping: integer)
    }

    mutating func regex(_ source: String, keyword: String) throws(SchemaCompileError) -> PatternRegex {
        let regex: PatternRegex
        do {
            regex = try PatternRegex(source)
        } catch {
            throw .invalidPattern(pattern: source, reason: String(describing: error), at: description + "/" + keyword)
        }
        if regex.cost.neverRuns {
            patternsNeverRun.append("\(description)/\(keyword): the pattern /\(source)/ is never run, so values are not checked against it: \(regex.cost.reason ?? "")")
        }
        return regex
    }
}
