// A shard judges the thresholds on its own slice; the merge judges them again on the whole run.
// Counts and rates that add across shards can turn a verdict either way.
import Foundation
import Histogram
import XCTest

@testable import Report

final class ShardMergeThresholdTests: XCTestCase {
    /// Rates and percentiles of a merge lie between the shards' (a weighted mean, a mixture), so
    /// two passing shards cannot fail them; what adds can: 3 dropped arrivals in each shard pass
    /// `dropped < 5`, the run's 6 do not.
    func testTwoShardsThatEachPassCanFailTogether() throws {
        var builder = ShardBuilder(shards: 2)
        builder.thresholds = ["dropped < 5", "error_rate < 1%"]
        var shards: [ShardResult] = []
        for index in 1 ... 2 {
            var shard = try builder.shard(index, latencies: ["listAgents": Array(repeating: 2_000, count: 100)])
            shard.result.iterations.dropped = 3
            shard.result.thresholds = try builder.thresholds.map { try Threshold.parse($0).evaluate(shard.result) }
            XCTAssertTrue(shard.result.passed, "shard \(index) alone passes")
            shards.append(shard)
        }

        let merged = try ShardMerge.merge(shards)

        XCTAssertEqual(merged.result.thresholds.map(\.ok), [false, true])
        XCTAssertEqual(merged.failedThresholds.map(\.expression), ["dropped < 5"])
        XCTAssertEqual(merged.failedThresholds.first?.actual, "6")
        XCTAssertFalse(merged.passed, "merge exits 1")
        XCTAssertEqual(merged.overturnedVerdicts, [OverturnedVerdict(expression: "dropped < 5", mergedOK: false, shardFiles: ["shard-1.json", "shard-2.json"])])
    }

    /// And the other way: a shard whose slice had 2 errors in 100 requests fails
    /// `error_rate < 1%`, but the run's 2 in 400 pass, as one machine running it all would have.
    func testAShardThatFailsAloneCanPassOnTheWholeRun() throws {
        var builder = ShardBuilder(shards: 2)
        builder.thresholds = ["error_rate < 1%", "p99(getUser) < 50ms"]
        let first = try builder.shard(1, operations: [
            "listAgents": ShardBuilder.operation(latencies: Array(repeating: 3_000, count: 100), errors: 2),
        ])
        let second = try builder.shard(2, operations: [
            "listAgents": ShardBuilder.operation(latencies: Array(repeating: 3_000, count: 200)),
            "getUser": ShardBuilder.operation(latencies: Array(repeating: 9_000, count: 100)),
        ])
        XCTAssertEqual(first.result.thresholds.map(\.actual), ["2.00%", "no requests"], "shard 1 never called getUser")
        XCTAssertFalse(first.result.passed)

        let merged = try ShardMerge.merge([first, second])

        XCTAssertEqual(merged.result.thresholds.map(\.ok), [true, true])
        XCTAssertEqual(merged.result.thresholds.map(\.actual), ["0.50%", "9.0ms"])
        XCTAssertTrue(merged.passed, "merge exits 0")
        XCTAssertEqual(merged.overturnedVerdicts.map(\.expression), ["error_rate < 1%", "p99(getUser) < 50ms"])
        XCTAssertEqual(merged.overturnedVerdicts.map(\.shardFiles), [["shard-1.json"], ["shard-1.json"]])
    }

    /// The latency verdict reads the merged histogram, so it is the p99 of every request.
    func testALatencyThresholdIsJudgedOnThePercentileOfEveryRequest() throws {
        var builder = ShardBuilder(shards: 2)
        builder.thresholds = ["p99 < 100ms"]
        var random = TestRandom(seed: 11)
        var everyValue = LatencyHistogram.make()
        var shards: [ShardResult] = []
        for index in 1 ... 2 {
            let values = (0 ..< 3_000).map { _ in random.latency(medianMicroseconds: 20_000 * Double(index), sigma: 0.8) }
            for value in values { everyValue.record(microseconds: value) }
            shards.append(try builder.shard(index, latencies: ["listAgents": values]))
        }

        let verdict = try XCTUnwrap(try ShardMerge.merge(shards).result.thresholds.first)

        let expected = try Threshold.parse("p99 < 100ms").evaluate(
            LoadResult(run: shards[0].result.run, operations: [:], overall: {
                var overall = OperationResult(emptyWith: LatencyHistogram.make())
                overall.latency = everyValue
                overall.requests = Int(everyValue.totalCount)
                return overall
            }(), iterations: IterationCounts(), lateness: LatencyHistogram.make(), windows: [], thresholds: [], errors: [],
            failedChecks: [], violations: [], validation: ValidationCounts(), rateLimits: RateLimitCounts(),
            interrupted: false, abortedBy: nil))
        XCTAssertEqual(verdict, expected)
    }

    func testAbortOnFailIsKeptOnTheMergedVerdict() throws {
        var builder = ShardBuilder(shards: 2)
        builder.thresholds = ["error_rate < 5%"]
        var shards = try (1 ... 2).map { try builder.shard($0, latencies: ["listAgents": [1_000, 2_000]]) }
        for index in shards.indices { shards[index].result.thresholds[0].abortOnFail = true }

        let verdict = try XCTUnwrap(try ShardMerge.merge(shards).result.thresholds.first)

        XCTAssertEqual(verdict, ThresholdVerdict(expression: "error_rate < 5%", ok: true, actual: "0.00%", abortOnFail: true))
    }

    /// An interrupted shard is merged, not refused: its numbers are real. The merged run is
    /// marked interrupted, so it does not pass whatever the thresholds say, and names the file.
    func testAnInterruptedShardIsMergedAndTheRunMarkedInterrupted() throws {
        var builder = ShardBuilder(shards: 2)
        builder.thresholds = ["error_rate < 1%"]
        var first = try builder.shard(1, latencies: ["listAgents": [1_000, 2_000]])
        let second = try builder.shard(2, latencies: ["listAgents": [3_000]])
        first.result.interrupted = true

        let merged = try ShardMerge.merge([first, second])

        XCTAssertTrue(merged.result.interrupted)
        XCTAssertEqual(merged.result.overall.requests, 3)
        XCTAssertEqual(merged.interruptedShards, ["shard-1.json"])
        XCTAssertTrue(merged.result.thresholds.allSatisfy(\.ok))
        XCTAssertFalse(merged.passed, "partial totals never pass: merge exits 1")
    }

    func testAShardStoppedByAbortOnFailKeepsTheRunAborted() throws {
        var builder = ShardBuilder(shards: 2)
        builder.thresholds = ["p99 < 1s"]
        let first = try builder.shard(1, latencies: ["listAgents": [1_000]])
        var second = try builder.shard(2, latencies: ["listAgents": [1_000]])
        second.result.abortedBy = "p99 < 1s"

        let merged = try ShardMerge.merge([first, second])

        XCTAssertEqual(merged.result.abortedBy, "p99 < 1s")
        XCTAssertEqual(merged.abortedShards, [AbortedShard(file: "shard-2.json", expression: "p99 < 1s")])
        XCTAssertFalse(merged.passed)
    }

    /// A ramping run's capacity is found again from the merged windows: each shard carries half
    /// the load, so only the whole run shows the second where the error rate broke.
    func testCapacityOfARampingRunIsFoundFromTheMergedWindows() throws {
        var builder = ShardBuilder(shards: 2)
        builder.executor = "ramping-arrival-rate"
        builder.thresholds = ["error_rate < 10%"]
        var shards: [ShardResult] = []
        for index in 1 ... 2 {
            // Seconds 0-3 carry 20, 40, 60, 80 requests per shard; errors appear at second 3.
            let windows = try (0 ..< 4).map { offset in
                try ShardBuilder.window(second: 1_764_669_600 + Int64(offset), operation: "listAgents",
                                        latencies: Array(repeating: 2_000, count: 20 * (offset + 1)), errors: offset == 3 ? 16 : 0)
            }
            shards.append(try builder.shard(index, latencies: ["listAgents": Array(repeating: 2_000, count: 200)], windows: windows))
        }

        let capacity = try XCTUnwrap(try ShardMerge.merge(shards).result.capacity)

        XCTAssertEqual(capacity.requestsPerSecond, 120, "second 2: 60 requests from each shard")
        XCTAssertEqual(capacity.brokenAt, 1_764_669_603)
        XCTAssertEqual(capacity.brokenBy, "error_rate < 10%")
        XCTAssertEqual(capacity.brokenRequestsPerSecond, 160)
    }

    func testAConstantRunHasNoCapacity() throws {
        var builder = ShardBuilder(shards: 2)
        builder.thresholds = ["error_rate < 10%"]
        let shards = try (1 ... 2).map { try builder.shard($0, latencies: ["listAgents": [1_000]]) }

        XCTAssertNil(try ShardMerge.merge(shards).result.capacity)
    }
}
