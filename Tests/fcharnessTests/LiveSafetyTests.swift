// Safety on real accounts (issue 13), end to end: the live-load guard, the announcement of what
// a live run will send, run-id tags on creates, and `contract --read-only`. Nothing leaves the
// machine: 192.0.2.1 (TEST-NET-1, a documentation address) is only used with --dry-run or
// where the command refuses before sending; everything else talks to 127.0.0.1.
import Foundation
import JSON
import MockServer
import XCTest

final class LiveSafetyTests: XCTestCase {
    private static let liveURL = "http://192.0.2.1/v2"
    private var scratch: URL!

    override func setUpWithError() throws {
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent("live-safety-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: scratch)
    }

    // MARK: The live-load guard

    func testLoadRefusesALiveTargetWithoutAllowLiveLoad() throws {
        let run = try runCLI(["load", "scenarios/load/smoke.yaml", "--base-url", Self.liveURL, "--token", "t", "--no-progress"],
                             timeout: 30)
        XCTAssertEqual(run.status, 2, run.stderr)
        XCTAssertTrue(run.stderr.contains("http://192.0.2.1/v2 is a live target"), run.stderr)
        XCTAssertTrue(run.stderr.contains("--allow-live-load"), run.stderr)
        XCTAssertTrue(run.stderr.contains("target: live"), run.stderr)
        // Refused before planning: no announcement of requests, no summary.
        XCTAssertFalse(run.stderr.contains("requests over"), run.stderr)
        XCTAssertEqual(run.stdout, "")
    }

    func testAProfileTargetOtherThanLiveIsBadInput() throws {
        let profile = try writeProfile(target: "production")
        let run = try runCLI(["load", profile, "--base-url", Self.liveURL, "--token", "t", "--no-progress"], timeout: 30)
        XCTAssertEqual(run.status, 2, run.stderr)
        XCTAssertTrue(run.stderr.contains("target"), run.stderr)
        XCTAssertTrue(run.stderr.contains("expected live"), run.stderr)
        XCTAssertFalse(run.stderr.contains("is a live target"), "the profile is refused before the guard: \(run.stderr)")
    }

    func testATargetLiveProfileStillLoadsTheEmbeddedMock() throws {
        let profile = try writeProfile(target: "live")
        let run = try runCLI(["load", profile, "--no-progress", "--threads", "1"], timeout: 60)
        XCTAssertEqual(run.status, 0, run.stderr + run.stdout)
        XCTAssertFalse(run.stderr.contains("live target"), "the embedded mock is not live: \(run.stderr)")
    }

    func testALoadDryRunShowsThePlanAndThatARunWouldBeRefused() throws {
        let run = try runCLI(["load", "scenarios/load/smoke.yaml", "--dry-run", "--base-url", Self.liveURL, "--token", "t",
                              "--var", "app_id=A"], timeout: 30)
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.contains("dry run: nothing is sent"), run.stdout)
        XCTAssertTrue(run.stdout.contains("  run id       one per run, such as fch-"), "creates on a live target are tagged: \(run.stdout)")
        XCTAssertTrue(run.stdout.contains("live target: a run is refused: --base-url http://192.0.2.1/v2 is a live target"), run.stdout)
    }

    func testATargetLiveProfileLetsALiveRunPastTheGuard() throws {
        let profile = try writeProfile(target: "live")
        let run = try runCLI(["load", profile, "--dry-run", "--base-url", Self.liveURL, "--token", "t", "--var", "app_id=A"], timeout: 30)
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.contains("about 20 requests over 1 s at 20/s"), run.stdout)
        XCTAssertFalse(run.stdout.contains("refused"), run.stdout)
    }

    // MARK: The announcement and the run-id tag

    func testContractDryRunAgainstALiveTargetAnnouncesTheCountAndTagsCreates() throws {
        let run = try runCLI(["contract", "--dry-run", "--base-url", Self.liveURL, "--token", "t", "--var", "app_id=A",
                              "--max-rps", "2", "scenarios/contract/conversation-lifecycle.yaml", "scenarios/contract/users.yaml"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stderr.contains(
            "live target http://192.0.2.1/v2: 17 requests (2 scenarios, up to 4 at a time) at most 2/s (--max-rps 2)"), run.stderr)
        let runID = try XCTUnwrap(Self.runID(in: run.stderr), run.stderr)

        let tag = #"{"name":"fcharness_run_id","value":"\#(runID)"}"#
        let createUserBodies = Self.bodies(of: "createUser", in: run.stdout)
        XCTAssertEqual(createUserBodies.count, 2, run.stdout)
        // A body without `properties` gets one; a body with pairs gets one more pair.
        XCTAssertTrue(createUserBodies[0].contains(#""properties":[\#(tag)]"#), createUserBodies[0])
        XCTAssertTrue(createUserBodies[1].contains(#"{"name":"plan","value":"enterprise"},\#(tag)"#), createUserBodies[1])
        // The spec's ConversationCreate has no member for custom properties: nothing is added.
        let createConversation = try XCTUnwrap(Self.bodies(of: "createConversation", in: run.stdout).first, run.stdout)
        XCTAssertFalse(createConversation.contains("fcharness_run_id"), createConversation)
        // Reads carry nothing.
        XCTAssertEqual(run.stdout.components(separatedBy: "fcharness_run_id").count - 1, 2, run.stdout)
    }

    func testContractDryRunAgainstTheEmbeddedMockOrLoopbackDoesNotTag() throws {
        for target in [[], ["--base-url", "http://127.0.0.1:9/v2"], ["--base-url", "http://localhost:9/v2"]] {
            let run = try runCLI(["contract", "--dry-run", "scenarios/contract/users.yaml"] + target)
            XCTAssertEqual(run.status, 0, run.stderr)
            XCTAssertFalse(run.stdout.contains("fcharness_run_id"), "\(target): \(run.stdout)")
            XCTAssertFalse(run.stderr.contains("live target"), "\(target): \(run.stderr)")
            XCTAssertTrue(run.stdout.contains("createUser: POST"), run.stdout)
        }
    }

    // MARK: --read-only

    func testReadOnlyDryRunPrintsOnlyGETs() throws {
        let run = try runCLI(["contract", "--dry-run", "--read-only", "--base-url", Self.liveURL, "--token", "t",
                              "--var", "app_id=A", "scenarios/contract/conversation-lifecycle.yaml"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let requestLines = run.stdout.split(separator: "\n").filter { $0.contains(": GET ") || $0.contains(": POST ") || $0.contains(": PUT ") }
        XCTAssertEqual(requestLines.count, 3, run.stdout)
        XCTAssertTrue(requestLines.allSatisfy { $0.contains(": GET ") }, run.stdout)
        XCTAssertTrue(run.stdout.contains("3. createUser: skipped: --read-only (POST)"), run.stdout)
        XCTAssertTrue(run.stdout.contains("8. updateConversation: skipped: --read-only (PUT)"), run.stdout)
        XCTAssertTrue(run.stdout.contains(
            "5. getConversation: skipped: --read-only: needs {{conversation_id}}, captured by step 4 (createConversation, POST)"), run.stdout)
        XCTAssertTrue(run.stderr.contains("3 requests (1 scenario, up to 4 at a time, --read-only)"), run.stderr)
        XCTAssertFalse(run.stderr.contains("fcharness_run_id"), "a read-only run creates nothing to tag: \(run.stderr)")
    }

    func testReadOnlySendsOnlyGETsAndListsTheSkippedSteps() throws {
        let server = try XCTUnwrap(CannedHTTPServer(response: "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}"))
        defer { server.stop() }
        let scenario = try writeScenario()
        let json = scratch.appendingPathComponent("report.json").path
        let run = try runCLI(["contract", "--read-only", "--base-url", "http://127.0.0.1:\(server.port)/v2", "--token", "t",
                              "--json", json, scenario])

        XCTAssertEqual(Set(server.methods), ["GET"], "methods sent: \(server.methods)")
        XCTAssertEqual(server.methods.count, 2, "listAgents and listChannels only")
        XCTAssertTrue(run.stdout.contains("skipped: --read-only (POST)"), run.stdout)
        XCTAssertTrue(run.stdout.contains("skipped: --read-only (PUT)"), run.stdout)
        XCTAssertTrue(run.stdout.contains("needs {{user_id}}, captured by step 2 (createUser, POST)"), run.stdout)
        XCTAssertTrue(run.stdout.contains("read-only: 3 steps not sent"), run.stdout)

        let report = try JSON.parse(contentsOfFile: json)
        XCTAssertEqual(report["read_only"], true)
        XCTAssertEqual(report["summary"]?["steps_excluded"], 3)
        let steps = try XCTUnwrap(report["scenarios"]?[0]?["steps"]?.arrayValue)
        XCTAssertEqual(steps.map { $0["outcome"]?.stringValue }, ["passed", "skipped", "skipped", "skipped", "passed"], "\(steps)")
        XCTAssertEqual(steps[1]["notes"], .array(["skipped: --read-only (POST)"]))
        XCTAssertEqual(steps[1]["excluded"], true)
        XCTAssertEqual(steps[3]["notes"], .array(["skipped: --read-only (PUT)"]))
        // The GET steps decide: both passed, so the scenario and the run pass.
        XCTAssertEqual(report["summary"]?["failed"], 0)
        XCTAssertEqual(run.status, 0, run.stdout + run.stderr)
    }

    func testReadOnlyAgainstTheMockChangesNothingAndPassesOnItsGETs() async throws {
        var configuration = MockConfiguration.embedded(seed: 3)
        configuration.threads = 1
        let mock = try await MockServer.start(configuration)
        let before = mock.storedRecords
        let run = try runCLI(["contract", "--read-only", "--base-url", mock.baseURL, "--token", mock.token, "--var", "app_id=\(mock.appID)"])
        let after = mock.storedRecords
        await mock.shutdown()

        XCTAssertEqual(run.status, 0, run.stdout + run.stderr)
        XCTAssertEqual(after, before, "a read-only run created records")
        XCTAssertTrue(run.stdout.contains("skipped: --read-only (POST)"), run.stdout)
        XCTAssertFalse(run.stderr.contains("live target"), "127.0.0.1 is not live: \(run.stderr)")
    }

    // MARK: Support

    /// A constant-arrival-rate profile of one short scenario, with `target: VALUE`.
    private func writeProfile(target: String) throws -> String {
        let profile = scratch.appendingPathComponent("profile.yaml")
        let scenario = packageRoot.appendingPathComponent("scenarios/contract/browse-agents.yaml").path
        try """
            name: live-safety
            target: \(target)
            executor: constant-arrival-rate
            rate: 5/s
            duration: 1s
            mix:
              - { scenario: \(scenario) }
            """.write(to: profile, atomically: true, encoding: .utf8)
        return profile.path
    }

    /// GET, POST (capturing), GET needing the capture, PUT, GET.
    private func writeScenario() throws -> String {
        let file = scratch.appendingPathComponent("mixed.yaml")
        try """
            name: mixed methods
            steps:
              - operation: listAgents
              - operation: createUser
                body: { first_name: Ada }
                capture: { user_id: $.id }
              - operation: getUser
                path: { user_id: "{{user_id}}" }
              - operation: updateConversation
                path: { conversation_id: c1 }
                body: { status: resolved }
              - operation: listChannels
            """.write(to: file, atomically: true, encoding: .utf8)
        return file.path
    }

    /// The run id from `creates are tagged fcharness_run_id=ID`.
    private static func runID(in text: String) -> String? {
        guard let range = text.range(of: "fcharness_run_id=") else { return nil }
        return String(text[range.upperBound...].prefix { !$0.isWhitespace })
    }

    /// The body lines the dry run printed under each step of `operation`, in order.
    private static func bodies(of operation: String, in dryRun: String) -> [String] {
        var bodies: [String] = []
        var inStep = false
        for line in dryRun.split(separator: "\n") {
            if !line.hasPrefix(" ") { inStep = line.contains(". \(operation): ") }
            if inStep, line.trimmingCharacters(in: .whitespaces).hasPrefix("{") { bodies.append(String(line)) }
        }
        return bodies
    }
}
