// Text from a run shown in the HTML report: whatever a server answered or a profile is named,
// it reads as text and never becomes markup.
import Foundation
@testable import Report
import XCTest

final class HTMLReportEscapingTests: XCTestCase {
    func testMarkupCharactersBecomeReferences() {
        XCTAssertEqual(HTMLText.escaped(#"<script>alert('x')</script> & "q""#),
                       "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;")
    }

    func testNonASCIIIsKeptAndControlCharactersAreReplaced() {
        XCTAssertEqual(HTMLText.escaped("été 日本 \u{7}bell\u{0}\u{1B}[31m\u{85}\ttab\nline"),
                       "été 日本 \u{FFFD}bell\u{FFFD}\u{FFFD}[31m\u{FFFD}\ttab\nline")
    }

    func testLongTextIsCut() {
        XCTAssertEqual(HTMLText.escaped(String(repeating: "<", count: 5), limit: 3), "&lt;&lt;&lt;…")
        XCTAssertEqual(HTMLText.escaped(String(repeating: "a", count: 5_000)).count, HTMLText.characterLimit + 1)
    }

    func testAScriptPlantedAnywhereInTheResultsIsShownAsText() throws {
        let page = LoadHTMLReport.page(try HTMLReportFixtures.hostileRun())
        let outline = try MarkupOutline.parse(page)

        XCTAssertEqual(outline.elements(named: "script").count, 0)
        XCTAssertEqual(outline.elements(named: "img").count, 0)
        XCTAssertFalse(page.contains("<script"))
        XCTAssertFalse(page.contains("<img"))
        XCTAssertFalse(page.contains("<b>bold"))
        XCTAssertFalse(page.contains("<br>"))
        // Planted in the profile name, target, host, error message and sample, failed check,
        // violation, threshold and aborting expression: each shows up as the text it was.
        XCTAssertGreaterThanOrEqual(outline.text.occurrences(of: "<script>alert(1)</script>"), 10)
        XCTAssertEqual(page.occurrences(of: "<script"), 0)
        XCTAssertTrue(page.contains("<title>Load run: smoke &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;friends&quot; été – 日本 (fcharness)</title>"))
        XCTAssertTrue(page.contains("<td><code>&lt;img src=x onerror=alert(1)&gt;</code></td>"))
        XCTAssertTrue(page.contains("<pre class=\"sample\">HTTP 503: {&quot;message&quot;: &quot;&lt;/pre&gt;&lt;script&gt;alert(1)&lt;/script&gt;\u{FFFD} été&quot;}\n(after 2.1 s)</pre>"))
        XCTAssertTrue(page.contains("<td class=\"num\">240.3ms&lt;br&gt;</td>"))
    }

    func testAHostileOperationIdIsEscapedInTheChartsToo() throws {
        let page = LoadHTMLReport.page(try HTMLReportFixtures.hostileRun())
        let distribution = try XCTUnwrap(page.components(separatedBy: "<h3>Latency distribution per operation</h3>").last)
            .components(separatedBy: "</figure>")[0]

        XCTAssertTrue(distribution.contains("<title>&lt;img src=x onerror=alert(1)&gt;</title>"))
        XCTAssertTrue(distribution.contains("</span>&lt;img src=x onerror=alert(1)&gt;</li>"))
    }
}
