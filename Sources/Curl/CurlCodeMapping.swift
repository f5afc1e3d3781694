// Turns libcurl's result codes into CurlError kinds a person can act on.
import CCurl
import Redaction

extension CurlError {
    /// The error for a transfer that ended with `code`; `message` is libcurl's error buffer.
    /// `connected` says whether a connection to the server was made: libcurl reports a reply
    /// that is not HTTP (HTTP/0.9) with the same code as a URL scheme it does not support,
    /// and only the former is the server's fault. `sentRequest` says whether any of the request
    /// went out: time that ran out before it did was spent resolving or connecting, so the
    /// target was not reached (a host that drops packets), which is not a slow server.
    static func from(code: CURLcode, message: String, url: String, elapsed: Duration, connected: Bool = false,
                     sentRequest: Bool = true) -> CurlError {
        let url = redactedURL(url)
        let detail = message.isEmpty ? curlDescription(of: code) : message
        switch code {
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY:
            return .dns(url: url, detail: detail)
        case CURLE_COULDNT_CONNECT:
            return .refused(url: url, detail: detail)
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM,
            CURLE_SSL_CIPHER, CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ENGINE_NOTFOUND,
            CURLE_SSL_ENGINE_SETFAILED, CURLE_SSL_ENGINE_INITFAILED, CURLE_SSL_SHUTDOWN_FAILED,
            CURLE_SSL_CRL_BADFILE, CURLE_SSL_ISSUER_ERROR, CURLE_SSL_PINNEDPUBKEYNOTMATCH,
            CURLE_SSL_INVALIDCERTSTATUS, CURLE_SSL_CLIENTCERT, CURLE_USE_SSL_FAILED:
            return .tls(url: url, detail: detail)
        case CURLE_OPERATION_TIMEDOUT where !sentRequest:
            return message.hasPrefix("Resolving timed out") ? .dns(url: url, detail: detail) : .refused(url: url, detail: detail)
        case CURLE_OPERATION_TIMEDOUT:
            return .timeout(url: url, after: elapsed)
        case CURLE_RECV_ERROR where message.hasSuffix("in chunked-encoding"):
            // libcurl reports a malformed chunked body with the code of a failed recv(); the
            // connection was fine, the server's framing was not.
            return .protocol(url: url, detail: detail)
        case CURLE_OUT_OF_MEMORY where sentRequest && message.isEmpty:
            // libcurl 7.88 refuses a response header line over CURL_MAX_HTTP_HEADER with this
            // code and no message; a real allocation failure is far less likely than a server
            // sending such a line, so say both, the likely one first.
            return .protocol(url: url, detail: "a response header line longer than libcurl's \(maxHeaderLine)-byte limit, or libcurl ran out of memory")
        case CURLE_RECV_ERROR, CURLE_SEND_ERROR, CURLE_GOT_NOTHING, CURLE_PARTIAL_FILE:
            return .reset(url: url, detail: detail)
        case CURLE_HTTP2, CURLE_HTTP2_STREAM, CURLE_HTTP3, CURLE_WEIRD_SERVER_REPLY, CURLE_BAD_CONTENT_ENCODING,
            CURLE_TOO_MANY_REDIRECTS, CURLE_HTTP_RETURNED_ERROR:
            return .protocol(url: url, detail: detail)
        case CURLE_UNSUPPORTED_PROTOCOL where connected:
            return .protocol(url: url, detail: detail)
        case CURLE_URL_MALFORMAT, CURLE_UNSUPPORTED_PROTOCOL:
            return .invalidRequest(url: url, detail: detail)
        default:
            return .other(url: url, code: Int(code.rawValue), detail: detail)
        }
    }
}

/// CURL_MAX_HTTP_HEADER in curl.h (a macro Swift does not import): the longest response
/// header line libcurl accepts.
let maxHeaderLine = 100 * 1024

/// libcurl's fixed description of `code`.
func curlDescription(of code: CURLcode) -> String {
    guard let text = curl_easy_strerror(code) else { return "libcurl error \(code.rawValue)" }
    return String(cString: text)
}
