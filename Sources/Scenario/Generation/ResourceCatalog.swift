// The resources a spec's paths name (`/users`, `/users/{user_id}` → users), which operation
// acts on which, and the other names a resource goes by (schema names, tags).

import JSON
import OpenAPI

/// A resource found in the spec's paths.
public struct InferredResource: Sendable, Hashable, Comparable {
    /// The collection's path segment, lower-cased: `users`.
    public let name: String
    /// Its singular, the stem an id field names it by: `user`.
    public let singular: String
    /// The resource whose item path it is nested under (`conversations` for
    /// `/conversations/{conversation_id}/messages`), if any.
    public let parent: String?
    /// Other singular names it goes by, from its response schemas and tags (`user`), sorted.
    public let aliases: [String]
    /// Its operations, sorted by role then operationId.
    public let operations: [ResourceOperation]

    /// Whether the API can list but not create it (channels, agents): its instances already
    /// exist and are found through the list.
    public var isDiscoveryOnly: Bool {
        operations.contains { $0.role == .list } && !operations.contains { $0.role == .create }
    }

    /// Sorts by name.
    public static func < (lhs: InferredResource, rhs: InferredResource) -> Bool { lhs.name < rhs.name }
}

/// An operation with the role it plays for its resource.
public struct ResourceOperation: Sendable, Hashable {
    /// The operationId.
    public let operationId: String
    /// What it does to the resource.
    public let role: OperationRole
}

/// Resources by name and the resource and role of every operation.
struct ResourceCatalog {
    /// Every resource, sorted by name.
    let resources: [InferredResource]
    private let byName: [String: InferredResource]
    private let roleById: [String: OperationRole]
    private let resourceById: [String: String]

    init(index: OperationIndex, fields: SchemaFieldReader) {
        struct Draft {
            var parent: String?
            var aliases: Set<String> = []
            var operations: [ResourceOperation] = []
        }
        var drafts: [String: Draft] = [:]
        var roleById: [String: OperationRole] = [:]
        var resourceById: [String: String] = [:]
        for operation in index.operations {
            let shape = Self.pathShape(operation.pathTemplate)
            guard let resource = shape.resource else { continue }
            let role = OperationRole.of(method: operation.method, onItem: shape.onItem)
            roleById[operation.id] = role
            resourceById[operation.id] = resource
            var draft = drafts[resource] ?? Draft(parent: shape.parent)
            draft.operations.append(ResourceOperation(operationId: operation.id, role: role))
            draft.aliases.formUnion(operation.tags.map(Self.singularStem))
            if let schemaName = Self.responseSchemaName(of: operation, role: role, fields: fields) {
                draft.aliases.insert(Self.singularStem(schemaName))
            }
            drafts[resource] = draft
        }
        let resources = drafts.map { name, draft in
            InferredResource(
                name: name, singular: Self.singular(name), parent: draft.parent,
                aliases: draft.aliases.subtracting([Self.singular(name)]).sorted(),
                operations: draft.operations.sorted { ($0.role, $0.operationId) < ($1.role, $1.operationId) }
            )
        }.sorted()
        self.resources = resources
        self.byName = Dictionary(uniqueKeysWithValues: resources.map { ($0.name, $0) })
        self.roleById = roleById
        self.resourceById = resourceById
    }

    /// The resource called `name`.
    func resource(_ name: String) -> InferredResource? { byName[name] }

    /// The role of operation `id`; nil when its path names no resource.
    func role(of id: String) -> OperationRole? { roleById[id] }

    /// The resource operation `id` acts on.
    func resourceName(of id: String) -> String? { resourceById[id] }

    /// The resources a word names: those whose singular is the word's singular, else those
    /// with it as an alias; sorted, possibly empty or several.
    func resources(named word: String) -> [String] {
        let stem = Self.singularStem(word)
        let exact = resources.filter { $0.singular == stem }.map(\.name)
        if !exact.isEmpty { return exact }
        return resources.filter { $0.aliases.contains(stem) }.map(\.name)
    }

    /// The first 2xx responses with a JSON body schema, in status order.
    static func successBodies(of operation: OpenAPI.Operation) -> [(status: String, schema: JSON)] {
        operation.documentedStatuses.compactMap { status in
            guard status.hasPrefix("2"), let response = operation.responses.first(where: { $0.status == status }),
                  let schema = response.schema(forContentType: "application/json")?.schema else { return nil }
            return (status, schema)
        }
    }

    /// The collection a path acts on, its parent collection, and whether it addresses one item:
    /// `/a/{a_id}/b/{b_id}` → (b, a, true).
    static func pathShape(_ template: String) -> (resource: String?, parent: String?, onItem: Bool) {
        let segments = template.split(separator: "/").map(String.init)
        let isPlaceholder: (String) -> Bool = { $0.hasPrefix("{") && $0.hasSuffix("}") }
        guard let last = segments.lastIndex(where: { !isPlaceholder($0) }) else { return (nil, nil, false) }
        let onItem = segments.last.map(isPlaceholder) ?? false
        let before = segments[..<last]
        // A parent is a collection whose item path this one continues: `/a/{a_id}/b`.
        var parent: String?
        if let placeholder = before.lastIndex(where: isPlaceholder), placeholder > before.startIndex,
           !isPlaceholder(segments[placeholder - 1]) {
            parent = segments[placeholder - 1].lowercased()
        }
        return (segments[last].lowercased(), parent, onItem)
    }

    /// `Users` → `user`, `ChatMessage` → `chat_message`, `categories` → `category`.
    static func singularStem(_ word: String) -> String {
        singular(snakeCase(word))
    }

    /// `assignedAgent` → `assigned_agent`; already snake-case names are only lower-cased.
    static func snakeCase(_ word: String) -> String {
        var text = ""
        var previousWasLower = false
        for character in word {
            if character.isUppercase, previousWasLower { text += "_" }
            text += character.lowercased()
            previousWasLower = character.isLowercase || character.isNumber
        }
        return text.replacingOccurrences(of: "-", with: "_")
    }

    /// English singular of a plural noun by its common endings; other words are returned as is.
    static func singular(_ word: String) -> String {
        if word.hasSuffix("ies"), word.count > 3 { return String(word.dropLast(3)) + "y" }
        for ending in ["sses", "xes", "ches", "shes"] where word.hasSuffix(ending) { return String(word.dropLast(2)) }
        if word.hasSuffix("s"), !word.hasSuffix("ss"), word.count > 1 { return String(word.dropLast()) }
        return word
    }

    /// The component schema name of the resource a response returns: the body's own `$ref`
    /// for an item, the element `$ref` of its array for a list.
    private static func responseSchemaName(of operation: OpenAPI.Operation, role: OperationRole, fields: SchemaFieldReader) -> String? {
        guard let body = successBodies(of: operation).first else { return nil }
        let fieldsOfBody = fields.fields(of: body.schema)
        let candidates = role == .list
            ? fieldsOfBody.filter { $0.topLevelCollection != nil }
            : fieldsOfBody.filter(\.isTopLevel)
        return candidates.compactMap(\.schemaName).first
    }
}
