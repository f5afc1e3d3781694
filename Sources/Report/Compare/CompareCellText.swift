// The cells of a comparison table, shared by the console and Markdown renderings: figures in
// their unit, changes with their sign, intervals, thresholds and the headline.

/// Text for the cells of one comparison row.
enum CompareCellText {
    /// A figure in its unit: `24.1 ms`, `198.5 req/s`, `0.42%`; `–` when there is none.
    static func figure(_ value: Double?, _ metric: CompareMetric) -> String {
        guard let value else { return "–" }
        switch metric {
        case .p50, .p90, .p99: return latency(value) + " ms"
        case .requestsPerSecond: return MeasurementText.fixed(value, decimals: 1) + " req/s"
        case .errorRate: return MeasurementText.percent(value)
        }
    }

    /// A change with its sign: `+30.0%` (relative) or `+1.20 pp` (error rate); `–` without one.
    static func change(_ value: Double?, _ metric: CompareMetric) -> String {
        guard let value else { return "–" }
        let percent = value * 100
        let sign = percent > 0 ? "+" : ""
        return metric.changeIsInPoints
            ? sign + MeasurementText.fixed(percent, decimals: 2) + " pp"
            : sign + MeasurementText.fixed(percent, decimals: 1) + "%"
    }

    /// The interval of a change: `+25.1% … +34.8%`; `–` when the change was not judged.
    static func interval(_ interval: ClosedRange<Double>?, _ metric: CompareMetric) -> String {
        guard let interval else { return "–" }
        return change(interval.lowerBound, metric) + " … " + change(interval.upperBound, metric)
    }

    /// A threshold as `--threshold` takes it: `15%`, or `1 pp` for the error rate.
    static func threshold(_ percent: Double, _ metric: CompareMetric) -> String {
        let number = percent == percent.rounded() ? MeasurementText.fixed(percent, decimals: 0)
            : MeasurementText.fixed(percent, decimals: 2)
        return metric.changeIsInPoints ? number + " pp" : number + "%"
    }

    /// The verdict column: the verdict, and for a regression or an improvement the threshold
    /// it went past.
    static func verdict(_ row: MetricComparison) -> String {
        switch row.verdict {
        case .regression, .improvement:
            return row.verdict.label + " (> " + threshold(row.thresholdPercent, row.metric) + ")"
        case .underThreshold, .withinNoise, .notEnoughData:
            return row.verdict.label
        }
    }

    /// `✅ no regression` or `❌ 2 regressions (listAgents, getUser)`.
    /// `name` makes each operation name safe for the medium (escaped Markdown, console text).
    static func headline(_ comparison: Comparison, name: (String) -> String) -> String {
        let count = comparison.regressions.count
        guard count > 0 else { return "✅ no regression" }
        let operations = comparison.regressedOperations
        return "❌ \(count) regression\(count == 1 ? "" : "s") in \(operations.count) operation"
            + "\(operations.count == 1 ? "" : "s"): \(operations.map(name).joined(separator: ", "))"
    }

    private static func latency(_ milliseconds: Double) -> String {
        MeasurementText.fixed(milliseconds, decimals: abs(milliseconds) < 10 ? 2 : (abs(milliseconds) < 100 ? 1 : 0))
    }
}
