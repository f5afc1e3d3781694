// The circular block bootstrap over one operation's seconds of one run: how much its p50,
// p90, p99, req/s and error rate would vary between runs, estimated from the run itself.
// Seconds are resampled in blocks of consecutive seconds because neighbouring seconds are
// alike (a slow stretch lasts several seconds); resampling single seconds would treat them
// as independent and make every interval too narrow.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

import Quantities

/// The figures of one bootstrap replicate (or of the run itself).
struct ReplicateFigures: Sendable, Equatable {
    /// p50, p90 and p99 in µs (nan when the replicate holds no latencies).
    var p50: Double
    var p90: Double
    var p99: Double
    /// Requests per second.
    var requestsPerSecond: Double
    /// Errors over requests (nan without requests).
    var errorRate: Double

    /// The figure of `metric`.
    func value(of metric: CompareMetric) -> Double {
        switch metric {
        case .p50: return p50
        case .p90: return p90
        case .p99: return p99
        case .requestsPerSecond: return requestsPerSecond
        case .errorRate: return errorRate
        }
    }
}

/// Resamples one operation's seconds in circular blocks.
///
/// Every block start is precomputed as one block (its seconds summed): per block, the
/// cumulative latency counts over the operation's coarse buckets, its requests and its errors.
/// A replicate is then `blocksPerReplicate` random block starts; each percentile is a binary
/// search over the buckets of the summed cumulative counts, so a replicate costs
/// blocks × log2(buckets) additions, whatever the number of requests.
struct BlockBootstrap: Sendable {
    /// Seconds per block.
    let blockLength: Int
    /// Blocks drawn per replicate: about as many seconds as the run has.
    let blocksPerReplicate: Int
    /// The coarse buckets the cumulative counts run over, ascending.
    private let buckets: [Int]
    /// Per block start, the cumulative latency counts over `buckets` (block-major, flattened).
    private let cumulative: [UInt32]
    private let blockRequests: [Int]
    private let blockErrors: [Int]
    private let blockCount: Int

    /// The block length for `series`: from the autocorrelation of its per-second log
    /// latency and request counts (``BlockLengthSelection``).
    static func blockLength(for series: OperationSeconds) -> Int {
        BlockLengthSelection.blockLength(for: [series.meanLogLatencyPerSecond, series.requests.map(Double.init)])
    }

    /// Prepares the blocks of `series`, `blockLength` seconds each, with cumulative counts
    /// over `buckets` (which must hold every bucket the series uses, ascending).
    init(_ series: OperationSeconds, buckets: [Int], blockLength requested: Int) {
        let seconds = series.count
        let length = max(1, min(requested, seconds))
        blockLength = length
        blocksPerReplicate = max(1, Int((Double(seconds) / Double(length)).rounded()))
        self.buckets = buckets
        blockCount = seconds
        let width = buckets.count
        let position = Dictionary(uniqueKeysWithValues: buckets.enumerated().map { ($0.element, $0.offset) })

        // Each second's own counts, dense; then each block as the sum of its seconds.
        var perSecond = [UInt32](repeating: 0, count: seconds * width)
        for (second, counts) in series.latencies.enumerated() {
            for entry in counts {
                if let column = position[entry.bucket] { perSecond[second * width + column] &+= entry.count }
            }
        }
        var blocks = [UInt32](repeating: 0, count: seconds * width)
        var requests = [Int](repeating: 0, count: seconds)
        var errors = [Int](repeating: 0, count: seconds)
        for start in 0 ..< seconds {
            for offset in 0 ..< length {
                let second = (start + offset) % seconds
                requests[start] += series.requests[second]
                errors[start] += series.errors[second]
                for column in 0 ..< width {
                    blocks[start * width + column] &+= perSecond[second * width + column]
                }
            }
            // Running sums along the buckets: the count at or below each bucket.
            for column in stride(from: 1, to: width, by: 1) {
                blocks[start * width + column] &+= blocks[start * width + column - 1]
            }
        }
        cumulative = blocks
        blockRequests = requests
        blockErrors = errors
    }

    /// `count` replicates drawn with `random`.
    func replicates(_ count: Int, using random: inout SeededRandom) -> [ReplicateFigures] {
        guard blockCount > 0 else { return [] }
        var starts = [Int](repeating: 0, count: blocksPerReplicate)
        var figures: [ReplicateFigures] = []
        figures.reserveCapacity(count)
        for _ in 0 ..< count {
            for index in starts.indices {
                starts[index] = Int(random.next() % UInt64(blockCount))
            }
            figures.append(self.figures(ofBlocks: starts))
        }
        return figures
    }

    /// The figures of the blocks starting at `starts`, summed.
    func figures(ofBlocks starts: [Int]) -> ReplicateFigures {
        let width = buckets.count
        var requests = 0
        var errors = 0
        var latencies: UInt64 = 0
        for start in starts {
            requests += blockRequests[start]
            errors += blockErrors[start]
            if width > 0 { latencies += UInt64(cumulative[start * width + width - 1]) }
        }
        let seconds = Double(starts.count * blockLength)
        return ReplicateFigures(
            p50: latency(atPercentile: 50, of: starts, total: latencies),
            p90: latency(atPercentile: 90, of: starts, total: latencies),
            p99: latency(atPercentile: 99, of: starts, total: latencies),
            requestsPerSecond: Double(requests) / seconds,
            errorRate: requests > 0 ? Double(errors) / Double(requests) : .nan)
    }

    /// The smallest bucket whose summed cumulative count reaches the percentile's rank, as µs.
    private func latency(atPercentile percentile: Double, of starts: [Int], total: UInt64) -> Double {
        guard total > 0 else { return .nan }
        let rank = PercentileRank.rank(percentile, of: total)
        let width = buckets.count
        var low = 0
        var high = width - 1
        while low < high {
            let middle = (low + high) / 2
            var atOrBelow: UInt64 = 0
            for start in starts { atOrBelow += UInt64(cumulative[start * width + middle]) }
            if atOrBelow >= rank { high = middle } else { low = middle + 1 }
        }
        return CoarseLatencyScale.microseconds(ofBucket: buckets[low])
    }
}
