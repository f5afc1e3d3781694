// One documented response of an operation, keyed by status code, range or "default".

import JSON

/// A response the spec documents for an operation.
public struct Response: Sendable {
    /// "200", a range such as "4XX" (always upper-case X), or "default".
    public let status: String
    /// The spec's description ("" when absent).
    public let description: String
    /// The media types in document order; empty for a response without a body.
    public let content: [MediaType]
    /// Where the response object sits after following its `$ref`, e.g.
    /// `/components/responses/NotFound`.
    public let pointer: JSONPointer

    /// The schema for a body received as `contentType` (see `[MediaType].entry(forContentType:)`).
    public func schema(forContentType contentType: String) -> SchemaRef? {
        content.entry(forContentType: contentType)?.schema
    }

    /// The order in which statuses are listed: codes by number, a range after the codes in it,
    /// "default" last.
    static func sortKey(_ status: String) -> (Int, Int) {
        if let code = Int(status) { return (code, 0) }
        if let first = status.first, let hundreds = first.wholeNumberValue { return (hundreds * 100 + 99, 1) }
        return (Int.max, 2)
    }
}
