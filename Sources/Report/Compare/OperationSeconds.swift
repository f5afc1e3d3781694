// One operation's whole seconds of one run, as `compare` resamples them: per-second request
// and error counts and latencies in coarse buckets, plus the exact latency counts of all the
// chosen seconds together for the figures the table shows.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

import Histogram

/// Latency buckets 1% wide on a log scale: fine enough for thresholds of several percent,
/// coarse enough that a second of any operation fits in a few hundred counts.
enum CoarseLatencyScale {
    /// Each bucket's upper edge over its lower one.
    static let ratio = 1.01
    private static let logRatio = log(ratio)

    /// The bucket a latency in µs falls in (values below 1 µs count as 1 µs).
    static func bucket(ofMicroseconds value: UInt64) -> Int {
        Int((log(Double(max(value, 1))) / logRatio).rounded(.down))
    }

    /// The value a bucket stands for: its geometric middle, in µs.
    static func microseconds(ofBucket bucket: Int) -> Double {
        exp((Double(bucket) + 0.5) * logRatio)
    }
}

/// The seconds of a run that `compare` uses, and one operation's share of each.
struct OperationSeconds: Sendable {
    /// Requests of the operation completed in each chosen second, in order.
    var requests: [Int]
    /// Of those, errors.
    var errors: [Int]
    /// Latency counts of each second, by coarse bucket (sparse, buckets ascending).
    var latencies: [[(bucket: Int, count: UInt32)]]
    /// The exact latencies (HdrHistogram's highest equivalent values, µs) of all chosen seconds.
    var exactCounts: [UInt64: UInt64]

    /// How many seconds.
    var count: Int { requests.count }
    /// Requests over all chosen seconds.
    var totalRequests: Int { requests.reduce(0, +) }
    /// Errors over all chosen seconds.
    var totalErrors: Int { errors.reduce(0, +) }
    /// Latencies recorded over all chosen seconds.
    var totalLatencies: UInt64 { exactCounts.values.reduce(0, +) }

    /// The whole seconds of `result` that a comparison uses: those entirely inside the planned
    /// schedule, less the first (connection set-up and pools warming). The partial first and
    /// last seconds hold fewer requests than the rest only because they are partial, and the
    /// graceful-stop tail only the stragglers, so resampling them would add spread no run has.
    static func chosenSeconds(of result: LoadResult) -> ClosedRange<Int64>? {
        let run = result.run
        let length = run.plannedDurationSeconds > 0 ? run.plannedDurationSeconds : run.durationSeconds
        let firstWhole = Int64(run.startedEpochSeconds.rounded(.up))
        let lastWhole = Int64((run.startedEpochSeconds + length).rounded(.down)) - 1
        let first = firstWhole + 1
        return first <= lastWhole ? first ... lastWhole : nil
    }

    /// Each operation's seconds over `range`; a second with no window, or no share of an
    /// operation, counts as a second in which it completed nothing.
    static func byOperation(
        of result: LoadResult, over range: ClosedRange<Int64>?, file: String
    ) throws(CompareError) -> [String: OperationSeconds] {
        let names = Set(result.operations.keys).union(result.windows.flatMap(\.operations.keys))
        guard let range else {
            return Dictionary(uniqueKeysWithValues: names.map { ($0, OperationSeconds(requests: [], errors: [], latencies: [], exactCounts: [:])) })
        }
        let windows = Dictionary(result.windows.map { ($0.second, $0) }, uniquingKeysWith: { first, _ in first })
        var series: [String: OperationSeconds] = [:]
        for name in names {
            series[name] = OperationSeconds(requests: [], errors: [], latencies: [], exactCounts: [:])
        }
        for second in range {
            let shares = windows[second]?.operations ?? [:]
            for name in names {
                guard let share = shares[name] else {
                    series[name]?.appendEmptySecond()
                    continue
                }
                let buckets: RecordedBuckets
                do {
                    buckets = try HistogramCodec.recordedBuckets(share.histogram)
                } catch {
                    throw .unreadableWindow(file: file, second: second, operation: name, error)
                }
                series[name]?.append(requests: share.requests, errors: share.errors, latencies: buckets)
            }
        }
        return series
    }

    private mutating func appendEmptySecond() {
        requests.append(0)
        errors.append(0)
        latencies.append([])
    }

    private mutating func append(requests: Int, errors: Int, latencies buckets: RecordedBuckets) {
        self.requests.append(requests)
        self.errors.append(errors)
        var coarse: [(bucket: Int, count: UInt32)] = []
        for bucket in buckets.values {
            exactCounts[bucket.value, default: 0] += bucket.count
            let index = CoarseLatencyScale.bucket(ofMicroseconds: bucket.value)
            let count = UInt32(clamping: bucket.count)
            // recordedValues ascends, so equal coarse buckets are adjacent.
            if let last = coarse.last, last.bucket == index {
                coarse[coarse.count - 1].count = last.count &+ count
            } else {
                coarse.append((index, count))
            }
        }
        latencies.append(coarse)
    }

    /// Each second's mean coarse bucket (a mean of log latency); a second without latencies
    /// takes the run's mean, so that it adds no correlation of its own.
    var meanLogLatencyPerSecond: [Double] {
        var means: [Double?] = []
        for second in latencies {
            let count = second.reduce(0) { $0 + Double($1.count) }
            means.append(count > 0 ? second.reduce(0) { $0 + Double($1.bucket) * Double($1.count) } / count : nil)
        }
        let known = means.compactMap { $0 }
        let overall = known.isEmpty ? 0 : known.reduce(0, +) / Double(known.count)
        return means.map { $0 ?? overall }
    }

    /// The latency at `percentile` (0...100) over all chosen seconds, in µs, by HdrHistogram's
    /// rule (the smallest recorded value with at least that share at or below it); nil without
    /// latencies.
    func exactLatency(atPercentile percentile: Double) -> Double? {
        let total = totalLatencies
        guard total > 0 else { return nil }
        let rank = PercentileRank.rank(percentile, of: total)
        var seen: UInt64 = 0
        for value in exactCounts.keys.sorted() {
            seen += exactCounts[value] ?? 0
            if seen >= rank { return Double(value) }
        }
        return nil
    }
}

/// HdrHistogram's rank of a percentile: the count that must lie at or below the value.
enum PercentileRank {
    /// `max(1, ⌈p/100 × total⌉)`, with p nudged down one ulp as `valueAtPercentile` does, so
    /// that p99 of 100 values is the 99th and not, through rounding, the 100th.
    static func rank(_ percentile: Double, of total: UInt64) -> UInt64 {
        let nudged = min(max(percentile.nextDown, 0), 100)
        return max(1, UInt64((nudged * Double(total) / 100).rounded(.up)))
    }
}
