// What to send: one HTTP request as a plain value.
import Redaction

/// One HTTP request: method, absolute URL, header fields and an optional body.
public struct HTTPRequest: Sendable, Equatable {
    /// The method, such as "GET", "POST", "PUT", "PATCH", "DELETE" or "HEAD".
    public var method: String
    /// The absolute URL, such as `https://api.freshchat.com/v2/agents?page=1`.
    public var url: String
    /// The header fields to send, in order; libcurl adds Host and, for a body, Content-Length.
    public var headers: HTTPHeaders
    /// The body bytes, or nil for none. A body is sent with any method, not only POST.
    public var body: [UInt8]?

    /// Creates a request; the defaults make a GET without headers or body.
    public init(method: String = "GET", url: String, headers: HTTPHeaders = [:], body: [UInt8]? = nil) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }
}

extension HTTPRequest: CustomStringConvertible {
    /// The method and the URL without credentials, e.g. `GET https://host/v2/agents`.
    public var description: String {
        "\(method) \(redactedURL(url))"
    }
}
