// Adding results up: threads of one run, and shards of one profile, add field by field.
// Histograms add exactly (HdrHistogram buckets), after their settings are checked.
import Histogram

extension OperationResult {
    /// Adds `other` into this result; throws when their histograms' settings differ (results
    /// from files), leaving this result unchanged.
    public mutating func add(_ other: OperationResult) throws(HistogramMergeError) {
        var latency = self.latency
        var service = self.service
        try latency.merge(other.latency)
        try service.merge(other.service)
        self.latency = latency
        self.service = service
        requests += other.requests
        errors += other.errors
        throttled += other.throttled
        throttledDropped += other.throttledDropped
        budgetDelayed += other.budgetDelayed
        statusCounts.merge(other.statusCounts, uniquingKeysWith: +)
        errorClasses.merge(other.errorClasses, uniquingKeysWith: +)
        timings.add(other.timings)
        bytesIn += other.bytesIn
        bytesOut += other.bytesOut
        checksPassed += other.checksPassed
        checksFailed += other.checksFailed
        violations += other.violations
        validated += other.validated
    }
}

extension TimingTotals {
    /// Adds `other`'s sums into these.
    public mutating func add(_ other: TimingTotals) {
        responses += other.responses
        newConnections += other.newConnections
        connectMicroseconds += other.connectMicroseconds
        tlsMicroseconds += other.tlsMicroseconds
        firstByteMicroseconds += other.firstByteMicroseconds
    }
}

extension IterationCounts {
    /// Adds `other`'s counts into these; peak VUs add too (threads and shards run side by side).
    public mutating func add(_ other: IterationCounts) {
        started += other.started
        completed += other.completed
        failed += other.failed
        interrupted += other.interrupted
        dropped += other.dropped
        throttledDropped += other.throttledDropped
        peakVUs += other.peakVUs
    }
}

extension ValidationCounts {
    /// Adds `other`'s counts into these.
    public mutating func add(_ other: ValidationCounts) {
        sampled += other.sampled
        validated += other.validated
        skipped += other.skipped
        violations += other.violations
    }
}

extension RateLimitCounts {
    /// Adds `other`'s counts into these; the longest wait is the longer of the two.
    public mutating func add(_ other: RateLimitCounts) {
        waits += other.waits
        capped += other.capped
        longestWaitSeconds = max(longestWaitSeconds, other.longestWaitSeconds)
        totalWaitSeconds += other.totalWaitSeconds
        if let others = other.manners {
            // Counts add; the settings are the first part's (every shard runs one command).
            if manners == nil { manners = others } else { manners?.add(others) }
        }
    }
}

extension SecondWindow {
    /// Adds `other` (the same second, from another thread or shard) into this window and
    /// recomputes its percentiles from the added histograms. On a histogram that cannot be
    /// decoded or added, throws and leaves this window unchanged.
    public mutating func add(_ other: SecondWindow) throws(HistogramWindowError) {
        let histogram = try Self.sum(self.histogram, other.histogram, second: second, operation: nil)
        var operations = self.operations
        for (operation, share) in other.operations {
            guard var existing = operations[operation] else {
                operations[operation] = share
                continue
            }
            existing.histogram = try HistogramCodec.encodeForWindow(
                try Self.sum(existing.histogram, share.histogram, second: second, operation: operation), second: second)
            existing.requests += share.requests
            existing.errors += share.errors
            operations[operation] = existing
        }
        self.histogram = try HistogramCodec.encodeForWindow(histogram, second: second)
        self.operations = operations
        p50Milliseconds = histogram.milliseconds(atPercentile: 50)
        p99Milliseconds = histogram.milliseconds(atPercentile: 99)
        requests += other.requests
        errors += other.errors
        throttled += other.throttled
        dropped += other.dropped
        inFlight += other.inFlight
    }

    /// Two encoded histograms added; `operation` names which one failed, nil for the second's own.
    private static func sum(_ first: String, _ second: String, second epochSecond: Int64, operation: String?)
        throws(HistogramWindowError) -> Histogram<UInt64>
    {
        let prefix = operation.map { "\($0): " } ?? ""
        do {
            var histogram = try HistogramCodec.decode(first)
            try histogram.merge(try HistogramCodec.decode(second))
            return histogram
        } catch let error as HistogramCodecError {
            throw HistogramWindowError(second: epochSecond, reason: prefix + error.description)
        } catch let error as HistogramMergeError {
            throw HistogramWindowError(second: epochSecond, reason: prefix + error.description)
        } catch {
            throw HistogramWindowError(second: epochSecond, reason: prefix + "\(error)")
        }
    }
}

extension HistogramCodec {
    /// Encodes a window's sum, naming the second when zlib fails.
    fileprivate static func encodeForWindow(_ histogram: Histogram<UInt64>, second: Int64) throws(HistogramWindowError) -> String {
        do {
            return try encode(histogram)
        } catch {
            throw HistogramWindowError(second: second, reason: error.description)
        }
    }
}

/// A per-second window's histogram could not be decoded or added.
public struct HistogramWindowError: Error, Sendable, CustomStringConvertible {
    /// The window's Unix epoch second.
    public var second: Int64
    /// What was wrong.
    public var reason: String
    /// The window and the reason, as a sentence.
    public var description: String { "the histogram of second \(second) cannot be added: \(reason)" }
}
