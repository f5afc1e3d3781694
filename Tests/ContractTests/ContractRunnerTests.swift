import Curl
import JSON
import MockServer
import OpenAPI
import Report
import Scenario
import XCTest

@testable import Contract

/// The runner against the real mock, in-process over loopback.
final class ContractRunnerTests: XCTestCase {
    private static let specPath = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("scenarios/freshchat.openapi.yaml").path

    private func withMock(_ configure: (inout MockConfiguration) throws -> Void = { _ in },
                          _ body: (MockServer, ContractRunnerFactory) async throws -> Void) async throws {
        let index = try OperationIndex.load(path: Self.specPath)
        var configuration = MockConfiguration.embedded(seed: 3)
        configuration.threads = 1
        try configure(&configuration)
        let mock = try await MockServer.start(configuration)
        do {
            try await body(mock, ContractRunnerFactory(index: index, validators: try SpecValidators(index: index), mock: mock))
        } catch {
            await mock.shutdown()
            throw error
        }
        await mock.shutdown()
    }

    /// The mock refuses a conversation whose users do not exist, though the spec allows any
    /// id: `--shrink` cuts the body down to the smallest valid one still refused.
    func testShrinkNotesTheSmallestValidBodyStillRefused() async throws {
        try await withMock { _, factory in
            let scenario = try factory.scenario("""
                name: refused
                steps:
                  - operation: listChannels
                    capture: { channel_id: "$.channels[0].id" }
                  - operation: createConversation
                    body:
                      app_id: app
                      channel_id: "{{channel_id}}"
                      users: [{ id: no-such-user, first_name: Ada, email: ada@example.com }]
                      messages: [{ message_parts: [{ text: { content: hello there } }], actor_type: agent, actor_id: nobody }]
                    expect: { status: 200 }
                """)
            let refused = await factory.runner(shrink: true).run([scenario]).scenarios[0].steps[1]
            XCTAssertEqual(refused.status, 400)
            let note = try XCTUnwrap(refused.notes.first, "\(refused)")
            XCTAssertTrue(note.hasPrefix("the server refused (400) a body the spec calls valid; the smallest valid body it still refuses"), note)
            XCTAssertFalse(note.contains("Ada"), "optional members the refusal does not depend on are gone: \(note)")
            // Refused for the same reason (the user does not exist), not for a new one such as
            // an emptied channel id.
            XCTAssertTrue(note.contains(#""users":[{"id":""}]"#), note)
            XCTAssertFalse(note.contains(#""channel_id":"""#), note)

            let unshrunk = await factory.runner().run([scenario]).scenarios[0].steps[1]
            XCTAssertEqual(unshrunk.notes, [], "without the option nothing is re-sent")
        }
    }

    func testARefusalsReasonLeavesOutTheValuesTheRequestSent() {
        let first = RejectedBodyShrink.reason(of: Array(#"{"message":"user 'no-such-user' does not exist at 12"}"#.utf8))
        let second = RejectedBodyShrink.reason(of: Array(#"{"message":"user '' does not exist at 3"}"#.utf8))
        XCTAssertEqual(first, second)
        XCTAssertNotEqual(first, RejectedBodyShrink.reason(of: Array(#"{"message":"channel '' does not exist"}"#.utf8)))
    }

    func testViolationsAreReportedAndDoNotStopTheScenario() async throws {
        try await withMock({ $0.drift = true }) { mock, factory in
            let scenario = try factory.scenario("""
                name: drift
                steps:
                  - operation: listChannels
                    capture: { channel_id: "$.channels[0].id" }
                  - operation: getChannel
                    path: { channel_id: "{{channel_id}}" }
                    expect: { status: 200 }
                """)
            let result = await factory.runner().run([scenario])
            let steps = result.scenarios[0].steps
            XCTAssertEqual(steps.map(\.outcome), [.failed, .failed], "both drift; neither stops the scenario")
            XCTAssertEqual(steps[0].violations.map(\.pointer), ["/channels/0/enabled"])
            XCTAssertEqual(steps[0].violations.map(\.keyword), ["type"])
            XCTAssertEqual(steps[1].violations.map(\.pointer), ["/public"])
            XCTAssertEqual(result.passedCount, 0)
        }
    }

    func testAFailedExpectationSkipsTheRestOfItsScenario() async throws {
        try await withMock { _, factory in
            let scenario = try factory.scenario("""
                name: stops
                steps:
                  - operation: listAgents
                    expect: { status: 201 }
                  - operation: listGroups
                  - operation: listChannels
                """)
            let result = await factory.runner().run([scenario])
            XCTAssertEqual(result.scenarios[0].steps.map(\.outcome), [.failed, .skipped, .skipped])
            XCTAssertEqual(result.scenarios[0].steps[0].assertions.first?.message, "expected 201, got 200")
        }
    }

    func testACaptureThatFindsNothingStopsTheScenario() async throws {
        try await withMock { _, factory in
            let scenario = try factory.scenario("""
                name: empty capture
                steps:
                  - operation: listAgents
                    capture: { missing: $.no_such_member }
                  - operation: getAgent
                    path: { agent_id: "{{missing}}" }
                """)
            let result = await factory.runner().run([scenario])
            XCTAssertEqual(result.scenarios[0].steps.map(\.outcome), [.failed, .skipped])
            XCTAssertTrue(result.scenarios[0].steps[0].error?.contains("missing") ?? false, "\(result.scenarios[0].steps[0])")
        }
    }

    func testRateLimitedRequestsWaitForRetryAfterAndSucceed() async throws {
        try await withMock({ try $0.faults.global.set("rate-limit", to: "2/s") }) { _, factory in
            let scenario = try factory.scenario("""
                name: rate limited
                steps:
                  - operation: listAgents
                  - operation: listAgents
                  - operation: listAgents
                  - operation: listAgents
                """)
            let result = await factory.runner().run([scenario])
            let steps = result.scenarios[0].steps
            XCTAssertEqual(steps.map(\.status), [200, 200, 200, 200], "\(steps.map(\.notes))")
            XCTAssertTrue(steps.contains { $0.notes.contains { $0.contains("429") && $0.contains("Retry-After") } },
                          "a wait for Retry-After is reported: \(steps.map(\.notes))")
        }
    }

    func testAStepExpecting429IsNotRetried() async throws {
        try await withMock({ try $0.faults.global.set("rate-limit", to: "1/s") }) { _, factory in
            let scenario = try factory.scenario("""
                name: sees the 429
                steps:
                  - operation: listAgents
                  - operation: listAgents
                    expect: { status: [200, 429] }
                """)
            let result = await factory.runner().run([scenario])
            XCTAssertEqual(result.scenarios[0].steps[1].notes, [])
        }
    }

    /// Ctrl-C while a step waits out a 429: the wait ends at once and nothing is retried.
    func testCancellationDuringARetryAfterWaitRetriesNothing() async throws {
        try await withMock({ try $0.faults.global.set("rate-limit", to: "0.2/s") }) { mock, factory in
            let scenario = try factory.scenario("""
                name: interrupted while throttled
                steps:
                  - operation: listAgents
                  - operation: listAgents
                  - operation: listAgents
                """)
            let runner = factory.runner()
            let running = Task { await runner.run([scenario]) }
            // The second request is answered 429 with Retry-After 5: the step is then waiting.
            for _ in 0..<400 where mock.statistics.rateLimited == 0 { try await Task.sleep(for: .milliseconds(25)) }
            XCTAssertEqual(mock.statistics.rateLimited, 1, "the mock never rate-limited the run")
            // The mock counts the 429 before it writes it; a moment later the runner has it.
            try await Task.sleep(for: .milliseconds(300))
            let requestsAtInterrupt = mock.statistics.requests
            running.cancel()
            let result = await running.value

            XCTAssertTrue(result.interrupted)
            XCTAssertEqual(mock.statistics.requests, requestsAtInterrupt, "no retry after the interrupt")
            let steps = result.scenarios[0].steps
            XCTAssertEqual(steps.map(\.outcome), [.passed, .skipped, .skipped])
            XCTAssertNil(steps[1].error, "an interrupt is not a failure of the target")
            XCTAssertTrue(steps[1].notes.contains { $0.contains("interrupted while waiting") && $0.contains("not retried") },
                          "\(steps[1].notes)")
            XCTAssertFalse(steps[1].notes.contains { $0.contains("and retried") }, "\(steps[1].notes)")
        }
    }

    func testParallelRunsKeepTheInputOrder() async throws {
        try await withMock { _, factory in
            let scenarios = try (0..<8).map { position in
                try factory.scenario("""
                    name: scenario \(position)
                    steps:
                      - operation: listAgents
                        query: { items_per_page: \(position + 1) }
                        expect:
                          json:
                            $.agents: { length: \(position + 1) }
                    """)
            }
            let result = await factory.runner(parallel: 4).run(scenarios)
            XCTAssertEqual(result.scenarios.map(\.name), (0..<8).map { "scenario \($0)" })
            XCTAssertEqual(result.failedCount, 0, ConsoleReport(colour: false).render(result))
        }
    }

    func testFailFastStopsStartingScenarios() async throws {
        try await withMock { _, factory in
            let failing = try factory.scenario("name: fails\nsteps:\n  - operation: listAgents\n    expect: { status: 500 }\n")
            let passing = try factory.scenario("name: passes\nsteps:\n  - operation: listAgents\n")
            let result = await factory.runner(failFast: true).run([failing, passing])
            XCTAssertEqual(result.scenarios[1].steps.map(\.outcome), [.skipped])
        }
    }

    func testTheWaitA429AsksForIsReadFromRetryAfterOrTheRateLimitReset() {
        let now = 1_445_412_450.0  // 2015-10-21 07:27:30 UTC
        XCTAssertEqual(StepExecution.retryAfter("2", now: now), .seconds(2))
        XCTAssertEqual(StepExecution.retryAfter("0.5", now: now), .milliseconds(500))
        XCTAssertEqual(StepExecution.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT", now: now), .seconds(30))
        XCTAssertEqual(StepExecution.retryAfter(nil, rateLimitReset: "3", now: now), .seconds(3))
        XCTAssertEqual(StepExecution.retryAfter("1e300", now: now), .seconds(1), "not a wait: the 1 s default")
        XCTAssertEqual(StepExecution.retryAfter("99999999999", now: now), .seconds(86_400), "a day at most")
        XCTAssertEqual(StepExecution.retryAfter(nil, now: now), .seconds(1))
    }
}

/// Builds scenarios and runners against one mock.
struct ContractRunnerFactory {
    let index: OperationIndex
    let validators: SpecValidators
    let mock: MockServer

    func scenario(_ text: String) throws -> ScenarioFile {
        try ScenarioLoader.load(text: text, name: "test.yaml", index: index)
    }

    func runner(parallel: Int = 1, failFast: Bool = false, shrink: Bool = false) -> ContractRunner {
        ContractRunner(
            validators: validators, client: CurlClient(),
            target: ContractTarget(baseURL: mock.baseURL, token: mock.token),
            options: ContractOptions(parallel: parallel, failFast: failFast, seed: 1, maxRetryWait: .seconds(10),
                                     shrinkRefusedBodies: shrink))
    }
}
