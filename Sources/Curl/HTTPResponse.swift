// What came back: one HTTP response as a plain value, with the transfer's timings.

/// The HTTP version a response arrived in.
public enum HTTPVersion: Sendable, Hashable {
    /// HTTP/1.0.
    case http1_0
    /// HTTP/1.1.
    case http1_1
    /// HTTP/2, over TLS (ALPN) or cleartext (prior knowledge).
    case http2
    /// HTTP/3.
    case http3
    /// A version libcurl reported that this type does not name (its raw CURL_HTTP_VERSION value).
    case unknown(Int)
}

/// One HTTP response: the final one when there were 1xx responses or followed redirects.
public struct HTTPResponse: Sendable {
    /// The status code, such as 200 or 404.
    public var status: Int
    /// The header fields of the final response, in the order received.
    public var headers: HTTPHeaders
    /// The body bytes, after any transfer decoding (chunked), as received.
    public var body: [UInt8]
    /// The HTTP version the response arrived in.
    public var httpVersion: HTTPVersion
    /// How long each phase of the transfer took, and whether it opened a new connection.
    public var timings: TransferTimings
    /// The URL the response came from: the request's URL unless redirects were followed.
    /// It is the URL as given, credentials included; print it through `HTTPRequest.description`
    /// or `CurlError` rules, never raw.
    public var effectiveURL: String

    /// Creates a response; the engine builds these, tests and fakes may too.
    public init(
        status: Int,
        headers: HTTPHeaders,
        body: [UInt8],
        httpVersion: HTTPVersion,
        timings: TransferTimings,
        effectiveURL: String
    ) {
        self.status = status
        self.headers = headers
        self.body = body
        self.httpVersion = httpVersion
        self.timings = timings
        self.effectiveURL = effectiveURL
    }
}
