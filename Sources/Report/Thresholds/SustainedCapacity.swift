// Capacity search: in a run whose load ramps up, the highest throughput reached while every
// threshold still held, judged second by second from the per-second windows. A stress profile
// reports it, so "how much can it take?" has an answer in requests per second.
import Histogram

/// The highest throughput a run sustained while its thresholds held.
public struct SustainedCapacity: Sendable, Hashable {
    /// The best second's completed requests per second, among the seconds before the first
    /// that broke a threshold.
    public var requestsPerSecond: Double
    /// That second (Unix epoch second).
    public var second: Int64
    /// The first second that broke a threshold, if one did.
    public var brokenAt: Int64?
    /// The threshold it broke, as written.
    public var brokenBy: String?
    /// What that second measured for it (`61.2ms`, `3.10%`).
    public var brokenValue: String?
    /// The completed requests per second of the breaking second.
    public var brokenRequestsPerSecond: Double?

    /// Creates a finding.
    public init(requestsPerSecond: Double, second: Int64, brokenAt: Int64?, brokenBy: String?, brokenValue: String?,
                brokenRequestsPerSecond: Double?) {
        self.requestsPerSecond = requestsPerSecond
        self.second = second
        self.brokenAt = brokenAt
        self.brokenBy = brokenBy
        self.brokenValue = brokenValue
        self.brokenRequestsPerSecond = brokenRequestsPerSecond
    }
}

/// Finds a run's sustained capacity.
public enum CapacitySearch {
    /// A second with fewer requests than this says too little to break a threshold (its p99
    /// is one or two requests); it still counts toward the capacity.
    public static let minimumRequestsToJudge = 20

    /// Walks the windows in order and stops at the first second that breaks a threshold that
    /// can be judged per second: the whole-run latency percentiles (from the second's own
    /// histogram), error_rate, throttled_rate, rps and dropped. Per-operation thresholds and
    /// `checks` need more than a window holds and are left to the run's final verdicts.
    /// Nil when the run has no windows or no threshold applies per second.
    public static func find(in result: LoadResult, thresholds: [Threshold]) -> SustainedCapacity? {
        let judged = thresholds.filter { $0.operation == nil && $0.metric != .checks }
        guard !judged.isEmpty, !result.windows.isEmpty else { return nil }
        var best: SecondWindow?
        for window in result.windows {
            if window.requests >= minimumRequestsToJudge {
                for threshold in judged {
                    guard let value = measure(threshold.metric, in: window), !threshold.comparison.holds(value, threshold.bound) else { continue }
                    return SustainedCapacity(
                        requestsPerSecond: Double(best?.requests ?? 0), second: best?.second ?? window.second,
                        brokenAt: window.second, brokenBy: threshold.expression, brokenValue: threshold.formatted(value),
                        brokenRequestsPerSecond: Double(window.requests))
                }
            }
            if window.requests > best?.requests ?? -1 { best = window }
        }
        guard let best else { return nil }
        return SustainedCapacity(requestsPerSecond: Double(best.requests), second: best.second, brokenAt: nil,
                                 brokenBy: nil, brokenValue: nil, brokenRequestsPerSecond: nil)
    }

    /// A threshold's metric for one second; nil when the second cannot say (no histogram).
    private static func measure(_ metric: ThresholdMetric, in window: SecondWindow) -> Double? {
        switch metric {
        case .p50, .p90, .p95, .p99, .p999, .max:
            guard let histogram = try? HistogramCodec.decode(window.histogram) else { return nil }
            return histogram.milliseconds(atPercentile: metric.percentile ?? 100)
        case .errorRate: return window.requests > 0 ? Double(window.errors) / Double(window.requests) : nil
        case .throttledRate: return window.requests > 0 ? Double(window.throttled) / Double(window.requests) : nil
        case .rps: return Double(window.requests)
        case .dropped: return Double(window.dropped)
        case .checks: return nil
        }
    }
}
