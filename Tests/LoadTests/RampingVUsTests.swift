// ramping-vus moves the number of looping users linearly from stage to stage, and a user is
// added only once the line has reached it: halfway from 0 to 5 users is 2 users, not 3.
import XCTest

@testable import Load

final class RampingVUsTests: XCTestCase {
    private let epoch: UInt64 = 1_000_000_000
    private let second: UInt64 = 1_000_000_000

    func testUsersFollowTheLineAndAreAddedWhenItReachesThem() {
        let ramp = RampingVUs(startVUs: 0, stages: [(duration: 10, target: 5), (duration: 4, target: 5), (duration: 2, target: 1)],
                              share: LoadShare(shard: 0, shards: 1, thread: 0, threads: 1), epoch: epoch)
        XCTAssertEqual(ramp.totalVUs(at: epoch), 0)
        XCTAssertEqual(ramp.totalVUs(at: epoch + 5 * second), 2, "halfway to 5 is 2.5: the third user is not there yet")
        XCTAssertEqual(ramp.totalVUs(at: epoch + 6 * second), 3)
        XCTAssertEqual(ramp.totalVUs(at: epoch + 12 * second), 5, "the flat stage")
        XCTAssertEqual(ramp.totalVUs(at: epoch + 15 * second), 3, "halfway down from 5 to 1")
        XCTAssertEqual(ramp.totalVUs(at: epoch + 16 * second), 0, "after the last stage, none")
        XCTAssertEqual(ramp.scheduleEnd, epoch + 16 * second)
    }
}
