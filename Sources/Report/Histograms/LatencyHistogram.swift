// The project's one histogram setting for latencies. Every shard and every run must use the
// same (lowest, highest, digits), or their histograms cannot be merged or compared: this is
// the single place those numbers are chosen.
import Histogram

/// The latency histogram settings: microseconds, from 1 µs to 60 s, 3 significant digits.
///
/// 3 digits keep every value within 0.1 % (1 µs steps up to 2 ms, 1 ms steps at a second);
/// the whole range takes 17,408 buckets (139 KB of `UInt64` counts).
public enum LatencyHistogram {
    /// The unit of recorded values: microseconds.
    public static let lowestDiscernibleValue: UInt64 = 1
    /// 60 s in microseconds; a slower reply is recorded as 60 s (see `record(microseconds:)`).
    public static let highestTrackableValue: UInt64 = 60_000_000
    /// Precision: values are kept to 3 significant decimal digits.
    public static let significantDigits: SignificantDigits = .three

    /// An empty histogram with the latency settings.
    public static func make() -> Histogram<UInt64> {
        Histogram(
            lowestDiscernibleValue: lowestDiscernibleValue, highestTrackableValue: highestTrackableValue,
            numberOfSignificantValueDigits: significantDigits)
    }

    /// Whether `histogram` has exactly the latency settings (what a decoded shard must have
    /// before its numbers are reported next to ours).
    public static func hasLatencySettings(_ histogram: Histogram<UInt64>) -> Bool {
        histogram.lowestDiscernibleValue == lowestDiscernibleValue
            && histogram.highestTrackableValue == highestTrackableValue
            && histogram.numberOfSignificantValueDigits == significantDigits
    }
}

/// What `record(microseconds:)` did with a value.
public enum LatencyRecording: Sendable, Equatable {
    /// Recorded as it was.
    case recorded
    /// Above the histogram's highest trackable value: recorded as that value instead.
    case clamped
}

/// Latency percentiles of one histogram, in milliseconds, for reports.
public struct LatencySummary: Sendable, Equatable {
    /// How many latencies were recorded.
    public var count: UInt64
    /// The median.
    public var p50: Double
    /// The 90th percentile.
    public var p90: Double
    /// The 95th percentile.
    public var p95: Double
    /// The 99th percentile.
    public var p99: Double
    /// The 99.9th percentile.
    public var p999: Double
    /// The highest recorded latency.
    public var max: Double

    /// A summary from its parts.
    public init(count: UInt64, p50: Double, p90: Double, p95: Double, p99: Double, p999: Double, max: Double) {
        self.count = count
        self.p50 = p50
        self.p90 = p90
        self.p95 = p95
        self.p99 = p99
        self.p999 = p999
        self.max = max
    }
}

extension Histogram where Count == UInt64 {
    /// Records one latency in microseconds. A value above the highest trackable value is
    /// recorded as that value (a 2-minute stall counts as 60 s): dropping it, as `record`
    /// would, hides exactly the requests a load test is looking for.
    ///
    /// - Returns: `.clamped` when the value was above the range, so the caller can count those.
    @discardableResult
    public mutating func record(microseconds: UInt64) -> LatencyRecording {
        if microseconds > highestTrackableValue {
            record(highestTrackableValue)
            return .clamped
        }
        record(microseconds)
        return .recorded
    }

    /// The value at `percentile` (0...100) in milliseconds, for a histogram of microseconds.
    public func milliseconds(atPercentile percentile: Double) -> Double {
        Double(valueAtPercentile(percentile)) / 1000
    }

    /// p50, p90, p95, p99, p99.9 and the maximum in milliseconds, for a histogram of
    /// microseconds; all zero when nothing was recorded.
    public var latencySummary: LatencySummary {
        LatencySummary(
            count: totalCount,
            p50: milliseconds(atPercentile: 50), p90: milliseconds(atPercentile: 90),
            p95: milliseconds(atPercentile: 95), p99: milliseconds(atPercentile: 99),
            p999: milliseconds(atPercentile: 99.9), max: milliseconds(atPercentile: 100))
    }
}
