// Encoding then decoding gives the same histogram back. The encoding keeps bucket counts, not
// values: a percentile comes back as the highest value of its bucket (what Java and Python
// report too), so that is what the comparisons below expect.
import Histogram
import XCTest

@testable import Report

final class HistogramCodecRoundTripTests: XCTestCase {
    /// Decodes `histogram`'s encoding and checks it against the original, bucket by bucket.
    private func assertRoundTrip(_ histogram: Histogram<UInt64>, file: StaticString = #filePath, line: UInt = #line) throws {
        let text = try HistogramCodec.encode(histogram)
        XCTAssertTrue(text.hasPrefix("HISTFAAA"), text, file: file, line: line)
        let decoded = try HistogramCodec.decode(text)

        XCTAssertEqual(decoded, histogram, "same settings, counts, min and max", file: file, line: line)
        XCTAssertEqual(decoded.lowestDiscernibleValue, histogram.lowestDiscernibleValue, file: file, line: line)
        XCTAssertEqual(decoded.highestTrackableValue, histogram.highestTrackableValue, file: file, line: line)
        XCTAssertEqual(decoded.numberOfSignificantValueDigits, histogram.numberOfSignificantValueDigits, file: file, line: line)
        XCTAssertEqual(decoded.totalCount, histogram.totalCount, file: file, line: line)
        XCTAssertEqual(bucketList(decoded), bucketList(histogram), file: file, line: line)
        for bucket in histogram.recordedValues() {
            XCTAssertEqual(decoded.countForValue(bucket.value), bucket.count, "count at \(bucket.value)", file: file, line: line)
        }
        for percentile in reportPercentiles + [0, 0.1, 25, 99.99] {
            let original = histogram.valueAtPercentile(percentile)
            let expected = percentile == 0 ? histogram.lowestEquivalentForValue(original) : histogram.highestEquivalentForValue(original)
            XCTAssertEqual(decoded.valueAtPercentile(percentile), expected, "p\(percentile)", file: file, line: line)
        }
        XCTAssertEqual(try HistogramCodec.encode(decoded), text, "re-encoding the decoded histogram gives the same text", file: file, line: line)
    }

    func testEmptyHistogram() throws {
        let empty = LatencyHistogram.make()
        try assertRoundTrip(empty)
        // Java writes one count, 0, for an empty histogram; so do we.
        XCTAssertEqual(try HistogramCodec.payloadEntries(HistogramCodec.encode(empty)), [0])
    }

    func testOneValue() throws {
        var histogram = LatencyHistogram.make()
        histogram.record(1234)
        try assertRoundTrip(histogram)
        // Buckets 0…1233 empty (one run), then the count.
        XCTAssertEqual(try HistogramCodec.payloadEntries(HistogramCodec.encode(histogram)), [-1234, 1])
    }

    func testValuesFromOneMicrosecondToSixtySeconds() throws {
        var histogram = LatencyHistogram.make()
        var value: UInt64 = 1
        while value <= 60_000_000 {
            histogram.record(value, count: value % 7 + 1)
            value = value * 3 / 2 + 1
        }
        histogram.record(0)
        histogram.record(60_000_000, count: 3)
        try assertRoundTrip(histogram)
    }

    func testCountsAboveTwoToThe32() throws {
        var histogram = LatencyHistogram.make()
        histogram.record(1500, count: 5_000_000_000)
        histogram.record(20_000, count: 1 << 40)
        histogram.record(750_000, count: 3_000_000_000_000)
        try assertRoundTrip(histogram)
    }

    func testLongRunsOfEmptyBucketsAndLoneEmptyBuckets() throws {
        var histogram = LatencyHistogram.make()
        for value: UInt64 in [1, 3, 5, 7, 9, 59_000_000] { histogram.record(value) }
        try assertRoundTrip(histogram)
        let entries = try HistogramCodec.payloadEntries(HistogramCodec.encode(histogram))
        // Bucket 0 empty, 1 counted, 2 empty alone (Java's 0, not −1)…, then one long run.
        XCTAssertEqual(Array(entries.prefix(10)), [0, 1, 0, 1, 0, 1, 0, 1, 0, 1])
        XCTAssertEqual(entries.count, 12)
        XCTAssertLessThan(entries[10], -10_000)
    }

    func testTypicalLatencies() throws {
        try assertRoundTrip(typicalLatencies(count: 100_000))
    }

    func testOtherSettings() throws {
        var nanoseconds = Histogram<UInt64>(lowestDiscernibleValue: 1000, highestTrackableValue: 60_000_000_000, numberOfSignificantValueDigits: .three)
        var coarse = Histogram<UInt64>(lowestDiscernibleValue: 1, highestTrackableValue: 3_600_000_000, numberOfSignificantValueDigits: .zero)
        var fine = Histogram<UInt64>(lowestDiscernibleValue: 1, highestTrackableValue: 10_000_000, numberOfSignificantValueDigits: .five)
        var random = TestRandom(seed: 3)
        for _ in 0 ..< 5000 {
            let latency = random.latency(medianMicroseconds: 20_000, sigma: 1.2)
            nanoseconds.record(latency * 1000)
            coarse.record(latency)
            fine.record(min(latency, 10_000_000))
        }
        try assertRoundTrip(nanoseconds)
        try assertRoundTrip(coarse)
        try assertRoundTrip(fine)
    }

    func testAutoResizingHistogramKeepsItsGrownRange() throws {
        var histogram = Histogram<UInt64>(numberOfSignificantValueDigits: .three)
        histogram.record(7)
        histogram.record(1_000_000_000_000)
        XCTAssertGreaterThan(histogram.highestTrackableValue, 1_000_000_000_000)
        try assertRoundTrip(histogram)
    }

    func testAValueInTheHeadroomAboveHighestTrackable() throws {
        // Buckets come in powers of two, so 60 s has room above it; record() accepts such values.
        var histogram = LatencyHistogram.make()
        XCTAssertTrue(histogram.record(67_000_000))
        try assertRoundTrip(histogram)
    }

    func testWhatTheFormatCannotHoldIsAnErrorNotATrap() throws {
        var huge = LatencyHistogram.make()
        huge.record(10, count: UInt64(Int64.max) + 1)
        XCTAssertThrowsError(try HistogramCodec.encode(huge)) { error in
            XCTAssertEqual(error as? HistogramCodecError, .countTooLargeToEncode(value: 10, count: UInt64(Int64.max) + 1))
        }
        let unbounded = Histogram<UInt64>(lowestDiscernibleValue: 1, highestTrackableValue: .max, numberOfSignificantValueDigits: .two)
        XCTAssertThrowsError(try HistogramCodec.encode(unbounded)) { error in
            XCTAssertEqual(error as? HistogramCodecError, .settingsNotEncodable(highestTrackableValue: .max))
        }
    }

    func testCountsTimesValuesPastTwoToThe64EncodeButAreRefusedOnDecode() throws {
        // hdrhistogram-swift's iterators add up count × value unchecked: 2^62 × 8 would trap
        // them, so the decoder refuses such a histogram rather than hand out a time bomb.
        var histogram = LatencyHistogram.make()
        histogram.record(8, count: 1 << 62)
        let text = try HistogramCodec.encode(histogram)
        XCTAssertThrowsError(try HistogramCodec.decode(text)) { error in
            XCTAssertEqual(error as? HistogramCodecError, .valueSumOverflow)
        }
    }

    func testWhitespaceAroundTheTextIsIgnored() throws {
        var histogram = LatencyHistogram.make()
        histogram.record(42)
        XCTAssertEqual(try HistogramCodec.decode("  " + HistogramCodec.encode(histogram) + "\n"), histogram)
    }
}
