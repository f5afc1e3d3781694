// A request made ready for libcurl once and sent many times: the load path's unit of work.
import CCurl
import Redaction

/// A request whose checks and header list are done once, so sending it again costs no
/// rebuilding: a handle that last sent the same `PreparedRequest` sets no option at all.
///
/// A load run prepares each step whose URL, headers and body have no templates once, and
/// prepares templated steps per request while sharing their `HeaderList`.
public final class PreparedRequest {
    /// The method, such as "GET" or "POST".
    public let method: String
    /// The absolute URL, credentials included (print it through `redactedURL`).
    public let url: String
    /// The header fields, as libcurl will send them.
    public let headerList: HeaderList
    /// The body, or nil for none.
    public let body: [UInt8]?
    /// How to carry out the transfer.
    public let options: TransferOptions

    /// Prepares a request; `headerList` may be shared with other prepared requests, and should be
    /// built for `options.userAgent` (a list built for another one is rebuilt, once per request).
    /// Throws `.invalidRequest` when the method cannot be sent.
    public init(method: String, url: String, headerList: HeaderList, body: [UInt8]?, options: TransferOptions) throws(CurlError) {
        guard !method.isEmpty, isHTTPToken(method) else {
            throw CurlError.invalidRequest(url: redactedURL(url), detail: "the method \"\(method)\" is not an HTTP token")
        }
        self.method = method
        self.url = url
        // The list carries the User-Agent line (see HeaderList), so it must match the options.
        self.headerList = headerList.userAgent == options.userAgent ? headerList
            : try HeaderList(headerList.headers, hasBody: headerList.hasBody, userAgent: options.userAgent, url: url)
        self.body = body
        self.options = options
    }

    /// Prepares `request` with its own header list.
    public convenience init(_ request: HTTPRequest, options: TransferOptions) throws(CurlError) {
        let list = try HeaderList(request.headers, hasBody: request.body != nil, userAgent: options.userAgent, url: request.url)
        try self.init(method: request.method, url: request.url, headerList: list, body: request.body, options: options)
    }
}
