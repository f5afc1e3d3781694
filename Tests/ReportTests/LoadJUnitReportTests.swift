// The JUnit XML of a load run, read back with Foundation's XMLParser as a CI server reads it:
// suites, testcases, failures and their text, and strings from the run that try to break out.
import Foundation
import XCTest

#if canImport(FoundationXML)
import FoundationXML
#endif

@testable import Report

final class LoadJUnitReportTests: XCTestCase {
    func testThresholdsAndSampledViolationsAreTwoSuitesOfTestcases() throws {
        let result = try ResultsFileFixtures.openModelRun()
        let document = try JUnitDocument(LoadJUnitReport.xml(result))

        XCTAssertEqual(document.root["name"], "fcharness load: steady-browse")
        XCTAssertEqual(document.root["tests"], "4")
        XCTAssertEqual(document.root["failures"], "3")
        XCTAssertEqual(document.suites.map { $0.attributes["name"] }, ["thresholds", "contract violations (sampled)"])

        let thresholds = document.suites[0]
        XCTAssertEqual(thresholds.attributes["tests"], "2")
        XCTAssertEqual(thresholds.attributes["failures"], "1")
        XCTAssertEqual(thresholds.attributes["timestamp"], "2025-03-14T09:26:53.589Z")
        XCTAssertEqual(thresholds.cases.map(\.name), ["p99(listAgents) < 300ms", "error_rate < 1%"])
        XCTAssertEqual(thresholds.cases.map(\.classname), ["load.steady-browse.thresholds", "load.steady-browse.thresholds"])
        XCTAssertNil(thresholds.cases[0].failure, "p99 held")
        XCTAssertEqual(thresholds.cases[0].output, "measured 248.3ms")
        let failed = try XCTUnwrap(thresholds.cases[1].failure)
        XCTAssertEqual(failed.message, "measured 1.5%")
        XCTAssertEqual(failed.type, "threshold")
        XCTAssertEqual(failed.text, "error_rate < 1%: measured 1.5%\nthe run stopped early on it (abort_on_fail)")
        // The run's errors and failed checks, for whoever opens the failing suite.
        XCTAssertTrue(thresholds.output.contains("8× listAgents 5xx: HTTP 503"), thresholds.output)
        XCTAssertTrue(thresholds.output.contains("9× browse agents, step 1 (listAgents): $.agents exists"), thresholds.output)

        let contract = document.suites[1]
        XCTAssertEqual(contract.cases.map(\.name), ["getConversation", "listAgents"], "the operations validated, by operationId")
        XCTAssertEqual(contract.attributes["failures"], "2")
        let listAgents = try XCTUnwrap(contract.cases[1].failure)
        XCTAssertEqual(listAgents.message, "3 violations in 90 responses validated")
        XCTAssertEqual(listAgents.type, "contract")
        XCTAssertEqual(listAgents.text, "3× 200 /agents/0/availability_status [enum]: \"busy\" is not one of available, unavailable")
        XCTAssertEqual(contract.output, "152 responses sampled, 150 validated, 2 skipped, 4 violations")
    }

    func testAnOperationValidatedWithoutViolationsPassesAndOneNeverValidatedIsLeftOut() throws {
        var result = try ResultsFileFixtures.closedModelRun()
        result.violations = []
        result.operations["getConversation"]?.validated = 0
        let contract = try JUnitDocument(LoadJUnitReport.xml(result)).suites[1]
        XCTAssertEqual(contract.cases.map(\.name), ["listAgents"])
        XCTAssertNil(contract.cases[0].failure)
        XCTAssertEqual(contract.cases[0].output, "90 responses validated")
    }

    func testAnInterruptedRunHasAnErrorTestcase() throws {
        var result = try ResultsFileFixtures.closedModelRun()
        result.interrupted = true
        let document = try JUnitDocument(LoadJUnitReport.xml(result))
        XCTAssertEqual(document.root["errors"], "1")
        let completed = try XCTUnwrap(document.suites[0].cases.last)
        XCTAssertEqual(completed.name, "run completed")
        XCTAssertEqual(completed.error, "interrupted: the results are partial")
    }

    func testStringsFromTheRunCannotBreakTheXML() throws {
        var result = try ResultsFileFixtures.openModelRun()
        let planted = "</failure><script>alert(1)</script> | \"quoted\" & 'single' \u{1B}[31m"
        result.run.profile = "prof<script>|"
        result.violations[0].message = planted
        result.violations[0].pointer = "/a]]>b"
        result.errors[0].sample = planted
        result.thresholds[1].expression = "p99 < 1ms <script>"
        let xml = LoadJUnitReport.xml(result)
        XCTAssertFalse(xml.contains("<script>"), xml)
        XCTAssertFalse(xml.contains("\u{1B}"), "control characters are not allowed in XML 1.0")

        let document = try JUnitDocument(xml)
        XCTAssertEqual(document.root["name"], "fcharness load: prof<script>|")
        XCTAssertEqual(document.suites[0].cases[1].name, "p99 < 1ms <script>")
        let failure = try XCTUnwrap(document.suites[1].cases[1].failure)
        XCTAssertEqual(failure.text, "3× 200 /a]]>b [enum]: </failure><script>alert(1)</script> | \"quoted\" & 'single' \u{FFFD}[31m")
        XCTAssertTrue(document.suites[0].output.contains("e.g. </failure><script>"), "the sample reads back as it was")
    }
}

// MARK: - Reading JUnit back

/// A JUnit document as XMLParser reads it: the root's attributes and each suite's testcases.
private struct JUnitDocument {
    struct Suite {
        var attributes: [String: String]
        var cases: [Case] = []
        var output = ""
    }

    struct Case {
        var classname: String
        var name: String
        var failure: (message: String, type: String, text: String)?
        var error: String?
        var output = ""
    }

    var root: [String: String] = [:]
    var suites: [Suite] = []

    init(_ xml: String) throws {
        let reader = Reader()
        let parser = XMLParser(data: Data(xml.utf8))
        parser.delegate = reader
        guard parser.parse() else {
            throw XMLProblem(description: "not well-formed: \(parser.parserError.map { "\($0)" } ?? "?") at line \(parser.lineNumber)")
        }
        self = reader.document
    }

    struct XMLProblem: Error, CustomStringConvertible { var description: String }

    private final class Reader: NSObject, XMLParserDelegate {
        var document = JUnitDocument(skipping: ())
        private var text = ""
        /// Between `<testcase>` and `</testcase>`: a `<system-out>` there is the testcase's.
        private var inCase = false

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            text = ""
            switch name {
            case "testsuites": document.root = attributes
            case "testsuite": document.suites.append(Suite(attributes: attributes))
            case "testcase":
                inCase = true
                document.suites[document.suites.count - 1].cases.append(
                    Case(classname: attributes["classname"] ?? "", name: attributes["name"] ?? ""))
            case "failure": lastCase { $0.failure = (attributes["message"] ?? "", attributes["type"] ?? "", "") }
            case "error": lastCase { $0.error = attributes["message"] ?? "" }
            default: break
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            switch name {
            case "failure": lastCase { $0.failure?.text = text }
            case "system-out" where inCase: lastCase { $0.output = text }
            case "system-out": document.suites[document.suites.count - 1].output = text
            case "testcase": inCase = false
            default: break
            }
        }

        private func lastCase(_ change: (inout Case) -> Void) {
            let suite = document.suites.count - 1
            change(&document.suites[suite].cases[document.suites[suite].cases.count - 1])
        }
    }

    private init(skipping: ()) {}
}
