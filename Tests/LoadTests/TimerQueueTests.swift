// The min-heap of virtual users' wake-ups: earliest first, only what is due.
import XCTest

@testable import Load

final class TimerQueueTests: XCTestCase {
    func testWakeUpsComeOutEarliestFirstWhateverTheOrderTheyWentIn() {
        var queue = TimerQueue()
        var generator = SystemRandomNumberGenerator()
        var times: [UInt64] = (0..<500).map { _ in UInt64.random(in: 0..<1_000, using: &generator) }
        for (user, time) in times.enumerated() {
            queue.schedule(TimerQueue.Entry(time: time, user: user, generation: 0))
        }
        XCTAssertEqual(queue.entries.count, 500)
        XCTAssertEqual(queue.earliest, times.min())
        var popped: [UInt64] = []
        while let entry = queue.popDue(now: .max) { popped.append(entry.time) }
        times.sort()
        XCTAssertEqual(popped, times)
        XCTAssertTrue(queue.isEmpty)
        XCTAssertNil(queue.earliest)
    }

    func testOnlyWakeUpsDueByNowArePopped() {
        var queue = TimerQueue()
        for (user, time) in [30, 10, 20, 40].enumerated() {
            queue.schedule(TimerQueue.Entry(time: UInt64(time), user: user, generation: 0))
        }
        XCTAssertNil(queue.popDue(now: 9))
        XCTAssertEqual(queue.popDue(now: 25)?.user, 1)
        XCTAssertEqual(queue.popDue(now: 25)?.user, 2)
        XCTAssertNil(queue.popDue(now: 25), "30 is not due at 25")
        XCTAssertEqual(queue.earliest, 30)
        XCTAssertEqual(queue.popDue(now: 30)?.user, 0, "due exactly at its time")
    }

    func testEqualTimesAreAllPoppedAndRemoveAllForgetsEverything() {
        var queue = TimerQueue()
        for user in 0..<5 { queue.schedule(TimerQueue.Entry(time: 7, user: user, generation: UInt32(user))) }
        var users: Set<Int> = []
        while let entry = queue.popDue(now: 7) { users.insert(entry.user) }
        XCTAssertEqual(users, [0, 1, 2, 3, 4])

        for user in 0..<5 { queue.schedule(TimerQueue.Entry(time: UInt64(user), user: user, generation: 0)) }
        queue.removeAll()
        XCTAssertTrue(queue.isEmpty)
        XCTAssertNil(queue.popDue(now: .max))
    }
}
