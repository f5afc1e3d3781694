// Per-second windows are keyed by the Unix second that contains each moment, so that threads,
// and shards sharing a `--start-at`, add up window by window. A run whose epoch falls in the
// middle of a second fills that second first.
import Report
import XCTest

@testable import Load

final class WindowRecorderTests: XCTestCase {
    /// The monotonic clock at the run's epoch, and the Unix time it stands for (mid-second).
    private let epoch: UInt64 = 5_000_000_000
    private let epochWall = 1_000.5

    func testAMomentBelongsToTheUnixSecondThatContainsIt() {
        let windows = WindowRecorder(epoch: epoch, epochWallSeconds: epochWall, operations: ["listAgents"])
        XCTAssertEqual(windows.second, 1_000, "the run starts in second 1000")
        XCTAssertEqual(windows.second(of: epoch), 1_000, "1000.5 is in second 1000")
        XCTAssertEqual(windows.second(of: epoch + 400_000_000), 1_000, "1000.9")
        XCTAssertEqual(windows.second(of: epoch + 600_000_000), 1_001, "1001.1")
        XCTAssertEqual(windows.second(of: epoch - 700_000_000), 999, "999.8, before the epoch")
        XCTAssertEqual(windows.nextBoundary, epoch + 500_000_000, "second 1001 begins half a second in")
    }

    func testRequestsAndDropsAreSealedIntoTheSecondsTheyHappenedIn() {
        var windows = WindowRecorder(epoch: epoch, epochWallSeconds: epochWall, operations: ["listAgents"])
        windows.recordRequest(slot: 0, at: epoch + 200_000_000, latencyMicroseconds: 900, error: false, throttled: false, inFlight: 1)
        windows.recordRequest(slot: 0, at: epoch + 700_000_000, latencyMicroseconds: 1_100, error: true, throttled: false, inFlight: 1)
        windows.recordDropped(at: epoch + 800_000_000, inFlight: 0)
        windows.sealCurrent(inFlight: 0)
        let sealed = windows.takeSealed()
        XCTAssertEqual(sealed.map(\.second), [1_000, 1_001])
        XCTAssertEqual(sealed.map(\.requests), [1, 1])
        XCTAssertEqual(sealed.map(\.errors), [0, 1])
        XCTAssertEqual(sealed.map(\.dropped), [0, 1])
        XCTAssertEqual(sealed.map { $0.operations["listAgents"]?.requests }, [1, 1])
        XCTAssertTrue(windows.takeSealed().isEmpty, "each window is handed over once")
    }
}
