// A per-operation budget on one thread: requests are spaced at least 1/rate apart, and an
// idle budget does not save up a burst.
import XCTest

@testable import Load

final class RateBudgetTests: XCTestCase {
    private let millisecond: UInt64 = 1_000_000

    func testRequestsThatComeTooEarlyGetSlotsOneIntervalApart() {
        var budget = RateBudget(perSecond: 10)
        XCTAssertEqual(budget.interval, 100 * millisecond)
        let start: UInt64 = 5 * millisecond
        XCTAssertEqual(budget.reserve(now: start), start, "the first request goes at once")
        XCTAssertEqual(budget.reserve(now: start), start + 100 * millisecond)
        XCTAssertEqual(budget.reserve(now: start + 1), start + 200 * millisecond)
        XCTAssertEqual(budget.reserve(now: start + 250 * millisecond), start + 300 * millisecond)
    }

    func testAnIdleBudgetDoesNotSaveUpABurst() {
        var budget = RateBudget(perSecond: 10)
        _ = budget.reserve(now: 0)
        let later: UInt64 = 5_000 * millisecond
        XCTAssertEqual(budget.reserve(now: later), later)
        XCTAssertEqual(budget.reserve(now: later), later + 100 * millisecond, "no credit for the idle seconds")
    }

    func testSlotsInAWindowOfTSecondsAreAtMostRateTimesTPlusOne() {
        var budget = RateBudget(perSecond: 20)
        var slots: [UInt64] = []
        var now: UInt64 = 0
        // 100 requests a second for 2 s, each asking as it arrives.
        for _ in 0..<200 {
            slots.append(budget.reserve(now: now))
            now += 10 * millisecond
        }
        let inWindow = slots.filter { $0 < 2_000 * millisecond }.count
        XCTAssertEqual(inWindow, 40, "20/s × 2 s, the first at once")
        for (earlier, later) in zip(slots, slots.dropFirst()) {
            XCTAssertGreaterThanOrEqual(later - earlier, 50 * millisecond)
        }
    }

    func testAZeroBudgetNeverGivesASecondSlotSoon() {
        var budget = RateBudget(perSecond: 0)
        _ = budget.reserve(now: 0)
        XCTAssertGreaterThan(budget.reserve(now: 0), 3_600_000 * millisecond)
    }
}
