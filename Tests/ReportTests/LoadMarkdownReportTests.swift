// The Markdown report of a load run: what a GitHub step summary shows (verdict, settings, the
// operation table, thresholds, problems), and strings from the run kept from breaking out.
import XCTest

@testable import Report

final class LoadMarkdownReportTests: XCTestCase {
    func testAFailedRunLeadsWithItsVerdictAndTheFiguresPeopleLookFor() throws {
        let markdown = LoadMarkdownReport.markdown(try ResultsFileFixtures.openModelRun())
        let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        XCTAssertEqual(lines[0], "## Load run steady-browse: ❌ failed: 1 of 2 thresholds failed; stopped early by error\\_rate &lt; 1% (abort_on_fail)")
        XCTAssertEqual(lines[2], "**24.99 req/s** · 1500 requests · 22 errors (1.47%) · p99 247.7ms · 60.0 s")
        XCTAssertTrue(markdown.hasSuffix("\n"))
        XCTAssertFalse(markdown.hasSuffix("\n\n"))
    }

    func testAPassingRunSaysSo() throws {
        var result = try ResultsFileFixtures.closedModelRun()
        result.thresholds = [ThresholdVerdict(expression: "p99 < 500ms", ok: true, actual: "12.8ms", abortOnFail: false)]
        let markdown = LoadMarkdownReport.markdown(result)
        XCTAssertTrue(markdown.hasPrefix("## Load run steady-browse: ✅ passed: 1 of 1 thresholds held\n"), markdown)
        XCTAssertTrue(markdown.contains("| ✅ | p99 &lt; 500ms | 12.8ms |"), markdown)
    }

    func testTheOperationTableHasARowPerOperationAndOverall() throws {
        let result = try ResultsFileFixtures.openModelRun()
        let markdown = LoadMarkdownReport.markdown(result)
        XCTAssertTrue(markdown.contains("""
            Latency in ms, from the intended start (open model).

            | operation | count | errors | req/s | p50 | p90 | p99 | p99.9 | max |
            | :--- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
            | getConversation | 600 | 10 | 10.0 |
            """), markdown)
        let rows = markdown.split(separator: "\n").filter { $0.hasPrefix("| getConversation |") || $0.hasPrefix("| listAgents |") || $0.hasPrefix("| **overall** |") }
        XCTAssertEqual(rows.count, 3)
        for row in rows {
            XCTAssertEqual(row.split(separator: "|", omittingEmptySubsequences: false).count, 11, "9 cells: \(row)")
        }
        let listAgents = try XCTUnwrap(result.operations["listAgents"]).latency.latencySummary
        XCTAssertTrue(rows[1].hasSuffix(" | \(MeasurementText.tableMilliseconds(listAgents.p99)) | \(MeasurementText.tableMilliseconds(listAgents.p999)) | 60000 |"), String(rows[1]))
    }

    func testSettingsThresholdsAndProblemsAreListed() throws {
        let markdown = LoadMarkdownReport.markdown(try ResultsFileFixtures.openModelRun())
        for expected in [
            "| executor | constant-arrival-rate (25/s, 10 VUs pre-allocated, at most 50 VUs) |",
            "| model | open: latency from the intended start |",
            "| shard | 1 of 2 |",
            "| ✅ | p99(listAgents) &lt; 300ms | 248.3ms |",
            "| ❌ | error\\_rate &lt; 1% (abort_on_fail) | 1.5% |",
            "| 8 | listAgents | 5xx | HTTP 503 | HTTP 503: {\"message\": \"upstream été indisponible\"} ⏎ (after 2.1 s) |",
            "| 9 | browse agents | step 1 (listAgents) | $.agents exists | {\"links\": {}} |".replacingOccurrences(of: "$", with: "\\$"),
            "| 3 | listAgents | 200 | /agents/0/availability\\_status | enum | \"busy\" is not one of available, unavailable |",
            "150 responses validated (2 skipped), 4 violations.",
            "### Values not checked against a pattern",
            #"| 2 | getConversation | \[0-9\]+x | /code: not checked: the pattern /\[0-9\]+x/ is not run on text longer than 3162 characters (found 5000): matching can cost n^2 steps (an unanchored search) |"#,
        ] {
            XCTAssertTrue(markdown.contains(expected), "missing: \(expected)\n\(markdown)")
        }
    }

    func testARunWhoseEverySampleWasSkippedSaysNothingWasCheckedRatherThanNone() throws {
        var result = try ResultsFileFixtures.openModelRun()
        result.violations = []
        result.validation = ValidationCounts()
        result.validation.skipped = 15
        let skippedOnly = LoadMarkdownReport.markdown(result)
        XCTAssertTrue(skippedOnly.contains("Not checked: 0 responses validated (15 skipped), 0 violations."), skippedOnly)

        result.validation = ValidationCounts()
        (result.validation.sampled, result.validation.validated) = (15, 15)
        let checked = LoadMarkdownReport.markdown(result)
        XCTAssertTrue(checked.contains("None: 15 responses validated (0 skipped), 0 violations."), checked)
    }

    func testLongListsStopAfterTwentyKinds() throws {
        var result = try ResultsFileFixtures.openModelRun()
        result.violations = (1...25).map {
            ViolationSummary(operation: "listAgents", status: 200, pointer: "/agents/\($0)", keyword: "type", count: $0, message: "wrong")
        }
        let markdown = LoadMarkdownReport.markdown(result)
        XCTAssertTrue(markdown.contains("| 25 | listAgents | 200 | /agents/25 |"), "most frequent first")
        XCTAssertFalse(markdown.contains("| 5 | listAgents | 200 | /agents/5 |"))
        XCTAssertTrue(markdown.contains("… and 5 more (15 in all)."), markdown)
    }

    func testStringsFromTheRunCannotBreakATableOrInjectHTML() throws {
        var result = try ResultsFileFixtures.openModelRun()
        let planted = "<script>alert(1)</script> | `code` [link](x) **bold**\nnext row"
        result.run.profile = "nightly <script> | `x`"
        result.errors[0].sample = planted
        result.violations[0].message = planted
        result.failedChecks[0].scenario = planted
        let markdown = LoadMarkdownReport.markdown(result)

        XCTAssertFalse(markdown.contains("<script>"), markdown)
        XCTAssertFalse(markdown.contains("<"), "no HTML tag of any kind reaches the page")
        XCTAssertFalse(markdown.contains("next row\n"), "a newline in a sample does not end the row")
        let escaped = "&lt;script&gt;alert(1)&lt;/script&gt; \\| \\`code\\` \\[link\\](x) \\*\\*bold\\*\\* ⏎ next row"
        XCTAssertTrue(markdown.contains("| 3 | listAgents | 200 | /agents/0/availability\\_status | enum | \(escaped) |"), markdown)
        XCTAssertTrue(markdown.hasPrefix("## Load run nightly &lt;script&gt; \\| \\`x\\`: ❌"), markdown)

        // Every table row still has its columns: no `|` got through unescaped.
        for line in markdown.split(separator: "\n") where line.hasPrefix("| ") {
            let cells = line.replacingOccurrences(of: "\\|", with: "").split(separator: "|", omittingEmptySubsequences: false).count - 2
            let header = [4, 5, 6, 9, 2, 3]
            XCTAssertTrue(header.contains(cells), "a row with \(cells) cells: \(line)")
        }
    }

    func testCellTextIsCutAndControlCharactersAreShown() {
        XCTAssertEqual(LoadMarkdownReport.cell("a\r\nb\u{1B}[0m\tc"), "a ⏎ b\\\\u{1b}\\[0m c")
        let long = LoadMarkdownReport.cell(String(repeating: "x", count: 1000))
        XCTAssertEqual(long, String(repeating: "x", count: LoadMarkdownReport.cellLimit) + "…")
    }
}
