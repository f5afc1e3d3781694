// The scalar fields a request or response schema describes, flattened to paths with their
// shapes: what the dependency inference reads sources and sinks from.

import JSON

/// One scalar field of a schema: where it sits in an instance and what encloses it.
struct SchemaField {
    /// Member names and "0" for array elements, outermost first: `["channels", "0", "id"]`.
    let tokens: [String]
    /// Its declared type and format.
    let shape: ValueShape
    /// Whether every enclosing object lists it (and the member leading to it) as required.
    let required: Bool
    /// The name of the nearest enclosing member that is not the field itself (`users` for
    /// `users/0/id`); nil for a field of the top-level object.
    let enclosingMember: String?
    /// The component schema the field's object came from (`User`), if it was a `$ref`.
    let schemaName: String?
    /// String-enum siblings in the same object by name, for `actor_type: [user, agent]` hints.
    let siblingEnums: [String: [String]]

    /// The field's own name.
    var name: String { tokens.last ?? "" }

    /// Where it sits as a capture path: `$.channels[0].id`.
    var path: JSONPath {
        JSONPath(components: tokens.map { token in Int(token).map(JSONPath.Component.index) ?? .member(token) })
    }

    /// Where it sits as a body pointer: `/channels/0/id`.
    var pointer: JSONPointer { JSONPointer(tokens: tokens) }

    /// The member name of the top-level array the field's object is an element of
    /// (`channels` for `channels/0/id`), "" for a top-level array body, nil when the field is
    /// not directly in such an element.
    var topLevelCollection: String? {
        if tokens.count == 2, tokens[0] == "0" { return "" }
        if tokens.count == 3, tokens[1] == "0" { return tokens[0] }
        return nil
    }

    /// Whether the field sits in the top-level object of the body.
    var isTopLevel: Bool { tokens.count == 1 }
}

/// Flattens schemas of one document, following its local `$ref`s.
struct SchemaFieldReader {
    /// The whole spec, `$ref`s are resolved against it.
    let root: JSON

    /// Deep enough for any real payload; it only guards against schemas that nest forever
    /// without a `$ref` cycle to catch.
    private static let maximumDepth = 16

    /// The scalar fields of `schema`, in document order, each path once.
    func fields(of schema: JSON) -> [SchemaField] {
        var fields: [SchemaField] = []
        var seen: Set<[String]> = []
        walk(schema, tokens: [], required: true, enclosingMember: nil, schemaName: nil,
             siblingEnums: [:], activeReferences: [], into: &fields, seen: &seen)
        return fields
    }

    /// The scalar field at `tokens` of `schema` (array indexes written as any number), if any.
    func field(of schema: JSON, at tokens: [String]) -> SchemaField? {
        let wanted = tokens.map { Int($0) == nil ? $0 : "0" }
        return fields(of: schema).first { $0.tokens == wanted }
    }

    private func walk(
        _ schema: JSON, tokens: [String], required: Bool, enclosingMember: String?, schemaName: String?,
        siblingEnums: [String: [String]], activeReferences: Set<String>,
        into fields: inout [SchemaField], seen: inout Set<[String]>
    ) {
        guard tokens.count <= Self.maximumDepth, case .object(let object) = schema else { return }
        if case .string(let reference)? = object["$ref"] {
            // A schema that refers to itself (a tree of comments) yields its fields once.
            guard !activeReferences.contains(reference), let target = resolve(reference) else { return }
            let name = reference.hasPrefix("#/components/schemas/") ? String(reference.split(separator: "/").last ?? "") : schemaName
            walk(target, tokens: tokens, required: required, enclosingMember: enclosingMember, schemaName: name,
                 siblingEnums: siblingEnums, activeReferences: activeReferences.union([reference]),
                 into: &fields, seen: &seen)
            return
        }
        // allOf parts add members to one object; oneOf/anyOf alternatives may each be sent.
        for keyword in ["allOf", "oneOf", "anyOf"] {
            for part in object[keyword]?.arrayValue ?? [] {
                walk(part, tokens: tokens, required: required && keyword == "allOf", enclosingMember: enclosingMember,
                     schemaName: schemaName, siblingEnums: siblingEnums, activeReferences: activeReferences,
                     into: &fields, seen: &seen)
            }
        }
        if case .object(let properties)? = object["properties"] {
            let requiredNames = Set((object["required"]?.arrayValue ?? []).compactMap(\.stringValue))
            let enums = Self.stringEnums(of: properties, resolvingWith: self)
            let member = tokens.last(where: { Int($0) == nil })
            for property in properties {
                walk(property.value, tokens: tokens + [property.key], required: required && requiredNames.contains(property.key),
                     enclosingMember: member, schemaName: schemaName, siblingEnums: enums,
                     activeReferences: activeReferences, into: &fields, seen: &seen)
            }
            return
        }
        if let items = object["items"] {
            walk(items, tokens: tokens + ["0"], required: required, enclosingMember: enclosingMember, schemaName: schemaName,
                 siblingEnums: [:], activeReferences: activeReferences, into: &fields, seen: &seen)
            return
        }
        let type = Self.declaredType(object["type"])
        guard !tokens.isEmpty, type != "object", type != "array", !seen.contains(tokens) else { return }
        seen.insert(tokens)
        fields.append(SchemaField(
            tokens: tokens, shape: ValueShape(type: type, format: object["format"]?.stringValue), required: required,
            enclosingMember: enclosingMember, schemaName: schemaName, siblingEnums: siblingEnums
        ))
    }

    /// The schema a local `$ref` points at; nil for a remote or dangling one (the spec loader
    /// already reported dangling ones).
    func resolve(_ reference: String) -> JSON? {
        guard reference.hasPrefix("#"), let pointer = try? JSONPointer(fragment: reference) else { return nil }
        return root.value(at: pointer)
    }

    /// `type: string`, or the first non-null entry of `type: [string, "null"]`.
    private static func declaredType(_ type: JSON?) -> String? {
        switch type {
        case .string(let name)?: return name
        case .array(let names)?: return names.compactMap(\.stringValue).first { $0 != "null" }
        default: return nil
        }
    }

    private static func stringEnums(of properties: JSONObject, resolvingWith reader: SchemaFieldReader) -> [String: [String]] {
        var enums: [String: [String]] = [:]
        for property in properties {
            var schema = property.value
            if case .string(let reference)? = schema["$ref"], let target = reader.resolve(reference) { schema = target }
            let values = (schema["enum"]?.arrayValue ?? []).compactMap(\.stringValue)
            if !values.isEmpty { enums[property.key] = values }
        }
        return enums
    }
}
