// Rates as profiles and flags write them: a count per unit or per duration.

import Quantities
import XCTest

final class RateTests: XCTestCase {
    func testRatesReadAsEventsPerSecond() throws {
        XCTAssertEqual(try Rate(parsing: "200/s").perSecond, 200)
        XCTAssertEqual(try Rate(parsing: "30/m").perSecond, 0.5)
        XCTAssertEqual(try Rate(parsing: "7200/h").perSecond, 2)
        XCTAssertEqual(try Rate(parsing: "100/10s").perSecond, 10)
        XCTAssertEqual(try Rate(parsing: "1.5/s").perSecond, 1.5)
        XCTAssertEqual(try Rate(parsing: "3/1m30s").perSecond, 3.0 / 90, accuracy: 1e-12)
        XCTAssertEqual(try Rate(parsing: " 200 / s ").perSecond, 200)
        XCTAssertEqual(try Rate(parsing: "0/s").perSecond, 0, "a zero count is a rate (the caller decides if it is useful)")
    }

    func testRatesWriteBackAsTheyAreWritten() throws {
        XCTAssertEqual(try Rate(parsing: "200/s").description, "200/s")
        XCTAssertEqual(try Rate(parsing: "30/m").description, "30/m")
        XCTAssertEqual(try Rate(parsing: "5/h").description, "5/h")
        XCTAssertEqual(try Rate(parsing: "100/10s").description, "100/10s")
        XCTAssertEqual(try Rate(parsing: "1.5/s").description, "1.5/s")
        XCTAssertEqual(Rate(count: 3, per: .seconds(60)), try Rate(parsing: "3/m"))
    }

    func testMalformedRatesAreRefused() {
        for bad in ["200", "/s", "200/", "200/x", "-1/s", "a/s", "1/0s", "1/-1s", "1/s/s", "inf/s", "nan/s", ""] {
            XCTAssertThrowsError(try Rate(parsing: bad), bad)
        }
    }

    func testTheErrorSaysWhatARateLooksLike() {
        XCTAssertThrowsError(try Rate(parsing: "200")) { error in
            XCTAssertEqual("\(error)", "'200': expected a count, '/' and a time unit, e.g. 200/s, 30/m, 100/10s")
        }
    }
}
