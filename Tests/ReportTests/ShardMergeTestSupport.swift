// Shard results built by hand for the ShardMerge*Tests: one run of a profile cut into shards,
// each with its own operations, windows and verdicts, plus the percentiles compared exactly.
import Foundation
import Histogram
import XCTest

@testable import Report

/// Builds the shards of one made-up run: shard `index` of `shards`, sharing a profile and an
/// epoch unless a test changes them.
struct ShardBuilder {
    var shards: Int
    var profile = "checkout-browse"
    var profileHash = "5f3a9c0d1e2b4a67"
    var executor = "constant-arrival-rate"
    /// The shared `--start-at`; each shard starts a few ms after it, as real machines do.
    var epochSeconds: Double = 1_764_669_600
    var thresholds: [String] = []

    /// A shard whose every request, operation by operation, had the given latencies (µs).
    func shard(_ index: Int, latencies: [String: [UInt64]], windows: [SecondWindow] = [], file: String? = nil) throws -> ShardResult {
        var operations: [String: OperationResult] = [:]
        for (name, values) in latencies {
            operations[name] = Self.operation(latencies: values)
        }
        return try shard(index, operations: operations, windows: windows, file: file)
    }

    /// A shard with the given operations; the totals are their sum.
    func shard(_ index: Int, operations: [String: OperationResult], windows: [SecondWindow] = [], file: String? = nil) throws -> ShardResult {
        var overall = OperationResult(emptyWith: LatencyHistogram.make())
        for name in operations.keys.sorted() {
            if let operation = operations[name] { try overall.add(operation) }
        }
        let started = epochSeconds + 0.020 + Double(index) * 0.003
        let run = LoadRunInfo(
            profile: profile, profileFile: "scenarios/load/\(profile).yaml", profileHash: profileHash,
            executor: executor, model: executor.contains("arrival-rate") ? "open" : "closed",
            started: Self.rfc3339(started), startedEpochSeconds: started, durationSeconds: 10 + Double(index) * 0.1,
            plannedDurationSeconds: 10, plannedRate: 300, plannedIterations: 3_000 / shards, vus: 20, maxVUs: 100,
            stages: [], gracefulStopSeconds: 5, validateSample: 0.01, target: "http://mock.load.svc:8080/v2",
            shards: shards, shard: index, threads: 2, version: "0.9.0",
            machine: MachineInfo(hostname: "fcharness-shard-\(index - 1)", cores: 4, system: "Linux x86_64"))
        var iterations = IterationCounts()
        iterations.started = overall.requests
        iterations.completed = overall.requests
        iterations.peakVUs = 3
        var result = LoadResult(
            run: run, operations: operations, overall: overall, iterations: iterations, lateness: LatencyHistogram.make(),
            windows: windows, thresholds: [], errors: [], failedChecks: [], violations: [], validation: ValidationCounts(),
            rateLimits: RateLimitCounts(), interrupted: false, abortedBy: nil)
        // Each shard judges its own slice, as `load --shard` does.
        result.thresholds = try thresholds.map { try Threshold.parse($0).evaluate(result) }
        return ShardResult(file: file ?? "shard-\(index).json", result: result)
    }

    /// An operation with `latencies` as both latency and service time, all answered 200.
    static func operation(latencies: [UInt64], errors: Int = 0) -> OperationResult {
        var operation = OperationResult(emptyWith: LatencyHistogram.make())
        for value in latencies {
            operation.latency.record(microseconds: value)
            operation.service.record(microseconds: value / 2 + 1)
        }
        operation.requests = latencies.count
        operation.errors = errors
        operation.statusCounts = [200: latencies.count - errors]
        if errors > 0 {
            operation.statusCounts[503] = errors
            operation.errorClasses = [.http5xx: errors]
        }
        return operation
    }

    /// A window of `second` holding `latencies` (µs) of one operation.
    static func window(second: Int64, operation: String, latencies: [UInt64], errors: Int = 0, dropped: Int = 0) throws -> SecondWindow {
        var histogram = LatencyHistogram.make()
        for value in latencies { histogram.record(microseconds: value) }
        let encoded = try HistogramCodec.encode(histogram)
        return SecondWindow(
            second: second, requests: latencies.count, errors: errors, throttled: 0, dropped: dropped, inFlight: 1,
            histogram: encoded, p50Milliseconds: histogram.milliseconds(atPercentile: 50),
            p99Milliseconds: histogram.milliseconds(atPercentile: 99),
            operations: [operation: OperationWindow(requests: latencies.count, errors: errors, histogram: encoded)])
    }

    static func rfc3339(_ seconds: Double) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: Date(timeIntervalSince1970: seconds))
    }
}

/// 0, 0.1, 0.2, … 99.9 and 100, and the far tail: the percentiles the exactness tests compare.
let everyTenthOfAPercent: [Double] = (0 ... 1000).map { Double($0) / 10 } + [99.95, 99.99, 99.999, 99.9999]

/// Asserts that `merged` answers every percentile exactly as `expected` does, with the same
/// count, extremes and buckets.
func assertSamePercentiles(_ merged: Histogram<UInt64>, _ expected: Histogram<UInt64>, _ what: String,
                           file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(merged.totalCount, expected.totalCount, "\(what): count", file: file, line: line)
    XCTAssertEqual(merged.min, expected.min, "\(what): min", file: file, line: line)
    XCTAssertEqual(merged.max, expected.max, "\(what): max", file: file, line: line)
    var differing: [String] = []
    for percentile in everyTenthOfAPercent where merged.valueAtPercentile(percentile) != expected.valueAtPercentile(percentile) {
        differing.append("p\(percentile): \(merged.valueAtPercentile(percentile)) ≠ \(expected.valueAtPercentile(percentile))")
    }
    XCTAssertEqual(differing, [], "\(what): percentiles", file: file, line: line)
    XCTAssertEqual(merged.recordedValues().map { [$0.value, UInt64($0.count)] },
                   expected.recordedValues().map { [$0.value, UInt64($0.count)] }, "\(what): buckets", file: file, line: line)
}
