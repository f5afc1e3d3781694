// What the fault injector decided for one request.

/// The fate of one request: how it is answered, and when.
struct FaultDecision: Sendable {
    enum Outcome: Sendable, Equatable {
        /// Served normally.
        case serve
        /// Answered `429` with `Retry-After` (seconds).
        case rateLimited(retryAfterSeconds: Int)
        /// Answered `500` with an Error body; the operation does not run.
        case injectedError
    }

    var outcome: Outcome = .serve
    /// The response is cut off mid-body by closing the connection (the operation has run).
    var drop = false
    /// Wait this long before writing the response (latency, stall), in nanoseconds.
    var delayNanoseconds: Int64 = 0
    /// The latency the model drew (the stall excluded), in nanoseconds.
    var sampledLatencyNanoseconds: Int64 = 0
    /// The rate limit the request counted against; nil when none applies to it.
    var rateLimit: RateLimitState?

    static let none = FaultDecision()
}
