// Where an operation's request body can carry the run id, read from its schema alone: a create
// (POST) whose JSON body has a member that takes arbitrary name → string properties. Freshchat's
// user `properties` is such a member ({name, value} pairs); nothing here knows its name.

import JSON
import OpenAPI

/// A member of a request body that accepts one more name → string property.
public enum RunTagSite: Sendable, Equatable {
    /// An array of `{name, value}` objects (both strings): the tag is one more pair.
    case namedPairs(member: String)
    /// An object that takes any member whose value is a string: the tag is one more member.
    case freeFormObject(member: String)

    /// The body member the tag goes into.
    public var member: String {
        switch self {
        case .namedPairs(let member), .freeFormObject(let member): return member
        }
    }

    /// The site of `operation`'s body, or nil when it has none: not a POST, no JSON body
    /// schema, or no member of the body's top-level object takes arbitrary string properties.
    /// The first such member in schema order wins. `root` resolves the schema's `$ref`s.
    public static func site(of operation: OpenAPI.Operation, root: JSON) -> RunTagSite? {
        guard operation.method.uppercased() == "POST",
              let schema = operation.requestBody?.schema(forContentType: "application/json")?.schema else { return nil }
        return site(inBodySchema: schema, root: root)
    }

    /// The site in a body schema (see `site(of:root:)`).
    public static func site(inBodySchema schema: JSON, root: JSON) -> RunTagSite? {
        let resolver = LocalSchemaResolver(root: root)
        for (name, memberSchema) in resolver.members(of: schema) {
            let member = resolver.resolved(memberSchema)
            if let items = member["items"], isNameValuePair(resolver.resolved(items), resolver: resolver) {
                return .namedPairs(member: name)
            }
            if isFreeFormStringObject(member, resolver: resolver) { return .freeFormObject(member: name) }
        }
        return nil
    }

    /// `{name: string, value: string}` (other optional members allowed, no others required).
    private static func isNameValuePair(_ schema: JSON, resolver: LocalSchemaResolver) -> Bool {
        let members = Dictionary(resolver.members(of: schema), uniquingKeysWith: { first, _ in first })
        guard let name = members["name"], let value = members["value"],
              acceptsAnyString(resolver.resolved(name)), acceptsAnyString(resolver.resolved(value)) else { return false }
        let required = Set((schema["required"]?.arrayValue ?? []).compactMap(\.stringValue))
        return required.isSubset(of: ["name", "value"])
    }

    /// An object with no declared members whose extra members may be any string: the shape of
    /// a bag of custom properties, as opposed to a structured object (`avatar: {url}`).
    private static func isFreeFormStringObject(_ schema: JSON, resolver: LocalSchemaResolver) -> Bool {
        guard declaredTypes(schema).map({ $0.contains("object") }) ?? (schema["additionalProperties"] != nil),
              resolver.members(of: schema).isEmpty, schema["propertyNames"] == nil, schema["required"] == nil else { return false }
        switch schema["additionalProperties"] {
        case nil, .bool(true)?: return true
        case .bool(false)?: return false
        case let extra?: return acceptsAnyString(resolver.resolved(extra))
        }
    }

    /// A schema every string of ours passes: `type` absent or naming string, and nothing that
    /// narrows strings (enum, const, pattern, format, a short maxLength).
    private static func acceptsAnyString(_ schema: JSON) -> Bool {
        guard case .object(let object) = schema else { return schema.boolValue ?? false }
        if let types = declaredTypes(schema), !types.contains("string") { return false }
        for narrowing in ["enum", "const", "pattern", "format", "not", "oneOf", "anyOf", "allOf"] where object[narrowing] != nil {
            return false
        }
        if let maxLength = object["maxLength"]?.integerValue, maxLength < 64 { return false }
        return true
    }

    /// `type: object` or `type: [object, "null"]` as a list; nil when the schema names no type.
    private static func declaredTypes(_ schema: JSON) -> [String]? {
        switch schema["type"] {
        case .string(let name)?: return [name]
        case .array(let names)?: return names.compactMap(\.stringValue)
        default: return nil
        }
    }
}

/// Follows local `$ref`s of one document, and gathers an object schema's members across
/// `allOf` parts (a body is often a shared part plus its own).
struct LocalSchemaResolver {
    let root: JSON

    /// Deep enough for any real chain of `$ref`s; it stops a cycle of bare references.
    private static let maximumHops = 16

    /// `schema` with its `$ref` chain followed (a dangling or remote one stays as it is).
    func resolved(_ schema: JSON) -> JSON {
        var current = schema
        for _ in 0..<Self.maximumHops {
            guard case .string(let reference)? = current["$ref"], reference.hasPrefix("#"),
                  let pointer = try? JSONPointer(fragment: reference), let target = root.value(at: pointer) else { return current }
            current = target
        }
        return current
    }

    /// The declared members of an object schema, in document order, `allOf` parts included.
    func members(of schema: JSON, depth: Int = 0) -> [(String, JSON)] {
        let object = resolved(schema)
        var members: [(String, JSON)] = []
        if case .object(let properties)? = object["properties"] {
            for property in properties { members.append((property.key, property.value)) }
        }
        if depth < Self.maximumHops {
            for part in object["allOf"]?.arrayValue ?? [] { members += self.members(of: part, depth: depth + 1) }
        }
        return members
    }
}
