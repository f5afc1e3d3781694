// Why a mock server could not start.

/// A mock server that could not start, with what a person needs to fix it.
public enum MockServerError: Error, Sendable, CustomStringConvertible {
    /// The spec could not be loaded or has no usable operations.
    case unusableSpec(String)
    /// A per-operation fault override names an operationId the spec does not have.
    case unknownOperation(String, known: [String])
    /// The address could not be bound (in use, not local, no permission).
    case bindFailed(host: String, port: Int, reason: String)

    /// A one-line explanation.
    public var description: String {
        switch self {
        case .unusableSpec(let reason):
            return "the mock cannot use the spec: \(reason)"
        case .unknownOperation(let id, let known):
            return "--fault names operation '\(id)', which the spec does not have (known: \(known.joined(separator: ", ")))"
        case .bindFailed(let host, let port, let reason):
            return "the mock cannot listen on \(host):\(port): \(reason)"
        }
    }
}
