// `compare`'s verdict on runs built in memory: identical runs, a real 30% slowdown, two noisy
// runs of one system, different profiles, and the rows that must never be a regression
// (too little data, operations only one side has).
import Histogram
import Quantities
import XCTest

@testable import Report

/// Load results shaped like real runs: per-second windows split by operation, latencies
/// log-normal around a median that drifts slowly from second to second (an AR(1) process, as
/// real servers do: a slow stretch lasts several seconds).
enum CompareFixture {
    /// An operation of a synthetic run.
    struct Operation {
        var name: String
        var medianMilliseconds: Double
        var requestsPerSecond: Int
        var errorsPerThousand: Int = 0
    }

    static let startedEpochSeconds = 1_700_000_000.4

    /// A run of `seconds` planned seconds (plus the partial ones around them).
    ///
    /// - Parameters:
    ///   - scale: multiplies every latency (1.3 raises every percentile 30%).
    ///   - drift: the standard deviation of the second-to-second drift of log latency.
    static func run(
        _ operations: [Operation], seconds: Int = 30, seed: UInt64, scale: Double = 1, drift: Double = 0.04,
        profile: String = "checkout", profileHash: String = "sha256:aaaa", machine: String = "runner-1",
        target: String = "http://127.0.0.1:40001/v2 (embedded mock)"
    ) throws -> LoadResult {
        var random = SeededRandom(seed: seed)
        var results: [String: OperationResult] = [:]
        var overall = OperationResult(emptyWith: LatencyHistogram.make())
        var windows: [SecondWindow] = []
        var level = [Double](repeating: 0, count: operations.count)
        let first = Int64(startedEpochSeconds.rounded(.down))
        for second in first ... first + Int64(seconds) {
            var shares: [String: OperationWindow] = [:]
            var all = LatencyHistogram.make()
            var requests = 0
            var errors = 0
            for (index, operation) in operations.enumerated() {
                level[index] = 0.6 * level[index] + drift * normal(&random)
                var histogram = LatencyHistogram.make()
                var failed = 0
                var result = results[operation.name] ?? OperationResult(emptyWith: LatencyHistogram.make())
                for _ in 0 ..< operation.requestsPerSecond {
                    let milliseconds = operation.medianMilliseconds * scale * exp(level[index] + 0.25 * normal(&random))
                    // Recorded three times rather than merged: merging is slow in debug builds.
                    histogram.record(microseconds: UInt64(milliseconds * 1000))
                    result.latency.record(microseconds: UInt64(milliseconds * 1000))
                    all.record(microseconds: UInt64(milliseconds * 1000))
                    if Int(random.next() % 1000) < operation.errorsPerThousand { failed += 1 }
                }
                shares[operation.name] = OperationWindow(
                    requests: operation.requestsPerSecond, errors: failed, histogram: try HistogramCodec.encode(histogram))
                result.requests += operation.requestsPerSecond
                result.errors += failed
                results[operation.name] = result
                requests += operation.requestsPerSecond
                errors += failed
            }
            windows.append(SecondWindow(
                second: second, requests: requests, errors: errors, throttled: 0, dropped: 0, inFlight: 0,
                histogram: try HistogramCodec.encode(all), p50Milliseconds: all.milliseconds(atPercentile: 50),
                p99Milliseconds: all.milliseconds(atPercentile: 99), operations: shares))
        }
        for result in results.values { try overall.add(result) }
        let run = LoadRunInfo(
            profile: profile, profileFile: "scenarios/load/\(profile).yaml", profileHash: profileHash,
            executor: "constant-arrival-rate", model: "open", started: "2023-11-14T22:13:20.400Z",
            startedEpochSeconds: startedEpochSeconds, durationSeconds: Double(seconds) + 0.05,
            plannedDurationSeconds: Double(seconds), plannedRate: 100, plannedIterations: 100 * seconds, vus: 10,
            maxVUs: 100, stages: [], gracefulStopSeconds: 5, validateSample: 0, target: target, shards: 1, shard: nil,
            threads: 1, version: "0.1.0", machine: MachineInfo(hostname: machine, cores: 4, system: "Linux x86_64"))
        return LoadResult(
            run: run, operations: results, overall: overall, iterations: IterationCounts(), lateness: LatencyHistogram.make(),
            windows: windows, thresholds: [], errors: [], failedChecks: [], violations: [], validation: ValidationCounts(),
            rateLimits: RateLimitCounts(), interrupted: false, abortedBy: nil)
    }

    /// Two operations busy enough that every metric, p99 included, is judged.
    static let checkout = [
        Operation(name: "listAgents", medianMilliseconds: 20, requestsPerSecond: 60),
        Operation(name: "getConversation", medianMilliseconds: 45, requestsPerSecond: 40, errorsPerThousand: 5),
    ]

    /// A standard normal number (Box–Muller).
    static func normal(_ random: inout SeededRandom) -> Double {
        let u = max(random.nextUnit(), 1e-12)
        let v = random.nextUnit()
        return sqrt(-2 * log(u)) * cos(2 * .pi * v)
    }
}

final class CompareVerdictTests: XCTestCase {
    func testIdenticalRunsGiveNoRegression() throws {
        let run = try CompareFixture.run(CompareFixture.checkout, seed: 1)
        let comparison = try Comparison(baseline: run, current: run, baselineFile: "a.json", currentFile: "a.json")

        XCTAssertFalse(comparison.hasRegression)
        XCTAssertEqual(comparison.rows.count, 10, "five metrics for each of the two operations")
        for row in comparison.rows {
            XCTAssertEqual(row.change, 0, "\(row.operation) \(row.metric)")
            XCTAssertEqual(row.verdict, .withinNoise, "\(row.operation) \(row.metric)")
        }
        XCTAssertEqual(comparison.warnings, [])
    }

    func testEveryLatencyRaised30PercentIsARegressionNamingEachOperation() throws {
        let baseline = try CompareFixture.run(CompareFixture.checkout, seed: 1)
        let current = try CompareFixture.run(CompareFixture.checkout, seed: 2, scale: 1.3)
        let comparison = try Comparison(baseline: baseline, current: current, baselineFile: "main.json", currentFile: "pr.json")

        XCTAssertTrue(comparison.hasRegression)
        XCTAssertEqual(Set(comparison.regressedOperations), ["listAgents", "getConversation"])
        for operation in ["listAgents", "getConversation"] {
            let p99 = try XCTUnwrap(comparison.rows.first { $0.operation == operation && $0.metric == .p99 })
            XCTAssertEqual(p99.verdict, .regression, operation)
            XCTAssertEqual(try XCTUnwrap(p99.change), 0.3, accuracy: 0.12, operation)
            XCTAssertGreaterThan(try XCTUnwrap(p99.interval).lowerBound, 0, "the whole interval is on the worse side")
        }
        XCTAssertEqual(comparison.rows.first?.verdict, .regression, "regressions come first")
    }

    func testTwoNoisyRunsOfTheSameSystemGiveNoRegression() throws {
        // The same distribution, drifting from second to second (the median wanders by ±4%,
        // a stretch lasting about 4 s), different seeds: their figures differ by a few
        // percent, which the intervals must recognise as noise.
        for seed in stride(from: UInt64(10), to: 20, by: 2) {
            let baseline = try CompareFixture.run(CompareFixture.checkout, seed: seed, drift: 0.03)
            let current = try CompareFixture.run(CompareFixture.checkout, seed: seed + 1, drift: 0.03)
            let comparison = try Comparison(baseline: baseline, current: current, baselineFile: "a.json", currentFile: "b.json")
            XCTAssertFalse(comparison.hasRegression, "seeds \(seed), \(seed + 1): \(comparison.regressions)")
            XCTAssertTrue(comparison.rows.contains { ($0.change ?? 0) != 0 }, "the runs do differ")
        }
    }

    func testDifferentProfilesAreRefused() throws {
        let baseline = try CompareFixture.run(CompareFixture.checkout, seed: 1)
        let otherHash = try CompareFixture.run(CompareFixture.checkout, seed: 1, profileHash: "sha256:bbbb")
        let otherName = try CompareFixture.run(CompareFixture.checkout, seed: 1, profile: "browse")
        for current in [otherHash, otherName] {
            XCTAssertThrowsError(try Comparison(baseline: baseline, current: current, baselineFile: "main.json", currentFile: "pr.json")) {
                guard case CompareError.differentProfiles(let baselineFile, _, let currentFile, _) = $0 else {
                    return XCTFail("expected differentProfiles, got \($0)")
                }
                XCTAssertEqual([baselineFile, currentFile], ["main.json", "pr.json"])
                XCTAssertTrue("\($0)".hasPrefix("refusing to compare different profiles"), "\($0)")
            }
        }
    }

    func testTooFewRequestsOrTailSamplesAreNotEnoughDataNeverARegression() throws {
        // 8 requests a second for 30 s: 240 requests judge p50 and p90 but not p99 (2 above it);
        // 3 a second: 90 requests, below the 100 any verdict needs, though 3× slower.
        let quiet = [
            CompareFixture.Operation(name: "getUser", medianMilliseconds: 20, requestsPerSecond: 8),
            CompareFixture.Operation(name: "deleteUser", medianMilliseconds: 20, requestsPerSecond: 3),
        ]
        let baseline = try CompareFixture.run(quiet, seed: 1)
        let current = try CompareFixture.run(quiet, seed: 2, scale: 3)
        let comparison = try Comparison(baseline: baseline, current: current, baselineFile: "a.json", currentFile: "b.json")

        let verdicts = Dictionary(uniqueKeysWithValues: comparison.rows.map { ("\($0.operation) \($0.metric.name)", $0.verdict) })
        XCTAssertEqual(verdicts["getUser p50"], .regression)
        XCTAssertEqual(verdicts["getUser p99"], .notEnoughData)
        for metric in CompareMetric.allCases {
            XCTAssertEqual(verdicts["deleteUser \(metric.name)"], .notEnoughData, metric.name)
        }
        XCTAssertEqual(comparison.regressedOperations, ["getUser"])
    }

    func testAnOperationOnOneSideOnlyIsAddedOrRemovedNotARegression() throws {
        let baseline = try CompareFixture.run([CompareFixture.checkout[0], CompareFixture.checkout[1]], seed: 1)
        let renamed = CompareFixture.Operation(name: "getConversationV2", medianMilliseconds: 900, requestsPerSecond: 40)
        let current = try CompareFixture.run([CompareFixture.checkout[0], renamed], seed: 1)
        let comparison = try Comparison(baseline: baseline, current: current, baselineFile: "a.json", currentFile: "b.json")

        XCTAssertEqual(comparison.addedOperations, ["getConversationV2"])
        XCTAssertEqual(comparison.removedOperations, ["getConversation"])
        XCTAssertEqual(Set(comparison.rows.map(\.operation)), ["listAgents"])
        XCTAssertFalse(comparison.hasRegression)
    }

    func testAThroughputDropAndMoreErrorsAreRegressionsInTheirOwnUnits() throws {
        let steady = [CompareFixture.Operation(name: "sendMessage", medianMilliseconds: 30, requestsPerSecond: 100)]
        let worse = [CompareFixture.Operation(name: "sendMessage", medianMilliseconds: 30, requestsPerSecond: 70, errorsPerThousand: 40)]
        let comparison = try Comparison(
            baseline: try CompareFixture.run(steady, seed: 1), current: try CompareFixture.run(worse, seed: 2),
            baselineFile: "a.json", currentFile: "b.json")

        let throughput = try XCTUnwrap(comparison.rows.first { $0.metric == .requestsPerSecond })
        XCTAssertEqual(throughput.verdict, .regression)
        XCTAssertEqual(try XCTUnwrap(throughput.change), -0.3, accuracy: 1e-9)
        let errors = try XCTUnwrap(comparison.rows.first { $0.metric == .errorRate })
        XCTAssertEqual(errors.verdict, .regression)
        XCTAssertEqual(try XCTUnwrap(errors.change), 0.04, accuracy: 0.015, "a difference in points, not a ratio")
    }

    func testTheSameSeedGivesTheSameIntervalsAndAnotherSeedSimilarOnes() throws {
        let baseline = try CompareFixture.run(CompareFixture.checkout, seed: 3)
        let current = try CompareFixture.run(CompareFixture.checkout, seed: 4, scale: 1.1)
        let first = try Comparison(baseline: baseline, current: current, baselineFile: "a", currentFile: "b")
        let again = try Comparison(baseline: baseline, current: current, baselineFile: "a", currentFile: "b")
        let reseeded = try Comparison(
            baseline: baseline, current: current, baselineFile: "a", currentFile: "b", settings: CompareSettings(seed: 99))

        XCTAssertEqual(first.rows, again.rows)
        XCTAssertNotEqual(first.rows.map(\.interval), reseeded.rows.map(\.interval))
    }

    func testWarningsForAnotherMachineButNotForTheEmbeddedMocksPort() throws {
        let baseline = try CompareFixture.run(CompareFixture.checkout, seed: 1)
        let otherPort = try CompareFixture.run(CompareFixture.checkout, seed: 1, target: "http://127.0.0.1:52345/v2 (embedded mock)")
        let otherMachine = try CompareFixture.run(CompareFixture.checkout, seed: 1, machine: "laptop")
        let otherTarget = try CompareFixture.run(CompareFixture.checkout, seed: 1, target: "http://127.0.0.1:8080/v2")

        XCTAssertEqual(try Comparison(baseline: baseline, current: otherPort, baselineFile: "a", currentFile: "b").warnings, [])
        XCTAssertEqual(try Comparison(baseline: baseline, current: otherMachine, baselineFile: "a", currentFile: "b").warnings.map(\.kind), ["machine"])
        XCTAssertEqual(try Comparison(baseline: baseline, current: otherTarget, baselineFile: "a", currentFile: "b").warnings.map(\.kind), ["target"])
    }

    func testAFileWithoutPerOperationWindowsIsRefusedNamingIt() throws {
        var old = try CompareFixture.run(CompareFixture.checkout, seed: 1)
        for index in old.windows.indices { old.windows[index].operations = [:] }
        let current = try CompareFixture.run(CompareFixture.checkout, seed: 1)
        XCTAssertThrowsError(try Comparison(baseline: old, current: current, baselineFile: "old.json", currentFile: "b.json")) {
            XCTAssertEqual($0 as? CompareError, .noPerOperationWindows(file: "old.json"))
        }
    }

    func testAChangePastItsThresholdButInsideTheNoiseIsWithinNoise() {
        // p99 30% worse by the point figures, but the interval runs from 5% better to 70% worse:
        // the runs cannot tell the change from their own noise.
        XCTAssertEqual(Comparison.verdict(change: 0.3, interval: -0.05 ... 0.7, metric: .p99, thresholdPercent: 15), .withinNoise)
        XCTAssertEqual(Comparison.verdict(change: -0.3, interval: -0.7 ... 0.05, metric: .requestsPerSecond, thresholdPercent: 10), .withinNoise)
        // The same changes with the whole interval on the worse side are regressions.
        XCTAssertEqual(Comparison.verdict(change: 0.3, interval: 0.05 ... 0.7, metric: .p99, thresholdPercent: 15), .regression)
        XCTAssertEqual(Comparison.verdict(change: -0.3, interval: -0.7 ... -0.05, metric: .requestsPerSecond, thresholdPercent: 10), .regression)
    }

    func testTheIntervalsOfRunsOfOneSystemMostlyContainNoChange() throws {
        // Ten pairs of runs of one system: a 95% interval of the change should contain zero
        // nearly every time. The count is fixed by the seeds: 34 of these 40 (30 s of drifting
        // seconds is a short series, and the block bootstrap covers somewhat less than it
        // says); a 50% interval contains zero in 22.
        var intervals = 0
        var containingZero = 0
        for seed in stride(from: UInt64(40), to: 60, by: 2) {
            let baseline = try CompareFixture.run(CompareFixture.checkout, seed: seed, drift: 0.03)
            let current = try CompareFixture.run(CompareFixture.checkout, seed: seed + 1, drift: 0.03)
            let comparison = try Comparison(baseline: baseline, current: current, baselineFile: "a.json", currentFile: "b.json")
            for row in comparison.rows where row.metric == .p50 || row.metric == .p90 {
                let interval = try XCTUnwrap(row.interval, "\(row.operation) \(row.metric)")
                intervals += 1
                if interval.contains(0) { containingZero += 1 }
            }
        }
        XCTAssertEqual(intervals, 40)
        XCTAssertGreaterThanOrEqual(containingZero, 30, "\(containingZero) of \(intervals) intervals contain no change")
    }
}
