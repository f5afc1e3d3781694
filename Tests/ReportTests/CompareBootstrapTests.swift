// The block bootstrap as examples: block lengths, replicates that reproduce the run's own
// figures when the run is steady, percentiles found by binary search, and seeded draws.
import Histogram
import Quantities
import XCTest

@testable import Report

final class CompareBootstrapTests: XCTestCase {
    /// `seconds` seconds, each with `requests` latencies of `microseconds` and `errors` errors.
    private func steadySeries(seconds: Int, requests: Int, microseconds: UInt64, errors: Int = 0) -> OperationSeconds {
        let bucket = CoarseLatencyScale.bucket(ofMicroseconds: microseconds)
        return OperationSeconds(
            requests: Array(repeating: requests, count: seconds), errors: Array(repeating: errors, count: seconds),
            latencies: Array(repeating: [(bucket, UInt32(requests))], count: seconds),
            exactCounts: [microseconds: UInt64(seconds * requests)])
    }

    private func grid(_ series: OperationSeconds...) -> [Int] {
        Set(series.flatMap { $0.latencies.flatMap { $0.map(\.bucket) } }).sorted()
    }

    func testBlocksGrowWithHowLongTheSecondsStayAlike() {
        var random = SeededRandom(seed: 7)
        let independent = (0 ..< 120).map { _ in CompareFixture.normal(&random) }
        var level = 0.0
        let persistent = (0 ..< 120).map { _ -> Double in
            level = 0.9 * level + CompareFixture.normal(&random)
            return level
        }
        XCTAssertEqual(BlockLengthSelection.blockLength(for: [independent]), 3, "no correlation: the floor")
        XCTAssertGreaterThan(BlockLengthSelection.blockLength(for: [persistent]), 6, "slow stretches: longer blocks")
        XCTAssertEqual(BlockLengthSelection.blockLength(for: [independent, persistent]),
                       BlockLengthSelection.blockLength(for: [persistent]), "the most persistent series decides")
        XCTAssertLessThanOrEqual(BlockLengthSelection.blockLength(for: [Array(persistent.prefix(15))]), 5, "at most a third of the run")
        XCTAssertEqual(BlockLengthSelection.blockLength(for: [[1, 2]]), 2, "never longer than the run")
        // Every lag significant, up to the last one checked (a 5-minute run repeating one pattern).
        let repeating = (0 ..< 300).map { Double([3, 1, 4, 1, 5][$0 % 5]) }
        XCTAssertTrue((3 ... 100).contains(BlockLengthSelection.blockLength(for: [repeating])), "between the floor and the cap")
    }

    func testASteadyRunReplicatesItsOwnFiguresEveryTime() {
        let series = steadySeries(seconds: 20, requests: 50, microseconds: 20_000, errors: 1)
        let bootstrap = BlockBootstrap(series, buckets: grid(series), blockLength: 3)
        var random = SeededRandom(seed: 1)
        let replicates = bootstrap.replicates(200, using: &random)

        XCTAssertEqual(replicates.count, 200)
        XCTAssertEqual(bootstrap.blockLength, 3)
        XCTAssertEqual(bootstrap.blocksPerReplicate, 7, "20 / 3 rounded: about as many seconds as the run")
        for figures in replicates {
            XCTAssertEqual(figures.p50, 20_000, accuracy: 20_000 * 0.01, "within the 1% bucket")
            XCTAssertEqual(figures.requestsPerSecond, 50)
            XCTAssertEqual(figures.errorRate, 0.02, accuracy: 1e-12)
        }
    }

    func testPercentilesOfAReplicateCountEveryBlockDrawn() {
        // Seconds alternate between 10 ms and 100 ms; a replicate of the blocks that start at
        // second 0 and second 1 holds 3 + 3 seconds: 10 ms, 100 ms, 10 ms, then 100, 10, 100.
        var series = steadySeries(seconds: 12, requests: 10, microseconds: 10_000)
        let slow = CoarseLatencyScale.bucket(ofMicroseconds: 100_000)
        for second in stride(from: 1, to: 12, by: 2) { series.latencies[second] = [(slow, 10)] }
        let bootstrap = BlockBootstrap(series, buckets: grid(series), blockLength: 3)

        let figures = bootstrap.figures(ofBlocks: [0, 1])
        XCTAssertEqual(figures.p50, 10_000, accuracy: 100, "30 of 60 latencies are 10 ms: the median is the 30th")
        XCTAssertEqual(figures.p90, 100_000, accuracy: 1_000)
        XCTAssertEqual(bootstrap.figures(ofBlocks: [1, 3]).p50, 100_000, accuracy: 1_000, "blocks 1 and 3 hold four slow seconds of six")
    }

    func testBlocksWrapAroundTheEndOfTheRun() {
        // Circular: the block starting at the last second also holds the first two.
        var series = steadySeries(seconds: 9, requests: 10, microseconds: 10_000)
        series.requests[8] = 40
        let bootstrap = BlockBootstrap(series, buckets: grid(series), blockLength: 3)
        XCTAssertEqual(bootstrap.figures(ofBlocks: [8]).requestsPerSecond, 20, "(40 + 10 + 10) / 3")
    }

    func testTheSameSeedDrawsTheSameReplicates() {
        var series = steadySeries(seconds: 30, requests: 20, microseconds: 15_000)
        for second in 0 ..< 30 { series.requests[second] = 10 + (second * 7) % 13 }
        let bootstrap = BlockBootstrap(series, buckets: grid(series), blockLength: 3)
        var first = SeededRandom(seed: 42)
        var second = SeededRandom(seed: 42)
        var other = SeededRandom(seed: 43)
        let replicates = bootstrap.replicates(50, using: &first)
        XCTAssertEqual(replicates, bootstrap.replicates(50, using: &second))
        XCTAssertNotEqual(replicates.map(\.requestsPerSecond), bootstrap.replicates(50, using: &other).map(\.requestsPerSecond))
    }

    func testTheRankOfAPercentileIsHdrHistogramsRank() {
        XCTAssertEqual(PercentileRank.rank(99, of: 100), 99, "the 99th of 100, not the 100th by rounding")
        XCTAssertEqual(PercentileRank.rank(50, of: 3), 2)
        XCTAssertEqual(PercentileRank.rank(50, of: 1), 1)
        var histogram = LatencyHistogram.make()
        for value in 1 ... 1000 { histogram.record(microseconds: UInt64(value * 37)) }
        var series = OperationSeconds(requests: [1000], errors: [0], latencies: [[]], exactCounts: [:])
        for bucket in histogram.recordedValues() { series.exactCounts[bucket.value, default: 0] += bucket.count }
        for percentile in [50.0, 90, 99] {
            XCTAssertEqual(series.exactLatency(atPercentile: percentile), Double(histogram.valueAtPercentile(percentile)))
        }
    }

    func testCoarseBucketsAreOnePercentWide() {
        let bucket = CoarseLatencyScale.bucket(ofMicroseconds: 20_000)
        XCTAssertEqual(CoarseLatencyScale.microseconds(ofBucket: bucket), 20_000, accuracy: 20_000 * 0.005)
        XCTAssertEqual(CoarseLatencyScale.bucket(ofMicroseconds: 20_400), bucket + 2)
    }
}
