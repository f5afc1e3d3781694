// Windows are read and resampled through `recordedBuckets`, which walks an encoding without
// building a Histogram: it must list exactly what the decoded histogram's recordedValues do.
import Histogram
import XCTest

@testable import Report

final class HistogramRecordedBucketsTests: XCTestCase {
    private func assertSameAsDecoding(_ histogram: Histogram<UInt64>, file: StaticString = #filePath, line: UInt = #line) throws {
        let text = try HistogramCodec.encode(histogram)
        let decoded = try HistogramCodec.decode(text)
        let expected = decoded.recordedValues().filter { $0.count > 0 }.map { [$0.value, $0.count] }
        let buckets = try HistogramCodec.recordedBuckets(text)
        XCTAssertEqual(buckets.values.map { [$0.value, $0.count] }, expected, file: file, line: line)
        XCTAssertEqual(buckets.hasLatencySettings, LatencyHistogram.hasLatencySettings(decoded), file: file, line: line)
    }

    func testTheBucketsAreTheDecodedHistogramsRecordedValues() throws {
        var random = SystemRandomNumberGenerator()
        var latencies = LatencyHistogram.make()
        for _ in 0..<5_000 { latencies.record(UInt64.random(in: 1...60_000_000, using: &random)) }
        try assertSameAsDecoding(latencies)

        var typical = LatencyHistogram.make()
        for value in stride(from: UInt64(200), through: 40_000, by: 37) { typical.record(value, count: value % 5 + 1) }
        try assertSameAsDecoding(typical)

        var single = LatencyHistogram.make()
        single.record(60_000_000)
        try assertSameAsDecoding(single)

        try assertSameAsDecoding(LatencyHistogram.make())
    }

    func testOtherSettingsAreReadAndNamed() throws {
        var seconds = Histogram<UInt64>(lowestDiscernibleValue: 1, highestTrackableValue: 3_600, numberOfSignificantValueDigits: .two)
        seconds.record(42)
        try assertSameAsDecoding(seconds)
        let buckets = try HistogramCodec.recordedBuckets(try HistogramCodec.encode(seconds))
        XCTAssertEqual([buckets.lowestDiscernibleValue, buckets.highestTrackableValue, UInt64(buckets.significantDigits)], [1, 3_600, 2])
        XCTAssertFalse(buckets.hasLatencySettings)
    }
}
