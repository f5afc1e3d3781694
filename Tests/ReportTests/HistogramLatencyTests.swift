// The latency histogram setting: microseconds from 1 µs to 60 s at 3 digits, slow replies
// clamped to 60 s rather than dropped, percentiles reported in milliseconds.
import Foundation
import Histogram
import XCTest

@testable import Report

final class HistogramLatencyTests: XCTestCase {
    func testTheSettings() {
        let histogram = LatencyHistogram.make()
        XCTAssertEqual(histogram.lowestDiscernibleValue, 1)
        XCTAssertEqual(histogram.highestTrackableValue, 60_000_000)
        XCTAssertEqual(histogram.numberOfSignificantValueDigits, .three)
        XCTAssertFalse(histogram.autoResize)
        XCTAssertTrue(LatencyHistogram.hasLatencySettings(histogram))
        XCTAssertFalse(LatencyHistogram.hasLatencySettings(Histogram(highestTrackableValue: 3_600_000_000)))
    }

    func testATwoMinuteStallIsRecordedAsSixtySeconds() {
        var histogram = LatencyHistogram.make()
        XCTAssertEqual(histogram.record(microseconds: 1500), .recorded)
        XCTAssertEqual(histogram.record(microseconds: 60_000_000), .recorded)
        XCTAssertEqual(histogram.record(microseconds: 120_000_000), .clamped)
        XCTAssertEqual(histogram.totalCount, 3, "the stall is counted, not dropped")
        XCTAssertEqual(histogram.maxRecorded, 60_000_000)
        XCTAssertEqual(histogram.latencySummary.max, 60_000)
    }

    func testPercentilesInMilliseconds() {
        // 1, 2, … 1000 ms: each percentile is the highest value of its bucket (0.1 % wide).
        var histogram = LatencyHistogram.make()
        for millisecond in 1 ... 1000 { histogram.record(microseconds: UInt64(millisecond) * 1000) }
        let summary = histogram.latencySummary
        XCTAssertEqual(summary.count, 1000)
        XCTAssertEqual(summary.p50, 500.223)
        XCTAssertEqual(summary.p90, 900.095)
        XCTAssertEqual(summary.p95, 950.271)
        XCTAssertEqual(summary.p99, 990.207)
        XCTAssertEqual(summary.p999, 999.423)
        XCTAssertEqual(summary.max, 1000)
        XCTAssertEqual(histogram.milliseconds(atPercentile: 50), summary.p50)
    }

    func testAnEmptyHistogramSummarisesToZeros() {
        XCTAssertEqual(LatencyHistogram.make().latencySummary, LatencySummary(count: 0, p50: 0, p90: 0, p95: 0, p99: 0, p999: 0, max: 0))
    }

    func testEncodedSizeAndSpeedOfATypicalRun() throws {
        // The figures docs/performance.md quotes: 100,000 lognormal latencies around 2 ms.
        let histogram = typicalLatencies(count: 100_000)
        let text = try HistogramCodec.encode(histogram)
        let bytes = try XCTUnwrap(Data(base64Encoded: text)).count

        let rounds = 20
        var clock = ContinuousClock.now
        for _ in 0 ..< rounds { _ = try HistogramCodec.encode(histogram) }
        let encodeTime = (ContinuousClock.now - clock) / rounds
        clock = ContinuousClock.now
        for _ in 0 ..< rounds { _ = try HistogramCodec.decode(text) }
        let decodeTime = (ContinuousClock.now - clock) / rounds

        print("typical latency histogram: \(bytes) bytes encoded (\(text.utf8.count) as base64), encode \(encodeTime), decode \(decodeTime)")
        XCTAssertLessThan(bytes, 8 * 1024, "a typical histogram fits an .hlog line of a few KB")
    }
}
