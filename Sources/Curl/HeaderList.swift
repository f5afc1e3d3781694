// Request header fields in the form libcurl sends them: a C list built once and shared by every
// transfer that sends the same headers.
import CCurl
import Redaction

/// Header fields as a libcurl `curl_slist`, built once and reused by many transfers.
///
/// libcurl does not copy a header list; it reads it while a transfer is sent. A handle that
/// uses a list keeps a strong reference to it for as long as the list is set on the handle,
/// so the list is freed only when no handle can read it.
public final class HeaderList {
    /// The fields, as given.
    public let headers: HTTPHeaders
    /// Whether the list was built for a request with a body.
    public let hasBody: Bool
    /// The user agent the list was built for (see `init`).
    public let userAgent: String?
    let list: UnsafeMutablePointer<curl_slist>?

    /// Builds the list for `headers`; `hasBody` adds `Expect:` (see below) unless the fields set it.
    /// `userAgent`, when not nil or empty, is sent as `User-Agent` unless the fields set one.
    /// Throws `.invalidRequest` when a name or value would corrupt the request on the wire.
    public init(_ headers: HTTPHeaders, hasBody: Bool, userAgent: String?, url: String) throws(CurlError) {
        try HeaderList.checkSendable(headers, url: url)
        var list: UnsafeMutablePointer<curl_slist>?
        func append(_ line: String) throws(CurlError) {
            guard let longer = curl_slist_append(list, line) else {
                curl_slist_free_all(list)
                throw CurlError.other(url: redactedURL(url), code: Int(CURLE_OUT_OF_MEMORY.rawValue),
                                      detail: "out of memory building the request headers")
            }
            list = longer
        }
        for field in headers {
            // "Name;" is libcurl's way to send a header with an empty value ("Name:" would remove it).
            try append(field.value.isEmpty ? "\(field.name);" : "\(field.name): \(field.value)")
        }
        if hasBody, !headers.contains(named: "Expect") {
            // A body over 1 KB would otherwise wait for "100 Continue", a round trip per request.
            try append("Expect:")
        }
        if let userAgent, !userAgent.isEmpty, !headers.contains(named: "User-Agent") {
            // A line of the list, not CURLOPT_USERAGENT: libcurl formats that option into a new
            // string with its own printf on every transfer (about 1,600 more instructions per
            // request than a list line, measured with cachegrind; docs/performance.md).
            guard !userAgent.utf8.contains(where: { $0 == 0x0D || $0 == 0x0A || $0 == 0 }) else {
                throw CurlError.invalidRequest(url: redactedURL(url), detail: "the user agent contains a line break or NUL")
            }
            try append("User-Agent: \(userAgent)")
        }
        self.headers = headers
        self.hasBody = hasBody
        self.userAgent = userAgent
        self.list = list
    }

    deinit {
        curl_slist_free_all(list)
    }

    /// Rejects what would corrupt the request on the wire (line breaks let a value inject headers).
    private static func checkSendable(_ headers: HTTPHeaders, url: String) throws(CurlError) {
        for field in headers {
            guard !field.name.isEmpty, isHTTPToken(field.name) else {
                throw CurlError.invalidRequest(url: redactedURL(url), detail: "the header name \"\(field.name)\" is not an HTTP token")
            }
            guard !field.value.utf8.contains(where: { $0 == 0x0D || $0 == 0x0A || $0 == 0 }) else {
                throw CurlError.invalidRequest(url: redactedURL(url), detail: "the value of header \(field.name) contains a line break or NUL")
            }
        }
    }
}

/// Whether `text` can stand as a method or header name: no separators, spaces or controls.
func isHTTPToken(_ text: String) -> Bool {
    !text.utf8.contains { $0 <= 0x20 || $0 == 0x7F || $0 == UInt8(ascii: ":") }
}
