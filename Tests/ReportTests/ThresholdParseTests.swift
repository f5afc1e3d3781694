// Reading threshold expressions as profiles write them, and the errors for ones that do not read.
import Report
import XCTest

final class ThresholdParseTests: XCTestCase {
    func testReadsTheProfileExamples() throws {
        let latency = try Threshold.parse("p99(listAgents) < 300ms")
        XCTAssertEqual(latency.metric, .p99)
        XCTAssertEqual(latency.operation, "listAgents")
        XCTAssertEqual(latency.comparison, .lessThan)
        XCTAssertEqual(latency.bound, 300)  // milliseconds
        XCTAssertEqual(latency.expression, "p99(listAgents) < 300ms")
        XCTAssertFalse(latency.abortOnFail)

        let errors = try Threshold.parse("error_rate < 1%")
        XCTAssertEqual(errors.metric, .errorRate)
        XCTAssertNil(errors.operation, "no operation: the whole run")
        XCTAssertEqual(errors.bound, 0.01)

        let abort = try Threshold.parse("p99 < 1s", abortOnFail: true)
        XCTAssertEqual(abort.bound, 1000)
        XCTAssertTrue(abort.abortOnFail)
    }

    func testSpacesAroundTokensAreOptional() throws {
        let tight = try Threshold.parse("p99(listAgents)<300ms")
        let loose = try Threshold.parse("  p99 ( listAgents )  <   300ms  ")
        XCTAssertEqual(tight.operation, "listAgents")
        XCTAssertEqual(loose.operation, "listAgents")
        XCTAssertEqual(tight.bound, loose.bound)
        XCTAssertEqual(loose.expression, "  p99 ( listAgents )  <   300ms  ", "the text is kept as written")
    }

    func testEachMetricReadsItsOwnKindOfValue() throws {
        XCTAssertEqual(try Threshold.parse("p50 < 2m").bound, 120_000)
        XCTAssertEqual(try Threshold.parse("p90 < 1.5s").bound, 1500)
        XCTAssertEqual(try Threshold.parse("p95 < 800us").bound, 0.8)
        XCTAssertEqual(try Threshold.parse("p999 < 250ms").metric, .p999)
        XCTAssertEqual(try Threshold.parse("p999 < 250ms").metric.percentile, 99.9)
        XCTAssertEqual(try Threshold.parse("max < 5s").metric.percentile, 100)
        XCTAssertEqual(try Threshold.parse("throttled_rate(sendMessage) < 0.5%").bound, 0.005)
        XCTAssertEqual(try Threshold.parse("checks >= 99.5%").bound, 0.995, accuracy: 1e-12)
        XCTAssertEqual(try Threshold.parse("rps > 200").bound, 200)
        XCTAssertEqual(try Threshold.parse("rps(sendMessage) <= 30/m").bound, 0.5)
        XCTAssertEqual(try Threshold.parse("dropped <= 0").bound, 0)
    }

    func testAPercentageAndAFractionMeanTheSame() throws {
        XCTAssertEqual(try Threshold.parse("error_rate < 1%").bound, try Threshold.parse("error_rate < 0.01").bound)
        XCTAssertEqual(try Threshold.parse("checks > 100%").bound, try Threshold.parse("checks > 1").bound)
        XCTAssertEqual(try Threshold.parse("error_rate < 0%").bound, 0)
    }

    func testReadsEveryOperator() throws {
        XCTAssertEqual(try Threshold.parse("p99 < 1s").comparison, .lessThan)
        XCTAssertEqual(try Threshold.parse("p99 <= 1s").comparison, .lessThanOrEqual)
        XCTAssertEqual(try Threshold.parse("rps > 10").comparison, .greaterThan)
        XCTAssertEqual(try Threshold.parse("rps >= 10").comparison, .greaterThanOrEqual)
    }

    /// Each bad expression, the 0-based column the error points at, and what it says there.
    func testErrorsPointAtWhereTheExpressionStopsMakingSense() {
        let metrics = "expected one of p50, p90, p95, p99, p999, max, error_rate, throttled_rate, rps, checks, dropped"
        let cases: [(text: String, column: Int, message: String)] = [
            ("", 0, metrics + "; found nothing"),
            ("p98 < 1s", 0, metrics + "; found 'p98'"),
            ("error-rate < 1%", 0, metrics + "; found 'error-rate' (did you mean 'error_rate'?)"),
            ("p99.9 < 1s", 0, metrics + "; found 'p99.9' (did you mean 'p999'?)"),
            ("P99 < 1s", 0, metrics + "; found 'P99' (did you mean 'p99'?)"),
            ("median < 1s", 0, metrics + "; found 'median' (did you mean 'p50'?)"),
            ("< 1s", 0, metrics + "; found '<'"),
            ("p99 < 300", 6, "expected a duration such as 300ms after '<'; '300' needs a unit (ms, s or m)"),
            ("p99 <", 5, "expected a duration such as 300ms after '<'"),
            ("p99 < -1s", 6, "expected a duration such as 300ms after '<'; found '-1s'"),
            ("dropped(listAgents) < 1", 7, "'dropped' takes no operation: it counts arrivals for the whole run"),
            ("p99() < 1s", 4, "expected an operationId after '('"),
            ("p99(listAgents < 1s", 15, "expected ')' after the operationId 'listAgents' (an operationId has only letters, digits and '_')"),
            ("p99(list-agents) < 1s", 8, "expected ')' after the operationId 'list' (an operationId has only letters, digits and '_')"),
            ("p99(listAgents)", 15, "expected one of <, <=, >, >= after 'p99(listAgents)'; found nothing"),
            ("p99 = 300ms", 4, "expected one of <, <=, >, >= after 'p99'; found '='"),
            ("p99 == 300ms", 4, "expected one of <, <=, >, >= after 'p99'; found '=='"),
            ("p99 =< 300ms", 4, "expected one of <, <=, >, >= after 'p99'; found '=<'"),
            ("p99 300ms", 4, "expected one of <, <=, >, >= after 'p99'; found '300ms'"),
            ("error_rate < 1.5", 13, "expected a percentage such as 1% or a fraction such as 0.01 after '<'; '1.5' is above 1 (write 1.5% for a percentage)"),
            ("checks > 99.5", 9, "expected a percentage such as 1% or a fraction such as 0.01 after '>'; '99.5' is above 1 (write 99.5% for a percentage)"),
            ("error_rate < 150%", 13, "expected a percentage such as 1% or a fraction such as 0.01 after '<'; '150%' is above 100%"),
            ("error_rate < 1e-2", 13, "expected a percentage such as 1% or a fraction such as 0.01 after '<'; found '1e-2'"),
            ("rps > fast", 6, "expected requests per second such as 200 (or 200/s) after '>'; found 'fast'"),
            ("dropped < 0.5", 10, "expected a count such as 0 after '<'; found '0.5'"),
            ("dropped < 99999999999999999999", 10, "expected a count such as 0 after '<'; '99999999999999999999' is above 9223372036854775807"),
            ("p99 < 300ms or so", 12, "unexpected 'or' after the value"),
        ]
        for (text, column, message) in cases {
            XCTAssertThrowsError(try Threshold.parse(text), text) { error in
                guard let error = error as? ThresholdParseError else { return XCTFail("\(text): \(error)") }
                XCTAssertEqual(error.text, text)
                XCTAssertEqual(error.message, message, text)
                XCTAssertEqual(error.column, column, "column of the error in '\(text)'")
            }
        }
    }

    func testColumnsCountUTF8Bytes() {
        // `µ` is two bytes: the stray `x` is character 12 but byte 13.
        XCTAssertThrowsError(try Threshold.parse("p99 < 300µs x")) { error in
            XCTAssertEqual((error as? ThresholdParseError)?.column, 13)
        }
    }

    func testTheDescriptionCountsColumnsFromOneAsEditorsDo() {
        let error = ThresholdParseError(text: "p99 < 300", column: 6, message: "expected a duration such as 300ms after '<'")
        XCTAssertEqual(error.description, "'p99 < 300', column 7: expected a duration such as 300ms after '<'")
    }
}
