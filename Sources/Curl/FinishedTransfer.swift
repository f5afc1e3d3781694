// What a load driver learns when one of its transfers ends: a plain record, cheap to build.

/// The outcome of one transfer started by a `TransferDriver`.
///
/// Built on the loop thread for every completed transfer, so it holds no body or headers
/// unless they were asked for (`retainResponse`) — except the headers of a 429 or 503
/// response, which carry `Retry-After` and are always kept.
public struct FinishedTransfer: Sendable {
    /// The driver's own number for the transfer (a virtual user, say), as given to `start`.
    public var tag: Int
    /// The HTTP status, or nil when the transfer produced no response.
    public var status: Int?
    /// Why there is no response, when there is none.
    public var error: CurlError?
    /// When the transfer should have started (monotonic ns), as given to `start`.
    public var intendedStart: UInt64
    /// When it was handed to libcurl (monotonic ns).
    public var startedAt: UInt64
    /// When the loop saw it complete (monotonic ns).
    public var finishedAt: UInt64
    /// libcurl's phase timings (zero for a transfer that never started).
    public var timings: TransferTimings
    /// Response bytes received: header block and body.
    public var bytesReceived: Int
    /// Request bytes sent: request line, headers and body.
    public var bytesSent: Int
    /// The body, when the transfer was started with `retainResponse`.
    public var body: [UInt8]?
    /// The response's header fields, when retained or when the status is 429 or 503.
    public var headers: HTTPHeaders?

    /// Creates a record; the loop builds these, tests may too.
    public init(
        tag: Int, status: Int?, error: CurlError?, intendedStart: UInt64, startedAt: UInt64, finishedAt: UInt64,
        timings: TransferTimings, bytesReceived: Int, bytesSent: Int, body: [UInt8]?, headers: HTTPHeaders?
    ) {
        self.tag = tag
        self.status = status
        self.error = error
        self.intendedStart = intendedStart
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.timings = timings
        self.bytesReceived = bytesReceived
        self.bytesSent = bytesSent
        self.body = body
        self.headers = headers
    }

    /// From the intended start to completion, in nanoseconds: the latency an open-model run
    /// reports, which includes any wait the generator or libcurl added before sending.
    public var latencyFromIntendedStart: UInt64 { finishedAt &- min(intendedStart, finishedAt) }

    /// From the hand-off to libcurl to completion, in nanoseconds: the service time.
    public var serviceTime: UInt64 { finishedAt &- min(startedAt, finishedAt) }
}
