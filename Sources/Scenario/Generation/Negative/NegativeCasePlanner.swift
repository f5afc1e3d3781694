// The front door of negative-case planning: for one operation of a spec, every request the API
// must refuse (no credential, an unknown id, a malformed query or body) and the statuses the
// spec promises for each. Pure: reads the spec, sends nothing. Nothing here is specific to one API.

import JSON
import OpenAPI

/// Derives the negative cases of an operation from its spec.
///
/// ```swift
/// let planner = NegativeCasePlanner(index: index)
/// let body = try BodyGenerator(seed: 1).body(forOperation: "createUser", in: index, variant: 0)
/// for negative in planner.cases(for: "createUser", validBody: body) where negative.isSpecGap {
///     print("\(negative.name): the spec documents no refusal")
/// }
/// ```
public struct NegativeCasePlanner: Sendable {
    /// The operations and the document their schemas resolve against.
    public let index: OperationIndex

    /// A planner for the operations of `index`.
    public init(index: OperationIndex) {
        self.index = index
    }

    /// Every negative case of `operationId`, in a fixed order: credentials, then path
    /// parameters, then query parameters (each in the spec's order), then body members in
    /// pre-order of the schema's properties. Empty for an unknown operation.
    ///
    /// `validBody` is a concrete valid request body (from `BodyGenerator`, without templates), or
    /// nil when the operation takes none. Body cases are made only when it is given, the
    /// operation has an `application/json` body schema and the body satisfies it; each body
    /// case is kept only if the validator rejects the changed body, so none is a valid request.
    public func cases(for operationId: String, validBody: JSON?) -> [NegativeCase] {
        guard let operation = index.operation(id: operationId) else { return [] }
        return credentialCases(of: operation)
            + unknownIdCases(of: operation)
            + queryCases(of: operation)
            + (validBody.map { bodyCases(of: operation, validBody: $0) } ?? [])
    }
}
