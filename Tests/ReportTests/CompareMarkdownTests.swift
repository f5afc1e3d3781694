// The renderings of a comparison: the PR comment (headline, warnings, a table worst first,
// names that cannot break it), the console table and the JSON document.
import JSON
import XCTest

@testable import Report

final class CompareMarkdownTests: XCTestCase {
    private func row(_ operation: String, _ metric: CompareMetric, change: Double, verdict: CompareVerdict) -> MetricComparison {
        MetricComparison(
            operation: operation, metric: metric, baseline: 20, current: 20 * (1 + change), change: change,
            interval: (change - 0.05) ... (change + 0.05), thresholdPercent: 10, verdict: verdict,
            requests: (baseline: 1000, current: 1000))
    }

    private func comparison(_ rows: [MetricComparison], warnings: [CompareWarning] = []) -> Comparison {
        Comparison(
            profile: "checkout", baseline: ComparedSide(file: "main.json", seconds: 28),
            current: ComparedSide(file: "pr.json", seconds: 28), warnings: warnings,
            rows: Comparison.worstFirst(rows), addedOperations: [], removedOperations: ["oldThing"], settings: CompareSettings())
    }

    func testRowsAreOrderedWorstRegressionFirst() {
        let ordered = Comparison.worstFirst([
            row("a", .p50, change: 0.02, verdict: .withinNoise),
            row("b", .p99, change: 0.15, verdict: .regression),
            row("c", .p50, change: -0.4, verdict: .improvement),
            row("d", .p90, change: 0.60, verdict: .regression),
            row("e", .p50, change: 0.9, verdict: .notEnoughData),
            row("f", .p50, change: -0.2, verdict: .improvement),
        ])
        XCTAssertEqual(ordered.map(\.operation), ["d", "b", "c", "f", "a", "e"])
    }

    /// Regressions of equal severity are ordered by operation, then metric: the comment's table
    /// is the same whatever order the rows were found in. (The `where` of that `case` once
    /// applied to its last pattern only, which left such ties in input order.)
    func testRegressionsOfEqualSeverityAreOrderedByOperationThenMetric() {
        let rows = [row("listUsers", .p99, change: 0.3, verdict: .regression), row("getUser", .p90, change: 0.3, verdict: .regression),
                    row("getUser", .p50, change: 0.3, verdict: .regression)]
        for input in [rows, rows.reversed()] {
            XCTAssertEqual(Comparison.worstFirst(input).map { "\($0.operation) \($0.metric)" },
                           ["getUser p50", "getUser p90", "listUsers p99"])
        }
    }

    func testTheCommentHasAHeadlineWarningsAndATableWithArrows() {
        let text = CompareMarkdown.text(for: comparison(
            [row("listAgents", .p99, change: 0.3, verdict: .regression), row("getUser", .p50, change: -0.2, verdict: .improvement),
             row("getUser", .p90, change: 0.01, verdict: .withinNoise)],
            warnings: [CompareWarning(kind: "machine", message: "different machines: baseline on a, current on b")]))
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)

        XCTAssertEqual(lines[0], "### fcharness compare: ❌ 1 regression in 1 operation: listAgents")
        XCTAssertTrue(lines.contains("> ⚠️ different machines: baseline on a, current on b"))
        let table = lines.filter { $0.hasPrefix("|") }
        XCTAssertEqual(table[0], "| operation | metric | baseline | current | change | interval | verdict |")
        XCTAssertEqual(table[2], "| listAgents | p99 | 20.0 ms | 26.0 ms | +30.0% | +25.0% … +35.0% | ▲ worse (> 10%) |")
        XCTAssertEqual(table[3], "| getUser | p50 | 20.0 ms | 16.0 ms | -20.0% | -25.0% … -15.0% | ▼ better (> 10%) |")
        XCTAssertEqual(table[4], "| getUser | p90 | 20.0 ms | 20.2 ms | +1.0% | -4.0% … +6.0% | ≈ within noise |")
        XCTAssertTrue(text.contains("Removed (only in baseline, not compared): oldThing"))
        XCTAssertLessThan(text.range(of: "⚠️")!.lowerBound, text.range(of: "| operation")!.lowerBound, "warnings above the table")
    }

    func testNoRegressionSaysSo() {
        let text = CompareMarkdown.text(for: comparison([row("getUser", .p90, change: 0.01, verdict: .withinNoise)]))
        XCTAssertTrue(text.hasPrefix("### fcharness compare: ✅ no regression\n"), text)
    }

    func testOperationNamesCannotBreakTheTable() {
        XCTAssertEqual(CompareMarkdown.escape("a|b"), "a\\|b")
        XCTAssertEqual(CompareMarkdown.escape("<img src=x>"), "&lt;img src=x&gt;")
        XCTAssertEqual(CompareMarkdown.escape("`code`"), "\\`code\\`")
        XCTAssertEqual(CompareMarkdown.escape("two\nlines\r\nhere"), "two lines here")
        XCTAssertEqual(CompareMarkdown.escape("*bold* [link]"), "\\*bold\\* \\[link\\]")

        let text = CompareMarkdown.text(for: comparison([row("evil|op\n<b>", .p50, change: 0.5, verdict: .regression)]))
        let tableRows = text.split(separator: "\n").filter { $0.hasPrefix("| evil") }
        XCTAssertEqual(tableRows.count, 1, "one row, on one line")
        XCTAssertTrue(tableRows[0].hasPrefix("| evil\\|op &lt;b&gt; | p50 |"), String(tableRows[0]))
    }

    func testLongTablesFoldTheQuietRows() {
        var rows = [row("listAgents", .p99, change: 0.3, verdict: .regression)]
        for index in 0 ..< 40 { rows.append(row("op\(index)", .p50, change: 0.01, verdict: .withinNoise)) }
        let text = CompareMarkdown.text(for: comparison(rows))
        XCTAssertTrue(text.contains("<details><summary>40 more rows within noise or without enough data</summary>"))
        let beforeFold = text.components(separatedBy: "<details>")[0]
        XCTAssertTrue(beforeFold.contains("| listAgents | p99 |"))
        XCTAssertFalse(beforeFold.contains("| op0 |"))
    }

    func testTheConsoleTableEndsWithTheHeadline() {
        let text = CompareConsole.text(for: comparison([row("listAgents", .p99, change: 0.3, verdict: .regression)]))
        XCTAssertEqual(text.split(separator: "\n").last, "❌ 1 regression in 1 operation: listAgents")
        XCTAssertTrue(text.contains("listAgents  p99      20.0 ms  26.0 ms  +30.0%  +25.0% … +35.0%  ▲ worse (> 10%)"), text)
    }

    func testTheJSONDocument() throws {
        let document = CompareJSON.document(for: comparison(
            [row("listAgents", .p99, change: 0.3, verdict: .regression), row("getUser", .errorRate, change: 0.001, verdict: .withinNoise)]))
        XCTAssertEqual(document["format"], "fcharness-compare/1")
        XCTAssertEqual(document["verdict"], "regression")
        XCTAssertEqual(document["regressed_operations"], ["listAgents"])
        XCTAssertEqual(document["removed_operations"], ["oldThing"])
        XCTAssertEqual(document["settings"]?["thresholds_pct"]?["p99"], 15.0)
        let first = try XCTUnwrap(document["rows"]?.arrayValue?.first)
        XCTAssertEqual(first["operation"], "listAgents")
        XCTAssertEqual(first["metric"], "p99")
        XCTAssertEqual(first["unit"], "ms")
        XCTAssertEqual(first["change_kind"], "relative")
        XCTAssertEqual(first["verdict"], "regression")
        XCTAssertEqual(first["interval"]?.arrayValue?.count, 2)
        XCTAssertEqual(document["rows"]?.arrayValue?.last?["change_kind"], "difference")
    }
}
