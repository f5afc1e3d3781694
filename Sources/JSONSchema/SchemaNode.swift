// The compiled form of a schema: one SchemaNode per (sub)schema, holding its keywords already
// turned into checks — `$ref` targets resolved to nodes, regexes compiled, enum sets and
// property maps built — so validation never looks at the schema's JSON again.

import JSON

/// One compiled (sub)schema. Built by SchemaCompiler, immutable once compilation ends, and owned
/// by its CompiledProgram (nodes point at each other without retaining; the program keeps all alive).
final class SchemaNode: @unchecked Sendable {
    /// The compiled content, filled in once after creation (a `$ref` cycle needs the node to
    /// exist before its keywords do). Kept behind a pointer rather than in `var`s because class
    /// `var`s pay a dynamic exclusivity check on every read, and this is read per validated value.
    private let body: UnsafeMutablePointer<Body>
    /// The schema resource (`$id` scope) this node belongs to: an index into the program's tables.
    let resource: Int

    struct Body {
        /// For boolean schemas (`true` / `false`): the fixed answer. Nil for object schemas.
        var constant: Bool?
        /// The keywords in evaluation order (`unevaluated*` last, since they read the others' results).
        var keywords: [CompiledKeyword] = []
        /// Whether the node has `unevaluatedProperties` / `unevaluatedItems` and so must collect
        /// which members and items its in-place applicators evaluated.
        var collectsEvaluated = false
    }

    init(resource: Int) {
        self.resource = resource
        body = UnsafeMutablePointer<Body>.allocate(capacity: 1)
        body.initialize(to: Body())
    }

    deinit {
        body.deinitialize(count: 1)
        body.deallocate()
    }

    var constant: Bool? {
        get { body.pointee.constant }
        set { body.pointee.constant = newValue }
    }

    var keywords: [CompiledKeyword] {
        get { body.pointee.keywords }
        set { body.pointee.keywords = newValue }
    }

    var collectsEvaluated: Bool {
        get { body.pointee.collectsEvaluated }
        set { body.pointee.collectsEvaluated = newValue }
    }

    /// Runs `visit` over the keywords without copying the array.
    @inline(__always)
    func withKeywords<Result>(_ visit: (UnsafeBufferPointer<CompiledKeyword>) -> Result) -> Result {
        body.pointee.keywords.withUnsafeBufferPointer(visit)
    }
}

/// A reference that neither retains nor releases: keyword payloads hold these so that copying a
/// keyword is a plain memory copy (no reference counting on the validation path). The program's
/// `retained` list keeps every referenced object alive for as long as the program exists.
struct Unretained<Object: AnyObject>: @unchecked Sendable {
    unowned(unsafe) let object: Object
}

/// An immutable box, to hand a value to a keyword as an Unretained reference.
final class Box<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}

/// A child schema together with the schema-path segment that leads to it ("properties/name").
struct ChildSchema: @unchecked Sendable {
    unowned(unsafe) let node: SchemaNode
    /// RFC 6901-escaped path from the parent node, without a leading slash.
    unowned(unsafe) let segmentBox: Box<String>

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

    init(names: [String], children: [ChildSchema]) {
        self.names = names
        self.children = children
        var index: [String: Int] = [:]
        for (position, name) in names.enumerated() { index[name] = position }
        indexByName = index
    }

    /// The position of `name` among the declared properties. `hint` is tried first: instances
    /// usually list members in the schema's order, which makes the lookup one string compare.
    @inline(__always)
    func position(of name: String, hint: Int) -> Int? {
        if hint < names.count && names[hint] == name { return hint }
        if names.count <= 8 {
            for position in names.indices where names[position] == name { return position }
            return nil
        }
        return indexByName[name]
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

    init(_ values: [JSON]) {
        self.values = values
        set = values.count > 8 ? Set(values) : nil
    }

    @inline(__always)
    func contains(_ value: JSON) -> Bool {
        if let set { return set.contains(value) }
        for candidate in values where candidate == value { return true }
        return false
    }
}

/// Which bound keyword a number is compared with.
enum BoundKind: Sendable {
    case minimum, exclusiveMinimum, maximum, exclusiveMaximum
}
