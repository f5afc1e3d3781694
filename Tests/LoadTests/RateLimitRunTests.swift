// 429s and budgets: a throttled response is never an error; the open model holds the
// operation, the closed model waits and retries; a budget keeps an operation under its rate.
import MockServer
import XCTest

@testable import Load

final class RateLimitRunTests: XCTestCase {
    private var workspace: LoadWorkspace!

    override func setUpWithError() throws {
        workspace = try LoadWorkspace()
    }

    override func tearDown() {
        workspace.remove()
    }

    func testTheOpenModelCountsThrottledResponsesAndHoldsTheOperationWithoutErrors() async throws {
        try await withMock({ try $0.faults.global.set("rate-limit", to: "50/s") }) { mock in
            let plan = try workspace.plan("""
                executor: constant-arrival-rate
                rate: 200/s
                duration: 2s
                vus: 20
                max_vus: 200
                graceful_stop: 2s
                mix: [{ scenario: list-agents.yaml }]
                thresholds:
                  - "throttled_rate < 1%"
                """, mock: mock)
            let result = try await runLoad(plan)
            let listAgents = try XCTUnwrap(result.operations["listAgents"])
            XCTAssertGreaterThan(listAgents.throttled, 0)
            XCTAssertEqual(listAgents.statusCounts[429], listAgents.throttled)
            XCTAssertEqual(result.overall.errors, 0, "429 is throttled, never an error")
            XCTAssertGreaterThan(result.rateLimits.waits, 0, "each 429 holds the operation for its Retry-After")
            XCTAssertGreaterThan(result.iterations.throttledDropped, 0, "arrivals during a hold are not sent")
            XCTAssertEqual(listAgents.throttledDropped + listAgents.throttled, result.iterations.throttledDropped)
            XCTAssertEqual(result.endedIterations, result.iterations.started)
            XCTAssertEqual(result.verdict("throttled_rate < 1%")?.ok, false)
        }
    }

    func testTheClosedModelWaitsAfterA429AndRetriesTheStep() async throws {
        try await withMock({ try $0.faults.global.set("rate-limit", to: "20/s") }) { mock in
            let plan = try workspace.plan("""
                executor: constant-vus
                vus: 4
                duration: 2s
                graceful_stop: 3s
                mix: [{ scenario: list-agents-200.yaml }]
                """, mock: mock)
            let result = try await runLoad(plan)
            XCTAssertGreaterThan(result.overall.throttled, 0)
            XCTAssertGreaterThan(result.rateLimits.waits, 0)
            XCTAssertEqual(result.rateLimits.waits, result.overall.throttled, "one wait per 429")
            XCTAssertEqual(result.overall.errors, 0, "429 is throttled, never an error")
            XCTAssertEqual(result.overall.checksFailed, 0, "the retried step got its 200: a 429 is not a failed expectation")
            XCTAssertEqual(result.iterations.throttledDropped, 0, "a closed-model user retries instead of giving up")
            XCTAssertEqual(result.iterations.failed, 0)
            XCTAssertEqual(result.endedIterations, result.iterations.started)
        }
    }

    /// 100 arrivals a second for 2 s under a budget of 20/s, with no graceful stop. The budget
    /// is split between the 2 threads (10/s each), and each thread's first request goes at
    /// once, so in 2 s each thread sends at most 2 × 10 + 1 requests: 42 in all. The mock
    /// counts what it received, including requests cancelled in flight at the end.
    func testABudgetKeepsAnOperationUnderItsRate() async throws {
        // The mock counts requests (`statistics`) only while a fault is configured: 1 ms of latency.
        try await withMock({ try $0.faults.global.set("latency", to: "fixed:1ms") }) { mock in
            let plan = try workspace.plan("""
                executor: constant-arrival-rate
                rate: 100/s
                duration: 2s
                vus: 20
                max_vus: 300
                graceful_stop: 0s
                budgets: { listAgents: 20/s }
                mix: [{ scenario: list-agents.yaml }]
                """, mock: mock)
            XCTAssertEqual(plan.threads, 2)
            let result = try await runLoad(plan)
            let sent = mock.statistics.requests
            XCTAssertLessThanOrEqual(sent, 20 * 2 + plan.threads, "what the server saw")
            XCTAssertLessThanOrEqual(result.overall.requests, 20 * 2 + plan.threads)
            XCTAssertGreaterThanOrEqual(sent, 20, "the budget lets requests through, at its rate")
            XCTAssertGreaterThan(result.operations["listAgents"]?.budgetDelayed ?? 0, 0)
            XCTAssertEqual(result.overall.errors, 0)
            XCTAssertGreaterThan(result.iterations.interrupted, 0, "iterations still waiting for a slot at the end")
        }
    }
}
