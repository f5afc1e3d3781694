// The one duration grammar of flags and files: units, compound and fractional values, what is
// refused and why, and the plain numbers a `Duration` converts to.

import Quantities
import XCTest

final class DurationTextTests: XCTestCase {
    func testEveryUnitReads() throws {
        XCTAssertEqual(try Duration(parsing: "500ns"), .nanoseconds(500))
        XCTAssertEqual(try Duration(parsing: "20us"), .microseconds(20))
        XCTAssertEqual(try Duration(parsing: "800us"), .microseconds(800))
        XCTAssertEqual(try Duration(parsing: "250ms"), .milliseconds(250))
        XCTAssertEqual(try Duration(parsing: "10s"), .seconds(10))
        XCTAssertEqual(try Duration(parsing: "2m"), .seconds(120))
        XCTAssertEqual(try Duration(parsing: "1h"), .seconds(3600))
    }

    func testMicrosecondsAlsoReadWithTheMicroSign() throws {
        XCTAssertEqual(try Duration(parsing: "800\u{B5}s"), .microseconds(800), "micro sign")
        XCTAssertEqual(try Duration(parsing: "800\u{3BC}s"), .microseconds(800), "Greek mu")
    }

    func testPartsAddUpAndFractionsAreKept() throws {
        XCTAssertEqual(try Duration(parsing: "1m30s"), .seconds(90))
        XCTAssertEqual(try Duration(parsing: "1h2m3s"), .seconds(3723))
        XCTAssertEqual(try Duration(parsing: "1.5s"), .milliseconds(1500))
        XCTAssertEqual(try Duration(parsing: "1.5h"), .seconds(5400))
        XCTAssertEqual(try Duration(parsing: ".5ms"), .microseconds(500))
        XCTAssertEqual(try Duration(parsing: "0ms"), .zero)
    }

    func testSpacesAroundTheTextAreIgnored() throws {
        XCTAssertEqual(try Duration(parsing: " 10s\t"), .seconds(10))
    }

    func testBareNumbersSignsAndStrayTextAreRefused() {
        let refused = [
            "", " ", "10", "s", "10x", "-1s", "+1ms", "-1ms", "1.2.3s", "1 m", "1e3ms", "inf s", "10 s",
            "1ss", "ms10", "1m30", "20ns5",
        ]
        for bad in refused {
            XCTAssertThrowsError(try Duration(parsing: bad), bad)
        }
    }

    func testAValueBeyondInt64NanosecondsIsRefusedNotTrapped() {
        XCTAssertThrowsError(try Duration(parsing: "99999999999h"))
        XCTAssertNoThrow(try Duration(parsing: "100000h"))
    }

    func testTheErrorSaysWhatADurationLooksLike() {
        XCTAssertThrowsError(try Duration(parsing: "fast")) { error in
            XCTAssertEqual(
                "\(error)", "'fast': expected a number and a unit (ns, us, ms, s, m, h), e.g. 250ms, 10s, 2m, 1m30s")
            XCTAssertEqual(error as? QuantityParseError, QuantityParseError(text: "fast", expected: Duration.textGrammar))
        }
    }

    func testConversionsToPlainNumbers() throws {
        let duration = try Duration(parsing: "1.5ms")
        XCTAssertEqual(duration.totalNanoseconds, 1_500_000)
        XCTAssertEqual(duration.totalMilliseconds, 1.5)
        XCTAssertEqual(duration.totalSeconds, 0.0015, accuracy: 1e-15)
        XCTAssertEqual(try Duration(parsing: "2m").totalSeconds, 120)
        XCTAssertEqual(Duration.seconds(-2).totalNanoseconds, -2_000_000_000)
    }

    func testWholeNanosecondsSaturateInsteadOfOverflowing() {
        XCTAssertEqual(Duration.seconds(Int64.max).totalNanoseconds, Int64.max)
        XCTAssertEqual(Duration.seconds(Int64.min).totalNanoseconds, Int64.min)
        XCTAssertEqual(Duration.seconds(9_223_372_036).totalNanoseconds, 9_223_372_036_000_000_000)
    }
}

final class DurationAmountTests: XCTestCase {
    func testMicrosecondsTruncateAndSaturate() {
        XCTAssertEqual(Duration.milliseconds(3).totalMicroseconds, 3000)
        XCTAssertEqual(Duration.nanoseconds(1999).totalMicroseconds, 1)
        XCTAssertEqual(Duration.seconds(Int64.max).totalMicroseconds, Int64.max)
    }

    func testClampedMillisecondsStayInACLongOptionsRange() {
        XCTAssertEqual(Duration.milliseconds(250).clampedMilliseconds, 250)
        XCTAssertEqual(Duration.milliseconds(-5).clampedMilliseconds, 0)
        XCTAssertEqual(Duration.seconds(10_000_000).clampedMilliseconds, Int(Int32.max))
    }
}
