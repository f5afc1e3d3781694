// The quantities a threshold can bound, with the unit each one's value is written in, and the
// near-miss spellings people type for them (for "did you mean" in parse errors).

/// What a threshold measures: a latency percentile, a share of requests, a throughput or a count.
public enum ThresholdMetric: String, Sendable, Hashable, CaseIterable {
    /// The median latency.
    case p50
    /// The 90th percentile latency.
    case p90
    /// The 95th percentile latency.
    case p95
    /// The 99th percentile latency.
    case p99
    /// The 99.9th percentile latency.
    case p999
    /// The highest latency recorded.
    case max
    /// Errors over requests.
    case errorRate = "error_rate"
    /// 429 responses over requests.
    case throttledRate = "throttled_rate"
    /// Completed requests per second over the run.
    case rps
    /// Passed checks over all checks.
    case checks
    /// Arrivals dropped for want of a free virtual user (whole run only).
    case dropped

    /// How a metric's value is written and compared.
    public enum Kind: Sendable, Hashable {
        /// Milliseconds; written as a duration (`300ms`, `1s`).
        case latency
        /// A fraction from 0 to 1; written as a percentage (`1%`) or a fraction (`0.01`).
        case proportion
        /// Requests per second; written as a number (`200`) or a rate (`200/s`).
        case throughput
        /// A whole number (`0`).
        case count
    }

    /// How this metric's value is written and compared.
    public var kind: Kind {
        switch self {
        case .p50, .p90, .p95, .p99, .p999, .max: .latency
        case .errorRate, .throttledRate, .checks: .proportion
        case .rps: .throughput
        case .dropped: .count
        }
    }

    /// The percentile (0...100) a latency metric reads from the histogram; 100 for `max`.
    public var percentile: Double? {
        switch self {
        case .p50: 50
        case .p90: 90
        case .p95: 95
        case .p99: 99
        case .p999: 99.9
        case .max: 100
        case .errorRate, .throttledRate, .rps, .checks, .dropped: nil
        }
    }

    /// Whether the metric may name an operation, as in `p99(listAgents)`. `dropped` may not:
    /// an arrival is dropped before its iteration has chosen any operation.
    public var takesOperation: Bool { self != .dropped }

    /// What a value for this metric looks like, for parse errors.
    var expectedValue: String {
        switch kind {
        case .latency: "a duration such as 300ms"
        case .proportion: "a percentage such as 1% or a fraction such as 0.01"
        case .throughput: "requests per second such as 200 (or 200/s)"
        case .count: "a count such as 0"
        }
    }

    /// Every metric name, in the order parse errors list them.
    static let namesForMessages = allCases.map(\.rawValue).joined(separator: ", ")

    /// The metric someone probably meant by `word`, which is not a metric name: the same name
    /// in another case or with `-`/space for `_` (`Error-Rate`), `p99.9` for `p999`, or a
    /// common synonym (`median`, `errors`, `throughput`). Nil when nothing is close: a
    /// percentile that is not offered (`p98`) gets no guess, since either neighbour would
    /// change what the budget means.
    ///
    /// Typos by edit distance (`eror_rate`) are not caught: the project's one Levenshtein
    /// (`NearestName`) lives in YAMLSource, which Report does not import.
    static func suggestion(for word: String) -> ThresholdMetric? {
        var normalized = ""
        for character in word.lowercased() {
            normalized.append(character == "-" || character == " " ? "_" : character)
        }
        if let metric = ThresholdMetric(rawValue: normalized) { return metric }
        // `p99.9`, `p99_9`, `p100`: a percentile written another way.
        if normalized.hasPrefix("p") {
            let digits = normalized.dropFirst().filter { $0 != "." && $0 != "_" }
            if !digits.isEmpty, digits.allSatisfy(isDigit) {
                if digits == "100" { return .max }
                if let metric = ThresholdMetric(rawValue: "p" + digits), metric.kind == .latency { return metric }
            }
        }
        return synonyms[normalized]
    }

    private static let synonyms: [String: ThresholdMetric] = [
        "median": .p50, "maximum": .max,
        "error": .errorRate, "errors": .errorRate, "errorrate": .errorRate, "err_rate": .errorRate, "errors_rate": .errorRate,
        "throttled": .throttledRate, "throttle_rate": .throttledRate, "throttledrate": .throttledRate,
        "throttling_rate": .throttledRate, "429_rate": .throttledRate,
        "check": .checks, "checks_rate": .checks, "check_rate": .checks, "pass_rate": .checks,
        "req_s": .rps, "reqs": .rps, "qps": .rps, "throughput": .rps, "requests_per_second": .rps,
        "drop": .dropped, "drops": .dropped, "dropped_iterations": .dropped,
    ]

    /// `0` to `9` only (`Character.isNumber` also accepts other scripts' digits and fractions).
    static func isDigit(_ character: Character) -> Bool { character >= "0" && character <= "9" }
}
