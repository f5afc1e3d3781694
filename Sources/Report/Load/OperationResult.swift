// What one operation (or all of them together) did in a load run: counts, classes and the
// two latency histograms. Results of threads and shards add up field by field.
import Histogram

/// Why a request counts as an error, as the results file names it.
public enum ErrorClass: String, Sendable, CaseIterable, Comparable {
    case timeout, refused, reset, dns, tls, `protocol`
    /// The body was over the size limit.
    case tooLarge = "too_large"
    /// Any other transport failure.
    case other
    /// A 4xx status the step did not expect (429 is throttled, not an error).
    case http4xx = "4xx"
    /// A 5xx status the step did not expect.
    case http5xx = "5xx"

    /// Orders classes as `allCases` lists them.
    public static func < (lhs: ErrorClass, rhs: ErrorClass) -> Bool {
        lhs.rank < rhs.rank
    }

    private var rank: Int { Self.allCases.firstIndex(of: self) ?? Self.allCases.count }
}

/// Everything measured for one operation (or, in `LoadResult.overall`, for all of them).
public struct OperationResult: Sendable {
    /// Completed requests: responses of any status, and transfers that failed.
    public var requests: Int
    /// Requests that failed (transport) or got a status the step did not expect (429 aside).
    public var errors: Int
    /// Requests answered 429 Too Many Requests (not errors).
    public var throttled: Int
    /// Requests not sent because the operation was held after a 429 (open model).
    public var throttledDropped: Int
    /// Requests delayed to keep the operation within its `budgets` rate.
    public var budgetDelayed: Int
    /// Responses per status code.
    public var statusCounts: [Int: Int]
    /// Errors per class.
    public var errorClasses: [ErrorClass: Int]
    /// Latency in µs: from the intended start (open model) or from the send (closed model).
    public var latency: Histogram<UInt64>
    /// Service time in µs: from the hand-off to libcurl to completion.
    public var service: Histogram<UInt64>
    /// Sums of libcurl's phase timings, for means.
    public var timings: TimingTotals
    /// Response bytes received (headers and bodies).
    public var bytesIn: Int
    /// Request bytes sent (request lines, headers and bodies).
    public var bytesOut: Int
    /// Checks (status expectations, body assertions, captures) that passed.
    public var checksPassed: Int
    /// Checks that failed.
    public var checksFailed: Int
    /// Contract violations found in sampled responses.
    public var violations: Int
    /// Responses validated against the spec.
    public var validated: Int

    /// An empty result whose histograms use `LatencyHistogram`'s settings.
    public init(emptyWith histogram: Histogram<UInt64>) {
        requests = 0
        errors = 0
        throttled = 0
        throttledDropped = 0
        budgetDelayed = 0
        statusCounts = [:]
        errorClasses = [:]
        latency = histogram
        service = histogram
        timings = TimingTotals()
        bytesIn = 0
        bytesOut = 0
        checksPassed = 0
        checksFailed = 0
        violations = 0
        validated = 0
    }

    /// Errors over requests (0 without requests).
    public var errorRate: Double { requests > 0 ? Double(errors) / Double(requests) : 0 }
    /// Throttled over requests (0 without requests).
    public var throttledRate: Double { requests > 0 ? Double(throttled) / Double(requests) : 0 }
    /// Passed checks over all checks (1 without checks: nothing failed).
    public var checkPassRate: Double {
        let total = checksPassed + checksFailed
        return total > 0 ? Double(checksPassed) / Double(total) : 1
    }
}

/// Sums of libcurl's phase timings over responses, for the means a summary shows.
public struct TimingTotals: Sendable, Hashable {
    /// Responses whose timings are summed.
    public var responses: Int = 0
    /// Transfers that opened a connection (the others reused one).
    public var newConnections: Int = 0
    /// Connect time summed over new connections, in µs (DNS included).
    public var connectMicroseconds: Int64 = 0
    /// TLS handshake time summed over new connections, in µs.
    public var tlsMicroseconds: Int64 = 0
    /// Time to first byte summed over responses, in µs.
    public var firstByteMicroseconds: Int64 = 0

    /// All zero.
    public init() {}

    /// Mean connect time of a new connection, in ms (nil without new connections).
    public var meanConnectMilliseconds: Double? {
        newConnections > 0 ? Double(connectMicroseconds) / Double(newConnections) / 1000 : nil
    }
    /// Mean TLS handshake of a new connection, in ms (nil without new connections).
    public var meanTLSMilliseconds: Double? {
        newConnections > 0 ? Double(tlsMicroseconds) / Double(newConnections) / 1000 : nil
    }
    /// Mean time to first byte, in ms (nil without responses).
    public var meanFirstByteMilliseconds: Double? {
        responses > 0 ? Double(firstByteMicroseconds) / Double(responses) / 1000 : nil
    }
}

/// What happened to iterations.
public struct IterationCounts: Sendable, Hashable {
    /// Iterations begun.
    public var started: Int = 0
    /// Iterations that ran every step.
    public var completed: Int = 0
    /// Iterations stopped by a failed check, an error or a capture that found nothing.
    public var failed: Int = 0
    /// Iterations cancelled at the end of `graceful_stop` or by an interrupt.
    public var interrupted: Int = 0
    /// Arrivals that found no free virtual user under `max_vus` (open model); never retried.
    public var dropped: Int = 0
    /// Iterations ended because their next operation was held after a 429 (open model).
    public var throttledDropped: Int = 0
    /// The most virtual users busy at once.
    public var peakVUs: Int = 0

    /// All zero.
    public init() {}
}

/// Sampled validation's counts.
public struct ValidationCounts: Sendable, Hashable {
    /// Responses chosen for validation.
    public var sampled: Int = 0
    /// Responses validated.
    public var validated: Int = 0
    /// Samples skipped because the validator's queue was full (the loop never waits for it).
    public var skipped: Int = 0
    /// Violations found.
    public var violations: Int = 0

    /// All zero.
    public init() {}

    /// Samples were taken but every one found the validator's queue full: nothing was checked,
    /// which reports must not show as "checked and found nothing".
    public var everySampleSkipped: Bool { validated == 0 && skipped > 0 }
}

/// How 429 responses were honoured.
public struct RateLimitCounts: Sendable, Hashable {
    /// Waits (closed model) or holds (open model) begun after a 429.
    public var waits: Int = 0
    /// Waits that asked for more than the cap and were shortened to it.
    public var capped: Int = 0
    /// The longest wait applied, in seconds.
    public var longestWaitSeconds: Double = 0
    /// All waits applied, summed, in seconds.
    public var totalWaitSeconds: Double = 0
    /// What the run did so that there would be fewer 429s: pacing, backoff, `--max-rps` (the
    /// results file's `rate_limit_manners`; nil in files written before they existed).
    public var manners: RateLimitManners?

    /// All zero.
    public init() {}
}
