// How to carry out one transfer: protocol version, TLS checks, timeouts, redirects.

/// Which HTTP version a transfer asks for.
public enum HTTPVersionPreference: Sendable, Hashable {
    /// HTTP/1.1 only.
    case http1_1
    /// HTTP/2 when TLS negotiates it (ALPN), else HTTP/1.1; plain `http://` stays HTTP/1.1.
    case http2
    /// HTTP/2 without negotiation ("h2c" prior knowledge); for cleartext servers known to speak it.
    /// With libcurl before 8.0 each such transfer uses its own connection (see `LibcurlRuntime`).
    case http2PriorKnowledge
}

/// How to carry out one transfer. The defaults suit a contract run against a real API.
public struct TransferOptions: Sendable, Hashable {
    /// The HTTP version to ask for.
    public var httpVersion: HTTPVersionPreference
    /// Whether to verify the server's certificate and host name; the CLI's `--insecure` turns it off.
    public var verifyTLS: Bool
    /// A PEM file of CA certificates to verify servers with instead of the system's (the CLI's
    /// `--cacert`: a private CA, a test server); nil for the system's.
    public var caCertificatesPath: String?
    /// The longest time to wait for a connection (DNS, TCP and TLS); zero waits forever.
    public var connectTimeout: Duration
    /// The longest time the whole transfer may take; zero waits forever.
    public var timeout: Duration
    /// Whether to follow 3xx redirects (at most 10); the response is then the last one.
    public var followRedirects: Bool
    /// The User-Agent header to send, or nil to send none (a request header overrides it).
    public var userAgent: String?
    /// The largest response body accepted; a longer one fails the transfer with
    /// `.responseTooLarge` instead of growing memory without bound.
    public var maxResponseBodyBytes: Int

    /// Creates options; every parameter has the default a contract run wants.
    public init(
        httpVersion: HTTPVersionPreference = .http1_1,
        verifyTLS: Bool = true,
        connectTimeout: Duration = .seconds(10),
        timeout: Duration = .seconds(10),
        followRedirects: Bool = false,
        userAgent: String? = "fcharness",
        maxResponseBodyBytes: Int = 64 << 20,
        caCertificatesPath: String? = nil
    ) {
        self.caCertificatesPath = caCertificatesPath
        self.maxResponseBodyBytes = max(0, maxResponseBodyBytes)
        self.httpVersion = httpVersion
        self.verifyTLS = verifyTLS
        self.connectTimeout = connectTimeout
        self.timeout = timeout
        self.followRedirects = followRedirects
        self.userAgent = userAgent
    }
}
