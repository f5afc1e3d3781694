// The HTML report of a load run, read as a browser and a parser would: one well-formed page,
// nothing to fetch, the four charts, the tables, and what a reader must know first.
import Foundation
import Report
import XCTest

final class HTMLReportPageTests: XCTestCase {
    func testTheSmokeRunsPageIsWellFormed() throws {
        let page = LoadHTMLReport.page(try HTMLReportFixtures.smokeRun())

        XCTAssertTrue(page.hasPrefix("<!DOCTYPE html>\n<html"))
        let outline = try MarkupOutline.parse(page)
        XCTAssertEqual(outline.elements.first?.name, "html")
        XCTAssertEqual(outline.elements(named: "style").count, 1)
    }

    func testTheWellFormednessCheckRejectsBrokenMarkup() {
        // The check above must be able to fail: an unclosed element, a void element left open
        // as HTML allows, and an entity XML does not know.
        for broken in ["<p><b>bold</p>", "<p>a<br>b</p>", "<p>a&nbsp;b</p>", "<p class=x>a</p>"] {
            XCTAssertThrowsError(try MarkupOutline.parse(broken), broken)
        }
    }

    func testThePageFetchesNothingAndRunsNothing() throws {
        let page = LoadHTMLReport.page(try HTMLReportFixtures.smokeRun())
        let outline = try MarkupOutline.parse(page)

        for element in ["script", "link", "img", "iframe", "object", "embed", "image", "use", "a", "base"] {
            XCTAssertEqual(outline.elements(named: element).count, 0, "<\(element)> in the page")
        }
        for attributes in outline.elements.map(\.attributes) {
            XCTAssertNil(attributes["src"])
            XCTAssertNil(attributes["href"])
            XCTAssertFalse(attributes.keys.contains { $0.hasPrefix("on") }, "event handler in \(attributes)")
        }
        XCTAssertFalse(page.contains("url("), "the style fetches something")
        XCTAssertFalse(page.contains("@import"))
    }

    func testThePageHasTheFourCharts() throws {
        let result = try HTMLReportFixtures.smokeRun()
        let page = LoadHTMLReport.page(result)
        let outline = try MarkupOutline.parse(page)

        let charts = outline.elements(named: "svg", class: "chart")
        XCTAssertEqual(charts.map { $0["aria-label"] ?? "" }, [
            "Latency percentiles over time (ms, from the intended start)",
            "Throughput, errors, throttled and dropped per second",
            "Latency by percentile, per operation (ms, from the intended start)",
            "Responses by status code",
        ])
        for chart in charts {
            XCTAssertEqual(chart["width"], "760")
            XCTAssertEqual(chart["height"], "300")
        }
        // Over time: p50, p90, p99 and max, then requests, errors, throttled and dropped, each a
        // line over the 10 seconds; then one percentile curve per operation.
        XCTAssertEqual(outline.elements(named: "polyline").count, 4 + 4 + result.operations.count)
        // The percentile axis reaches 99% (the busiest operation has 333 requests) and the
        // smoke run answered everything with 200 or 201.
        XCTAssertTrue(page.contains(">90%</text>"))
        XCTAssertTrue(page.contains(">99%</text>"))
        XCTAssertEqual(outline.elements(named: "rect").count, result.overall.statusCounts.count)
        XCTAssertTrue(page.contains("<title>200: "))
    }

    func testTheTablesHoldTheRunsNumbers() throws {
        let result = try HTMLReportFixtures.smokeRun()
        let page = LoadHTMLReport.page(result)

        // One row per operation, and the overall row.
        let operationsTable = try XCTUnwrap(page.components(separatedBy: "<section id=\"operations\">").last)
            .components(separatedBy: "</section>")[0]
        XCTAssertEqual(operationsTable.occurrences(of: "<tr>"), 1 + result.operations.count + 1)
        XCTAssertTrue(operationsTable.contains("<td><code>listAgents</code></td><td class=\"num\">333</td>"))
        XCTAssertTrue(operationsTable.contains("<td><strong>overall</strong></td><td class=\"num\">1,029</td>"))
        XCTAssertTrue(page.contains("<td><code>p99 &lt; 500ms</code></td><td class=\"num\">240.3ms</td>"))
        XCTAssertEqual(page.occurrences(of: "<span class=\"badge pass\">pass</span>"), 4)
        XCTAssertTrue(page.contains("<th scope=\"row\">executor</th><td><code>constant-arrival-rate</code></td>"))
        XCTAssertTrue(page.contains("<th scope=\"row\">rate</th><td>20 iterations/s</td>"))
        XCTAssertTrue(page.contains("<th scope=\"row\">cores</th><td>2</td>"))
        XCTAssertTrue(page.contains("<p class=\"banner pass\"><strong>Passed:</strong> all 4 thresholds held.</p>"))
        // The numbers behind the time charts: a row per second.
        XCTAssertTrue(page.contains("<summary>The numbers, one row per second</summary>"))
    }

    func testValuesNotCheckedAgainstAPatternGetATableOnlyWhenThereAreAny() throws {
        var result = try HTMLReportFixtures.smokeRun()
        XCTAssertFalse(LoadHTMLReport.page(result).contains("Values not checked against a pattern"))
        result.uncheckedPatterns = [UncheckedPatternSummary(operation: "getUser", pattern: "^(a+)+$", count: 4, note: "/name: not checked: <never run>")]
        let page = LoadHTMLReport.page(result)
        XCTAssertTrue(page.contains("<h3>Values not checked against a pattern</h3>"), page)
        XCTAssertTrue(page.contains("<td><code>^(a+)+$</code></td><td>/name: not checked: &lt;never run&gt;</td>"), page)
        XCTAssertNoThrow(try MarkupOutline.parse(page), "still well formed")
    }

    func testAnEmptyViolationsTableSaysWhetherAnythingWasChecked() throws {
        func emptyViolations(_ result: LoadResult) throws -> String {
            let page = LoadHTMLReport.page(result)
            let section = try XCTUnwrap(page.components(separatedBy: "<h3>Contract violations in sampled responses</h3>").last)
            return try XCTUnwrap(section.components(separatedBy: "</p>").first)
        }
        var result = try HTMLReportFixtures.smokeRun()
        result.violations = []
        result.run.validateSample = 0.01
        result.validation = ValidationCounts()
        (result.validation.sampled, result.validation.validated) = (40, 40)
        XCTAssertEqual(try emptyViolations(result), "<p class=\"empty\">none")

        result.validation = ValidationCounts()
        result.validation.skipped = 1500
        XCTAssertEqual(try emptyViolations(result), "<p class=\"empty\">not checked: all 1,500 samples were skipped (the validator's queue was full)")

        result.run.validateSample = 0
        result.validation = ValidationCounts()
        XCTAssertEqual(try emptyViolations(result), "<p class=\"empty\">none (validation was off)")
    }

    func testAnInterruptedAndAbortedRunSaysSoAtTheTop() throws {
        let page = LoadHTMLReport.page(try HTMLReportFixtures.hostileRun())
        let header = try XCTUnwrap(page.components(separatedBy: "</header>").first)

        XCTAssertTrue(header.contains("<strong>Interrupted.</strong>"))
        XCTAssertTrue(header.contains("<strong>Aborted.</strong> The threshold <code>p99 &lt; 1ms &amp;&amp; &quot;quoted&quot; "))
        XCTAssertTrue(header.contains("<strong>Failed:</strong> 1 of 5 thresholds failed."))
    }

    func testAClosedModelRunSaysLatencyIsFromTheSend() throws {
        let page = LoadHTMLReport.page(loadResult(["listAgents": operationResult(latencies: [(12, 5)])], model: "closed"))

        XCTAssertTrue(page.contains("Latency in ms, from the send (closed model:"))
        XCTAssertTrue(page.contains("aria-label=\"Latency by percentile, per operation (ms, from the send)\""))
        XCTAssertNoThrow(try MarkupOutline.parse(page))
    }

    func testARunWithoutRequestsSaysSoInEveryChart() throws {
        let page = LoadHTMLReport.page(loadResult([:]))
        let outline = try MarkupOutline.parse(page)

        XCTAssertEqual(outline.elements(named: "svg", class: "chart").count, 4)
        XCTAssertEqual(page.occurrences(of: "<text class=\"notice\""), 4)
        XCTAssertEqual(page.occurrences(of: ">no requests</text>"), 4)
        XCTAssertFalse(page.contains("class=\"legend\""), "no legend for lines that are not drawn")
        XCTAssertTrue(page.contains("<p class=\"banner pass\"><strong>Passed:</strong> no thresholds set.</p>"))
    }

    func testOneSecondOfOneOperationIsDrawnAsDots() throws {
        var result = loadResult(["getUser": operationResult(latencies: [(3, 4), (9, 1)])])
        var histogram = LatencyHistogram.make()
        histogram.record(3_000, count: 4)
        histogram.record(9_000)
        result.windows = [SecondWindow(
            second: Int64(result.run.startedEpochSeconds), requests: 5, errors: 0, throttled: 0, dropped: 0, inFlight: 0,
            histogram: try HistogramCodec.encode(histogram), p50Milliseconds: 3, p99Milliseconds: 9)]
        let page = LoadHTMLReport.page(result)
        let outline = try MarkupOutline.parse(page)

        // A line needs two points: a single second is a dot per series, with its value as a tooltip.
        XCTAssertEqual(outline.elements(named: "polyline").count, 1, "only the percentile curve of getUser")
        XCTAssertEqual(outline.elements(named: "circle").count, 4 + 4)
        XCTAssertTrue(page.contains("<title>p99: 9.0 (seconds since start: 0)</title>"))
        XCTAssertTrue(page.contains("<ul class=\"legend\"><li><span class=\"swatch\" style=\"border-top: 3px solid #4e79a7\"></span>getUser</li></ul>"),
                      "even one operation is named")
    }

    func testAPageOfAFiveMinuteRunStaysSmall() throws {
        var result = try HTMLReportFixtures.smokeRun()
        let windows = result.windows
        // 300 seconds: the smoke run's ten windows, again and again.
        result.windows = (0 ..< 300).map { offset in
            var window = windows[offset % windows.count]
            window.second = windows[0].second + Int64(offset)
            return window
        }
        let page = LoadHTMLReport.page(result)

        XCTAssertLessThan(page.utf8.count, 500_000)
        XCTAssertNoThrow(try MarkupOutline.parse(page))
    }
}
