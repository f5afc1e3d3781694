// `--threshold METRIC=PCT` as users write it, and the defaults it overrides.
import XCTest

@testable import Report

final class CompareThresholdsTests: XCTestCase {
    func testTheDefaults() {
        let defaults = CompareThresholds.defaults
        XCTAssertEqual(CompareMetric.allCases.map { defaults[$0] }, [10, 10, 15, 10, 1])
    }

    func testEachMetricCanBeSetAndALaterValueWins() throws {
        let thresholds = try CompareThresholds.defaults.applying(["p99=20%", "p50 = 5", "rps=25%", "error_rate=0.5pp", "p99=30%"])
        XCTAssertEqual(thresholds[.p99], 30)
        XCTAssertEqual(thresholds[.p50], 5)
        XCTAssertEqual(thresholds[.requestsPerSecond], 25)
        XCTAssertEqual(thresholds[.errorRate], 0.5)
        XCTAssertEqual(thresholds[.p90], 10, "unnamed metrics keep their default")
    }

    func testTheTableSpellingsNameTheSameMetrics() throws {
        XCTAssertEqual(try CompareThresholds.parse("req/s=12%").0, .requestsPerSecond)
        XCTAssertEqual(try CompareThresholds.parse("errors=2%").0, .errorRate)
        XCTAssertEqual(try CompareThresholds.parse("P99=0%").1, 0)
    }

    func testWhatIsWrongWithAnArgumentIsSaid() {
        let cases: [(String, CompareThresholdError)] = [
            ("p99", .notMetricEqualsPercent("p99")),
            ("p95=10%", .unknownMetric("p95=10%", name: "p95")),
            ("p99=-5%", .invalidPercent("p99=-5%", value: "-5%")),
            ("p99=fast", .invalidPercent("p99=fast", value: "fast")),
            ("p99=2pp", .pointsForRelativeMetric("p99=2pp")),
        ]
        for (argument, expected) in cases {
            XCTAssertThrowsError(try CompareThresholds.parse(argument), argument) {
                XCTAssertEqual($0 as? CompareThresholdError, expected, argument)
            }
        }
        XCTAssertEqual(
            "\(CompareThresholdError.unknownMetric("p95=10%", name: "p95"))",
            "--threshold 'p95=10%': unknown metric 'p95'; expected one of p50, p90, p99, rps, error_rate")
    }
}
