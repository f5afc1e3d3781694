// Why a request body could not be generated: each case names where in the spec (or inline
// schema) the trouble sits, so a person can fix the schema or pick another operation.

import JSON

/// A schema the body generator cannot produce a valid value for; never a trap.
public enum BodyGenerationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No value can satisfy the schema at `pointer` (e.g. `minimum` above `maximum`, `false`).
    case unsatisfiable(pointer: JSONPointer, reason: String)
    /// The schema at `pointer` uses a construct the generator does not produce values for
    /// (e.g. a `pattern` with lookahead or backreferences, a `$ref` to another document).
    case unsupported(pointer: JSONPointer, keyword: String, reason: String)
    /// A `$ref` at `pointer` that names nothing in the document.
    case unresolvedReference(pointer: JSONPointer, reference: String)
    /// Required members nest deeper than `limit` levels (a schema that requires itself).
    case tooDeep(pointer: JSONPointer, limit: Int)
    /// Every attempt produced a value the project's validator rejected; `errors` are the last
    /// attempt's validation messages.
    case noValidValue(pointer: JSONPointer, attempts: Int, errors: [String])
    /// The index has no operation with this operationId.
    case unknownOperation(operationId: String)
    /// The operation declares no `application/json` request body schema.
    case noJSONRequestBody(operationId: String)

    public var description: String {
        switch self {
        case .unsatisfiable(let pointer, let reason):
            return "no value satisfies the schema at \(Self.place(pointer)): \(reason)"
        case .unsupported(let pointer, let keyword, let reason):
            return "cannot generate a value for `\(keyword)` at \(Self.place(pointer)): \(reason)"
        case .unresolvedReference(let pointer, let reference):
            return "the $ref '\(reference)' at \(Self.place(pointer)) resolves to nothing"
        case .tooDeep(let pointer, let limit):
            return "required members nest deeper than \(limit) levels at \(Self.place(pointer))"
        case .noValidValue(let pointer, let attempts, let errors):
            return "\(attempts) generated values for the schema at \(Self.place(pointer)) all failed validation; "
                + "last: \(errors.joined(separator: "; "))"
        case .unknownOperation(let operationId):
            return "the spec has no operation '\(operationId)'"
        case .noJSONRequestBody(let operationId):
            return "\(operationId) declares no application/json request body schema"
        }
    }

    private static func place(_ pointer: JSONPointer) -> String {
        pointer.tokens.isEmpty ? "the schema root" : "'\(pointer)'"
    }
}
