// `--max-rps`: an open-model profile's rate above the cap is cut to it as a schedule (a ramp
// keeps its shape below the cap), and every thread spaces its requests by its share of the cap,
// so iterations of several steps and looping users stay under it too.
import MockServer
import Report
import XCTest

@testable import Load

final class MaxRPSTests: XCTestCase {
    private var workspace: LoadWorkspace!

    override func setUpWithError() throws {
        workspace = try LoadWorkspace()
    }

    override func tearDown() {
        workspace.remove()
    }

    // MARK: The schedule, capped

    func testAConstantRateAboveTheCapIsCutToIt() {
        let capped = ArrivalRateCap.capped(.constantArrivalRate(rate: 200, duration: 10), at: 50)
        XCTAssertEqual(capped.schedule, .constantArrivalRate(rate: 50, duration: 10))
        XCTAssertEqual(capped.cappedFrom, 200)
        XCTAssertNil(ArrivalRateCap.capped(.constantArrivalRate(rate: 20, duration: 10), at: 50).cappedFrom, "under the cap: unchanged")
    }

    func testARampRisingThroughTheCapKeepsItsSlopeThenRunsFlat() {
        // 0 → 100/s over 10 s crosses 50/s at 5 s.
        let stages = ArrivalRateCap.clipped(start: 0, stages: [PlannedStage(durationSeconds: 10, target: 100)], cap: 50)
        XCTAssertEqual(stages, [PlannedStage(durationSeconds: 5, target: 50), PlannedStage(durationSeconds: 5, target: 50)])
    }

    func testARampFallingThroughTheCapRunsFlatThenFallsAsPlanned() {
        // 100 → 0/s over 10 s is above 50/s for its first 5 s.
        let stages = ArrivalRateCap.clipped(start: 100, stages: [PlannedStage(durationSeconds: 10, target: 0)], cap: 50)
        XCTAssertEqual(stages, [PlannedStage(durationSeconds: 5, target: 50), PlannedStage(durationSeconds: 5, target: 0)])
    }

    func testStagesWhollyAboveOrBelowTheCapKeepTheirLength() {
        let stages = ArrivalRateCap.clipped(start: 10, stages: [
            PlannedStage(durationSeconds: 2, target: 40), PlannedStage(durationSeconds: 3, target: 300),
            PlannedStage(durationSeconds: 4, target: 200), PlannedStage(durationSeconds: 1, target: 50),
        ], cap: 50)
        XCTAssertEqual(stages.map(\.durationSeconds).reduce(0, +), 10, "the run lasts as long as planned")
        XCTAssertEqual(stages.map(\.target).max(), 50)
        XCTAssertEqual(stages.first, PlannedStage(durationSeconds: 2, target: 40))
    }

    func testAProfileAboveTheCapIsPlannedAtTheCapAndSaysWhatItAskedFor() throws {
        let plan = try workspace.plan("""
            executor: ramping-arrival-rate
            start_rate: 10/s
            stages: [{ duration: 4s, target: 90/s }]
            mix: [{ scenario: list-agents.yaml }]
            """, LoadOverrides(threads: 2, maxRequestsPerSecond: 50))
        XCTAssertEqual(plan.cappedProfileRate, 90)
        XCTAssertEqual(plan.maxRequestsPerSecond, 50)
        guard case .rampingArrivalRate(let start, let stages) = plan.schedule else { return XCTFail("\(plan.schedule)") }
        XCTAssertEqual(start, 10)
        XCTAssertEqual(stages, [PlannedStage(durationSeconds: 2, target: 50), PlannedStage(durationSeconds: 2, target: 50)])
    }

    func testACapThatIsNoRateIsRefusedBeforeAnythingIsSent() {
        for cap in [0, -1, 1e-300, Double.nan, Double.infinity, 1e12] {
            XCTAssertThrowsError(try workspace.plan("""
                executor: constant-vus
                vus: 2
                duration: 1s
                mix: [{ scenario: list-agents.yaml }]
                """, LoadOverrides(threads: 1, maxRequestsPerSecond: cap)), "--max-rps \(cap)") { error in
                XCTAssertTrue("\(error)".contains("--max-rps"), "\(error)")
            }
        }
    }

    // MARK: A run, capped

    /// Four looping users for 2 s under a cap of 20/s, split between 2 threads (10/s each), each
    /// thread's first request going at once: at most 2 × 10 + 1 requests per thread, 42 in all,
    /// where the users alone would send thousands. The mock counts what it received.
    func testLoopingUsersStayUnderTheCapForTheWholeRun() async throws {
        // The mock counts requests (`statistics`) only while a fault is configured: 1 ms of latency.
        try await withMock({ try $0.faults.global.set("latency", to: "fixed:1ms") }) { mock in
            let plan = try workspace.plan("""
                executor: constant-vus
                vus: 4
                duration: 2s
                graceful_stop: 0s
                mix: [{ scenario: list-agents.yaml }]
                """, LoadOverrides(threads: 2, maxRequestsPerSecond: 20), mock: mock)
            let result = try await runLoad(plan)
            XCTAssertLessThanOrEqual(mock.statistics.requests, 20 * 2 + plan.threads, "what the server saw")
            XCTAssertGreaterThanOrEqual(mock.statistics.requests, 20, "the cap lets requests through, at its rate")
            let manners = try XCTUnwrap(result.rateLimits.manners)
            XCTAssertEqual(manners.maxRequestsPerSecond, 20)
            XCTAssertGreaterThan(manners.maxRPSDelayed, 0)
            XCTAssertEqual(manners.paced, 0, "the mock names no rate limit: nothing to pace by")
            XCTAssertEqual(result.overall.errors, 0)
        }
    }
}
