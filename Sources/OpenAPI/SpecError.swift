// Everything that can be wrong with a spec, each case carrying what a person needs to fix it.

/// Why a spec could not be loaded or indexed.
///
/// Every case that concerns a place in the file carries its `SourceLocation`; the description
/// starts with it (`freshchat.openapi.yaml:212:11: ...`).
public enum SpecError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file could not be read (missing, a directory, no permission, not UTF-8).
    case unreadableFile(path: String, reason: String)
    /// The text is not valid YAML (or JSON); `message` is the parser's own words.
    case syntax(SourceLocation, message: String)
    /// The text parsed but is not an OpenAPI 3.x document (`reason` says what is off).
    case notOpenAPI(SourceLocation, reason: String)
    /// Something the harness needs is absent, e.g. an operation without `responses`.
    case missing(SourceLocation, what: String)
    /// Something is present but has the wrong shape, e.g. a parameter with `in: body`.
    case invalid(SourceLocation, problem: String)
    /// Two operations share an operationId; `first` is where it was first declared.
    case duplicateOperationId(String, SourceLocation, first: SourceLocation)
    /// A `$ref` whose target does not exist; `reason` names the missing piece.
    case unresolvableReference(SourceLocation, reference: String, reason: String)
    /// A `$ref` to another document or URL; only references within the spec are supported.
    case remoteReference(SourceLocation, reference: String)
    /// `$ref`s that lead back to where they started; `chain` lists them in order, the first
    /// repeated at the end.
    case referenceCycle(SourceLocation, chain: [String])

    /// Where the problem is, when it concerns a place in the spec.
    public var location: SourceLocation? {
        switch self {
        case .unreadableFile: return nil
        case .syntax(let at, _), .notOpenAPI(let at, _), .missing(let at, _), .invalid(let at, _),
             .duplicateOperationId(_, let at, _), .unresolvableReference(let at, _, _),
             .remoteReference(let at, _), .referenceCycle(let at, _):
            return at
        }
    }

    /// One line (the YAML parser's message may add a snippet) starting with `file:line:column`.
    public var description: String {
        switch self {
        case .unreadableFile(let path, let reason):
            return "\(path): cannot read the spec: \(reason)"
        case .syntax(let at, let message):
            return "\(at): syntax error: \(message)"
        case .notOpenAPI(let at, let reason):
            return "\(at): not an OpenAPI 3.x document: \(reason)"
        case .missing(let at, let what):
            return "\(at): missing \(what)"
        case .invalid(let at, let problem):
            return "\(at): \(problem)"
        case .duplicateOperationId(let id, let at, let first):
            return "\(at): duplicate operationId '\(id)' (first declared at \(first))"
        case .unresolvableReference(let at, let reference, let reason):
            return "\(at): $ref '\(reference)' does not resolve: \(reason)"
        case .remoteReference(let at, let reference):
            return "\(at): $ref '\(reference)' points outside this document; only local references ('#/...') are supported"
        case .referenceCycle(let at, let chain):
            return "\(at): $ref cycle: \(chain.joined(separator: " → "))"
        }
    }
}
