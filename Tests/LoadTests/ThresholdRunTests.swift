// Threshold verdicts of real runs: each metric kind passes with a generous bound and fails
// with an impossible one, and abort_on_fail stops a long run early.
import MockServer
import XCTest

@testable import Load

final class ThresholdRunTests: XCTestCase {
    private var workspace: LoadWorkspace!

    override func setUpWithError() throws {
        workspace = try LoadWorkspace()
    }

    override func tearDown() {
        workspace.remove()
    }

    func testEachMetricKindPassesAGenerousBoundAndFailsAnImpossibleOne() async throws {
        try await withMock({ configuration in
            try configuration.faults.global.set("latency", to: "fixed:20ms")
            try configuration.faults.global.set("error-rate", to: "0.2")
        }) { mock in
            // Half the iterations expect 200 (and get it but for the injected 500s), half expect 201.
            let plan = try workspace.plan("""
                executor: constant-arrival-rate
                rate: 100/s
                duration: 1500ms
                vus: 10
                max_vus: 100
                mix:
                  - { scenario: list-agents-200.yaml, weight: 1 }
                  - { scenario: list-agents-201.yaml, weight: 1 }
                thresholds:
                  - "p99 < 10s"
                  - "p99(listAgents) < 10s"
                  - "p50 < 1ms"
                  - "error_rate < 50%"
                  - "error_rate < 1%"
                  - "rps > 1"
                  - "rps > 100000"
                  - "checks > 10%"
                  - "checks > 99%"
                  - "throttled_rate < 1%"
                  - "p99(getAgent) < 10s"
                """, mock: mock)
            let result = try await runLoad(plan)
            let verdicts = Dictionary(uniqueKeysWithValues: result.thresholds.map { ($0.expression, $0.ok) })
            XCTAssertEqual(verdicts, [
                "p99 < 10s": true, "p99(listAgents) < 10s": true, "p50 < 1ms": false,
                "error_rate < 50%": true, "error_rate < 1%": false,
                "rps > 1": true, "rps > 100000": false,
                "checks > 10%": true, "checks > 99%": false,
                "throttled_rate < 1%": true,
                "p99(getAgent) < 10s": false,
            ])
            XCTAssertEqual(result.verdict("p99(getAgent) < 10s")?.actual, "no requests", "an operation without traffic never passes")
            XCTAssertGreaterThan(result.overall.errors, 0, "the injected 500s")
            XCTAssertEqual(result.overall.errorClasses.keys.sorted(), [.http5xx])
            XCTAssertGreaterThan(result.overall.checksFailed, 0)
            XCTAssertFalse(result.passed)
            XCTAssertNil(result.abortedBy, "no threshold asked to abort")
        }
    }

    func testUsersThinkingThroughTheEndDoNotShortenTheRun() async throws {
        // One request, then a think longer than the run: the run lasted its planned second, so
        // its rate is at most one request a second, not one request over the request's own time.
        try await withMock { mock in
            let plan = try workspace.plan("""
                executor: constant-vus
                vus: 1
                duration: 1s
                think: 30s
                mix: [{ scenario: list-agents.yaml }]
                thresholds:
                  - "rps > 5"
                """, mock: mock)
            let result = try await runLoad(plan)
            XCTAssertEqual(result.overall.requests, 1)
            XCTAssertGreaterThanOrEqual(result.run.durationSeconds, 1.0, "the run's planned second, not the request's few ms")
            XCTAssertEqual(result.thresholds.map(\.ok), [false], "1 request in a second is not more than 5 a second")
        }
    }

    func testAbortOnFailStopsAThirtySecondRunEarly() async throws {
        try await withMock({ try $0.faults.global.set("latency", to: "fixed:20ms") }) { mock in
            let plan = try workspace.plan("""
                executor: constant-arrival-rate
                rate: 100/s
                duration: 30s
                vus: 5
                max_vus: 50
                graceful_stop: 1s
                mix: [{ scenario: list-agents.yaml }]
                thresholds:
                  - "p99 < 10s"
                  - { expr: "p50 < 1ms", abort_on_fail: true }
                """, mock: mock)
            let result = try await runLoad(plan)
            XCTAssertEqual(result.abortedBy, "p50 < 1ms")
            XCTAssertFalse(result.interrupted, "an abort is not an interrupt")
            XCTAssertLessThan(result.run.durationSeconds, 15, "the run stopped long before its planned 30 s")
            XCTAssertEqual(result.run.plannedDurationSeconds, 30)
            XCTAssertLessThan(result.iterations.started, 1500, "far fewer than the 3000 planned")
            XCTAssertEqual(result.verdict("p50 < 1ms")?.ok, false)
            XCTAssertEqual(result.verdict("p99 < 10s")?.ok, true)
            XCTAssertEqual(result.overall.errors, 0, "stopping cancels transfers; a cancel is not an error")
            XCTAssertFalse(result.passed)
        }
    }

    /// An abort threshold is not judged before the run has 100 requests: at 30/s for 3 s there
    /// are never that many, so even a 50% error rate (a failing `error_rate < 1%`) lets the run
    /// finish, and the threshold fails at the end instead.
    func testAnAbortThresholdIsNotJudgedOnTheFirstFewRequests() async throws {
        try await withMock({ try $0.faults.global.set("error-rate", to: "0.5") }) { mock in
            let plan = try workspace.plan("""
                executor: constant-arrival-rate
                rate: 30/s
                duration: 3s
                vus: 5
                max_vus: 50
                mix: [{ scenario: list-agents.yaml }]
                thresholds:
                  - { expr: "error_rate < 1%", abort_on_fail: true }
                """, mock: mock)
            XCTAssertLessThan(30 * 3, LoadRun.requestsBeforeAbortChecks)
            let result = try await runLoad(plan)
            XCTAssertNil(result.abortedBy, "fewer requests than an abort needs")
            XCTAssertEqual(result.iterations.started + result.iterations.dropped, 90, "every planned arrival came")
            XCTAssertGreaterThan(result.overall.errors, 0)
            XCTAssertEqual(result.verdict("error_rate < 1%")?.ok, false, "judged at the end")
        }
    }

    /// Abort thresholds are judged on the run so far; an operation that has had no request
    /// yet (or never has one) gives nothing to judge, and must not stop the run.
    func testAnAbortThresholdOnAnOperationWithoutRequestsDoesNotStopTheRun() async throws {
        try await withMock { mock in
            let plan = try workspace.plan("""
                executor: constant-arrival-rate
                rate: 100/s
                duration: 2s
                vus: 5
                max_vus: 50
                mix: [{ scenario: list-agents.yaml }]
                thresholds:
                  - { expr: "p99(getAgent) < 10s", abort_on_fail: true }
                """, mock: mock)
            let result = try await runLoad(plan)
            XCTAssertNil(result.abortedBy)
            XCTAssertGreaterThanOrEqual(result.overall.requests, LoadRun.requestsBeforeAbortChecks, "enough requests to judge")
            XCTAssertEqual(result.verdict("p99(getAgent) < 10s")?.actual, "no requests", "at the end it fails, as any threshold without traffic")
            XCTAssertEqual(Double(result.iterations.started), 200, accuracy: 4, "the run went to its end")
        }
    }
}
