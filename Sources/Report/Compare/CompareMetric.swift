// The five figures `compare` judges for each operation, which way is worse for each, and how
// a change in each is expressed (relative for latencies and throughput, points for errors).

/// A figure of one operation that `compare` judges between two runs.
public enum CompareMetric: String, Sendable, CaseIterable, Hashable, Comparable {
    /// The median latency.
    case p50
    /// The 90th percentile latency.
    case p90
    /// The 99th percentile latency.
    case p99
    /// Completed requests per second.
    case requestsPerSecond = "rps"
    /// Errors over requests.
    case errorRate = "error_rate"

    /// The name used in `--threshold`, the table and the JSON report.
    public var name: String { rawValue }

    /// The name as a table heading shows it.
    public var label: String {
        switch self {
        case .p50, .p90, .p99: return rawValue
        case .requestsPerSecond: return "req/s"
        case .errorRate: return "error rate"
        }
    }

    /// The latency percentile (0...100) for the three latency figures, nil otherwise.
    public var percentile: Double? {
        switch self {
        case .p50: return 50
        case .p90: return 90
        case .p99: return 99
        case .requestsPerSecond, .errorRate: return nil
        }
    }

    /// Whether a higher value is worse (latency, errors) rather than better (throughput).
    public var higherIsWorse: Bool { self != .requestsPerSecond }

    /// Whether the change is a difference in percentage points (error rate: a relative change
    /// from 0 errors is undefined, and 0.1% → 0.2% is not "+100%" in any sense that matters)
    /// rather than a relative change.
    public var changeIsInPoints: Bool { self == .errorRate }

    /// Orders metrics as `allCases` lists them.
    public static func < (lhs: CompareMetric, rhs: CompareMetric) -> Bool {
        lhs.rank < rhs.rank
    }

    /// The metric a `--threshold` name means; accepts the table's spellings too.
    public init?(name: String) {
        switch name.lowercased() {
        case "p50", "median": self = .p50
        case "p90": self = .p90
        case "p99": self = .p99
        case "rps", "req/s", "throughput": self = .requestsPerSecond
        case "error_rate", "errors", "error-rate": self = .errorRate
        default: return nil
        }
    }

    private var rank: Int { Self.allCases.firstIndex(of: self) ?? Self.allCases.count }
}
