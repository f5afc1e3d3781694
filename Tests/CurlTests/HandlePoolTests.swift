// The loop's easy handles are reused: a returned handle is the next one taken, so a run of any
// length holds no more handles (and no more libcurl state) than its busiest moment needed.
import CCurl
import XCTest

@testable import Curl

final class HandlePoolTests: XCTestCase {
    func testAReturnedHandleIsTheNextOneTaken() throws {
        let poller = try XCTUnwrap(ccurl_poller_create(1))
        defer { ccurl_poller_destroy(poller) }
        var pool = HandlePool(idleLimit: 4, poller: poller)
        for _ in 0..<100 {
            let easy = try XCTUnwrap(pool.take())
            pool.give(easy)
        }
        XCTAssertEqual(pool.all.count, 1, "a hundred requests one after another need one handle")

        let first = try XCTUnwrap(pool.take())
        let second = try XCTUnwrap(pool.take())
        XCTAssertFalse(first === second, "two at once are two handles")
        pool.give(second)
        XCTAssertTrue(try XCTUnwrap(pool.take()) === second, "the last one returned comes back first")
        XCTAssertEqual(pool.all.count, 2)
        pool.removeAll()
    }

    func testHandlesBeyondTheIdleLimitAreReleasedWhenReturned() throws {
        let poller = try XCTUnwrap(ccurl_poller_create(1))
        defer { ccurl_poller_destroy(poller) }
        var pool = HandlePool(idleLimit: 2, poller: poller)
        XCTAssertTrue(pool.reserve(2))
        XCTAssertEqual(pool.all.count, 2, "reserved ahead of the run")
        let taken = try (0..<5).map { _ in try XCTUnwrap(pool.take()) }
        XCTAssertEqual(pool.all.count, 5, "a burst of five grows the pool to five")
        for easy in taken { pool.give(easy) }
        XCTAssertEqual(pool.all.count, 2, "after the burst only the idle limit is kept")
        pool.removeAll()
    }
}
