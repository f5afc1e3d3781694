// Sampled validation under load: with every response sampled, the mock's deliberate drift is
// reported for exactly the drifted operations the mix calls.
import MockServer
import XCTest

@testable import Load

final class SampledValidationRunTests: XCTestCase {
    private var workspace: LoadWorkspace!

    override func setUpWithError() throws {
        workspace = try LoadWorkspace()
    }

    override func tearDown() {
        workspace.remove()
    }

    func testDriftIsReportedForExactlyTheDriftedOperationsTheMixCalls() async throws {
        try await withMock({ $0.drift = true }) { mock in
            let plan = try workspace.plan("""
                executor: constant-arrival-rate
                rate: 40/s
                duration: 1s
                vus: 10
                max_vus: 100
                mix:
                  - { scenario: browse-channels.yaml }
                  - { scenario: browse-groups.yaml }
                  - { scenario: list-agents.yaml }
                """, LoadOverrides(threads: 2, validateSample: 1.0), mock: mock)
            let called = Set(plan.mix.operations)
            XCTAssertEqual(called, ["getChannel", "getGroup", "listAgents", "listChannels", "listGroups"])
            let result = try await runLoad(plan)

            let reported = Set(result.violations.map { "\($0.operation) \($0.pointer) \($0.keyword)" })
            let expected = Set(MockDrift.catalog.filter { called.contains($0.operationId) }.map { "\($0.operationId) \($0.pointer) \($0.keyword)" })
            XCTAssertEqual(expected.count, 3, "listChannels, getChannel and getGroup drift; getAgent and getUser are not called")
            XCTAssertEqual(reported, expected)
            for operation in called {
                let measured = try XCTUnwrap(result.operations[operation], operation)
                XCTAssertGreaterThan(measured.validated, 0, "\(operation) was validated")
                let drifts = expected.contains { $0.hasPrefix(operation + " ") }
                XCTAssertEqual(measured.violations > 0, drifts, "\(operation): violations only where the mock drifts")
            }
            XCTAssertEqual(result.validation.validated, result.validation.sampled, "every sample taken was validated")
            XCTAssertEqual(result.validation.sampled + result.validation.skipped, result.overall.requests, "a share of 1.0 samples every response")
            XCTAssertEqual(result.overall.errors, 0, "a violation is reported, not counted as an error")
        }
    }

    func testWithoutDriftSampledValidationFindsNothing() async throws {
        try await withMock { mock in
            let plan = try workspace.plan("""
                executor: constant-arrival-rate
                rate: 40/s
                duration: 1s
                mix:
                  - { scenario: browse-channels.yaml }
                  - { scenario: browse-groups.yaml }
                """, LoadOverrides(threads: 2, validateSample: 1.0), mock: mock)
            let result = try await runLoad(plan)
            XCTAssertGreaterThan(result.validation.validated, 0)
            XCTAssertEqual(result.validation.violations, 0)
            XCTAssertEqual(result.violations.map(\.operation), [])
        }
    }

    func testSamplesThatFindTheQueueFullAreSkippedAndCountedNeverValidatedNorLost() async throws {
        try await withMock({ $0.drift = true }) { mock in
            var plan = try workspace.plan("""
                executor: constant-arrival-rate
                rate: 40/s
                duration: 1s
                mix:
                  - { scenario: browse-channels.yaml }
                """, LoadOverrides(threads: 2, validateSample: 1.0), mock: mock)
            // A queue with no room: every sample finds it full, as on a validator that falls behind.
            plan.validationQueueCapacity = 0
            let result = try await runLoad(plan)

            XCTAssertGreaterThan(result.overall.requests, 0)
            XCTAssertEqual(result.validation.sampled, 0, "nothing got into the queue")
            XCTAssertEqual(result.validation.skipped, result.overall.requests, "a share of 1.0 samples every response; each was skipped")
            XCTAssertEqual(result.validation.validated, 0)
            XCTAssertEqual(result.validation.violations, 0, "the drift went unseen, and the skips say why")
            XCTAssertEqual(result.overall.errors, 0, "a skipped sample is not an error")
        }
    }
}
