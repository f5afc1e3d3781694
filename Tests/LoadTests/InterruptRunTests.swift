// Interrupting a run (Ctrl-C): what ran is kept, the result is marked interrupted, and the
// iterations cut off are counted as interrupted, not as errors.
import MockServer
import XCTest

@testable import Load

final class InterruptRunTests: XCTestCase {
    func testInterruptFromAnotherTaskStopsTheRunAndKeepsWhatItMeasured() async throws {
        let workspace = try LoadWorkspace()
        defer { workspace.remove() }
        try await withMock({ try $0.faults.global.set("latency", to: "fixed:200ms") }) { mock in
            let plan = try workspace.plan("""
                executor: constant-arrival-rate
                rate: 50/s
                duration: 20s
                vus: 10
                max_vus: 100
                mix: [{ scenario: list-agents.yaml }]
                """, mock: mock)
            let run = LoadRun(plan: plan, version: "test")
            let running = Task { try await run.run() }
            // Interrupt once responses are flowing and transfers are in flight.
            for _ in 0..<400 where mock.statistics.requests < 20 { try await Task.sleep(for: .milliseconds(25)) }
            XCTAssertGreaterThanOrEqual(mock.statistics.requests, 20, "the run never got going")
            run.interrupt()
            let result = try await running.value
            try assertResultsFileRoundTrips(result)

            XCTAssertTrue(result.interrupted)
            XCTAssertNil(result.abortedBy)
            XCTAssertLessThan(result.run.durationSeconds, 15, "stopped long before the planned 20 s")
            XCTAssertGreaterThan(result.iterations.interrupted, 0, "transfers in flight were cut off")
            XCTAssertGreaterThan(result.iterations.completed, 0, "what finished before is kept")
            XCTAssertEqual(result.overall.errors, 0, "a cancelled transfer is not an error")
            XCTAssertEqual(result.errors.map(\.message), [])
            XCTAssertEqual(result.endedIterations, result.iterations.started)
            XCTAssertFalse(result.passed)
        }
    }

    /// Ctrl-C while shards wait for their common `--start-at`: no thread starts, nothing is sent.
    func testCancellingBeforeTheStartSendsNothing() async throws {
        let workspace = try LoadWorkspace()
        defer { workspace.remove() }
        try await withMock({ try $0.faults.global.set("latency", to: "fixed:1ms") }) { mock in
            let plan = try workspace.plan("""
                executor: constant-arrival-rate
                rate: 200/s
                duration: 5s
                vus: 10
                max_vus: 50
                mix: [{ scenario: list-agents.yaml }]
                """, LoadOverrides(threads: 2, startAt: Date().timeIntervalSince1970 + 30), mock: mock)
            let run = LoadRun(plan: plan, version: "test")
            let running = Task { try await run.run() }
            try await Task.sleep(for: .milliseconds(200))
            running.cancel()
            let result = try await running.value
            XCTAssertTrue(result.interrupted)
            XCTAssertEqual(result.iterations.started, 0)
            XCTAssertEqual(result.overall.requests, 0)
            XCTAssertEqual(mock.statistics.requests, 0)
        }
    }
}
