// A parameter of an operation, after path-level and operation-level declarations were merged
// and any `$ref` followed.

import JSON

/// Where a parameter travels.
public enum ParameterLocation: String, Sendable, CaseIterable {
    /// A `{name}` placeholder of the path template.
    case path
    /// A query string parameter.
    case query
    /// A request header.
    case header
    /// A cookie.
    case cookie
}

/// One parameter of an operation.
public struct Parameter: Sendable {
    /// The name as written (header names compare case-insensitively when merging).
    public let name: String
    /// Path, query, header or cookie.
    public let location: ParameterLocation
    /// Whether a request must carry it; always true for path parameters.
    public let required: Bool
    /// The spec's description, if any.
    public let description: String?
    /// The value's schema as written (from `schema`, or the first entry of `content`); nil when
    /// the spec gives none.
    public let schema: JSON?
    /// Where `schema` sits, or would sit, in the document.
    public let schemaPointer: JSONPointer
    /// Where the parameter object sits, after following its `$ref`.
    public let pointer: JSONPointer
}
