// The result of comparing two runs: one row per operation and metric with both figures, the
// change, its interval and the verdict, worst regression first; what every rendering of
// `compare` (console, Markdown, JSON) reads.

/// What a change in one metric of one operation amounts to.
public enum CompareVerdict: String, Sendable, Hashable, CaseIterable, Comparable {
    /// Worse by more than the threshold, and outside the noise of the runs.
    case regression
    /// Better by more than the threshold, and outside the noise of the runs.
    case improvement
    /// Outside the noise, but no larger than the threshold.
    case underThreshold = "under_threshold"
    /// Inside the noise of the runs, whatever its size.
    case withinNoise = "within_noise"
    /// Too few requests or seconds on one side to judge.
    case notEnoughData = "not_enough_data"

    /// The verdict column: `▲ worse`, `▼ better`, `≈ under threshold`, `≈ within noise`,
    /// `not enough data`.
    public var label: String {
        switch self {
        case .regression: return "▲ worse"
        case .improvement: return "▼ better"
        case .underThreshold: return "≈ under threshold"
        case .withinNoise: return "≈ within noise"
        case .notEnoughData: return "not enough data"
        }
    }

    /// Orders verdicts as `allCases` lists them: regressions first.
    public static func < (lhs: CompareVerdict, rhs: CompareVerdict) -> Bool {
        lhs.rank < rhs.rank
    }

    private var rank: Int { Self.allCases.firstIndex(of: self) ?? Self.allCases.count }
}

/// One metric of one operation, compared.
public struct MetricComparison: Sendable, Hashable {
    /// The operationId.
    public var operation: String
    /// The metric.
    public var metric: CompareMetric
    /// The baseline's figure over the seconds compared: ms for latencies, req/s, or the error
    /// rate as a fraction; nil when it has no such figure (no latencies).
    public var baseline: Double?
    /// The current run's figure, in the same unit.
    public var current: Double?
    /// current / baseline − 1 (latencies, req/s) or current − baseline (error rate, a fraction
    /// of requests); nil without both figures.
    public var change: Double?
    /// The bootstrap interval of `change` at the comparison's confidence; nil when not judged.
    public var interval: ClosedRange<Double>?
    /// The threshold applied, in percent (percentage points for the error rate).
    public var thresholdPercent: Double
    /// The verdict.
    public var verdict: CompareVerdict
    /// Requests of the operation in the seconds compared: baseline, current.
    public var requests: (baseline: Int, current: Int)
    /// Seconds per resampled block for this operation (nil when not judged).
    public var blockSeconds: Int?

    /// Creates a row.
    public init(operation: String, metric: CompareMetric, baseline: Double?, current: Double?, change: Double?,
                interval: ClosedRange<Double>?, thresholdPercent: Double, verdict: CompareVerdict,
                requests: (baseline: Int, current: Int)) {
        self.operation = operation
        self.metric = metric
        self.baseline = baseline
        self.current = current
        self.change = change
        self.interval = interval
        self.thresholdPercent = thresholdPercent
        self.verdict = verdict
        self.requests = requests
    }

    /// The change in percent (or percentage points), positive when worse: the size a
    /// threshold is held against.
    public var worseningPercent: Double? {
        change.map { $0 * 100 * (metric.higherIsWorse ? 1 : -1) }
    }

    /// How far past its threshold the change goes in the worse direction (change / threshold),
    /// for ordering rows worst first.
    public var severity: Double {
        guard let worsening = worseningPercent else { return -.infinity }
        return thresholdPercent > 0 ? worsening / thresholdPercent : worsening * 1e6
    }

    public static func == (lhs: MetricComparison, rhs: MetricComparison) -> Bool {
        lhs.operation == rhs.operation && lhs.metric == rhs.metric && lhs.baseline == rhs.baseline
            && lhs.current == rhs.current && lhs.change == rhs.change && lhs.interval == rhs.interval
            && lhs.thresholdPercent == rhs.thresholdPercent && lhs.verdict == rhs.verdict
            && lhs.requests == rhs.requests && lhs.blockSeconds == rhs.blockSeconds
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(operation)
        hasher.combine(metric)
        hasher.combine(verdict)
    }
}

/// How a comparison resamples and decides.
public struct CompareSettings: Sendable, Hashable {
    /// Per-metric thresholds.
    public var thresholds: CompareThresholds
    /// The seed of the resampling: the same seed and files give the same verdict.
    public var seed: UInt64
    /// Bootstrap replicates per operation and side.
    public var replicates: Int
    /// The two-sided confidence of the intervals (0.95: a regression is significant at 2.5%
    /// one-sided).
    public var confidence: Double

    /// The default seed, so that a verdict repeats without `--seed`.
    public static let defaultSeed: UInt64 = 20_240_601

    /// Creates settings; the defaults are those `compare` uses without flags.
    public init(thresholds: CompareThresholds = .defaults, seed: UInt64 = defaultSeed, replicates: Int = 2000,
                confidence: Double = 0.95) {
        self.thresholds = thresholds
        self.seed = seed
        self.replicates = replicates
        self.confidence = confidence
    }
}

/// The data each side contributed: which file, how many seconds.
public struct ComparedSide: Sendable, Hashable {
    /// The file (or name) the run came from.
    public var file: String
    /// The whole seconds compared (the first whole second and the partial ones left out).
    public var seconds: Int

    /// Creates a side.
    public init(file: String, seconds: Int) {
        self.file = file
        self.seconds = seconds
    }
}

/// Two runs of one profile, compared operation by operation.
public struct Comparison: Sendable {
    /// The profile both runs ran.
    public var profile: String
    /// The baseline run's side.
    public var baseline: ComparedSide
    /// The current run's side.
    public var current: ComparedSide
    /// Differences between the runs that do not stop the comparison.
    public var warnings: [CompareWarning]
    /// Every operation and metric, worst regression first.
    public var rows: [MetricComparison]
    /// Operations only the current run has.
    public var addedOperations: [String]
    /// Operations only the baseline has.
    public var removedOperations: [String]
    /// How the comparison was made.
    public var settings: CompareSettings

    /// The rows that regressed, worst first.
    public var regressions: [MetricComparison] { rows.filter { $0.verdict == .regression } }

    /// The operations with at least one regression, worst first.
    public var regressedOperations: [String] {
        var seen = Set<String>()
        return regressions.map(\.operation).filter { seen.insert($0).inserted }
    }

    /// Whether any metric of any operation regressed (`compare` exits 1).
    public var hasRegression: Bool { rows.contains { $0.verdict == .regression } }
}
