// What the live progress line shows, taken once a second by the load engine: plain numbers,
// so rendering can be tested without running anything.

/// The state of a running load test at one moment.
public struct ProgressSnapshot: Sendable, Hashable {
    /// Seconds since the run started.
    public var elapsedSeconds: Double
    /// The planned length of the schedule in seconds (without the graceful stop).
    public var plannedSeconds: Double
    /// Requests completed so far.
    public var requests: Int
    /// Requests completed in the last whole second.
    public var requestsPerSecond: Double
    /// The 99th percentile latency so far in ms, or nil before the first response.
    public var p99Milliseconds: Double?
    /// Errors so far.
    public var errors: Int
    /// 429 responses so far.
    public var throttled: Int
    /// Virtual users busy now.
    public var activeVUs: Int
    /// Arrivals dropped so far (open model).
    public var dropped: Int
    /// Whether Ctrl-C was pressed and the run is winding down.
    public var interrupted: Bool

    /// Creates a snapshot.
    public init(
        elapsedSeconds: Double, plannedSeconds: Double, requests: Int, requestsPerSecond: Double, p99Milliseconds: Double?,
        errors: Int, throttled: Int, activeVUs: Int, dropped: Int, interrupted: Bool = false
    ) {
        self.elapsedSeconds = elapsedSeconds
        self.plannedSeconds = plannedSeconds
        self.requests = requests
        self.requestsPerSecond = requestsPerSecond
        self.p99Milliseconds = p99Milliseconds
        self.errors = errors
        self.throttled = throttled
        self.activeVUs = activeVUs
        self.dropped = dropped
        self.interrupted = interrupted
    }
}
