// The compiled form of a schema: one SchemaNode per (sub)schema, holding its keywords already
// turned into checks — `$ref` targets resolved to nodes, regexes compiled, enum sets and
// property maps built — so validation never looks at the schema's JSON again.

import JSON

/// One compiled (sub)schema. Built by SchemaCompiler, immutable once compilation ends, and owned
/// by its CompiledProgram (nodes point at each other without retaining; the program keeps all alive).
final class SchemaNode: @unchecked Sendable {
    /// The compiled content, filled in once after creation (a `$ref` cycle needs the node to
    /// exist before its keywords do). Kept behind a pointer rather than in `var`s because class
    /// `var`s pay a dynamic exclusivity check on every read, and this is read per validated value;
    /// the boolean check (BooleanEvaluator) walks these bodies without touching the node at all.
    let body: UnsafeMutablePointer<Body>
    /// The schema resource (`$id` scope) this node belongs to: an index into the program's tables.
    let resource: Int

    /// Everything validation reads from a node. Trivially copyable (pointers and plain values), so
    /// reading it costs no reference counting.
    struct Body {
        /// For boolean schemas (`true` / `false`): the fixed answer. Nil for object schemas.
        var constant: Bool?
        /// The keywords in evaluation order (`unevaluated*` last, since they read the others'
        /// results), in memory the node owns.
        var keywords = UnsafeMutableBufferPointer<CompiledKeyword>(start: nil, count: 0)
        /// Whether the node has `unevaluatedProperties` / `unevaluatedItems` and so must collect
        /// which members and items its in-place applicators evaluated.
        var collectsEvaluated = false
        /// The kinds of value the `type` keyword admits (every kind when there is none). The
        /// boolean check tests it before the other keywords, without a keyword dispatch.
        var typeMask = TypeMask.all
        /// The keywords except `type`, for the boolean check, in memory the node owns.
        var keywordsAfterType = UnsafeMutableBufferPointer<CompiledKeyword>(start: nil, count: 0)
        /// Whether `typeMask` is all there is to check (`{"type": "string"}`, the commonest leaf):
        /// then a parent answers for the node without evaluating it.
        var checksTypeOnly = false
        /// The node this body belongs to, for handing it to the Evaluator.
        let owner: Unmanaged<SchemaNode>
    }

    init(resource: Int) {
        self.resource = resource
        body = UnsafeMutablePointer<Body>.allocate(capacity: 1)
        body.initialize(to: Body(owner: Unmanaged.passUnretained(self)))
    }

    deinit {
        Self.free(body.pointee.keywords)
        Self.free(body.pointee.keywordsAfterType)
        body.deinitialize(count: 1)
        body.deallocate()
    }

    var constant: Bool? {
        get { body.pointee.constant }
        set {
            body.pointee.constant = newValue
            updateTypeCheckOnly()
        }
    }

    /// The keywords; setting them (once, while compiling) also derives what the boolean check reads.
    var keywords: [CompiledKeyword] {
        get { Array(body.pointee.keywords) }
        set {
            Self.free(body.pointee.keywords)
            Self.free(body.pointee.keywordsAfterType)
            body.pointee.keywords = Self.store(newValue)
            body.pointee.collectsEvaluated = newValue.contains {
                switch $0 {
                case .unevaluatedItems, .unevaluatedProperties: return true
                default: return false
                }
            }
            var mask = TypeMask.all
            var others: [CompiledKeyword] = []
            for keyword in newValue {
                if case .type(let allowed) = keyword { mask = mask.intersection(allowed) } else { others.append(keyword) }
            }
            body.pointee.typeMask = mask
            body.pointee.keywordsAfterType = Self.store(others)
            updateTypeCheckOnly()
        }
    }

    private func updateTypeCheckOnly() {
        body.pointee.checksTypeOnly = body.pointee.constant == nil && !body.pointee.collectsEvaluated
            && body.pointee.keywordsAfterType.isEmpty
    }

    private static func store(_ keywords: [CompiledKeyword]) -> UnsafeMutableBufferPointer<CompiledKeyword> {
        let stored = UnsafeMutableBufferPointer<CompiledKeyword>.allocate(capacity: keywords.count)
        _ = stored.initialize(from: keywords)
        return stored
    }

    private static func free(_ keywords: UnsafeMutableBufferPointer<CompiledKeyword>) {
        keywords.deinitialize()
        keywords.deallocate()
    }

    var collectsEvaluated: Bool { body.pointee.collectsEvaluated }

    /// Runs `visit` over the keywords without copying them.
    @inline(__always)
    func withKeywords<Result>(_ visit: (UnsafeBufferPointer<CompiledKeyword>) -> Result) -> Result {
        visit(UnsafeBufferPointer(body.pointee.keywords))
    }
}

/// A reference that neither retains nor releases: keyword payloads hold these so that copying a
/// keyword is a plain memory copy (no reference counting on the validation path). The program's
/// `retained` list keeps every referenced object alive for as long as the program exists.
struct Unretained<Object: AnyObject>: @unchecked Sendable {
    private let reference: Unmanaged<Object>

    init(object: Object) {
        reference = .passUnretained(object)
    }

    /// The object, as a strong reference (the caller's use may retain it).
    var object: Object { reference.takeUnretainedValue() }

    /// Runs `body` with the object borrowed: no retain or release around the calls inside, which
    /// a plain `object` read pays whenever it is passed to a function.
    @inline(__always)
    func withObject<Result>(_ body: (Object) -> Result) -> Result {
        reference._withUnsafeGuaranteedRef(body)
    }
}

/// An immutable box, to hand a value to a keyword as an Unretained reference.
final class Box<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}

/// A child schema together with the schema-path segment that leads to it ("properties/name").
struct ChildSchema: @unchecked Sendable {
    unowned(unsafe) let node: SchemaNode
    /// The node's body, for the boolean check (a plain pointer: reading it retains nothing).
    let body: UnsafeMutablePointer<SchemaNode.Body>
    /// RFC 6901-escaped path from the parent node, without a leading slash.
    unowned(unsafe) let segmentBox: Box<String>

    init(node: SchemaNode, segmentBox: Box<String>) {
        self.node = node
        body = node.body
        self.segmentBox = segmentBox
    }

    var segment: String { segmentBox.value }
}

/// `if` / `then` / `else` of one schema.
struct Conditional {
    let condition: ChildSchema
    let then: ChildSchema?
    let otherwise: ChildSchema?
}

/// What `additionalProperties` must skip: the sibling `properties` names and `patternProperties` regexes.
struct AdditionalContext {
    let known: PropertyMap?
    let patterns: [PatternRegex]
}

/// The check one keyword performs. Every payload is trivially copyable (numbers, enums or
/// Unretained references), so keyword lists are read without reference counting.
enum CompiledKeyword: @unchecked Sendable {
    case type(TypeMask)
    case enumeration(Unretained<EnumValues>)
    case constant(Unretained<Box<JSON>>)
    case multipleOf(Divisor)
    case bound(SchemaNumber, BoundKind)
    case maxLength(Int)
    case minLength(Int)
    case pattern(Unretained<PatternRegex>)
    case format(KnownFormat)

    case properties(Unretained<PropertyMap>)
    case patternProperties(Unretained<Box<[(PatternRegex, ChildSchema)]>>)
    case additionalProperties(ChildSchema, Unretained<Box<AdditionalContext>>)
    case required(Unretained<Box<[String]>>)
    case dependentRequired(Unretained<Box<[(property: String, required: [String])]>>)
    case dependentSchemas(Unretained<Box<[(property: String, schema: ChildSchema)]>>)
    case propertyNames(ChildSchema)
    case maxProperties(Int)
    case minProperties(Int)

    case prefixItems(Unretained<Box<[ChildSchema]>>)
    case items(ChildSchema, startingAt: Int)
    case contains(ChildSchema, min: Int, max: Int?)
    case maxItems(Int)
    case minItems(Int)
    case uniqueItems

    case allOf(Unretained<Box<[ChildSchema]>>)
    case anyOf(Unretained<Box<[ChildSchema]>>)
    case oneOf(Unretained<Box<[ChildSchema]>>)
    case not(ChildSchema)
    case conditional(Unretained<Box<Conditional>>)
    case ref(ChildSchema)
    case dynamicRef(ChildSchema, anchor: Unretained<Box<String>>?)

    case unevaluatedProperties(ChildSchema)
    case unevaluatedItems(ChildSchema)

    /// The keyword's name, for error locations.
    var name: String {
        switch self {
        case .type: return "type"
        case .enumeration: return "enum"
        case .constant: return "const"
        case .multipleOf: return "multipleOf"
        case .bound(_, let kind):
            switch kind {
            case .minimum: return "minimum"
            case .exclusiveMinimum: return "exclusiveMinimum"
            case .maximum: return "maximum"
            case .exclusiveMaximum: return "exclusiveMaximum"
            }
        case .maxLength: return "maxLength"
        case .minLength: return "minLength"
        case .pattern: return "pattern"
        case .format: return "format"
        case .properties: return "properties"
        case .patternProperties: return "patternProperties"
        case .additionalProperties: return "additionalProperties"
        case .required: return "required"
        case .dependentRequired: return "dependentRequired"
        case .dependentSchemas: return "dependentSchemas"
        case .propertyNames: return "propertyNames"
        case .maxProperties: return "maxProperties"
        case .minProperties: return "minProperties"
        case .prefixItems: return "prefixItems"
        case .items: return "items"
        case .contains: return "contains"
        case .maxItems: return "maxItems"
        case .minItems: return "minItems"
        case .uniqueItems: return "uniqueItems"
        case .allOf: return "allOf"
        case .anyOf: return "anyOf"
        case .oneOf: return "oneOf"
        case .not: return "not"
        case .conditional: return "if"
        case .ref: return "$ref"
        case .dynamicRef: return "$dynamicRef"
        case .unevaluatedProperties: return "unevaluatedProperties"
        case .unevaluatedItems: return "unevaluatedItems"
        }
    }
}

/// `properties`: the declared names with their schemas, looked up by name.
final class PropertyMap: @unchecked Sendable {
    let names: [String]
    let children: [ChildSchema]
    private let indexByName: [String: Int]
    /// Whether every name is ASCII (then a name with other bytes than the key's is not the key, if the key is ASCII too).
    private let namesAreASCII: Bool

    init(names: [String], children: [ChildSchema]) {
        self.names = names
        self.children = children
        var index: [String: Int] = [:]
        for (position, name) in names.enumerated() { index[name] = position }
        indexByName = index
        namesAreASCII = names.allSatisfy(\.isASCII)
    }

    /// The position of `name` among the declared properties. `hint` is tried first: instances
    /// usually list members in the schema's order, which makes the lookup one byte comparison.
    @inline(__always)
    func position(of name: String, hint: Int) -> Int? {
        if hint < names.count && names[hint].hasSameBytes(as: name) { return hint }
        return position(of: name)
    }

    /// The position of `name` among the declared properties, without a hint.
    func position(of name: String) -> Int? {
        if names.count > 8 { return indexByName[name] }
        for position in names.indices where names[position].hasSameBytes(as: name) { return position }
        if namesAreASCII && name.isASCII { return nil }
        for position in names.indices where names[position] == name { return position }
        return nil
    }
}

/// Which JSON types `type` allows, as bits.
struct TypeMask: OptionSet, Sendable {
    let rawValue: UInt8
    static let null = TypeMask(rawValue: 1)
    static let boolean = TypeMask(rawValue: 2)
    static let integer = TypeMask(rawValue: 4)
    static let number = TypeMask(rawValue: 8)
    static let string = TypeMask(rawValue: 16)
    static let array = TypeMask(rawValue: 32)
    static let object = TypeMask(rawValue: 64)
    /// Every kind of value (no `type` keyword).
    static let all = TypeMask(rawValue: 127)

    /// The names in the order the spec lists them, for messages.
    static let names: [(TypeMask, String)] = [
        (.string, "string"), (.number, "number"), (.integer, "integer"), (.object, "object"),
        (.array, "array"), (.boolean, "boolean"), (.null, "null"),
    ]

    init(rawValue: UInt8) { self.rawValue = rawValue }

    init?(name: String) {
        guard let entry = Self.names.first(where: { $0.1 == name }) else { return nil }
        self = entry.0
    }

    /// Whether `value` has one of these types (an integral double counts as an integer).
    @inline(__always)
    func admits(_ value: JSON) -> Bool {
        switch value {
        case .null: return contains(.null)
        case .bool: return contains(.boolean)
        case .integer: return !isDisjoint(with: [.integer, .number])
        case .double(let number):
            if contains(.number) { return true }
            return contains(.integer) && number.isFinite && number.rounded(.towardZero) == number
        case .string: return contains(.string)
        case .array: return contains(.array)
        case .object: return contains(.object)
        }
    }

    /// "string or null".
    var listText: String {
        let parts = Self.names.filter { contains($0.0) }.map(\.1)
        if parts.count <= 1 { return parts.first ?? "nothing" }
        return parts.dropLast().joined(separator: ", ") + " or " + (parts.last ?? "")
    }
}

/// `enum`: the allowed values, with a hash set when the list is long enough to pay for it.
final class EnumValues: @unchecked Sendable {
    let values: [JSON]
    let set: Set<JSON>?
    /// The values when every one is a string (the usual enum), compared in place by the boolean check.
    private let strings: [String]?
    /// Whether every value is an ASCII string.
    private let stringsAreASCII: Bool

    init(_ values: [JSON]) {
        self.values = values
        set = values.count > 8 ? Set(values) : nil
        let strings = values.compactMap(\.stringValue)
        self.strings = strings.count == values.count ? strings : nil
        stringsAreASCII = strings.count == values.count && strings.allSatisfy(\.isASCII)
    }

    @inline(__always)
    func contains(_ value: JSON) -> Bool {
        if let set { return set.contains(value) }
        for candidate in values where candidate == value { return true }
        return false
    }

    /// Whether the value at `instance` is one of the values; an all-string enum of up to eight
    /// values is searched without copying the instance.
    @inline(__always)
    func contains(_ instance: InstancePointer) -> Bool {
        guard let strings, set == nil else { return contains(instance.pointee) }
        guard case .string(let text) = instance.pointee else { return false }
        for candidate in strings where candidate.hasSameBytes(as: text) { return true }
        if stringsAreASCII && text.isASCII { return false }
        return strings.contains(text)
    }
}

/// Which bound keyword a number is compared with.
enum BoundKind: Sendable {
    case minimum, exclusiveMinimum, maximum, exclusiveMaximum
}
