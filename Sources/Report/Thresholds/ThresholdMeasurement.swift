// Judging a threshold against a load result: read the metric from the result (percentiles
// always from the HdrHistogram, never from averages of per-second values), compare it with
// the bound, and print what was measured the way the expression's unit reads.
import Histogram

/// What a threshold found in a result.
public enum ThresholdMeasurement: Sendable, Hashable {
    /// The measured value, in the metric's unit (see `Threshold.bound`).
    case value(Double)
    /// The operation (or the run) has no requests, so a request-based metric has nothing to read.
    case noRequests
}

extension Threshold {
    /// The metric's value in `result`, in the unit of `bound`.
    ///
    /// Every request-based metric (latency, error_rate, throttled_rate, checks, rps) of an
    /// operation without requests (or of a run without any) is `.noRequests`, never a
    /// number: the histogram of nothing reads 0 ms and the error rate of nothing reads 0 %,
    /// which would pass `p99(createUser) < 300ms` for traffic that never happened, or for an
    /// operationId misspelt in the profile. `dropped` counts arrivals and is always a value.
    public func measure(_ result: LoadResult) -> ThresholdMeasurement {
        if metric == .dropped { return .value(Double(result.iterations.dropped)) }
        let scope: OperationResult
        if let operation {
            guard let found = result.operations[operation] else { return .noRequests }
            scope = found
        } else {
            scope = result.overall
        }
        guard scope.requests > 0 else { return .noRequests }
        switch metric {
        case .p50, .p90, .p95, .p99, .p999, .max:
            return .value(scope.latency.milliseconds(atPercentile: metric.percentile ?? 100))
        case .errorRate: return .value(scope.errorRate)
        case .throttledRate: return .value(scope.throttledRate)
        case .checks: return .value(scope.checkPassRate)
        case .rps: return .value(operation.map { result.requestsPerSecond(of: $0) } ?? result.requestsPerSecond)
        case .dropped: return .value(Double(result.iterations.dropped))
        }
    }

    /// The verdict on `result`: whether the measured value satisfies the comparison, and the
    /// value as people read it (`287.1ms`, `0.42%`, `99.80%`, `812.3`, `0`, or `no requests`,
    /// which always fails — see `measure`).
    public func evaluate(_ result: LoadResult) -> ThresholdVerdict {
        verdict(for: measure(result))
    }

    /// The verdict for a measurement already taken.
    func verdict(for measurement: ThresholdMeasurement) -> ThresholdVerdict {
        switch measurement {
        case .noRequests:
            return ThresholdVerdict(expression: expression, ok: false, actual: "no requests", abortOnFail: abortOnFail)
        case .value(let actual):
            return ThresholdVerdict(
                expression: expression, ok: comparison.holds(actual, bound), actual: formatted(actual), abortOnFail: abortOnFail)
        }
    }

    /// `actual` in the metric's unit, as the summary and the results file print it.
    public func formatted(_ actual: Double) -> String {
        switch metric.kind {
        case .latency: MeasurementText.milliseconds(actual)
        case .proportion: MeasurementText.percent(actual)
        case .throughput: MeasurementText.fixed(actual, decimals: 1)
        case .count: MeasurementText.fixed(actual, decimals: 0)
        }
    }
}
