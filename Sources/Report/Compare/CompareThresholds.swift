// How large a change must be before `compare` calls it a regression, per metric: the
// defaults, and `--threshold METRIC=PCT` read into them.

/// The smallest change per metric that counts: relative percent for latencies and throughput,
/// percentage points for the error rate.
///
/// A change must be at least this large *and* outside the runs' noise to be a regression.
public struct CompareThresholds: Sendable, Hashable {
    /// The threshold of each metric, in percent (percentage points for the error rate).
    public private(set) var percent: [CompareMetric: Double]

    /// The defaults (docs/compare.md says why): p50 and p90 10%, p99 15%, req/s a 10% drop,
    /// error rate 1 percentage point.
    public static let defaults = CompareThresholds(percent: [
        .p50: 10, .p90: 10, .p99: 15, .requestsPerSecond: 10, .errorRate: 1,
    ])

    /// Thresholds from explicit values; metrics not named keep their default.
    public init(percent: [CompareMetric: Double]) {
        var all = Self.defaultPercent
        for (metric, value) in percent { all[metric] = value }
        self.percent = all
    }

    /// The threshold of `metric`, in percent (or percentage points).
    public subscript(metric: CompareMetric) -> Double {
        percent[metric] ?? Self.defaultPercent[metric] ?? 0
    }

    /// These thresholds with each `METRIC=PCT` applied in order (a later one wins).
    ///
    /// `PCT` reads `15%`, `15` or, for the error rate, `0.5pp`; it must be a finite number ≥ 0.
    /// - Throws: ``CompareThresholdError`` naming the argument.
    public func applying(_ arguments: [String]) throws(CompareThresholdError) -> CompareThresholds {
        var result = self
        for argument in arguments {
            let (metric, value) = try Self.parse(argument)
            result.percent[metric] = value
        }
        return result
    }

    /// One `METRIC=PCT` argument.
    public static func parse(_ argument: String) throws(CompareThresholdError) -> (CompareMetric, Double) {
        let parts = argument.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2 else { throw .notMetricEqualsPercent(argument) }
        let name = parts[0].trimmingSpaces
        guard let metric = CompareMetric(name: name) else { throw .unknownMetric(argument, name: name) }
        var text = parts[1].trimmingSpaces
        if text.hasSuffix("%") {
            text.removeLast()
        } else if text.hasSuffix("pp") {
            guard metric.changeIsInPoints else { throw .pointsForRelativeMetric(argument) }
            text.removeLast(2)
        }
        guard let value = Double(text.trimmingSpaces), value.isFinite, value >= 0 else {
            throw .invalidPercent(argument, value: parts[1].trimmingSpaces)
        }
        return (metric, value)
    }

    private static let defaultPercent: [CompareMetric: Double] = [
        .p50: 10, .p90: 10, .p99: 15, .requestsPerSecond: 10, .errorRate: 1,
    ]
}

/// A `--threshold` argument that does not read as `METRIC=PCT`.
public enum CompareThresholdError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No `=` in the argument.
    case notMetricEqualsPercent(String)
    /// The metric is none of p50, p90, p99, rps, error_rate.
    case unknownMetric(String, name: String)
    /// The value is not a number ≥ 0.
    case invalidPercent(String, value: String)
    /// `pp` (percentage points) given for a metric whose change is relative.
    case pointsForRelativeMetric(String)

    /// The problem, with the form that works.
    public var description: String {
        let names = CompareMetric.allCases.map(\.name).joined(separator: ", ")
        switch self {
        case .notMetricEqualsPercent(let argument):
            return "--threshold '\(argument)': expected METRIC=PCT, e.g. p99=15%"
        case .unknownMetric(let argument, let name):
            return "--threshold '\(argument)': unknown metric '\(name)'; expected one of \(names)"
        case .invalidPercent(let argument, let value):
            return "--threshold '\(argument)': '\(value)' is not a percentage ≥ 0, e.g. 15% (error_rate: 1% or 1pp, in points)"
        case .pointsForRelativeMetric(let argument):
            return "--threshold '\(argument)': only error_rate is in percentage points (pp); the others are relative, e.g. 15%"
        }
    }
}

extension Substring {
    /// The text without leading and trailing spaces.
    fileprivate var trimmingSpaces: String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}

extension String {
    fileprivate var trimmingSpaces: String { Substring(self).trimmingSpaces }
}
