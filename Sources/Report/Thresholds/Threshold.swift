// A profile's pass/fail rule on a load run, parsed: which metric, over which operation (or
// the whole run), compared how with which bound. `ThresholdParser.swift` reads the text;
// `ThresholdMeasurement.swift` judges a result.

/// One parsed threshold, such as `p99(listAgents) < 300ms` or `error_rate < 1%`.
public struct Threshold: Sendable, Hashable {
    /// The expression as written in the profile; verdicts and reports quote it.
    public var expression: String
    /// What is measured.
    public var metric: ThresholdMetric
    /// The operationId the metric applies to, or nil for the whole run.
    public var operation: String?
    /// How the measured value is compared with `bound`.
    public var comparison: ThresholdComparison
    /// The bound in the metric's unit: milliseconds (latency), a fraction from 0 to 1
    /// (error_rate, throttled_rate, checks), requests per second (rps) or a count (dropped).
    public var bound: Double
    /// Whether the run stops as soon as this threshold fails (`abort_on_fail` in the profile).
    public var abortOnFail: Bool

    /// Creates a threshold from its parts; `Threshold.parse` is the usual way to get one.
    public init(
        expression: String, metric: ThresholdMetric, operation: String?, comparison: ThresholdComparison,
        bound: Double, abortOnFail: Bool = false
    ) {
        self.expression = expression
        self.metric = metric
        self.operation = operation
        self.comparison = comparison
        self.bound = bound
        self.abortOnFail = abortOnFail
    }
}
