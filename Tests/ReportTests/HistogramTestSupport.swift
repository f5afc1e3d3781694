// Shared by the Histogram*Tests: a seeded random source, latency-like values, the fixture
// files written by scripts/hdr, and the percentiles every comparison looks at.
import Foundation
import Histogram
import XCTest

/// SplitMix64: a fixed sequence per seed, so a failing random case fails the same way again.
struct TestRandom: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A latency in microseconds, lognormal around `medianMicroseconds` (Box–Muller).
    mutating func latency(medianMicroseconds: Double, sigma: Double) -> UInt64 {
        let u1 = Double.random(in: Double.ulpOfOne ..< 1, using: &self)
        let u2 = Double.random(in: 0 ..< 1, using: &self)
        let normal = (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
        return UInt64(max(1, (medianMicroseconds * exp(sigma * normal)).rounded()))
    }
}

/// The percentiles reports use, and that the fixtures record.
let reportPercentiles: [Double] = [50, 90, 99, 99.9, 100]

/// A histogram with the latency settings holding `count` lognormal latencies around 2 ms.
func typicalLatencies(count: Int, seed: UInt64 = 42) -> Histogram<UInt64> {
    var random = TestRandom(seed: seed)
    var histogram = Histogram<UInt64>(lowestDiscernibleValue: 1, highestTrackableValue: 60_000_000, numberOfSignificantValueDigits: .three)
    for _ in 0 ..< count {
        histogram.record(random.latency(medianMicroseconds: 2000, sigma: 0.6))
    }
    return histogram
}

/// One file of Tests/ReportTests/Fixtures/hdr: an encoding made by Java or Python, and what
/// that implementation read back from it.
struct HistogramFixture: Decodable {
    var name: String
    var note: String
    var source: String
    var lowestDiscernibleValue: UInt64
    var highestTrackableValue: UInt64
    var significantDigits: Int8
    var encoded: String
    var totalCount: UInt64
    var min: UInt64
    var max: UInt64
    /// Keyed "50", "90", "99", "99.9", "100".
    var percentiles: [String: UInt64]
    /// The (value, count) pairs the generator recorded.
    var recorded: [[UInt64]]
    /// The non-empty buckets as (lowest value, count), read back by the generator.
    var buckets: [[UInt64]]

    static var folder: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/hdr")
    }

    /// Every fixture whose file name starts with `prefix` ("python-", "java-").
    static func all(prefix: String) throws -> [HistogramFixture] {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasPrefix(prefix) && $0.hasSuffix(".json") }
            .sorted()
        return try names.map { name in
            try JSONDecoder().decode(HistogramFixture.self, from: Data(contentsOf: folder.appendingPathComponent(name)))
        }
    }

    /// An empty histogram with the fixture's settings.
    func emptyHistogram() throws -> Histogram<UInt64> {
        let digits = try XCTUnwrap(SignificantDigits(rawValue: significantDigits))
        return Histogram(
            lowestDiscernibleValue: lowestDiscernibleValue, highestTrackableValue: highestTrackableValue,
            numberOfSignificantValueDigits: digits)
    }
}

/// The non-empty buckets of a histogram as (lowest value, count) pairs, in value order.
func bucketList(_ histogram: Histogram<UInt64>) -> [[UInt64]] {
    histogram.recordedValues().map { [histogram.lowestEquivalentForValue($0.value), $0.count] }
}
