// Merging shards: exact when the settings match, a typed error (never hdrhistogram-swift's
// trap) when they do not.
import Histogram
import XCTest

@testable import Report

final class HistogramMergeTests: XCTestCase {
    /// Three shards of one run and the histogram that recorded every value itself.
    private func shardsAndWhole() -> (shards: [Histogram<UInt64>], whole: Histogram<UInt64>) {
        var random = TestRandom(seed: 5)
        var shards = [LatencyHistogram.make(), LatencyHistogram.make(), LatencyHistogram.make()]
        var whole = LatencyHistogram.make()
        for i in 0 ..< 30_000 {
            let latency = random.latency(medianMicroseconds: 2000, sigma: 0.8)
            shards[i % 3].record(microseconds: latency)
            whole.record(microseconds: latency)
        }
        return (shards, whole)
    }

    func testShardsWithTheSameSettingsAddUpExactly() throws {
        let (shards, whole) = shardsAndWhole()
        let merged = try shards[0].merging(shards[1]).merging(shards[2])
        XCTAssertEqual(merged, whole)
        XCTAssertEqual(merged.latencySummary, whole.latencySummary)
        for percentile in reportPercentiles {
            XCTAssertEqual(merged.valueAtPercentile(percentile), whole.valueAtPercentile(percentile), "p\(percentile)")
        }
    }

    func testShardsReadFromTheirEncodingsMergeToTheWhole() throws {
        // The real flow: each shard writes its histogram, `merge` reads and adds them.
        let (shards, whole) = shardsAndWhole()
        var merged = LatencyHistogram.make()
        for shard in shards {
            try merged.merge(HistogramCodec.decode(HistogramCodec.encode(shard)))
        }
        XCTAssertEqual(merged, whole)
        XCTAssertEqual(bucketList(merged), bucketList(whole))
    }

    func testDifferentSignificantDigitsThrow() {
        var destination = LatencyHistogram.make()
        var other = Histogram<UInt64>(lowestDiscernibleValue: 1, highestTrackableValue: 60_000_000, numberOfSignificantValueDigits: .two)
        other.record(100)
        XCTAssertThrowsError(try destination.merge(other)) { error in
            XCTAssertEqual(error as? HistogramMergeError, .significantDigitsDiffer(destination: 3, other: 2))
        }
        XCTAssertEqual(destination.totalCount, 0, "nothing was added")
    }

    func testDifferentLowestDiscernibleValueThrows() {
        let destination = LatencyHistogram.make()
        let nanoseconds = Histogram<UInt64>(lowestDiscernibleValue: 1000, highestTrackableValue: 60_000_000_000, numberOfSignificantValueDigits: .three)
        XCTAssertThrowsError(try destination.merging(nanoseconds)) { error in
            XCTAssertEqual(error as? HistogramMergeError, .lowestDiscernibleValueDiffers(destination: 1, other: 1000))
            XCTAssertTrue("\(error)".contains("same histogram settings"), "\(error)")
        }
    }

    func testAValueBeyondTheDestinationsRangeThrowsUnlessItAutoResizes() throws {
        var small = Histogram<UInt64>(lowestDiscernibleValue: 1, highestTrackableValue: 10_000, numberOfSignificantValueDigits: .three)
        var other = LatencyHistogram.make()
        other.record(50_000_000)
        XCTAssertThrowsError(try small.merge(other)) { error in
            XCTAssertEqual(error as? HistogramMergeError, .valueOutOfRange(otherMax: 50_000_000, destinationHighestTrackable: 10_000))
        }

        small.autoResize = true
        try small.merge(other)
        XCTAssertEqual(small.totalCount, 1)
        XCTAssertEqual(small.max, other.max)
    }

    func testDifferentHighestTrackableIsFineWhenTheValuesFit() throws {
        var hour = Histogram<UInt64>(lowestDiscernibleValue: 1, highestTrackableValue: 3_600_000_000, numberOfSignificantValueDigits: .three)
        var latencies = LatencyHistogram.make()
        latencies.record(1234)
        try hour.merge(latencies)
        XCTAssertEqual(hour.countForValue(1234), 1)

        var small = Histogram<UInt64>(lowestDiscernibleValue: 1, highestTrackableValue: 10_000, numberOfSignificantValueDigits: .three)
        try small.merge(latencies)
        XCTAssertEqual(small.countForValue(1234), 1)
    }

    func testCountsThatWouldOverflowTheTotalThrow() {
        var destination = LatencyHistogram.make()
        destination.record(1, count: 1 << 63)
        XCTAssertThrowsError(try destination.merge(destination)) { error in
            XCTAssertEqual(error as? HistogramMergeError, .totalCountOverflow)
        }
        // Each alone can be iterated (2^61 × 7 < 2^64), together they could not.
        var other = LatencyHistogram.make()
        other.record(7, count: 1 << 61)
        XCTAssertThrowsError(try other.merging(other)) { error in
            XCTAssertEqual(error as? HistogramMergeError, .valueSumOverflow)
        }
    }
}
