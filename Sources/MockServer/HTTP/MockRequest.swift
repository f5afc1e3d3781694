// A request as the routes see it: already split into path and query, body gathered.
import NIOCore
import NIOHTTP1

/// One complete HTTP request received by the mock.
struct MockRequest {
    var method: HTTPMethod
    /// The path without the query, still percent-encoded (segments are decoded when matched).
    var path: Substring
    /// The raw query string after `?`, empty when there is none.
    var query: Substring
    var headers: HTTPHeaders
    var body: ByteBuffer?

    init(head: HTTPRequestHead, body: ByteBuffer?) {
        method = head.method
        let uri = Substring(head.uri)
        // Byte search: Character iteration (grapheme breaking) costs more than the whole
        // route lookup on this hot path.
        if let mark = uri.utf8.firstIndex(of: UInt8(ascii: "?")) {
            path = uri[..<mark]
            query = uri[uri.utf8.index(after: mark)...]
        } else {
            path = uri
            query = ""
        }
        headers = head.headers
        self.body = body
    }
}

/// A response before the fault injector decides when and how to send it.
struct MockResponse {
    var status: HTTPResponseStatus
    /// JSON bytes; empty for no body.
    var body: ByteBuffer
    /// Headers beyond content-type and content-length (e.g. `Allow`, `Retry-After`).
    var extraHeaders: [(String, String)] = []
    /// Close the connection after this response (e.g. after `413`, when the rest of an
    /// oversized body is not read).
    var closesConnection = false
}
