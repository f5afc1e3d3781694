// The four executors against the real mock over loopback: how many iterations start, that
// every started iteration ends, and what happens when users run out.
import MockServer
import Report
import XCTest

@testable import Load

final class ExecutorRunTests: XCTestCase {
    private var workspace: LoadWorkspace!

    override func setUpWithError() throws {
        workspace = try LoadWorkspace()
    }

    override func tearDown() {
        workspace.remove()
    }

    func testConstantArrivalRateStartsRateTimesDurationIterations() async throws {
        try await withMock { mock in
            let plan = try workspace.plan("""
                executor: constant-arrival-rate
                rate: 200/s
                duration: 2s
                vus: 10
                max_vus: 100
                graceful_stop: 5s
                mix: [{ scenario: list-agents.yaml }]
                """, mock: mock)
            let result = try await runLoad(plan)
            XCTAssertEqual(result.run.plannedIterations, 400)
            XCTAssertEqual(result.run.executor, "constant-arrival-rate")
            XCTAssertEqual(result.run.model, "open")
            XCTAssertEqual(Double(result.iterations.started), 400, accuracy: 8, "within 2% of 200/s × 2 s")
            XCTAssertEqual(result.endedIterations, result.iterations.started)
            XCTAssertEqual(result.overall.requests, result.iterations.started, "one request per iteration")
            XCTAssertEqual(result.overall.errors, 0)
            XCTAssertEqual(result.operations["listAgents"]?.statusCounts, [200: result.overall.requests])
            XCTAssertEqual(result.windows.reduce(0) { $0 + $1.requests }, result.overall.requests, "per-second windows add up")
            XCTAssertEqual(Int(result.lateness.totalCount), result.iterations.started, "one lateness sample per started iteration")
        }
    }

    /// 100,000 arrivals a second (300 in 3 ms) are more than a loop thread keeps up with:
    /// arrivals fall due faster than it can start them. Those still due when the schedule
    /// ends must be started late or counted as dropped, not silently forgotten.
    func testArrivalsStillDueWhenTheScheduleEndsAreStartedOrDroppedNeverLost() async throws {
        try await withMock { mock in
            let plan = try workspace.plan("""
                executor: constant-arrival-rate
                rate: 100000/s
                duration: 3ms
                vus: 50
                max_vus: 300
                graceful_stop: 5s
                mix: [{ scenario: list-agents.yaml }]
                """, mock: mock)
            let result = try await runLoad(plan)
            XCTAssertEqual(result.run.plannedIterations, 300)
            XCTAssertEqual(result.iterations.started + result.iterations.dropped, 300,
                           "an arrival is either started or counted as dropped, never lost")
            XCTAssertEqual(result.endedIterations, result.iterations.started)
        }
    }

    /// A ramp up from 0/s (the default start_rate): its first arrival is due at the start of
    /// the stage, so the whole ramp runs inside the schedule.
    func testRampingArrivalRateFrom0StartsWhatItsPacerPlans() async throws {
        try await withMock { mock in
            let plan = try workspace.plan("""
                executor: ramping-arrival-rate
                start_rate: 0/s
                stages:
                  - { duration: 1500ms, target: 100/s }
                vus: 10
                max_vus: 100
                mix: [{ scenario: list-agents.yaml }]
                """, mock: mock)
            let pacer = RampingPacer(startRate: 0, stages: [(duration: 1.5, target: 100)])
            XCTAssertEqual(pacer.plannedArrivals, 75, "(0 + 100) / 2 × 1.5 s")
            let result = try await runLoad(plan)
            XCTAssertEqual(result.run.plannedIterations, pacer.plannedArrivals)
            XCTAssertEqual(result.run.stages, [PlannedStage(durationSeconds: 1.5, target: 100)])
            XCTAssertEqual(result.iterations.started + result.iterations.dropped, 75)
            XCTAssertEqual(Double(result.iterations.started), 75, accuracy: 1.5, "within 2%")
            XCTAssertEqual(result.endedIterations, result.iterations.started)
            XCTAssertEqual(result.overall.errors, 0)
        }
    }

    func testRampingArrivalRateWithAPlateauPlansWhatItsPacerPlans() async throws {
        try await withMock { mock in
            let plan = try workspace.plan("""
                executor: ramping-arrival-rate
                start_rate: 20/s
                stages:
                  - { duration: 1s, target: 100/s }
                  - { duration: 500ms, target: 100/s }
                vus: 10
                max_vus: 100
                mix: [{ scenario: list-agents.yaml }]
                """, mock: mock)
            let pacer = RampingPacer(startRate: 20, stages: [(duration: 1, target: 100), (duration: 0.5, target: 100)])
            XCTAssertEqual(pacer.plannedArrivals, 110, "60 on the ramp, 50 on the plateau")
            let result = try await runLoad(plan)
            XCTAssertEqual(result.run.plannedIterations, pacer.plannedArrivals)
            XCTAssertEqual(Double(result.iterations.started), 110, accuracy: 2.2, "within 2%")
            XCTAssertEqual(result.endedIterations, result.iterations.started)
            XCTAssertEqual(result.overall.errors, 0)
        }
    }

    func testConstantVUsEndEveryIterationTheyStartAndRunExactlyTheirUsers() async throws {
        try await withMock { mock in
            let plan = try workspace.plan("""
                executor: constant-vus
                vus: 5
                duration: 1500ms
                think: 5ms..20ms
                mix: [{ scenario: list-agents.yaml }]
                """, mock: mock)
            let result = try await runLoad(plan)
            XCTAssertEqual(result.run.model, "closed")
            XCTAssertNil(result.run.plannedIterations, "a closed model plans users, not iterations")
            XCTAssertEqual(result.iterations.peakVUs, 5)
            XCTAssertGreaterThan(result.iterations.started, 5, "users loop")
            XCTAssertEqual(result.iterations.completed + result.iterations.failed + result.iterations.interrupted,
                           result.iterations.started)
            XCTAssertEqual(result.iterations.dropped, 0)
            XCTAssertEqual(result.overall.errors, 0)
        }
    }

    /// Think time paces a closed-model user: after each step it pauses 400 ms, so in one second
    /// each of two users starts at most three iterations (at 0, after 400 and after 800 ms).
    /// Without the pause they would start hundreds. A slow machine gives fewer, never more.
    func testThinkTimeSpacesEachUsersIterations() async throws {
        try await withMock { mock in
            let plan = try workspace.plan("""
                executor: constant-vus
                vus: 2
                duration: 1s
                think: 400ms
                graceful_stop: 0s
                mix: [{ scenario: list-agents.yaml }]
                """, mock: mock)
            let result = try await runLoad(plan)
            XCTAssertGreaterThanOrEqual(result.iterations.started, 2, "each user's first iteration")
            XCTAssertLessThanOrEqual(result.iterations.started, 2 * 3, "at most one iteration per user every 400 ms")
            XCTAssertEqual(result.overall.errors, 0)
        }
    }

    /// A hundred users without think time: many completions come back in one wake-up, so each
    /// user's next iteration starts straight from its predecessor's completion (the loop's
    /// prompt start). Every iteration must still be counted once and end.
    func testManyUsersWithoutThinkTimeEndEveryIterationTheyStart() async throws {
        try await withMock { mock in
            let plan = try workspace.plan("""
                executor: constant-vus
                vus: 100
                duration: 1s
                mix: [{ scenario: list-agents.yaml }]
                """, mock: mock)
            let result = try await runLoad(plan)
            XCTAssertEqual(result.iterations.peakVUs, 100)
            XCTAssertGreaterThan(result.iterations.started, 100, "users loop")
            XCTAssertEqual(result.endedIterations, result.iterations.started)
            XCTAssertEqual(result.overall.requests, result.iterations.completed + result.iterations.failed,
                           "one request per iteration that reached its answer")
            XCTAssertEqual(result.windows.reduce(0) { $0 + $1.requests }, result.overall.requests, "per-second windows add up")
            XCTAssertEqual(result.overall.errors, 0)
        }
    }

    func testRampingVUsReachTheirTarget() async throws {
        try await withMock { mock in
            let plan = try workspace.plan("""
                executor: ramping-vus
                start_vus: 1
                stages:
                  - { duration: 1s, target: 4 }
                  - { duration: 500ms, target: 4 }
                mix: [{ scenario: list-agents.yaml }]
                """, mock: mock)
            XCTAssertEqual(plan.maxVUs, 4)
            let result = try await runLoad(plan)
            XCTAssertEqual(result.iterations.peakVUs, 4)
            XCTAssertEqual(result.endedIterations, result.iterations.started)
            XCTAssertEqual(result.overall.errors, 0)
        }
    }

    func testArrivalsBeyondMaxVUsAreDroppedAndCounted() async throws {
        try await withMock({ try $0.faults.global.set("latency", to: "fixed:50ms") }) { mock in
            let plan = try workspace.plan("""
                executor: constant-arrival-rate
                rate: 100/s
                duration: 1s
                max_vus: 1
                graceful_stop: 2s
                mix: [{ scenario: list-agents.yaml }]
                thresholds:
                  - "dropped < 1"
                  - "dropped < 100000"
                """, mock: mock)
            let result = try await runLoad(plan)
            XCTAssertEqual(result.run.plannedIterations, 100)
            XCTAssertGreaterThan(result.iterations.dropped, 0, "one user at 50 ms cannot take 100 arrivals a second")
            XCTAssertEqual(result.iterations.started + result.iterations.dropped, 100)
            XCTAssertEqual(result.iterations.peakVUs, 1)
            XCTAssertEqual(result.verdict("dropped < 1")?.ok, false)
            XCTAssertEqual(result.verdict("dropped < 100000")?.ok, true)
            XCTAssertEqual(result.windows.reduce(0) { $0 + $1.dropped }, result.iterations.dropped, "per-second windows add up")
        }
    }
}
