import Foundation
import JSON
import MockServer
import XCTest

#if canImport(FoundationXML)
import FoundationXML
#endif

/// The binary against the embedded mock, as `make contract` runs it.
final class ContractCommandTests: XCTestCase {
    private var scratch: URL!

    override func setUpWithError() throws {
        scratch = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("fcharness-contract-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: scratch)
    }

    func testEveryShippedScenarioPassesAgainstTheEmbeddedMock() throws {
        let json = scratch.appendingPathComponent("contract.json").path
        let run = try runCLI(["contract", "--json", json, "--seed", "7"])
        XCTAssertEqual(run.status, 0, run.stdout + run.stderr)
        let shipped = try FileManager.default.contentsOfDirectory(atPath: packageRoot.appendingPathComponent("scenarios/contract").path)
            .filter { $0.hasSuffix(".yaml") }
        XCTAssertEqual(run.stdout.split(separator: "\n").last.map(String.init), "\(shipped.count) passed, 0 failed")

        let report = try JSON.parse(contentsOfFile: json)
        XCTAssertEqual(report["format"], "fcharness-contract/1")
        XCTAssertEqual(report["summary"]?["failed"], 0)
        // Together the shipped scenarios call every operation of the spec.
        let operations = Set((report["scenarios"]?.arrayValue ?? []).flatMap { scenario in
            (scenario["steps"]?.arrayValue ?? []).compactMap { $0["operation"]?.stringValue }
        })
        let spec = try XCTUnwrap(JSON.parse(try runCLI(["operations", "--json"]).stdout).arrayValue)
        XCTAssertEqual(operations, Set(spec.compactMap { $0["operationId"]?.stringValue }))
        // ... and see every status the spec documents for them.
        let seen = Set((report["scenarios"]?.arrayValue ?? []).flatMap { scenario in
            (scenario["steps"]?.arrayValue ?? []).map { "\($0["operation"]?.stringValue ?? "") \($0["status"]?.integerValue ?? 0)" }
        })
        let documented = Set(spec.flatMap { operation in
            (operation["statuses"]?.arrayValue ?? []).map { "\(operation["operationId"]?.stringValue ?? "") \($0.stringValue ?? "")" }
        })
        XCTAssertEqual(documented.subtracting(seen), [], "documented statuses no shipped scenario exercises")
    }

    func testDriftIsReportedExactlyWhereTheMockDrifts() throws {
        let json = scratch.appendingPathComponent("drift.json").path
        let run = try runCLI(["contract", "--mock-drift", "--json", json])
        XCTAssertEqual(run.status, 1, run.stdout + run.stderr)
        let report = try JSON.parse(contentsOfFile: json)
        var reported: Set<String> = []
        for scenario in report["scenarios"]?.arrayValue ?? [] {
            for step in scenario["steps"]?.arrayValue ?? [] {
                for violation in step["violations"]?.arrayValue ?? [] {
                    let pointer = violation["pointer"]?.stringValue ?? "?"
                    reported.insert("\(step["operation"]?.stringValue ?? "?") \(pointer) \(violation["keyword"]?.stringValue ?? "?")")
                }
            }
        }
        let expected = Set(MockDrift.catalog.map { "\($0.operationId) \($0.pointer) \($0.keyword)" })
        XCTAssertEqual(reported, expected, "violations reported under --mock-drift must be exactly the drift catalog")
    }

    func testJUnitReportParsesWithOneSuitePerScenarioAndOneCasePerStep() throws {
        let junit = scratch.appendingPathComponent("junit.xml")
        let json = scratch.appendingPathComponent("report.json").path
        let run = try runCLI(["contract", "--mock-drift", "--junit", junit.path, "--json", json])
        XCTAssertEqual(run.status, 1)
        let report = try JSON.parse(contentsOfFile: json)
        let scenarios = report["scenarios"]?.arrayValue ?? []
        let steps = scenarios.flatMap { $0["steps"]?.arrayValue ?? [] }

        let counter = ElementCounter()
        let parser = XMLParser(data: try Data(contentsOf: junit))
        parser.delegate = counter
        XCTAssertTrue(parser.parse(), "the JUnit file must be well-formed XML")
        XCTAssertEqual(counter.counts["testsuite"], scenarios.count)
        XCTAssertEqual(counter.counts["testcase"], steps.count)
        XCTAssertEqual(counter.counts["failure", default: 0], steps.filter { $0["outcome"] == "failed" }.count)
        XCTAssertEqual(counter.counts["skipped", default: 0], steps.filter { $0["outcome"] == "skipped" }.count)
        XCTAssertGreaterThan(counter.counts["failure"] ?? 0, 0)
    }

    func testABadScenarioFileIsBadInputWithItsPosition() throws {
        let file = scratch.appendingPathComponent("bad.yaml")
        try "name: bad\nsteps:\n  - operation: getUsr\n    path: { user_id: x }\n".write(to: file, atomically: true, encoding: .utf8)
        let run = try runCLI(["contract", file.path])
        XCTAssertEqual(run.status, 2, run.stdout + run.stderr)
        XCTAssertTrue(run.stderr.contains("\(file.path):3:"), run.stderr)
        XCTAssertTrue(run.stderr.contains("getUser"), "suggests the nearest operation: \(run.stderr)")
    }

    func testAnUndefinedVariableIsAnErrorBeforeAnythingIsSent() throws {
        let file = scratch.appendingPathComponent("undefined.yaml")
        try "name: undefined\nsteps:\n  - operation: getUser\n    path: { user_id: \"{{nobody}}\" }\n".write(to: file, atomically: true, encoding: .utf8)
        let run = try runCLI(["contract", file.path, "--base-url", "http://127.0.0.1:9/v2"])
        XCTAssertEqual(run.status, 2, run.stdout + run.stderr)
        XCTAssertTrue(run.stderr.contains("nobody"), run.stderr)
        XCTAssertTrue(run.stderr.contains("\(file.path):4:"), run.stderr)
    }

    func testAJSONReportToStandardOutputLeavesItToTheReportAlone() throws {
        let run = try runCLI(["contract", "scenarios/contract/browse-agents.yaml", "--json", "/dev/stdout"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(try JSON.parse(Array(run.stdout.utf8))["target"]?.stringValue?.hasPrefix("http://127.0.0.1:"), true)
        XCTAssertTrue(run.stderr.contains("1 passed, 0 failed"), "the console report, on stderr: \(run.stderr)")
    }

    func testAReportPathInAMissingFolderExits2BeforeAnythingIsSent() throws {
        let junit = scratch.appendingPathComponent("no-such-folder/junit.xml").path
        // Port 9 (discard): were the run to start, it would fail with exit 3, not 2.
        let run = try runCLI(["contract", "scenarios/contract/browse-agents.yaml", "--base-url", "http://127.0.0.1:9/v2",
                              "--token", "t", "--junit", junit])
        XCTAssertEqual(run.status, 2, run.stdout + run.stderr)
        XCTAssertTrue(run.stderr.contains("cannot write \(junit): the folder"), run.stderr)
        XCTAssertEqual(run.stdout, "", "no run, so no console report")
    }

    func testAnUnreachableTargetExitsThree() throws {
        // Port 9 (discard) on loopback: nothing listens there in a test environment.
        let run = try runCLI(["contract", "scenarios/contract/browse-agents.yaml", "--base-url", "http://127.0.0.1:9/v2", "--token", "t"])
        XCTAssertEqual(run.status, 3, run.stdout + run.stderr)
        XCTAssertTrue(run.stdout.hasSuffix("0 passed, 1 failed\n"), run.stdout)
    }

    func testDryRunPrintsRequestsWithTheTokenMasked() throws {
        let run = try runCLI(["contract", "scenarios/contract/users.yaml", "--dry-run", "--base-url", "http://127.0.0.1:9/v2",
                              "--token", "secret-token-value"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.contains("POST http://127.0.0.1:9/v2/users"), run.stdout)
        XCTAssertTrue(run.stdout.contains("Authorization: Bearer ***"), run.stdout)
        XCTAssertFalse(run.stdout.contains("secret-token-value"))
    }

    func testTheTokenNeverAppearsInReports() throws {
        let json = scratch.appendingPathComponent("token.json").path
        let junit = scratch.appendingPathComponent("token.xml").path
        let run = try runCLI(["contract", "scenarios/contract/negative.yaml", "--base-url", "http://127.0.0.1:9/v2",
                              "--token", "secret-token-value", "--json", json, "--junit", junit])
        XCTAssertEqual(run.status, 3)
        for text in [run.stdout, run.stderr, try String(contentsOfFile: json, encoding: .utf8), try String(contentsOfFile: junit, encoding: .utf8)] {
            XCTAssertFalse(text.contains("secret-token-value"))
        }
    }
}

private final class ElementCounter: NSObject, XMLParserDelegate {
    var counts: [String: Int] = [:]
    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        counts[name, default: 0] += 1
    }
}
