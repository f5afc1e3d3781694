// Why `generate` could not write a scenario.

/// A failure of scenario generation, naming the operation.
public enum GenerationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A lifecycle named an operation the spec does not have (an inference bug, not bad input).
    case unknownOperation(String)
    /// No valid body or parameter value could be generated for the operation.
    case body(operationId: String, BodyGenerationError)

    /// `createUser: no valid body: …`.
    public var description: String {
        switch self {
        case .unknownOperation(let id): return "\(id): the spec has no such operation"
        case .body(let id, let error): return "\(id): cannot generate a request value: \(error)"
        }
    }
}
