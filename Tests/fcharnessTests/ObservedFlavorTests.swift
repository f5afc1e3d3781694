// `fcharness mock --flavor observed` as its own process, checked by `fcharness contract` with the
// shipped scenarios: the plain spec reports exactly where the live API is observed to differ
// from it; with the shipped overlay, which states those differences, everything passes.
import Foundation
import JSON
import XCTest

final class ObservedFlavorTests: XCTestCase {
    /// What the seed spec says is wrong with the observed API, as `contract` reports it for the
    /// shipped scenarios: "operation status pointer keyword".
    static let differences: Set<String> = {
        // Link objects `{href, rel, type}` where the seed spec has URI strings: the lists the
        // scenarios read a next page of.
        var differences: Set<String> = ["listAgents 200 /links/next_page type", "listUsers 200 /links/next_page type"]
        // An integer `code` where the seed spec has a string: every error the scenarios meet.
        let errors: [String: [Int]] = [
            "listConversations": [401], "createConversation": [400, 401], "getConversation": [401, 404],
            "updateConversation": [400, 401, 404], "listConversationMessages": [401, 404], "sendMessage": [400, 401, 404],
            "listAgents": [401], "getAgent": [401, 404], "listUsers": [401], "createUser": [400, 401],
            "getUser": [401, 404], "updateUser": [400, 401, 404], "listChannels": [401], "getChannel": [401, 404],
            "listGroups": [401], "getGroup": [401, 404],
        ]
        for (operation, statuses) in errors {
            for status in statuses { differences.insert("\(operation) \(status) /code type") }
        }
        return differences
    }()

    private var scratch: URL!

    override func setUpWithError() throws {
        scratch = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("fcharness-observed-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: scratch)
    }

    func testThePlainSpecReportsExactlyTheObservedDifferences() throws {
        let mock = try MockProcess(["--flavor", "observed"])
        defer { mock.stop() }
        let json = scratch.appendingPathComponent("plain.json").path
        let run = try runCLI(["contract", "--base-url", mock.baseURL, "--token", "dev-token", "--var", "app_id=\(try appID(of: mock))",
                              "--json", json])
        XCTAssertEqual(run.status, 1, run.stdout + run.stderr)

        let report = try JSON.parse(contentsOfFile: json)
        var reported: Set<String> = []
        for scenario in report["scenarios"]?.arrayValue ?? [] {
            for step in scenario["steps"]?.arrayValue ?? [] {
                let operation = step["operation"]?.stringValue ?? "?"
                let status = step["status"]?.integerValue ?? 0
                let violations = step["violations"]?.arrayValue ?? []
                for violation in violations {
                    let pointer = violation["pointer"]?.stringValue ?? "?", keyword = violation["keyword"]?.stringValue ?? "?"
                    reported.insert("\(operation) \(status) \(pointer) \(keyword)")
                }
                // Nothing else fails: every scenario assertion holds against the observed flavor.
                let failedAssertions = (step["assertions"]?.arrayValue ?? []).filter { $0["ok"] == false }
                XCTAssertEqual(failedAssertions, [], "\(operation): \(step["error"]?.stringValue ?? "")")
                XCTAssertEqual(step["outcome"]?.stringValue, violations.isEmpty ? "passed" : "failed", operation)
            }
        }
        XCTAssertEqual(reported.subtracting(Self.differences).sorted(), [], "reported, but not an observed difference")
        XCTAssertEqual(Self.differences.subtracting(reported).sorted(), [], "an observed difference the run did not report")
    }

    func testTheObservedOverlayMakesEveryScenarioPass() throws {
        let mock = try MockProcess(["--flavor", "observed"])
        defer { mock.stop() }
        let run = try runCLI(["contract", "--base-url", mock.baseURL, "--token", "dev-token", "--var", "app_id=\(try appID(of: mock))",
                              "--overlay", "scenarios/overlays/freshchat-observed.yaml"])
        XCTAssertEqual(run.status, 0, run.stdout + run.stderr)
        let shipped = try FileManager.default.contentsOfDirectory(atPath: packageRoot.appendingPathComponent("scenarios/contract").path)
            .filter { $0.hasSuffix(".yaml") }
        XCTAssertEqual(run.stdout.split(separator: "\n").last.map(String.init), "\(shipped.count) passed, 0 failed")
    }

    func testGivingTheShippedOverlayToTheObservedMockAppliesItOnce() throws {
        // Applied twice, the overlay would declare from_time twice and the mock would not start.
        let shipped = packageRoot.appendingPathComponent("scenarios/overlays/freshchat-observed.yaml").path
        let mock = try MockProcess(["--flavor", "observed", "--overlay", shipped])
        let run = mock.stop()
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertFalse(run.stderr.contains("warning"), run.stderr)
    }

    /// The app id the mock printed in its greeting (`…, app id UUID`).
    private func appID(of mock: MockProcess) throws -> String {
        let match = try XCTUnwrap(mock.said.firstMatch(of: /app id ([0-9a-f-]+)/), mock.said)
        return String(match.1)
    }
}
