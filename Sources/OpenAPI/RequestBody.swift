// The request body an operation accepts, after following its `$ref`.

import JSON

/// The body of a request: whether it is required and a schema per media type.
public struct RequestBody: Sendable {
    /// Whether a request must carry a body (the spec's default is false).
    public let required: Bool
    /// The spec's description, if any.
    public let description: String?
    /// The accepted media types in document order.
    public let content: [MediaType]
    /// Where the request body object sits, after following its `$ref`.
    public let pointer: JSONPointer

    /// The schema for a body sent as `contentType` (see `[MediaType].entry(forContentType:)`).
    public func schema(forContentType contentType: String) -> SchemaRef? {
        content.entry(forContentType: contentType)?.schema
    }
}
