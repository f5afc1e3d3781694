// The rules of rate-limit manners as pure functions (docs/rate-limits.md): how X-RateLimit-*
// values are read, when a sender holds its next request, and how long a 429 waits. Every
// header value is hostile input: whatever a server sends, the answer is a bounded wait or none.
import XCTest

@testable import Curl

final class RateLimitMannersRuleTests: XCTestCase {
    private let now = 1_764_000_000.0  // 2025-11-24, a fixed wall clock
    private let second: UInt64 = 1_000_000_000
    private let margin = RateLimitAllowance.arrivalMargin

    // MARK: Reading X-RateLimit-*

    func testCountsArePlainDigitsAndResetsAreReadByRetryAfter() throws {
        let headers = RateLimitHeaders(limit: "100", remaining: " 7 ", reset: String(Int(now) + 30), now: now)
        XCTAssertEqual(headers.limit, 100)
        XCTAssertEqual(headers.remaining, 7)
        XCTAssertEqual(try XCTUnwrap(headers.resetAfterSeconds), 30, accuracy: 0.001, "an epoch reset is seconds from now")
        XCTAssertEqual(RateLimitHeaders(limit: nil, remaining: "0", reset: "12", now: now).resetAfterSeconds, 12, "small numbers are seconds from now")
        XCTAssertEqual(RateLimitHeaders(limit: nil, remaining: "0", reset: String(Int(now) - 60), now: now).resetAfterSeconds, 0,
                       "a reset in the past means the window has turned")
    }

    func testHostileCountsAreUnknownOrClampedNeverATrap() {
        for garbage in ["-1", "-0", "+5", "5.0", "1e3", "nan", "NaN", "inf", "0x10", "1 2", "", "   ", "soon", "٣"] {
            XCTAssertNil(RateLimitHeaders.count(garbage), "X-RateLimit-Remaining: \(garbage)")
        }
        XCTAssertEqual(RateLimitHeaders.count("99999999999999999999"), RateLimitHeaders.largestCount)
        XCTAssertEqual(RateLimitHeaders.count(String(repeating: "9", count: 400)), RateLimitHeaders.largestCount)
        XCTAssertEqual(RateLimitHeaders.count("007"), 7)
    }

    func testHostileResetsAreNilOrAtMostADay() {
        for garbage in ["-5", "nan", "inf", "1e300", "soon", ""] {
            XCTAssertNil(RateLimitHeaders(limit: nil, remaining: "0", reset: garbage, now: now).resetAfterSeconds, garbage)
        }
        for huge in ["99999999999999999999999", "253402300799"] {
            let reset = RateLimitHeaders(limit: nil, remaining: "0", reset: huge, now: now).resetAfterSeconds
            XCTAssertEqual(reset, RetryAfter.longest, "X-RateLimit-Reset: \(huge)")
        }
        XCTAssertNil(RateLimitHeaders(limit: nil, remaining: "0", reset: String(repeating: "9", count: 400), now: now).resetAfterSeconds,
                     "too long to be a finite number: no reset")
    }

    func testHeadersAreFoundWhateverTheirCase() {
        let headers = RateLimitHeaders(HTTPHeaders([("x-ratelimit-limit", "50"), ("X-RATELIMIT-REMAINING", "3"), ("X-RateLimit-Reset", "4")]), now: now)
        XCTAssertEqual(headers, RateLimitHeaders(limit: 50, remaining: 3, resetAfterSeconds: 4))
    }

    // MARK: Pacing before the limit

    private func window(remaining: Int, limit: Int? = nil, reopensAt: UInt64 = 10_000_000_000, spent: Int = 0) -> RateLimitAllowance.Window {
        RateLimitAllowance.Window(remaining: remaining, limit: limit, reopensAt: reopensAt, spent: spent)
    }

    private func hold(_ window: RateLimitAllowance.Window, now: UInt64 = 0, senders: Int = 1, longestHold: UInt64 = 60_000_000_000) -> UInt64? {
        RateLimitAllowance.hold(window, now: now, senders: senders, longestHold: longestHold)
    }

    func testASmallLimitIsUsedInFullThenHeld() {
        // Limit 10: the reserve (5 %) rounds down to nothing, so the last request still goes.
        XCTAssertNil(hold(window(remaining: 1, limit: 10)), "one left: send it")
        XCTAssertEqual(hold(window(remaining: 0, limit: 10)), 10_000_000_000, "none left: hold until the window reopens")
        XCTAssertEqual(hold(window(remaining: 1, limit: 10, spent: 1)), 10_000_000_000, "the one left is already on its way")
    }

    func testALargeLimitKeepsFivePercentInReserve() {
        XCTAssertNil(hold(window(remaining: 6, limit: 100)))
        XCTAssertNotNil(hold(window(remaining: 5, limit: 100)), "5 of 100 is the reserve")
        XCTAssertNotNil(hold(window(remaining: 8, limit: 100, spent: 3)), "8 left, 3 of them spent since")
    }

    func testSendersSplitWhatRemainsEvenly() {
        // Two threads see the same remaining count; each may spend half of it.
        XCTAssertNil(hold(window(remaining: 8, limit: 16, spent: 3), senders: 2))
        XCTAssertNotNil(hold(window(remaining: 8, limit: 16, spent: 4), senders: 2))
        XCTAssertNotNil(hold(window(remaining: 8, limit: 40, spent: 3), senders: 2), "a limit of 20 per sender keeps one in reserve")
        XCTAssertNotNil(hold(window(remaining: 3, spent: 0), senders: 4), "three left between four senders: none each")
    }

    func testAResetFurtherThanTheLongestHoldIsNotWaitedFor() {
        XCTAssertNil(hold(window(remaining: 0, reopensAt: 61 * second), longestHold: 60 * second))
        XCTAssertEqual(hold(window(remaining: 0, reopensAt: 60 * second), longestHold: 60 * second), 60 * second)
    }

    func testAnAllowanceHoldsOncePerWindowAndForgetsItWhenItReopens() {
        var allowance = RateLimitAllowance(senders: 1, longestHold: 60 * second)
        XCTAssertNil(allowance.holdUntil(now: 0), "nothing known: no hold")
        let first = allowance.recordSend()
        allowance.observe(RateLimitHeaders(limit: 2, remaining: 1, resetAfterSeconds: 2), now: second, ticket: first, unansweredBefore: 0)
        XCTAssertNil(allowance.holdUntil(now: second), "one left")
        _ = allowance.recordSend()
        XCTAssertEqual(allowance.holdUntil(now: second), 3 * second + margin, "spent: held until the reset and a margin")
        XCTAssertEqual(allowance.holdUntil(now: 3 * second + margin), nil, "reopened")
        XCTAssertNil(allowance.window, "and forgotten: the next answer names the new window")
    }

    func testRequestsSentAfterTheAnsweredOneCountAsSpentUntilAnAnswerNamingMoreShowsTheServerCountedThem() {
        var allowance = RateLimitAllowance(senders: 1, longestHold: 60 * second)
        let early = allowance.recordSend()
        let late = allowance.recordSend()
        let last = allowance.recordSend()
        allowance.observe(RateLimitHeaders(limit: 10, remaining: 4, resetAfterSeconds: 5), now: second, ticket: early, unansweredBefore: 0)
        XCTAssertEqual(allowance.window?.spent, 2, "two went after the answered one: the 4 may not count them")
        allowance.observe(RateLimitHeaders(limit: 10, remaining: 5, resetAfterSeconds: 5), now: second, ticket: late, unansweredBefore: 0)
        XCTAssertEqual(allowance.window?.remaining, 4, "naming more: the server counted it before the answer naming 4")
        XCTAssertEqual(allowance.window?.spent, 1, "so it is in the 4, and only the last may not be")
        allowance.observe(RateLimitHeaders(limit: 10, remaining: 2, resetAfterSeconds: 5), now: second, ticket: last, unansweredBefore: 0)
        XCTAssertEqual(allowance.window?.spent, 0, "naming fewest: it is the latest count, and every other answer seen is in it")
        _ = allowance.recordSend()
        XCTAssertEqual(allowance.window?.spent, 1, "a request sent since is spent")
    }

    func testALongWindowWithManyAnswersKeepsOnlyTheHighestTicketsAndStillHolds() {
        var allowance = RateLimitAllowance(senders: 1, longestHold: 60 * second)
        for left in stride(from: 999, through: 100, by: -1) {
            let ticket = allowance.recordSend()
            allowance.observe(RateLimitHeaders(limit: 1000, remaining: left, resetAfterSeconds: 30), now: second,
                              ticket: ticket, unansweredBefore: 0)
        }
        XCTAssertEqual(allowance.window?.seen.count, RateLimitAllowance.seenKept, "900 answers, 64 tickets kept")
        XCTAssertEqual(allowance.window?.seen.max(), 900, "the highest is never the one forgotten")
        XCTAssertEqual(allowance.window?.remaining, 100)
        XCTAssertEqual(allowance.window?.spent, 0, "every answer came back: nothing spent beyond the count")
        for _ in 0..<50 { _ = allowance.recordSend() }
        XCTAssertNotNil(allowance.holdUntil(now: second), "100 left less 50 sent is the reserve of a 1000 limit: held")
    }

    /// Found by CI under load: two requests in flight together reach the server in either
    /// order. The one sent second was counted first (2 left) and answered last; taking its
    /// answer for the newer news let both senders go twice more into a limit of 3.
    func testTheAnswerNamingFewestIsKeptWhateverOrderTheRequestsWentIn() {
        var allowance = RateLimitAllowance(senders: 1, longestHold: 60 * second)
        let sentFirst = allowance.recordSend()   // counted second by the server: 1 left
        let sentSecond = allowance.recordSend()  // counted first: 2 left
        let reset = String(Int(now) + 1)
        allowance.observe(RateLimitHeaders(limit: "3", remaining: "1", reset: reset, now: now), now: second, ticket: sentFirst, unansweredBefore: 0)
        XCTAssertNotNil(allowance.holdUntil(now: second), "1 left, and the request sent after it may take it")
        allowance.observe(RateLimitHeaders(limit: "3", remaining: "2", reset: reset, now: now + 0.002), now: second + 2_000_000,
                          ticket: sentSecond, unansweredBefore: 0)
        XCTAssertEqual(allowance.window?.remaining, 1, "the later-sent answer names more: the server counted it first")
        XCTAssertNil(allowance.holdUntil(now: second + 2_000_000), "both are in the 1 left: one more may go")
        _ = allowance.recordSend()
        XCTAssertNotNil(allowance.holdUntil(now: second + 2_000_000), "and then none")
    }

    func testAnAnswerOfALaterWindowReplacesTheWindowAndALateOneOfAnEarlierWindowChangesNothing() {
        var allowance = RateLimitAllowance(senders: 1, longestHold: 60 * second)
        let first = allowance.recordSend()
        let second = allowance.recordSend()
        allowance.observe(RateLimitHeaders(limit: "3", remaining: "2", reset: String(Int(now) + 2), now: now), now: self.second,
                          ticket: second, unansweredBefore: 1)
        XCTAssertEqual(allowance.window?.reopensAt, 3 * self.second + margin)
        allowance.observe(RateLimitHeaders(limit: "3", remaining: "0", reset: String(Int(now) + 1), now: now), now: self.second,
                          ticket: first, unansweredBefore: 0)
        XCTAssertEqual(allowance.window?.remaining, 2, "an answer of the window before, arriving late: not taken")
        XCTAssertEqual(allowance.window?.spent, 0, "and its request, counted in that window, is no longer spent in this one")
        allowance.observe(RateLimitHeaders(limit: "3", remaining: "3", reset: String(Int(now) + 3), now: now), now: self.second,
                          ticket: first, unansweredBefore: 0)
        XCTAssertEqual(allowance.window?.remaining, 3, "a later window: taken, however much it leaves")
        XCTAssertEqual(allowance.window?.reopensAt, 4 * self.second + margin)
    }

    func testANewerAnswerNamingAnEarlierResetStillInTheFutureIsTaken() {
        var allowance = RateLimitAllowance(senders: 1, longestHold: 60 * second)
        let first = allowance.recordSend()
        allowance.observe(RateLimitHeaders(limit: "10", remaining: "0", reset: "99999999999999999999999", now: now), now: second,
                          ticket: first, unansweredBefore: 0)
        XCTAssertNil(allowance.holdUntil(now: second), "a reset a day away is past the longest hold: not waited for")
        let next = allowance.recordSend()
        allowance.observe(RateLimitHeaders(limit: "10", remaining: "0", reset: "1", now: now), now: second, ticket: next, unansweredBefore: 0)
        XCTAssertEqual(allowance.holdUntil(now: second), 2 * second + margin, "the server's newer word: one absurd reset does not stick")
    }

    func testAnAnswerOfAnEarlierWindowSentBeforeAnyAnswerNamingTheWindowIsLate() {
        var allowance = RateLimitAllowance(senders: 1, longestHold: 60 * second)
        let tickets = (1...3).map { _ in allowance.recordSend() }
        let window = String(Int(now) + 2), earlier = String(Int(now) + 1)
        // The first and the third name the window; the first names fewer, so the window keeps it.
        allowance.observe(RateLimitHeaders(limit: "9", remaining: "4", reset: window, now: now), now: second, ticket: tickets[0], unansweredBefore: 0)
        allowance.observe(RateLimitHeaders(limit: "9", remaining: "5", reset: window, now: now), now: second, ticket: tickets[2], unansweredBefore: 0)
        allowance.observe(RateLimitHeaders(limit: "9", remaining: "0", reset: earlier, now: now), now: second, ticket: tickets[1], unansweredBefore: 0)
        XCTAssertEqual(allowance.window?.remaining, 4, "the second went before the third, whose answer named the window: late, not taken")
        XCTAssertEqual(allowance.window?.reopensAt, 3 * second + margin)
    }

    func testRequestsStillInFlightWhenTheAnswerCameCountAsSpentToo() {
        // A slow request sent before the answered one may not have reached the server yet.
        var allowance = RateLimitAllowance(senders: 1, longestHold: 60 * second)
        _ = allowance.recordSend()  // slow, still in flight
        let answered = allowance.recordSend()
        allowance.observe(RateLimitHeaders(limit: 3, remaining: 1, resetAfterSeconds: 2), now: second, ticket: answered, unansweredBefore: 1)
        XCTAssertEqual(allowance.window?.spent, 1)
        XCTAssertNotNil(allowance.holdUntil(now: second), "the one left may be the slow request's")
    }

    func testAResetThatHasPassedEndsTheWindow() {
        var allowance = RateLimitAllowance(senders: 1, longestHold: 60 * second)
        let first = allowance.recordSend()
        allowance.observe(RateLimitHeaders(limit: 10, remaining: 0, resetAfterSeconds: 5), now: second, ticket: first, unansweredBefore: 0)
        XCTAssertNotNil(allowance.window)
        let second = allowance.recordSend()
        allowance.observe(RateLimitHeaders(limit: 10, remaining: 0, resetAfterSeconds: 0), now: self.second, ticket: second, unansweredBefore: 0)
        XCTAssertNotNil(allowance.window, "a reset that passed 5 s before the window's: an earlier window's, changing nothing")
        allowance.observe(RateLimitHeaders(limit: 10, remaining: 0, resetAfterSeconds: 0), now: 6 * self.second, ticket: second, unansweredBefore: 0)
        XCTAssertNil(allowance.window, "the window's own reset has passed: it has turned, go now (before the margin)")
        XCTAssertNil(allowance.holdUntil(now: 6 * self.second))
    }

    func testAnswersWithoutARemainingCountOrAResetNameNoWindow() {
        var allowance = RateLimitAllowance(senders: 1, longestHold: 60 * second)
        let ticket = allowance.recordSend()
        for headers in [RateLimitHeaders(limit: 10, remaining: 0, resetAfterSeconds: nil),
                        RateLimitHeaders(limit: 10, remaining: nil, resetAfterSeconds: 5),
                        RateLimitHeaders(limit: "-1", remaining: "nan", reset: "soon", now: now)] {
            allowance.observe(headers, now: second, ticket: ticket, unansweredBefore: 0)
            XCTAssertNil(allowance.window, "\(headers)")
        }
    }

    func testHostileValuesGiveABoundedHoldOrNone() {
        let hostile: [(limit: String, remaining: String, reset: String)] = [
            ("99999999999999999999", "0", "2"),               // a huge limit: its reserve is clamped with it
            ("10", "99999999999999999999", "2"),               // a huge remaining: never low
            ("10", "0", "99999999999999999999999"),            // a reset in 3e15 years: a day, past the longest hold
            ("10", "0", String(Int(now) - 5)),                 // a reset in the past: go now
            ("-1", "-1", "-1"), ("nan", "nan", "nan"), ("1e3", "0", "inf"),
        ]
        for (limit, remaining, reset) in hostile {
            var allowance = RateLimitAllowance(senders: 3, longestHold: 60 * second)
            let ticket = allowance.recordSend()
            allowance.observe(RateLimitHeaders(limit: limit, remaining: remaining, reset: reset, now: now), now: second, ticket: ticket, unansweredBefore: 0)
            if let until = allowance.holdUntil(now: second) {
                XCTAssertLessThanOrEqual(until - second, 60 * second, "limit \(limit), remaining \(remaining), reset \(reset)")
            }
        }
    }

    // MARK: The wait after a 429

    private func after429(_ retryAfter: String?, reset: String?, attempt: Int = 0, jitter: Double = 0.5, mannerly: Bool = true) -> ThrottleWait {
        ThrottleWait.after429(retryAfter: retryAfter, rateLimitReset: reset, now: now, attempt: attempt, jitter: jitter, mannerly: mannerly)
    }

    func testRetryAfterFirstThenTheResetThenBackoff() {
        XCTAssertEqual(after429("4", reset: "9"), ThrottleWait(seconds: 4, source: .retryAfter))
        XCTAssertEqual(after429(nil, reset: "9"), ThrottleWait(seconds: 9, source: .rateLimitReset))
        XCTAssertEqual(after429("soon", reset: String(Int(now) + 20)), ThrottleWait(seconds: 20, source: .rateLimitReset))
        XCTAssertEqual(after429(nil, reset: nil), ThrottleWait(seconds: 1, source: .backoff), "the first backoff is 1 s")
        XCTAssertEqual(after429("0", reset: nil), ThrottleWait(seconds: 0, source: .retryAfter), "Retry-After: 0 is taken at its word")
    }

    func testAResetThatHasPassedIsNotSaneAndBacksOff() {
        XCTAssertEqual(after429(nil, reset: String(Int(now) - 30), attempt: 2, jitter: 0).source, .backoff)
        XCTAssertEqual(after429(nil, reset: "0", attempt: 0).seconds, 1)
    }

    func testWithoutMannersA429IsHandledAsBefore() {
        XCTAssertEqual(after429(nil, reset: nil, attempt: 5, mannerly: false), ThrottleWait(seconds: 1, source: .fixedDefault))
        XCTAssertEqual(after429(nil, reset: String(Int(now) - 30), mannerly: false), ThrottleWait(seconds: 0, source: .rateLimitReset))
    }

    func testBackoffDoublesWithJitterUpToTheCap() {
        XCTAssertEqual(ExponentialBackoff.seconds(attempt: 0, jitter: 0.9), 1, "the first wait is not jittered")
        for attempt in 1...8 {
            let ceiling = min(ExponentialBackoff.longest, Double(1 << attempt))
            XCTAssertEqual(ExponentialBackoff.seconds(attempt: attempt, jitter: 0), ceiling, "attempt \(attempt)")
            XCTAssertEqual(ExponentialBackoff.seconds(attempt: attempt, jitter: 0.999_999), ceiling / 2, accuracy: 0.001)
        }
        XCTAssertEqual(ExponentialBackoff.seconds(attempt: 2, jitter: 0.5), 3, "between 2 and 4 s")
    }

    func testBackoffNeverTrapsOnHugeAttemptsOrOddJitter() {
        for attempt in [Int.max, 64, 1_000_000, -5] {
            for jitter in [Double.nan, .infinity, -.infinity, -1, 2, 0.3] {
                let wait = ExponentialBackoff.seconds(attempt: attempt, jitter: jitter)
                XCTAssertTrue(wait >= 0.5 && wait <= ExponentialBackoff.longest, "attempt \(attempt), jitter \(jitter): \(wait)")
            }
        }
    }
}
