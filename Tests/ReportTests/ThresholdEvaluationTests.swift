// Judging thresholds against hand-built results (see `browsingRun` in ThresholdFixtures.swift:
// listAgents 99 × 10 ms + 1 × 287.1 ms; getUser 10 × 500 ms with 2 errors; 10 seconds).
import Histogram
import Report
import XCTest

final class ThresholdEvaluationTests: XCTestCase {
    func testLatencyPercentilesComeFromTheOperationsHistogram() {
        let run = browsingRun()
        XCTAssertEqual(verdict("p99(listAgents) < 300ms", on: run), ThresholdVerdict(
            expression: "p99(listAgents) < 300ms", ok: true, actual: "10.0ms", abortOnFail: false))
        // The one slow request is the 100th of 100: above p99, at p99.9 and max.
        XCTAssertEqual(verdict("p999(listAgents) < 250ms", on: run).actual, "287.1ms")
        XCTAssertFalse(verdict("p999(listAgents) < 250ms", on: run).ok)
        XCTAssertTrue(verdict("max(listAgents) <= 287.1ms", on: run).ok)
        XCTAssertTrue(verdict("p50(listAgents) < 11ms", on: run).ok)
        XCTAssertTrue(verdict("p90(listAgents) < 11ms", on: run).ok)
        XCTAssertTrue(verdict("p95(listAgents) < 11ms", on: run).ok)
    }

    func testWithoutAnOperationTheWholeRunIsJudged() {
        let run = browsingRun()
        // Overall: 110 requests, the slowest 10 at 500 ms, so p99 is 500 ms though listAgents' is 10 ms.
        XCTAssertEqual(verdict("p99 < 300ms", on: run).actual, "500.0ms")
        XCTAssertFalse(verdict("p99 < 300ms", on: run).ok)
        XCTAssertTrue(verdict("p99(listAgents) < 300ms", on: run).ok)
        XCTAssertEqual(verdict("p50 < 300ms", on: run).actual, "10.0ms")
    }

    func testPercentilesAreReadFromMergedHistogramsNotAveraged() {
        // Two halves of a run: averaging their p99s (10 ms and 500 ms) would give 255 ms.
        let run = loadResult([
            "fast": operationResult(latencies: [(10, 100)]),
            "slow": operationResult(latencies: [(500, 100)]),
        ])
        XCTAssertEqual(verdict("p99 < 300ms", on: run).actual, "500.0ms")
        XCTAssertEqual(verdict("p50 < 300ms", on: run).actual, "10.0ms")
    }

    func testErrorRate() {
        let run = loadResult(["listAgents": operationResult(latencies: [(10, 1000)], errors: 32)])
        XCTAssertEqual(verdict("error_rate < 1%", on: run), ThresholdVerdict(
            expression: "error_rate < 1%", ok: false, actual: "3.20%", abortOnFail: false))
        XCTAssertTrue(verdict("error_rate < 5%", on: run).ok)
        XCTAssertTrue(verdict("error_rate(listAgents) < 0.05", on: run).ok)
    }

    func testPerOperationErrorRate() {
        let run = browsingRun()
        XCTAssertEqual(verdict("error_rate(getUser) < 1%", on: run).actual, "20.00%")
        XCTAssertEqual(verdict("error_rate(listAgents) < 1%", on: run).actual, "0.00%")
        XCTAssertEqual(verdict("error_rate < 1%", on: run).actual, "1.82%", "2 of 110 overall")
    }

    func testThrottledRate() {
        let run = loadResult(["sendMessage": operationResult(latencies: [(10, 10_000)], throttled: 42)])
        XCTAssertEqual(verdict("throttled_rate < 1%", on: run).actual, "0.42%")
        XCTAssertTrue(verdict("throttled_rate < 1%", on: run).ok)
        XCTAssertFalse(verdict("throttled_rate(sendMessage) < 0.1%", on: run).ok)
    }

    func testChecksPassRate() {
        let run = loadResult(["getUser": operationResult(latencies: [(10, 500)], checksPassed: 998, checksFailed: 2)])
        XCTAssertEqual(verdict("checks > 99.9%", on: run), ThresholdVerdict(
            expression: "checks > 99.9%", ok: false, actual: "99.80%", abortOnFail: false))
        XCTAssertTrue(verdict("checks >= 99.5%", on: run).ok)
        XCTAssertTrue(verdict("checks(getUser) > 0.99", on: run).ok)
    }

    func testRequestsPerSecond() {
        let run = loadResult(["listAgents": operationResult(latencies: [(10, 8123)])], durationSeconds: 10)
        XCTAssertEqual(verdict("rps > 800", on: run), ThresholdVerdict(
            expression: "rps > 800", ok: true, actual: "812.3", abortOnFail: false))
        XCTAssertFalse(verdict("rps(listAgents) > 1000", on: run).ok)
        XCTAssertTrue(verdict("rps(listAgents) < 50000/m", on: run).ok, "a rate bound: 50000/m is 833.3/s")
    }

    func testDropped() {
        XCTAssertEqual(verdict("dropped <= 0", on: browsingRun(dropped: 3)), ThresholdVerdict(
            expression: "dropped <= 0", ok: false, actual: "3", abortOnFail: false))
        XCTAssertTrue(verdict("dropped < 5", on: browsingRun(dropped: 3)).ok)
        XCTAssertTrue(verdict("dropped <= 0", on: browsingRun()).ok)
    }

    func testOperatorsAtTheBound() {
        // Exactly 1 % errors.
        let run = loadResult(["listAgents": operationResult(latencies: [(10, 100)], errors: 1)])
        XCTAssertFalse(verdict("error_rate < 1%", on: run).ok)
        XCTAssertTrue(verdict("error_rate <= 1%", on: run).ok)
        XCTAssertFalse(verdict("error_rate > 1%", on: run).ok)
        XCTAssertTrue(verdict("error_rate >= 1%", on: run).ok)
    }

    func testAnOperationWithoutRequestsFailsRatherThanPassingSilently() {
        let run = browsingRun()
        for expression in [
            "p99(createUser) < 300ms", "max(createUser) < 1s", "error_rate(createUser) < 1%",
            "throttled_rate(createUser) < 1%", "checks(createUser) > 99%", "rps(createUser) < 50",
            "p99(listAgent) < 300ms",  // a misspelt operationId looks exactly like this
        ] {
            let result = verdict(expression, on: run)
            XCTAssertFalse(result.ok, expression)
            XCTAssertEqual(result.actual, "no requests", expression)
        }
        XCTAssertEqual(try Threshold.parse("p99(createUser) < 1s").measure(run), .noRequests)
    }

    func testARunWithoutRequestsFailsItsRequestThresholds() {
        let empty = loadResult([:])
        XCTAssertEqual(verdict("p99 < 1s", on: empty).actual, "no requests")
        XCTAssertFalse(verdict("error_rate < 1%", on: empty).ok)
        XCTAssertTrue(verdict("dropped <= 0", on: empty).ok, "dropped counts arrivals, not requests")
    }

    func testAbortOnFailIsCarriedIntoTheVerdict() throws {
        let threshold = try Threshold.parse("p99 < 300ms", abortOnFail: true)
        XCTAssertTrue(threshold.evaluate(browsingRun()).abortOnFail)
    }
}
