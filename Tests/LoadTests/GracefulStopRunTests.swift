// At the end of the schedule, iterations in flight may finish within `graceful_stop`; those
// still running when it is over are cancelled and counted as interrupted, never as errors. The
// mock holds every answer 300 ms, so the last arrivals are always still in flight at the end.
import MockServer
import Report
import XCTest

@testable import Load

final class GracefulStopRunTests: XCTestCase {
    private var workspace: LoadWorkspace!

    override func setUpWithError() throws {
        workspace = try LoadWorkspace()
    }

    override func tearDown() {
        workspace.remove()
    }

    private func run(gracefulStop: String) async throws -> LoadResult {
        var result: LoadResult?
        try await withMock({ try $0.faults.global.set("latency", to: "fixed:300ms") }) { mock in
            let plan = try workspace.plan("""
                executor: constant-arrival-rate
                rate: 20/s
                duration: 1s
                vus: 10
                max_vus: 20
                graceful_stop: \(gracefulStop)
                mix: [{ scenario: list-agents.yaml }]
                """, LoadOverrides(threads: 1), mock: mock)
            result = try await runLoad(plan)
        }
        return try XCTUnwrap(result)
    }

    func testIterationsInFlightAtTheEndFinishWithinTheGracefulStop() async throws {
        let result = try await run(gracefulStop: "3s")
        XCTAssertEqual(result.iterations.started, 20)
        XCTAssertEqual(result.iterations.completed, 20, "the last arrivals' answers came 300 ms after the end, inside the 3 s")
        XCTAssertEqual(result.iterations.interrupted, 0)
        XCTAssertEqual(result.overall.requests, 20)
    }

    func testIterationsStillRunningWhenTheGracefulStopEndsAreCancelledAndCounted() async throws {
        let result = try await run(gracefulStop: "100ms")
        XCTAssertEqual(result.iterations.started, 20)
        XCTAssertGreaterThan(result.iterations.interrupted, 0, "those sent in the last 200 ms could not be answered in time")
        XCTAssertEqual(result.iterations.completed + result.iterations.interrupted, 20, "every iteration ended one way or the other")
        XCTAssertEqual(result.overall.errors, 0, "a cancelled transfer is not an error")
        XCTAssertFalse(result.interrupted, "the run itself was not interrupted")
    }
}
