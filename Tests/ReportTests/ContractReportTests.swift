import JSON
import XCTest

#if canImport(FoundationXML)
import FoundationXML
#else
import Foundation
#endif

@testable import Report

/// A small run with one passing and one failing scenario, shaped like a real one.
private func sampleRun() -> ContractRunResult {
    let passing = ScenarioResult(
        name: "browse agents", file: "scenarios/contract/browse-agents.yaml", tags: ["smoke"],
        steps: [
            StepResult(index: 1, operation: "listAgents", method: "GET", url: "http://127.0.0.1:1/v2/agents", status: 200, outcome: .passed, durationMilliseconds: 1.25)
        ], durationMilliseconds: 1.5)
    let failing = ScenarioResult(
        name: "conversation <lifecycle> & more", file: "scenarios/contract/lifecycle.yaml", tags: [],
        steps: [
            StepResult(
                index: 1, operation: "getConversation", method: "GET", url: "http://127.0.0.1:1/v2/conversations/c1",
                status: 200, outcome: .failed, durationMilliseconds: 2,
                violations: [Violation(pointer: "/status", keyword: "enum", schemaPath: "/enum", message: #""closed" is not one of new, assigned, resolved, reopened"#)],
                assertions: [AssertionOutcome(expression: "status == 200", ok: true)]),
            StepResult(index: 2, operation: "updateConversation", method: "PUT", url: "http://127.0.0.1:1/v2/conversations/c1", outcome: .skipped),
        ], durationMilliseconds: 3)
    return ContractRunResult(target: "http://127.0.0.1:1/v2", scenarios: [passing, failing], durationMilliseconds: 5)
}

final class ContractReportTests: XCTestCase {
    func testConsoleReportEndsWithPassedFailedLine() {
        let text = ConsoleReport(colour: false).render(sampleRun())
        let lines = text.split(separator: "\n")
        XCTAssertEqual(lines.last, "1 passed, 1 failed")
        XCTAssertTrue(text.contains(#"/status [enum]: "closed" is not one of new, assigned, resolved, reopened"#), text)
        XCTAssertTrue(text.contains("skipped"))
        XCTAssertFalse(text.contains("\u{1B}["), "no colour codes when colour is off")
    }

    func testConsoleReportColoursOnlyWhenAsked() {
        XCTAssertTrue(ConsoleReport(colour: true).render(sampleRun()).contains("\u{1B}[31m"))
    }

    func testJSONReportHasTheDocumentedShape() throws {
        let document = try JSON.parse(ContractJSONReport.bytes(for: sampleRun()))
        XCTAssertEqual(document["format"], "fcharness-contract/1")
        XCTAssertEqual(document["summary"]?["passed"], 1)
        XCTAssertEqual(document["summary"]?["failed"], 1)
        let failingStep = document["scenarios"]?[1]?["steps"]?[0]
        XCTAssertEqual(failingStep?["operation"], "getConversation")
        XCTAssertEqual(failingStep?["ok"], false)
        XCTAssertEqual(failingStep?["status"], 200)
        XCTAssertEqual(failingStep?["violations"]?[0]?["pointer"], "/status")
        XCTAssertEqual(failingStep?["violations"]?[0]?["keyword"], "enum")
        XCTAssertEqual(failingStep?["assertions"]?[0]?["expr"], "status == 200")
        XCTAssertEqual(document["scenarios"]?[1]?["steps"]?[1]?["status"], .null)
    }

    func testJUnitReportParsesWithTheRightCounts() throws {
        let xml = ContractJUnitReport.xml(for: sampleRun())
        let collector = JUnitCollector()
        let parser = XMLParser(data: Data(xml.utf8))
        parser.delegate = collector
        XCTAssertTrue(parser.parse(), "JUnit output must be well-formed XML: \(parser.parserError.map { "\($0)" } ?? "")")
        XCTAssertEqual(collector.suites, ["browse agents", "conversation <lifecycle> & more"])
        XCTAssertEqual(collector.testcases, 3)
        XCTAssertEqual(collector.failures, 1)
        XCTAssertEqual(collector.skipped, 1)
        XCTAssertTrue(collector.failureText.contains("/status [enum]"), collector.failureText)
    }

    func testXMLEscapingDropsCharactersXMLCannotHold() {
        XCTAssertEqual(ContractJUnitReport.escape("a<b>&\"'\u{01}"), "a&lt;b&gt;&amp;&quot;&#39;\u{FFFD}")
    }

    func testDurationsReadAtAGlance() {
        XCTAssertEqual(formatMilliseconds(12.34), "12.3 ms")
        XCTAssertEqual(formatMilliseconds(1234), "1.23 s")
    }

    func testFilesAreWrittenWhole() throws {
        let path = NSTemporaryDirectory() + "fcharness-report-\(UInt32.random(in: 0 ... .max)).json"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try writeAtomically(Array("{}".utf8), to: path)
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "{}")
        XCTAssertThrowsError(try writeAtomically([], to: "/nonexistent-dir/x.json"))
    }
}

/// Counts what a CI system's JUnit reader would count.
private final class JUnitCollector: NSObject, XMLParserDelegate {
    var suites: [String] = []
    var testcases = 0
    var failures = 0
    var skipped = 0
    var failureText = ""
    private var inFailure = false

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        switch name {
        case "testsuite": suites.append(attributes["name"] ?? "")
        case "testcase": testcases += 1
        case "failure": failures += 1; inFailure = true
        case "skipped": skipped += 1
        default: break
        }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "failure" { inFailure = false }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inFailure { failureText += string }
    }
}
