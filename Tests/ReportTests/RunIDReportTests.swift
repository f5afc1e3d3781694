// The run id of a run against a live target, and what `--read-only` left out, in the files
// scripts read: the results file (`run.run_id`, in the schema) and the contract report.
import Foundation
import JSON
import JSONSchema
import XCTest

@testable import Report

final class RunIDReportTests: XCTestCase {
    func testTheResultsFileKeepsTheRunIDAndStillMatchesTheSchema() throws {
        var result = try ResultsFileFixtures.openModelRun()
        result.run.runID = "fch-20261207T101500Z-3f9a2c"
        let bytes = try ResultsFile.bytes(result)
        let document = try JSON.parse(bytes)
        XCTAssertEqual(document["run"]?["run_id"], "fch-20261207T101500Z-3f9a2c")

        let schemaPath = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/results.schema.json").path
        let schema = try Schema(try JSON.parse(contentsOfFile: schemaPath), formats: .assert)
        XCTAssertEqual(schema.validate(document).map(\.description), [])
        XCTAssertEqual(try ResultsFile.read(bytes: bytes, path: "run.json").run.runID, "fch-20261207T101500Z-3f9a2c")
    }

    func testARunAgainstTheMockHasNoRunID() throws {
        let document = try JSON.parse(try ResultsFile.bytes(try ResultsFileFixtures.openModelRun()))
        XCTAssertNil(document["run"]?["run_id"])
    }

    func testTheContractReportNamesTheRunIDAndTheStepsReadOnlyLeftOut() {
        var skipped = StepResult(index: 2, operation: "createUser", method: "post", url: "", outcome: .skipped,
                                 notes: ["skipped: --read-only (POST)"])
        skipped.excluded = true
        let sent = StepResult(index: 1, operation: "listAgents", method: "get", url: "http://192.0.2.1/v2/agents", status: 200, outcome: .passed)
        var run = ContractRunResult(
            target: "http://192.0.2.1/v2",
            scenarios: [ScenarioResult(name: "s", file: "s.yaml", tags: [], steps: [sent, skipped], durationMilliseconds: 1)],
            durationMilliseconds: 1)
        run.runID = "fch-1"
        run.readOnly = true

        XCTAssertTrue(run.ok, "a step left out on purpose fails nothing")
        let document = ContractJSONReport.document(for: run)
        XCTAssertEqual(document["run_id"], "fch-1")
        XCTAssertEqual(document["read_only"], true)
        XCTAssertEqual(document["summary"]?["steps_excluded"], 1)
        XCTAssertEqual(document["scenarios"]?[0]?["steps"]?[1]?["excluded"], true)
        let console = ConsoleReport(colour: false).render(run)
        XCTAssertTrue(console.contains("skipped: --read-only (POST)"), console)
        XCTAssertTrue(console.contains("read-only: 1 step not sent"), console)
        XCTAssertTrue(console.contains("creates tagged fcharness_run_id=fch-1"), console)
        XCTAssertTrue(console.hasSuffix("1 passed, 0 failed\n"), console)
    }
}
