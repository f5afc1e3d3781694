// `fcharness contract --coverage` and `--min-coverage`: the real binary against the embedded mock.
import Foundation
import JSON
import XCTest

final class ContractCoverageCommandTests: XCTestCase {
    private var scratch: URL!

    override func setUpWithError() throws {
        scratch = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("fcharness-coverage-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: scratch)
    }

    func testTheShippedScenariosExerciseEveryDocumentedResponse() throws {
        let run = try runCLI(["contract", "--coverage", "--seed", "7"])
        XCTAssertEqual(run.status, 0, run.stdout + run.stderr)
        let lines = run.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.last, "coverage: 46 of 46 documented responses (100%), 16 of 16 operations")
        XCTAssertTrue(lines.contains("7 passed, 0 failed"), "the normal report comes first")
        XCTAssertTrue(lines.contains("operation                 200  400  401  404  undocumented seen"), run.stdout)
        XCTAssertTrue(lines.contains("updateConversation        ✓    ✓    ✓    ✓"), run.stdout)
        XCTAssertTrue(lines.contains("listAgents                ✓         ✓"), run.stdout)
    }

    func testOneScenarioFileCoversLessAndTheMatrixShowsTheGaps() throws {
        let run = try runCLI(["contract", "scenarios/contract/users.yaml", "--coverage"])
        XCTAssertEqual(run.status, 0, run.stdout + run.stderr)
        let lines = run.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.last, "coverage: 4 of 46 documented responses (8.6%), 4 of 16 operations")
        XCTAssertTrue(lines.contains("getUser                   ✓         ·    ·"), run.stdout)
        XCTAssertTrue(lines.contains("listAgents                ·         ·"), run.stdout)
    }

    func testMinCoverageFailsBelowTheGateAndNamesTheMissingPairs() throws {
        let run = try runCLI(["contract", "scenarios/contract/users.yaml", "--min-coverage", "100%"])
        XCTAssertEqual(run.status, 1, run.stdout + run.stderr)
        XCTAssertEqual(run.stdout.split(separator: "\n").last, "1 passed, 0 failed", "without --coverage the report is unchanged")
        XCTAssertTrue(run.stderr.contains("coverage 8.6% is below --min-coverage 100%: 4 of 46 documented responses exercised"), run.stderr)
        XCTAssertTrue(run.stderr.contains("not exercised: listConversations 200, listConversations 401, createConversation 200"), run.stderr)
        XCTAssertTrue(run.stderr.contains("and 37 more"), run.stderr)
    }

    func testMinCoverageAtOrBelowWhatTheRunReachedPasses() throws {
        let run = try runCLI(["contract", "--min-coverage", "50", "--seed", "7"])
        XCTAssertEqual(run.status, 0, run.stdout + run.stderr)
        XCTAssertEqual(run.stderr, "")
    }

    func testTheJSONReportGainsACoverageObject() throws {
        let path = scratch.appendingPathComponent("contract.json").path
        let run = try runCLI(["contract", "scenarios/contract/users.yaml", "--min-coverage", "5", "--json", path])
        XCTAssertEqual(run.status, 0, run.stdout + run.stderr)
        let report = try JSON.parse(contentsOfFile: path)
        XCTAssertEqual(report["format"], "fcharness-contract/1")
        XCTAssertEqual(report["summary"]?["passed"], 1, "the existing fields stay as they were")
        let coverage = try XCTUnwrap(report["coverage"])
        XCTAssertEqual(coverage["documented"], 46)
        XCTAssertEqual(coverage["exercised"], 4)
        XCTAssertEqual(coverage["percent"]?.doubleValue ?? 0, 8.69, accuracy: 0.001)
        XCTAssertEqual(coverage["operations_reached"], 4)
        XCTAssertEqual(coverage["operations_total"], 16)
        let getUser = try XCTUnwrap(coverage["operations"]?.arrayValue?.first { $0["operation"] == "getUser" })
        XCTAssertEqual(getUser["method"], "GET")
        XCTAssertEqual(getUser["path"], "/users/{user_id}")
        XCTAssertEqual(getUser["documented"]?.arrayValue?.map { "\($0["status"]?.stringValue ?? "") \($0["exercised"]?.boolValue ?? false)" },
                       ["200 true", "401 false", "404 false"])
        XCTAssertEqual(getUser["documented"]?[0]?["responses"], 2, "users.yaml reads the user back twice")
        XCTAssertEqual(getUser["undocumented"]?.arrayValue?.count, 0)
    }

    func testWithoutCoverageFlagsTheJSONReportHasNoCoverage() throws {
        let path = scratch.appendingPathComponent("plain.json").path
        let run = try runCLI(["contract", "scenarios/contract/users.yaml", "--json", path])
        XCTAssertEqual(run.status, 0, run.stdout + run.stderr)
        XCTAssertNil(try JSON.parse(contentsOfFile: path)["coverage"])
    }

    func testUndocumentedStatusesFromADriftingMockAreListed() throws {
        let path = scratch.appendingPathComponent("drift.json").path
        let run = try runCLI(["contract", "--mock-drift", "--coverage", "--json", path])
        XCTAssertEqual(run.status, 1, "drift is a contract failure, coverage or not")
        let report = try JSON.parse(contentsOfFile: path)
        let undocumentedInSteps = (report["scenarios"]?.arrayValue ?? []).flatMap { $0["steps"]?.arrayValue ?? [] }
            .filter { step in (step["violations"]?.arrayValue ?? []).contains { $0["keyword"] == "status" } }
            .count
        let undocumentedInCoverage = (report["coverage"]?["operations"]?.arrayValue ?? [])
            .flatMap { $0["undocumented"]?.arrayValue ?? [] }
            .reduce(0) { $0 + Int($1["responses"]?.integerValue ?? 0) }
        XCTAssertGreaterThan(undocumentedInSteps, 0, "the drift catalog includes an undocumented status")
        XCTAssertEqual(undocumentedInCoverage, undocumentedInSteps, "every response with an undocumented status is listed")
    }

    func testABadMinCoverageIsBadInput() throws {
        for value in ["abc", "101", "-5%"] {
            let run = try runCLI(["contract", "--min-coverage=\(value)"])
            XCTAssertEqual(run.status, 2, value + ": " + run.stderr)
            XCTAssertTrue(run.stderr.contains("expected a percentage from 0 to 100, such as 90 or 90%"), run.stderr)
        }
    }

    func testCoverageNeedsResponsesSoDryRunRefusesIt() throws {
        let run = try runCLI(["contract", "--dry-run", "--coverage"])
        XCTAssertEqual(run.status, 2, run.stdout + run.stderr)
        XCTAssertTrue(run.stderr.contains("--dry-run sends nothing"), run.stderr)
    }
}
