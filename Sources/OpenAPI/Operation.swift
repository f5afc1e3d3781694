// One operation of the spec, with everything a request and a response check need, resolved.

import JSON

/// An operation (method + path) of the spec, addressed by its operationId.
public struct Operation: Sendable {
    /// The operationId, e.g. "getConversation".
    public let id: String
    /// The HTTP method, upper-case ("GET").
    public let method: String
    /// The path template, e.g. "/conversations/{conversation_id}".
    public let pathTemplate: String
    /// The spec's summary, if any.
    public let summary: String?
    /// The spec's tags, in order.
    public let tags: [String]
    /// The servers to call it on: the operation's own, else its path's, else the document's
    /// (a single relative "/" when none declares any, as the spec says).
    public let servers: [Server]
    /// Path-level parameters merged with the operation's (the operation wins on name and
    /// location).
    public let parameters: [Parameter]
    /// The request body, if the operation takes one.
    public let requestBody: RequestBody?
    /// The documented responses in document order.
    public let responses: [Response]
    /// The alternatives that authenticate it: its own `security`, else the document's; empty
    /// means no authentication.
    public let security: [SecurityRequirement]
    /// Where the operation object sits, e.g. `/paths/~1users/get`.
    public let pointer: JSONPointer
    /// Where the operation was written.
    public let location: SourceLocation

    /// The response documented for `status`: its exact code, else its range ("4XX"), else
    /// "default"; nil when the status is undocumented.
    public func response(for status: Int) -> Response? {
        let code = String(status)
        let range = "\(status / 100)XX"
        return responses.first { $0.status == code }
            ?? responses.first { $0.status == range }
            ?? responses.first { $0.status == "default" }
    }

    /// The documented statuses in numeric order: codes by number, a range after the codes it
    /// covers, "default" last.
    public var documentedStatuses: [String] {
        responses.map(\.status).sorted { Response.sortKey($0) < Response.sortKey($1) }
    }

    /// The parameter called `name` in `location`, if the operation has one.
    public func parameter(named name: String, in location: ParameterLocation) -> Parameter? {
        parameters.first { $0.location == location && $0.name == name }
    }

    /// The concrete path for the given path parameter values, each percent-encoded.
    public func path(with values: [String: String]) throws(PathTemplateError) -> String {
        try PathTemplate(pathTemplate).expand(values)
    }
}
