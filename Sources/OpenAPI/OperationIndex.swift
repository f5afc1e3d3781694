// The operations of a spec by operationId: what scenarios, the contract checker and the mock
// look operations up in.

import JSON
import YAMLSource

/// Every operation of a document, resolved and checked, in document order.
///
/// Building the index resolves parameter, request body, response and path item `$ref`s and
/// checks every `$ref` inside the schemas those reach (and under components/schemas), so a
/// broken spec fails here, with a position, before any request is sent.
public struct OperationIndex: Sendable {
    /// The document the operations come from (schemas are resolved against it).
    public let document: OpenAPIDocument
    /// The operations in document order (paths as written, methods as written within a path).
    public let operations: [Operation]
    private let positionById: [String: Int]

    /// Indexes `document`.
    public init(document: OpenAPIDocument) throws(SpecError) {
        let reader = OperationReader(document: document)
        let operations = try reader.readOperations()
        var positionById: [String: Int] = [:]
        for (position, operation) in operations.enumerated() {
            if let earlier = positionById[operation.id] {
                throw .duplicateOperationId(
                    operation.id,
                    document.location(of: operation.pointer.appending("operationId")),
                    first: document.location(of: operations[earlier].pointer.appending("operationId"))
                )
            }
            positionById[operation.id] = position
        }
        try reader.checkSchemaReferences(of: operations)
        self.document = document
        self.operations = operations
        self.positionById = positionById
    }

    /// Loads and indexes the spec at `path`.
    public static func load(path: String) throws(SpecError) -> OperationIndex {
        try OperationIndex(document: .load(path: path))
    }

    /// Indexes the copy of the Freshchat spec built into the binary.
    public static func embedded() throws(SpecError) -> OperationIndex {
        try OperationIndex(document: .load(text: EmbeddedSpec.yaml, name: EmbeddedSpec.name))
    }

    /// The operation with operationId `id` (case-sensitive, as the spec writes it).
    public func operation(id: String) -> Operation? {
        positionById[id].map { operations[$0] }
    }

    /// The documented statuses of operation `id` in numeric order; nil for an unknown id.
    public func documentedStatuses(of id: String) -> [String]? {
        operation(id: id)?.documentedStatuses
    }

    /// The operationIds nearest to `unknownId` by edit distance (ignoring case), best first,
    /// for "unknown operationId 'getUsr'; did you mean getUser?". Ids too far off to be a typo
    /// are left out, so the list may be empty.
    public func suggestions(for unknownId: String, limit: Int = 3) -> [String] {
        let wanted = unknownId.lowercased()
        let tolerance = max(3, (wanted.count + 1) / 2)
        // The distance is at least the difference in length: ids that cannot be near enough are
        // skipped, so a long pasted value does not cost its length times every id's.
        let scored = operations.compactMap { operation -> (id: String, distance: Int)? in
            let id = operation.id.lowercased()
            guard abs(id.count - wanted.count) <= tolerance else { return nil }
            return (operation.id, NearestName.editDistance(wanted, id))
        }
        return scored
            .filter { $0.distance <= tolerance }
            .sorted { ($0.distance, $0.id) < ($1.distance, $1.id) }
            .prefix(max(0, limit))
            .map(\.id)
    }

    /// The operation whose method and path template fit a concrete request, with the decoded
    /// path parameter values. A template without placeholders wins over one with them.
    public func operation(method: String, path: String) -> (operation: Operation, pathValues: [String: String])? {
        let method = method.uppercased()
        var best: (operation: Operation, pathValues: [String: String])?
        for operation in operations where operation.method == method {
            guard let values = PathTemplate(operation.pathTemplate).match(path) else { continue }
            if best == nil || values.count < (best?.pathValues.count ?? 0) { best = (operation, values) }
        }
        return best
    }
}
