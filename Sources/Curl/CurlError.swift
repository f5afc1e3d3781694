// Why a transfer failed, in words a person can act on; URLs in it never carry credentials.
import Quantities
import Redaction

/// Why a transfer produced no response.
///
/// Every `url` is redacted (`redactedURL`): no `user:password@`, no query parameter with a
/// sensitive name; no error ever holds a header value.
public enum CurlError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The host name could not be resolved.
    case dns(url: String, detail: String)
    /// Nothing accepted the connection: refused, unreachable, the port is closed, or no answer
    /// came before the connect timeout (`detail` says which).
    case refused(url: String, detail: String)
    /// The TLS handshake or the certificate check failed.
    case tls(url: String, detail: String)
    /// The transfer ran out of time after `after`, once the request had gone out (time that
    /// runs out while connecting is `.refused`, or `.dns` while resolving).
    case timeout(url: String, after: Duration)
    /// The server answered something that is not valid HTTP.
    case `protocol`(url: String, detail: String)
    /// The connection broke: reset, or closed before or during the response.
    case reset(url: String, detail: String)
    /// The response body was longer than `TransferOptions.maxResponseBodyBytes`.
    case responseTooLarge(url: String, limit: Int)
    /// The request itself cannot be sent as given (e.g. a header value with a line break).
    case invalidRequest(url: String, detail: String)
    /// The transfer was cancelled before it finished: its task was cancelled (Ctrl-C), or its
    /// `Multi` shut down.
    case cancelled(url: String)
    /// Any other libcurl failure, with libcurl's code (CURLcode) and message.
    case other(url: String, code: Int, detail: String)

    /// The URL of the failed request, without credentials.
    public var url: String {
        switch self {
        case .dns(let url, _), .refused(let url, _), .tls(let url, _), .timeout(let url, _),
            .protocol(let url, _), .reset(let url, _), .responseTooLarge(let url, _), .invalidRequest(let url, _),
            .cancelled(let url), .other(let url, _, _):
            return url
        }
    }

    /// One line: what happened, to which URL, and libcurl's own words.
    public var description: String {
        switch self {
        case .dns(let url, let detail):
            return "could not resolve the host of \(url): \(detail)"
        case .refused(let url, let detail):
            return "could not connect to \(url): \(detail)"
        case .tls(let url, let detail):
            return "TLS failed for \(url): \(detail)"
        case .timeout(let url, let after):
            return "timed out after \(after.totalMicroseconds / 1000) ms: \(url)"
        case .protocol(let url, let detail):
            return "bad HTTP response from \(url): \(detail)"
        case .reset(let url, let detail):
            return "connection to \(url) broke: \(detail)"
        case .responseTooLarge(let url, let limit):
            return "the response from \(url) is longer than the \(limit)-byte limit"
        case .invalidRequest(let url, let detail):
            return "cannot send the request to \(url): \(detail)"
        case .cancelled(let url):
            return "cancelled before it finished: \(url)"
        case .other(let url, let code, let detail):
            return "transfer to \(url) failed (libcurl error \(code)): \(detail)"
        }
    }
}
