// The merge of shards is exact: the merged histograms answer every percentile as one
// histogram that recorded every value would, counters add, and windows add by epoch second.
import Foundation
import Histogram
import XCTest

@testable import Report

final class ShardMergeExactnessTests: XCTestCase {
    /// Three shards record random latencies (different spreads per shard, a few stalls beyond
    /// the 60 s range); one histogram per operation records every value. The merge must give
    /// exactly that histogram's percentiles, every tenth of a percent and the far tail.
    func testMergedPercentilesEqualThoseOfOneHistogramThatRecordedEveryValue() throws {
        var random = TestRandom(seed: 0x5EED_0009)
        let builder = ShardBuilder(shards: 3)
        var everyValue: [String: Histogram<UInt64>] = [:]
        var everyService: [String: Histogram<UInt64>] = [:]
        var overall = LatencyHistogram.make()
        var shards: [ShardResult] = []
        for index in 1 ... 3 {
            var latencies: [String: [UInt64]] = [:]
            for (name, median) in [("listAgents", 2_000.0), ("sendMessage", 40_000.0 * Double(index))] {
                var values: [UInt64] = []
                for draw in 0 ..< 4_000 + index * 1_111 {
                    values.append(draw % 997 == 0 ? 75_000_000 : random.latency(medianMicroseconds: median, sigma: 0.9 + Double(index) / 4))
                }
                latencies[name] = values
                for value in values {
                    everyValue[name, default: LatencyHistogram.make()].record(microseconds: value)
                    everyService[name, default: LatencyHistogram.make()].record(microseconds: value / 2 + 1)
                    overall.record(microseconds: value)
                }
            }
            shards.append(try builder.shard(index, latencies: latencies))
        }

        let merged = try ShardMerge.merge(shards.reversed()).result

        for name in ["listAgents", "sendMessage"] {
            let operation = try XCTUnwrap(merged.operations[name])
            assertSamePercentiles(operation.latency, try XCTUnwrap(everyValue[name]), "\(name) latency")
            assertSamePercentiles(operation.service, try XCTUnwrap(everyService[name]), "\(name) service")
            XCTAssertEqual(operation.latency.latencySummary, everyValue[name]?.latencySummary)
        }
        assertSamePercentiles(merged.overall.latency, overall, "overall latency")
        XCTAssertEqual(merged.overall.requests, shards.reduce(0) { $0 + $1.result.overall.requests })
    }

    /// The same holds for shards read back from their results files, against the all-values
    /// histogram written and read the same way (the file keeps buckets, not exact values).
    func testShardsReadFromFilesMergeAsExactly() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("shard-merge-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }

        var random = TestRandom(seed: 77)
        let builder = ShardBuilder(shards: 2)
        var everyValue = LatencyHistogram.make()
        var files: [String] = []
        for index in 1 ... 2 {
            let values = (0 ..< 6_000).map { _ in random.latency(medianMicroseconds: 5_000 * Double(index), sigma: 1.2) }
            for value in values { everyValue.record(microseconds: value) }
            let file = folder.appendingPathComponent("shard-\(index).json").path
            try ResultsFile.write(try builder.shard(index, latencies: ["getConversation": values]).result, to: file)
            files.append(file)
        }

        let merged = try ShardMerge.merge(try ShardMerge.read(files: files)).result

        let written = try HistogramCodec.decode(try HistogramCodec.encode(everyValue))
        assertSamePercentiles(try XCTUnwrap(merged.operations["getConversation"]).latency, written, "getConversation from files")
    }

    func testCountersAddUp() throws {
        let builder = ShardBuilder(shards: 2)
        var first = try builder.shard(1, operations: ["listAgents": ShardBuilder.operation(latencies: [1_000, 2_000, 3_000], errors: 1)])
        var second = try builder.shard(2, operations: ["listAgents": ShardBuilder.operation(latencies: [4_000, 5_000], errors: 2),
                                                       "getUser": ShardBuilder.operation(latencies: [700])])
        first.result.iterations.dropped = 4
        second.result.iterations.dropped = 5
        first.result.validation.sampled = 10
        second.result.validation.sampled = 12
        first.result.rateLimits.waits = 1
        first.result.rateLimits.longestWaitSeconds = 2.5
        second.result.rateLimits.waits = 3
        second.result.rateLimits.longestWaitSeconds = 1
        second.result.rateLimits.totalWaitSeconds = 3

        let merged = try ShardMerge.merge([first, second]).result

        let listAgents = try XCTUnwrap(merged.operations["listAgents"])
        XCTAssertEqual(listAgents.requests, 5)
        XCTAssertEqual(listAgents.errors, 3)
        XCTAssertEqual(listAgents.statusCounts, [200: 2, 503: 3])
        XCTAssertEqual(listAgents.errorClasses, [.http5xx: 3])
        XCTAssertEqual(merged.operations["getUser"]?.requests, 1, "an operation only one shard ran is kept")
        XCTAssertEqual(merged.overall.requests, 6)
        XCTAssertEqual(merged.overall.errors, 3)
        XCTAssertEqual(merged.iterations.started, 6)
        XCTAssertEqual(merged.iterations.dropped, 9)
        XCTAssertEqual(merged.iterations.peakVUs, 6, "shards run side by side: their peaks add")
        XCTAssertEqual(merged.validation.sampled, 22)
        XCTAssertEqual(merged.rateLimits.waits, 4)
        XCTAssertEqual(merged.rateLimits.longestWaitSeconds, 2.5, "the longest wait is the longest of any shard")
        XCTAssertEqual(merged.rateLimits.totalWaitSeconds, 3)
    }

    /// Shard 1 saw seconds 100–103, shard 2 102–105, shard 3 only 100 and 105: the merged
    /// run has one window per second 100–105, each the sum of the shards' windows of that
    /// second, its histogram that of every request completed in it.
    func testWindowsAlignByEpochSecondWhenShardsOverlapPartly() throws {
        let builder = ShardBuilder(shards: 3)
        var random = TestRandom(seed: 3)
        let seconds: [Int: [Int64]] = [1: [100, 101, 102, 103], 2: [102, 103, 104, 105], 3: [100, 105]]
        var perSecond: [Int64: Histogram<UInt64>] = [:]
        var requestsPerSecond: [Int64: Int] = [:]
        var shards: [ShardResult] = []
        for index in 1 ... 3 {
            var windows: [SecondWindow] = []
            for second in seconds[index] ?? [] {
                let values = (0 ..< 200 * index).map { _ in random.latency(medianMicroseconds: 3_000, sigma: 1) }
                for value in values { perSecond[second, default: LatencyHistogram.make()].record(microseconds: value) }
                requestsPerSecond[second, default: 0] += values.count
                windows.append(try ShardBuilder.window(second: second, operation: "listAgents", latencies: values, errors: index, dropped: 1))
            }
            shards.append(try builder.shard(index, latencies: ["listAgents": [1_000]], windows: windows))
        }

        let merged = try ShardMerge.merge(shards).result

        XCTAssertEqual(merged.windows.map(\.second), [100, 101, 102, 103, 104, 105])
        for window in merged.windows {
            // Windows keep their histograms encoded, so compare with the all-values one encoded too.
            let expected = try HistogramCodec.decode(try HistogramCodec.encode(try XCTUnwrap(perSecond[window.second])))
            XCTAssertEqual(window.requests, requestsPerSecond[window.second])
            XCTAssertEqual(window.operations["listAgents"]?.requests, requestsPerSecond[window.second])
            let shardsInSecond = (1 ... 3).filter { seconds[$0]?.contains(window.second) == true }
            XCTAssertEqual(window.errors, shardsInSecond.reduce(0, +), "second \(window.second): each shard's errors")
            XCTAssertEqual(window.dropped, shardsInSecond.count)
            assertSamePercentiles(try HistogramCodec.decode(window.histogram), expected, "second \(window.second)")
            assertSamePercentiles(try HistogramCodec.decode(try XCTUnwrap(window.operations["listAgents"]?.histogram)), expected,
                                  "second \(window.second), listAgents")
            XCTAssertEqual(window.p99Milliseconds, expected.milliseconds(atPercentile: 99))
            XCTAssertEqual(window.p50Milliseconds, expected.milliseconds(atPercentile: 50))
        }
    }

    func testTheMergedRunSpansEveryShardAndNamesNoShard() throws {
        let builder = ShardBuilder(shards: 3)
        let shards = try (1 ... 3).map { try builder.shard($0, latencies: ["listAgents": [1_000]]) }

        let run = try ShardMerge.merge(shards).result.run

        XCTAssertNil(run.shard)
        XCTAssertEqual(run.shards, 3)
        XCTAssertEqual(run.started, shards[0].result.run.started, "the earliest start")
        XCTAssertEqual(run.startedEpochSeconds, shards[0].result.run.startedEpochSeconds)
        let latestEnd = shards[2].result.run.startedEpochSeconds + shards[2].result.run.durationSeconds
        XCTAssertEqual(run.durationSeconds, latestEnd - shards[0].result.run.startedEpochSeconds, accuracy: 1e-9)
        XCTAssertEqual(run.threads, 6)
        XCTAssertEqual(run.plannedIterations, 3_000, "the shards' planned iterations add up to the plan")
        XCTAssertEqual(run.vus, 20, "the profile's users, which every shard records whole")
        XCTAssertEqual(run.target, "http://mock.load.svc:8080/v2")
        XCTAssertEqual(run.machine.hostname, "fcharness-shard-0, fcharness-shard-1, fcharness-shard-2")
        XCTAssertEqual(run.machine.cores, 12)
        XCTAssertEqual(run.machine.system, "Linux x86_64")
    }

    /// The same error from two shards is one entry with the counts added and the first
    /// shard's sample; more distinct messages than the engine keeps fold into "other".
    func testErrorListsAddUpAndStayWithinTheEnginesBound() throws {
        let builder = ShardBuilder(shards: 2)
        var first = try builder.shard(1, latencies: ["listAgents": [1_000]])
        var second = try builder.shard(2, latencies: ["listAgents": [1_000]])
        first.result.errors = [ErrorSummary(operation: "listAgents", errorClass: .http5xx, message: "HTTP 503", count: 5, sample: "from shard 1")]
        second.result.errors = [ErrorSummary(operation: "listAgents", errorClass: .http5xx, message: "HTTP 503", count: 7, sample: "from shard 2")]
        // 150 distinct messages in each shard: 300 in all, more than the 200 a run keeps.
        for index in 0 ..< 150 {
            first.result.errors.append(ErrorSummary(operation: "getUser", errorClass: .http4xx, message: "HTTP 404 user a\(index)", count: 1, sample: ""))
            second.result.errors.append(ErrorSummary(operation: "getUser", errorClass: .http4xx, message: "HTTP 404 user b\(index)", count: 1, sample: ""))
        }
        first.result.failedChecks = [CheckFailureSummary(scenario: "browse", step: "step 1 (listAgents)", check: "status == 200", count: 2, sample: "503")]
        second.result.failedChecks = [CheckFailureSummary(scenario: "browse", step: "step 1 (listAgents)", check: "status == 200", count: 3, sample: "502")]

        let merged = try ShardMerge.merge([first, second]).result

        XCTAssertEqual(merged.errors.first { $0.message == "HTTP 503" }, ErrorSummary(operation: "listAgents", errorClass: .http5xx, message: "HTTP 503", count: 12, sample: "from shard 1"))
        XCTAssertLessThanOrEqual(merged.errors.count, ProblemListLimits.distinctErrors + 1)
        XCTAssertEqual(merged.errors.reduce(0) { $0 + $1.count }, 12 + 300, "folding loses no error")
        let other = try XCTUnwrap(merged.errors.first { $0.message == "other 4xx errors" })
        XCTAssertEqual(other.count, 300 - (ProblemListLimits.distinctErrors - 1))
        XCTAssertEqual(merged.failedChecks, [CheckFailureSummary(scenario: "browse", step: "step 1 (listAgents)", check: "status == 200", count: 5, sample: "503")])
    }

    func testUncheckedPatternsOfEveryShardAddUpByOperationAndPattern() throws {
        let builder = ShardBuilder(shards: 2)
        var first = try builder.shard(1, latencies: ["getUser": [1_000]])
        var second = try builder.shard(2, latencies: ["getUser": [1_000]])
        first.result.uncheckedPatterns = [UncheckedPatternSummary(operation: "getUser", pattern: "[0-9]+x", count: 3, note: "/code: from shard 1")]
        second.result.uncheckedPatterns = [
            UncheckedPatternSummary(operation: "getUser", pattern: "[0-9]+x", count: 4, note: "/code: from shard 2"),
            UncheckedPatternSummary(operation: "getUser", pattern: "^(a+)+$", count: 1, note: "/name: from shard 2"),
        ]

        let merged = try ShardMerge.merge([first, second]).result

        XCTAssertEqual(merged.uncheckedPatterns, [
            UncheckedPatternSummary(operation: "getUser", pattern: "[0-9]+x", count: 7, note: "/code: from shard 1"),
            UncheckedPatternSummary(operation: "getUser", pattern: "^(a+)+$", count: 1, note: "/name: from shard 2"),
        ])
    }
}
