// The live progress line: a fitted, redrawn line on a terminal; key=value lines in a log.
import Report
import XCTest

final class ProgressLineTests: XCTestCase {
    private let snapshot = ProgressSnapshot(
        elapsedSeconds: 12.4, plannedSeconds: 60, requests: 9812, requestsPerSecond: 812.2, p99Milliseconds: 14.24,
        errors: 0, throttled: 3, activeVUs: 16, dropped: 0)

    func testOnATerminalABarLeadsTheFigures() {
        // The figures take 72 columns; at 100 the bar gets the rest (24 inside, 12 s of 60 s filled).
        XCTAssertEqual(
            ProgressLine.render(snapshot, width: 100, forTerminal: true, color: false),
            "[====>                   ] 12s/60s  812 req/s  p99 14.2ms  errors 0  throttled 3  VUs 16  dropped 0")
    }

    func testTheBarIsDroppedFirstWhenTheWindowIsNarrow() {
        // At 80 columns the bar would have only 4 inside: too small to read, so it goes.
        XCTAssertEqual(
            ProgressLine.render(snapshot, width: 80, forTerminal: true, color: false),
            "12s/60s  812 req/s  p99 14.2ms  errors 0  throttled 3  VUs 16  dropped 0")
    }

    func testThenTheLeastTellingFiguresGo() {
        XCTAssertEqual(
            ProgressLine.render(snapshot, width: 50, forTerminal: true, color: false),
            "12s/60s  812 req/s  p99 14.2ms  errors 0")
        XCTAssertEqual(ProgressLine.render(snapshot, width: 30, forTerminal: true, color: false), "12s/60s  812 req/s  errors 0")
        XCTAssertEqual(ProgressLine.render(snapshot, width: 5, forTerminal: true, color: false), "12s/")
    }

    func testTheLineNeverReachesTheLastColumn() {
        for width in 1...140 {
            let line = ProgressLine.render(snapshot, width: width, forTerminal: true, color: false)
            XCTAssertLessThan(line.count, width, "width \(width): \(line)")
        }
    }

    func testInALogEachUpdateIsAPlainLine() {
        XCTAssertEqual(
            ProgressLine.render(snapshot, width: 40, forTerminal: false, color: true),
            "12s/60s requests=9812 req/s=812 p99=14.2ms errors=0 throttled=3 vus=16 dropped=0")
    }

    func testBeforeTheFirstResponseThereIsNoP99() {
        var starting = snapshot
        starting.elapsedSeconds = 0.3
        starting.requests = 0
        starting.requestsPerSecond = 0
        starting.p99Milliseconds = nil
        XCTAssertEqual(
            ProgressLine.render(starting, width: 0, forTerminal: false, color: false),
            "0s/60s requests=0 req/s=0.0 p99=- errors=0 throttled=3 vus=16 dropped=0")
    }

    func testLongRunsShowMinutesAndTheInterrupt() {
        var late = snapshot
        late.elapsedSeconds = 305
        late.plannedSeconds = 300
        late.interrupted = true
        XCTAssertEqual(
            ProgressLine.render(late, width: 0, forTerminal: true, color: false),
            "[==============================] 5m05s/5m00s  812 req/s  p99 14.2ms  errors 0  throttled 3  VUs 16  dropped 0  interrupted")
    }

    func testColourMarksErrorsOnlyWhenAsked() {
        var failing = snapshot
        failing.errors = 7
        XCTAssertTrue(ProgressLine.render(failing, width: 120, forTerminal: true, color: true).contains("\u{1B}[31merrors 7\u{1B}[0m"))
        XCTAssertFalse(ProgressLine.render(failing, width: 120, forTerminal: true, color: false).contains("\u{1B}["))
    }

    func testNeverPrintsTheMarkersOfTheFinalSummary() {
        for forTerminal in [true, false] {
            let line = ProgressLine.render(snapshot, width: 200, forTerminal: forTerminal, color: false)
            XCTAssertFalse(line.contains("rps="))
            XCTAssertFalse(line.contains("Requests/sec:"))
        }
    }
}
