// Threads of one run, and shards of one profile, add up field by field. A field the addition
// left out would be lost silently from every run on more than one thread and from every merge,
// so each is checked here with values that cannot add up by accident.
import Histogram
import XCTest

@testable import Report

final class ResultAdditionTests: XCTestCase {
    private func operation(_ base: Int) -> OperationResult {
        var result = OperationResult(emptyWith: LatencyHistogram.make())
        result.requests = base
        result.errors = base + 1
        result.throttled = base + 2
        result.throttledDropped = base + 3
        result.budgetDelayed = base + 4
        result.statusCounts = [200: base, 429: 1]
        result.errorClasses = [.timeout: base, .reset: 1]
        result.latency.record(UInt64(base) * 1_000)
        result.service.record(UInt64(base) * 100)
        result.timings.responses = base + 5
        result.timings.newConnections = base + 6
        result.timings.connectMicroseconds = Int64(base + 7)
        result.timings.tlsMicroseconds = Int64(base + 8)
        result.timings.firstByteMicroseconds = Int64(base + 9)
        result.bytesIn = base + 10
        result.bytesOut = base + 11
        result.checksPassed = base + 12
        result.checksFailed = base + 13
        result.violations = base + 14
        result.validated = base + 15
        return result
    }

    func testEveryFieldOfAnOperationAddsUp() throws {
        var sum = operation(10)
        try sum.add(operation(100))
        XCTAssertEqual(sum.requests, 110)
        XCTAssertEqual(sum.errors, 112)
        XCTAssertEqual(sum.throttled, 114)
        XCTAssertEqual(sum.throttledDropped, 116)
        XCTAssertEqual(sum.budgetDelayed, 118)
        XCTAssertEqual(sum.statusCounts, [200: 110, 429: 2])
        XCTAssertEqual(sum.errorClasses, [.timeout: 110, .reset: 2])
        XCTAssertEqual(sum.latency.totalCount, 2)
        XCTAssertEqual(sum.latency.max, sum.latency.highestEquivalentForValue(100_000))
        XCTAssertEqual(sum.service.totalCount, 2)
        XCTAssertEqual(sum.timings.responses, 120)
        XCTAssertEqual(sum.timings.newConnections, 122)
        XCTAssertEqual(sum.timings.connectMicroseconds, 124)
        XCTAssertEqual(sum.timings.tlsMicroseconds, 126)
        XCTAssertEqual(sum.timings.firstByteMicroseconds, 128)
        XCTAssertEqual(sum.bytesIn, 130)
        XCTAssertEqual(sum.bytesOut, 132)
        XCTAssertEqual(sum.checksPassed, 134)
        XCTAssertEqual(sum.checksFailed, 136)
        XCTAssertEqual(sum.violations, 138)
        XCTAssertEqual(sum.validated, 140)
    }

    func testIterationValidationAndRateLimitCountsAddUp() {
        var iterations = IterationCounts()
        iterations.started = 1; iterations.completed = 2; iterations.failed = 3; iterations.interrupted = 4
        iterations.dropped = 5; iterations.throttledDropped = 6; iterations.peakVUs = 7
        var iterationSum = iterations
        iterationSum.add(iterations)
        XCTAssertEqual(iterationSum.started, 2)
        XCTAssertEqual(iterationSum.completed, 4)
        XCTAssertEqual(iterationSum.failed, 6)
        XCTAssertEqual(iterationSum.interrupted, 8)
        XCTAssertEqual(iterationSum.dropped, 10)
        XCTAssertEqual(iterationSum.throttledDropped, 12)
        XCTAssertEqual(iterationSum.peakVUs, 14, "threads and shards run their users at once")

        var validation = ValidationCounts()
        validation.sampled = 1; validation.validated = 2; validation.skipped = 3; validation.violations = 4
        var validationSum = validation
        validationSum.add(validation)
        XCTAssertEqual([validationSum.sampled, validationSum.validated, validationSum.skipped, validationSum.violations], [2, 4, 6, 8])

        var waits = RateLimitCounts()
        waits.waits = 3; waits.capped = 1; waits.longestWaitSeconds = 2.5; waits.totalWaitSeconds = 4
        var other = RateLimitCounts()
        other.waits = 2; other.capped = 2; other.longestWaitSeconds = 7; other.totalWaitSeconds = 9
        waits.add(other)
        XCTAssertEqual(waits.waits, 5)
        XCTAssertEqual(waits.capped, 3)
        XCTAssertEqual(waits.longestWaitSeconds, 7, "the longest of the two, not their sum")
        XCTAssertEqual(waits.totalWaitSeconds, 13)
    }
}
