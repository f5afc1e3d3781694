// Load results built by hand for the threshold, summary and progress tests: a few operations
// with known latencies and counts, so each test can say what it expects in plain numbers.
import Histogram
import Report

/// An operation's result: `latencies` (milliseconds, with how many requests took each) are
/// recorded in a real latency histogram; the request count is their total.
func operationResult(
    latencies: [(milliseconds: Double, count: Int)], errors: Int = 0, throttled: Int = 0,
    checksPassed: Int = 0, checksFailed: Int = 0, violations: Int = 0
) -> OperationResult {
    var result = OperationResult(emptyWith: LatencyHistogram.make())
    for (milliseconds, count) in latencies {
        result.latency.record(UInt64(milliseconds * 1000), count: UInt64(count))
        result.service.record(UInt64(milliseconds * 1000), count: UInt64(count))
        result.requests += count
    }
    result.errors = errors
    result.throttled = throttled
    result.checksPassed = checksPassed
    result.checksFailed = checksFailed
    result.violations = violations
    if errors > 0 { result.errorClasses[.http5xx] = errors }
    result.statusCounts[200] = result.requests - errors - throttled
    if throttled > 0 { result.statusCounts[429] = throttled }
    return result
}

/// A run of `durationSeconds` with `operations`; `overall` is their sum, as the engine makes it.
func loadResult(
    _ operations: [String: OperationResult], durationSeconds: Double = 10, model: String = "open",
    dropped: Int = 0, thresholds: [ThresholdVerdict] = [], errors: [ErrorSummary] = [],
    interrupted: Bool = false, abortedBy: String? = nil
) -> LoadResult {
    var overall = OperationResult(emptyWith: LatencyHistogram.make())
    for operation in operations.values {
        try! overall.add(operation)
    }
    var iterations = IterationCounts()
    iterations.dropped = dropped
    let run = LoadRunInfo(
        profile: "pre-release", profileFile: "scenarios/load/pre-release.yaml", profileHash: "abc123",
        executor: model == "open" ? "constant-arrival-rate" : "constant-vus", model: model,
        started: "2025-01-02T03:04:05.000Z", startedEpochSeconds: 1_735_787_045, durationSeconds: durationSeconds,
        plannedDurationSeconds: durationSeconds, plannedRate: model == "open" ? 200 : nil, plannedIterations: nil,
        vus: 16, maxVUs: model == "open" ? 64 : nil, stages: [], gracefulStopSeconds: 10, validateSample: 0,
        target: "http://127.0.0.1:8080/v2", shards: 1, shard: nil, threads: 2, version: "0.1.0",
        machine: MachineInfo(hostname: "ci-1", cores: 2, system: "Linux x86_64"))
    return LoadResult(
        run: run, operations: operations, overall: overall, iterations: iterations, lateness: LatencyHistogram.make(),
        windows: [], thresholds: thresholds, errors: errors, failedChecks: [], violations: [],
        validation: ValidationCounts(), rateLimits: RateLimitCounts(), interrupted: interrupted, abortedBy: abortedBy)
}

/// The run most threshold tests judge, over 10 seconds:
/// - `listAgents`: 99 requests at 10 ms and one at 287.1 ms;
/// - `getUser`: 10 requests at 500 ms, 2 of them errors.
func browsingRun(dropped: Int = 0) -> LoadResult {
    loadResult(
        [
            "listAgents": operationResult(latencies: [(10, 99), (287.1, 1)]),
            "getUser": operationResult(latencies: [(500, 10)], errors: 2),
        ], dropped: dropped)
}

/// The verdict of `expression` on `result`; the expression must parse.
func verdict(_ expression: String, on result: LoadResult) -> ThresholdVerdict {
    try! Threshold.parse(expression).evaluate(result)
}
