// Our encoding against the reference implementations, both ways: we decode what Java and
// Python wrote (fixtures from scripts/hdr), and Python's hdrh decodes what we write.
//
// Totals are multiples of 1000 throughout: Python rounds the count at a percentile half-up,
// Java and Swift round it up, and the two agree exactly when p × total / 100 is whole.
import Foundation
import Histogram
import XCTest

@testable import Report

final class HistogramCodecInteropTests: XCTestCase {
    // MARK: Decoding theirs

    func testDecodesPythonEncodings() throws {
        let fixtures = try HistogramFixture.all(prefix: "python-")
        XCTAssertGreaterThanOrEqual(fixtures.count, 9, "run scripts/hdr/make-fixtures.py")
        for fixture in fixtures { try assertDecodes(fixture) }
    }

    func testDecodesJavaEncodings() throws {
        let fixtures = try HistogramFixture.all(prefix: "java-")
        XCTAssertGreaterThanOrEqual(fixtures.count, 5, "run scripts/hdr/MakeJavaFixtures.java")
        for fixture in fixtures { try assertDecodes(fixture) }
    }

    /// Decodes a fixture and checks every number its generator read back from it.
    private func assertDecodes(_ fixture: HistogramFixture) throws {
        let name = "\(fixture.name) (\(fixture.source))"
        let decoded = try HistogramCodec.decode(fixture.encoded)

        XCTAssertEqual(decoded.lowestDiscernibleValue, fixture.lowestDiscernibleValue, name)
        XCTAssertEqual(decoded.highestTrackableValue, fixture.highestTrackableValue, name)
        XCTAssertEqual(decoded.numberOfSignificantValueDigits.rawValue, fixture.significantDigits, name)
        XCTAssertEqual(decoded.totalCount, fixture.totalCount, name)
        XCTAssertEqual(decoded.min, fixture.min, "\(name): min")
        XCTAssertEqual(decoded.max, fixture.max, "\(name): max")
        XCTAssertEqual(bucketList(decoded), fixture.buckets, "\(name): buckets")
        for (key, expected) in fixture.percentiles {
            let percentile = try XCTUnwrap(Double(key))
            XCTAssertEqual(decoded.valueAtPercentile(percentile), expected, "\(name): p\(key)")
        }

        // Recording the same values ourselves gives the same histogram.
        var ours = try fixture.emptyHistogram()
        for pair in fixture.recorded { XCTAssertTrue(ours.record(pair[0], count: pair[1]), name) }
        XCTAssertEqual(decoded, ours, name)
    }

    func testPythonWritesALoneEmptyBucketAsMinusOne() throws {
        // Python's encoder is a port of HdrHistogram_c; this fixture is C's zero-run style.
        let fixture = try XCTUnwrap(HistogramFixture.all(prefix: "python-zero-runs").first)
        let entries = try HistogramCodec.payloadEntries(fixture.encoded)
        XCTAssertEqual(Array(entries.prefix(6)), [-1, 200, -1, 200, -1, 200], "buckets 0, 2 and 4 are lone empty buckets")
        XCTAssertFalse(entries.contains(0))
        // An empty Python histogram has no counts at all.
        let empty = try XCTUnwrap(HistogramFixture.all(prefix: "python-empty").first)
        XCTAssertEqual(try HistogramCodec.payloadEntries(empty.encoded), [])
    }

    func testJavaWritesALoneEmptyBucketAsZeroAndSoDoWe() throws {
        let fixture = try XCTUnwrap(HistogramFixture.all(prefix: "java-latency-span").first)
        let javaEntries = try HistogramCodec.payloadEntries(fixture.encoded)
        XCTAssertEqual(Array(javaEntries.prefix(9)), [0, 100, 50, 50, 0, 50, 0, 50, -2], "buckets 0, 4 and 6 are lone empty buckets")

        // Ours, for the same values, writes the very same counts.
        for javaFixture in try HistogramFixture.all(prefix: "java-") {
            var ours = try javaFixture.emptyHistogram()
            for pair in javaFixture.recorded { ours.record(pair[0], count: pair[1]) }
            XCTAssertEqual(
                try HistogramCodec.payloadEntries(HistogramCodec.encode(ours)), try HistogramCodec.payloadEntries(javaFixture.encoded),
                javaFixture.name)
        }
    }

    // MARK: Them decoding ours

    /// What Python's hdrh reads from one of our encodings.
    private struct PythonReading: Decodable {
        var totalCount: UInt64
        var min: UInt64
        var max: UInt64
        var lowest: UInt64
        var highest: UInt64
        var digits: Int8
        var percentiles: [String: UInt64]
        var buckets: [[UInt64]]
    }

    private static let pythonDecoder = """
        import json, sys
        from hdrh.histogram import HdrHistogram
        out = []
        for text in json.load(sys.stdin):
            h = HdrHistogram.decode(text)
            total = h.get_total_count()
            out.append({
                "totalCount": total, "min": h.get_min_value() if total else 0, "max": h.get_max_value(),
                "lowest": h.lowest_trackable_value, "highest": h.highest_trackable_value, "digits": h.significant_figures,
                "percentiles": {p: h.get_value_at_percentile(float(p)) for p in ["50", "90", "99", "99.9", "100"]},
                "buckets": [[h.get_value_from_index(i), h.get_count_at_index(i)] for i in range(h.counts_len) if h.get_count_at_index(i)],
            })
        json.dump(out, sys.stdout)
        """

    /// Runs Python's hdrh on `encodings`.
    private func decodeWithPython(_ encodings: [String]) throws -> [PythonReading] {
        try runPythonHdrh(Self.pythonDecoder, on: encodings, as: [PythonReading].self)
    }

    func testPythonDecodesOurEncodings() throws {
        var histograms: [Histogram<UInt64>] = []
        histograms.append(LatencyHistogram.make())
        histograms.append(typicalLatencies(count: 100_000))

        var span = LatencyHistogram.make()
        for (n, value) in [0, 1, 2, 4, 6, 999, 2048, 2049, 123_456, 1_000_000, 59_999_999, 60_000_000].enumerated() {
            span.record(UInt64(value), count: UInt64(n == 0 ? 450 : 50))
        }
        histograms.append(span)

        var large = LatencyHistogram.make()
        large.record(1500, count: 5_000_000_000)
        large.record(20_000, count: 3_000_000_000)
        large.record(45_000_000, count: 2_000_000_000)
        histograms.append(large)

        var runs = LatencyHistogram.make()
        for (value, count): (UInt64, UInt64) in [(1, 200), (3, 200), (5, 200), (7, 200), (9, 100), (59_000_000, 100)] {
            runs.record(value, count: count)
        }
        histograms.append(runs)

        var nanoseconds = Histogram<UInt64>(lowestDiscernibleValue: 1000, highestTrackableValue: 60_000_000_000, numberOfSignificantValueDigits: .three)
        var hour = Histogram<UInt64>(lowestDiscernibleValue: 1, highestTrackableValue: 3_600_000_000, numberOfSignificantValueDigits: .two)
        var random = TestRandom(seed: 9)
        for _ in 0 ..< 3000 {
            let latency = random.latency(medianMicroseconds: 5000, sigma: 1.5)
            nanoseconds.record(latency * 1000)
            hour.record(latency)
        }
        histograms += [nanoseconds, hour]

        let readings = try decodeWithPython(histograms.map { try HistogramCodec.encode($0) })
        XCTAssertEqual(readings.count, histograms.count)
        for (n, (ours, theirs)) in zip(histograms, readings).enumerated() {
            let name = "histogram \(n)"
            XCTAssertEqual(theirs.lowest, ours.lowestDiscernibleValue, name)
            XCTAssertEqual(theirs.highest, ours.highestTrackableValue, name)
            XCTAssertEqual(theirs.digits, ours.numberOfSignificantValueDigits.rawValue, name)
            XCTAssertEqual(theirs.totalCount, ours.totalCount, name)
            XCTAssertEqual(theirs.max, ours.max, "\(name): max")
            XCTAssertEqual(theirs.min, ours.totalCount == 0 ? 0 : ours.lowestEquivalentForValue(ours.min), "\(name): min")
            XCTAssertEqual(theirs.buckets, bucketList(ours), "\(name): buckets")
            for percentile in reportPercentiles {
                // Python reports the highest value of the percentile's bucket; Swift clamps to the
                // exact recorded maximum. The same bucket either way.
                let expected = ours.highestEquivalentForValue(ours.valueAtPercentile(percentile))
                XCTAssertEqual(theirs.percentiles[percentileKey(percentile)], expected, "\(name): p\(percentile)")
            }
        }
    }

    private func percentileKey(_ percentile: Double) -> String {
        percentile == percentile.rounded() ? String(Int(percentile)) : String(percentile)
    }
}
