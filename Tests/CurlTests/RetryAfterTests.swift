// How long a 429 asks us to wait. Headers come from a server we do not trust: every value is
// read as seconds, an HTTP date or an epoch, and anything else is nil — never a trap.
import Foundation
import XCTest

@testable import Curl

final class RetryAfterTests: XCTestCase {
    private let now = 1_764_000_000.0  // 2025-11-24, a fixed wall clock

    private func wait(_ retryAfter: String?, reset: String? = nil) -> Double? {
        RetryAfter.seconds(retryAfter: retryAfter, rateLimitReset: reset, now: now)
    }

    private func httpDate(_ unixSeconds: Double) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter.string(from: Date(timeIntervalSince1970: unixSeconds))
    }

    func testRetryAfterInSecondsWholeOrDecimal() {
        XCTAssertEqual(wait("120"), 120)
        XCTAssertEqual(wait(" 3 "), 3)
        XCTAssertEqual(wait("1.5"), 1.5)
        XCTAssertEqual(wait("0"), 0)
    }

    func testRetryAfterAsAnHTTPDate() throws {
        XCTAssertEqual(try XCTUnwrap(wait(httpDate(now + 30))), 30, accuracy: 0.001)
        XCTAssertEqual(wait(httpDate(now - 3600)), 0, "a date in the past means: go now")
        XCTAssertEqual(wait("Sun, 06 Nov 1994 08:49:37 GMT"), 0, "RFC 9110's own example, long past")
    }

    func testXRateLimitResetAsSecondsOrAsAnEpochTime() throws {
        XCTAssertEqual(wait(nil, reset: "7"), 7)
        XCTAssertEqual(wait(nil, reset: "2.5"), 2.5)
        XCTAssertEqual(try XCTUnwrap(wait(nil, reset: String(Int(now) + 20))), 20, accuracy: 0.001)
        XCTAssertEqual(wait(nil, reset: String(Int(now) - 20)), 0, "an epoch in the past means: go now")
    }

    func testRetryAfterWinsOverXRateLimitResetAndGarbageFallsBackToIt() {
        XCTAssertEqual(wait("4", reset: "9"), 4)
        XCTAssertEqual(wait("soon", reset: "9"), 9)
        XCTAssertEqual(wait("", reset: "9"), 9)
    }

    func testGarbageNegativeAndNonFiniteValuesGiveNil() {
        let garbage = ["soon", "-5", "-0.5", "+5", "inf", "-inf", "Infinity", "nan", "NaN", "1e999", "1e3", "0x10", "12abc", "1.2.3", ".", "   ",
                       "Sun, 32 Foo 2025 99:99:99 GMT", "Sun, 31 Nov 2025 08:49:37 GMT", "Sun, 29 Feb 2025 08:49:37 GMT",
                       "Sun, 06 Nov 1994 24:00:00 GMT", "Sun, 06 Nov 1994 08:49:37 UTC", "Sunday, 06-Nov-94 08:49:37 GMT"]
        for value in garbage {
            XCTAssertNil(wait(value), "Retry-After: \(value)")
            XCTAssertNil(wait(nil, reset: value), "X-RateLimit-Reset: \(value)")
        }
        XCTAssertNil(wait(nil, reset: nil))
    }

    /// The date arithmetic against Foundation's formatter, across leap years and centuries.
    func testHTTPDatesAgreeWithFoundationAcrossLeapYearsAndCenturies() {
        let instants: [Double] = [0, 951_782_400, 951_868_799, 1_709_164_800, 4_107_542_400, 253_402_300_799, -2_208_988_800, 784_111_777]
        for instant in instants {
            XCTAssertEqual(IMFFixdate.unixSeconds(httpDate(instant)), instant, httpDate(instant))
        }
        XCTAssertEqual(IMFFixdate.unixSeconds("Sun, 06 Nov 1994 08:49:37 GMT"), 784_111_777)
        XCTAssertEqual(IMFFixdate.unixSeconds("Tue, 29 Feb 2000 23:59:60 GMT"), 951_868_800, "a leap second reads as the next second")
    }

    func testOnlyRealDaysAreDates() {
        // 2000 and 2024 have a 29 February; 2100 (a century not divisible by 400) and 2023 do not.
        XCTAssertEqual(IMFFixdate.unixSeconds("Thu, 29 Feb 2024 00:00:00 GMT"), 1_709_164_800)
        XCTAssertNotNil(IMFFixdate.unixSeconds("Tue, 29 Feb 2000 00:00:00 GMT"))
        XCTAssertNil(IMFFixdate.unixSeconds("Mon, 29 Feb 2100 00:00:00 GMT"))
        XCTAssertNil(IMFFixdate.unixSeconds("Wed, 29 Feb 2023 00:00:00 GMT"))
        XCTAssertNil(IMFFixdate.unixSeconds("Thu, 31 Apr 2025 00:00:00 GMT"))
        XCTAssertNil(IMFFixdate.unixSeconds("Thu, 00 Jan 2025 00:00:00 GMT"))
        XCTAssertNil(IMFFixdate.unixSeconds("Thu, 01 Jan 2025 24:00:00 GMT"))
    }

    /// The engine turns the wait into nanoseconds on a UInt64 clock; a wait that does not fit
    /// there must come back nil or bounded, never as a number the engine cannot schedule.
    func testHugeWaitsAreNilOrBoundedSoTheEngineCanScheduleThem() {
        let fitsTheClock = Double(UInt64.max) / 1e9  // about 584 years
        let huge: [(retryAfter: String?, reset: String?)] = [
            ("99999999999", nil),                        // 3170 years, as seconds
            ("1e300", nil),
            ("Fri, 31 Dec 9999 23:59:59 GMT", nil),      // a valid HTTP date
            (nil, "1e300"),                              // an "epoch" in the far future
            (nil, "99999999999999"),
        ]
        for (retryAfter, reset) in huge {
            if let seconds = wait(retryAfter, reset: reset) {
                XCTAssertLessThan(seconds, fitsTheClock, "Retry-After \(retryAfter ?? "-"), X-RateLimit-Reset \(reset ?? "-")")
            }
        }
    }
}
