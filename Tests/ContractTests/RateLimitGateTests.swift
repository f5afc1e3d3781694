// The contract run's rate-limit gate, with the clock given: the waits it plans for pacing and
// for --max-rps, for every scenario together. No request is sent and no time passes.
import Curl
import XCTest

@testable import Contract

final class RateLimitGateTests: XCTestCase {
    private let second: UInt64 = 1_000_000_000
    private let wallNow = 1_764_000_000.0

    private func headers(limit: Int, remaining: Int, resetIn seconds: Int) -> HTTPHeaders {
        HTTPHeaders([("X-RateLimit-Limit", "\(limit)"), ("X-RateLimit-Remaining", "\(remaining)"),
                     ("X-RateLimit-Reset", "\(Int(wallNow) + seconds)")])
    }

    func testMaxRPSSpacesRequestsFromAllScenariosAlike() async {
        let gate = RateLimitGate(manners: true, maxRequestsPerSecond: 4, longestHold: .seconds(60))
        // Three requests at the same instant (three scenarios at once): 0, 250 and 500 ms.
        var waits: [UInt64] = []
        for _ in 0..<3 { waits.append(await gate.admit(now: 10 * second, paced: true).spacedNanoseconds) }
        XCTAssertEqual(waits, [0, 250_000_000, 500_000_000])
        // A request long after the last slot goes at once.
        let later = await gate.admit(now: 20 * second, paced: true)
        XCTAssertEqual(later.totalNanoseconds, 0)
    }

    func testALowAllowanceHoldsEveryScenarioUntilTheReset() async {
        let gate = RateLimitGate(manners: true, maxRequestsPerSecond: nil, longestHold: .seconds(60))
        let first = await gate.admit(now: 0, paced: true)
        XCTAssertEqual(first.totalNanoseconds, 0, "nothing known yet")
        await gate.answered(headers(limit: 5, remaining: 0, resetIn: 3), ticket: first.ticket, now: second, wallNow: wallNow)

        let held = await gate.admit(now: second, paced: true)
        XCTAssertEqual(held.pacedNanoseconds, 3 * second + RateLimitAllowance.arrivalMargin)
        XCTAssertEqual(held.remaining, 0)
        XCTAssertEqual(held.limit, 5)
        let expecting429 = await gate.admit(now: second, paced: false)
        XCTAssertEqual(expecting429.totalNanoseconds, 0, "a step that expects the 429 is not paced away from it")
    }

    func testRequestsAdmittedBeforeAnAnswerCountAgainstIt() async {
        let gate = RateLimitGate(manners: true, maxRequestsPerSecond: nil, longestHold: .seconds(60))
        let answered = await gate.admit(now: 0, paced: true)
        _ = await gate.admit(now: 0, paced: true)  // another scenario's request, in flight
        await gate.answered(headers(limit: 5, remaining: 1, resetIn: 2), ticket: answered.ticket, now: second, wallNow: wallNow)
        let next = await gate.admit(now: second, paced: true)
        XCTAssertGreaterThan(next.pacedNanoseconds, 0, "the one left may already be spent by the request in flight")
    }

    func testWithoutMannersNothingIsPacedButMaxRPSStillSpaces() async {
        let gate = RateLimitGate(manners: false, maxRequestsPerSecond: 2, longestHold: .seconds(60))
        let first = await gate.admit(now: 0, paced: true)
        await gate.answered(headers(limit: 5, remaining: 0, resetIn: 30), ticket: first.ticket, now: 0, wallNow: wallNow)
        let second = await gate.admit(now: 0, paced: true)
        XCTAssertEqual(second.pacedNanoseconds, 0)
        XCTAssertEqual(second.spacedNanoseconds, 500_000_000)
    }

    func testAHoldAndAMaxRPSSlotAddUp() async {
        let gate = RateLimitGate(manners: true, maxRequestsPerSecond: 1, longestHold: .seconds(60))
        let first = await gate.admit(now: 0, paced: true)
        await gate.answered(headers(limit: 5, remaining: 0, resetIn: 2), ticket: first.ticket, now: 0, wallNow: wallNow)
        let second = await gate.admit(now: 0, paced: true)
        let third = await gate.admit(now: 0, paced: true)
        XCTAssertEqual(second.pacedNanoseconds, 2 * self.second + RateLimitAllowance.arrivalMargin)
        XCTAssertEqual(second.spacedNanoseconds, 0, "the slot after the hold is free")
        XCTAssertEqual(third.pacedNanoseconds, 2 * self.second + RateLimitAllowance.arrivalMargin)
        XCTAssertEqual(third.spacedNanoseconds, self.second, "one second after the one before")
    }

    func testAnAbsurdMaxRPSNeverTraps() async {
        for rate in [1e-300, 1e-12, 1e300] {
            let gate = RateLimitGate(manners: true, maxRequestsPerSecond: rate, longestHold: .seconds(60))
            _ = await gate.admit(now: 0, paced: true)
            _ = await gate.admit(now: 0, paced: true)
        }
    }

    func testBackoffNotesSayWhereTheWaitCameFrom() {
        XCTAssertEqual(StepExecution.describe(.backoff, attempt: 0), "the 1 s default: no usable Retry-After or X-RateLimit-Reset")
        XCTAssertEqual(StepExecution.describe(.backoff, attempt: 2), "backoff before retry 3: no usable Retry-After or X-RateLimit-Reset")
        XCTAssertEqual(StepExecution.describe(.rateLimitReset, attempt: 0), "X-RateLimit-Reset")
        XCTAssertEqual(StepExecution.duration(seconds: 1.234_567), .milliseconds(1235))
        XCTAssertEqual(StepExecution.duration(seconds: .infinity), .seconds(86_400), "never more than a day")
    }
}
