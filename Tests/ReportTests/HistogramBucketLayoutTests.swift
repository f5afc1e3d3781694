// BucketLayout recomputes where hdrhistogram-swift keeps each value (its own functions are
// internal). These tests hold it to the library's public behaviour for several settings.
import Histogram
import XCTest

@testable import Report

final class HistogramBucketLayoutTests: XCTestCase {
    /// (lowest, highest, digits) pairs covering the latency setting, coarse and fine precision,
    /// a lowest above 1 and the smallest histogram there is.
    private let settings: [(UInt64, UInt64, SignificantDigits)] = [
        (1, 60_000_000, .three), (1, 3_600_000_000, .two), (1000, 60_000_000_000, .three),
        (1, 10_000_000, .five), (1, 2, .zero), (3, 1000, .one), (1, UInt64(Int64.max), .three),
    ]

    func testEveryIndexHoldsAContiguousRangeOfValues() throws {
        for (lowest, highest, digits) in settings {
            let layout = try BucketLayout(
                lowestDiscernibleValue: lowest, highestTrackableValue: highest, significantDigits: Int(digits.rawValue))
            // One assertion per setting: 5 digits have a million indexes.
            let firstBadIndex = (0 ..< layout.countsLength).first { index in
                layout.countsIndex(for: layout.lowestValue(at: index)) != index
                    || layout.countsIndex(for: layout.highestValue(at: index)) != index
                    || (index + 1 < layout.countsLength && layout.lowestValue(at: index + 1) != layout.highestValue(at: index) + 1)
            }
            XCTAssertNil(firstBadIndex, "settings \(lowest)…\(highest), \(digits)")
        }
    }

    func testValueRangesMatchTheLibrarysEquivalentRanges() throws {
        var random = TestRandom(seed: 1)
        for (lowest, highest, digits) in settings {
            let histogram = Histogram<UInt64>(lowestDiscernibleValue: lowest, highestTrackableValue: highest, numberOfSignificantValueDigits: digits)
            let layout = BucketLayout(of: histogram)
            let edges: [UInt64] = [0, 1, lowest, 2047, 2048, 2049, 4095, 4096, highest - 1, highest]
            let randomValues = (0 ..< 2000).map { _ in UInt64.random(in: 0 ... highest, using: &random) }
            for value in edges + randomValues {
                let index = layout.countsIndex(for: value)
                XCTAssertEqual(layout.lowestValue(at: index), histogram.lowestEquivalentForValue(value), "lowest for \(value)")
                XCTAssertEqual(layout.highestValue(at: index), histogram.highestEquivalentForValue(value), "highest for \(value)")
            }
        }
    }

    func testRecordedValuesNameEachBucketByItsHighestValue() throws {
        // The codec rebuilds the counts from recordedValues(): each step is one bucket, its
        // `value` the bucket's highest value and its `count` the bucket's count.
        var histogram = LatencyHistogram.make()
        let layout = BucketLayout(of: histogram)
        let values: [UInt64] = [0, 1, 2047, 2048, 2050, 123_456, 59_999_999]  // one per bucket (2048 and 2049 share one)
        for (n, value) in values.enumerated() { histogram.record(value, count: UInt64(n + 1)) }

        let steps = Array(histogram.recordedValues())
        XCTAssertEqual(steps.map(\.value), values.map { layout.highestValue(at: layout.countsIndex(for: $0)) })
        XCTAssertEqual(steps.map(\.count), (1 ... UInt64(values.count)).map { $0 })
    }

    func testCountsLengthIsWhereTheLibraryStopsRecording() throws {
        for (lowest, highest, digits) in settings where highest < UInt64(Int64.max) {
            var histogram = Histogram<UInt64>(lowestDiscernibleValue: lowest, highestTrackableValue: highest, numberOfSignificantValueDigits: digits)
            let layout = BucketLayout(of: histogram)
            XCTAssertTrue(histogram.record(layout.highestValue(at: layout.countsLength - 1)), "last bucket of \(lowest)…\(highest)")
            XCTAssertFalse(histogram.record(layout.lowestValue(at: layout.countsLength)), "first value past \(lowest)…\(highest)")
        }
    }

    func testTheLatencySettingHas17408Buckets() throws {
        // 16 buckets of 1024 sub-buckets, plus bucket 0's lower half: 139 KB of UInt64 counts.
        XCTAssertEqual(BucketLayout(of: LatencyHistogram.make()).countsLength, 17_408)
    }

    func testSettingsHistogramWouldTrapOnAreRejected() {
        XCTAssertThrowsError(try BucketLayout(lowestDiscernibleValue: 0, highestTrackableValue: 10, significantDigits: 3))
        XCTAssertThrowsError(try BucketLayout(lowestDiscernibleValue: 10, highestTrackableValue: 19, significantDigits: 3))
        XCTAssertThrowsError(try BucketLayout(lowestDiscernibleValue: 1, highestTrackableValue: 10, significantDigits: 6))
        XCTAssertThrowsError(try BucketLayout(lowestDiscernibleValue: 1 << 50, highestTrackableValue: 1 << 61, significantDigits: 5))
    }
}
