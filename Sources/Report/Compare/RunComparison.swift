// Comparing two runs of one profile: refuse different profiles, choose the seconds, bootstrap
// each operation's figures on both sides, and judge each change against its threshold and
// its interval. The method and its reasons are in docs/compare.md.
import Quantities

extension Comparison {
    /// Least whole seconds per side for any verdict: fewer give two blocks or less.
    public static let minimumSeconds = 6
    /// Least requests per side for any verdict on an operation.
    public static let minimumRequests = 100
    /// Least latencies per side beyond a percentile (p99 of 1,000 latencies has 10 above it):
    /// a percentile estimated from fewer tail values moves with every single slow request.
    public static let minimumTailSamples = 10.0

    /// Compares `current` against `baseline`.
    ///
    /// - Parameters:
    ///   - baselineFile, currentFile: how messages and reports name the runs.
    /// - Throws: ``CompareError/differentProfiles(baselineFile:baseline:currentFile:current:)``
    ///   when the profiles' names or hashes differ; ``CompareError/noPerOperationWindows(file:)``
    ///   for a run with requests but windows not split by operation.
    public init(
        baseline: LoadResult, current: LoadResult, baselineFile: String, currentFile: String,
        settings: CompareSettings = CompareSettings()
    ) throws(CompareError) {
        guard baseline.run.profile == current.run.profile, baseline.run.profileHash == current.run.profileHash else {
            throw .differentProfiles(
                baselineFile: baselineFile, baseline: Self.describeProfile(baseline.run),
                currentFile: currentFile, current: Self.describeProfile(current.run))
        }
        for (result, file) in [(baseline, baselineFile), (current, currentFile)] where result.overall.requests > 0 {
            guard result.windows.contains(where: { !$0.operations.isEmpty }) else { throw .noPerOperationWindows(file: file) }
        }

        let baselineSeconds = try OperationSeconds.byOperation(
            of: baseline, over: OperationSeconds.chosenSeconds(of: baseline), file: baselineFile)
        let currentSeconds = try OperationSeconds.byOperation(
            of: current, over: OperationSeconds.chosenSeconds(of: current), file: currentFile)
        let baselineCount = OperationSeconds.chosenSeconds(of: baseline).map { $0.count } ?? 0
        let currentCount = OperationSeconds.chosenSeconds(of: current).map { $0.count } ?? 0

        var warnings = CompareWarning.warnings(baseline: baseline.run, current: current.run)
        for (result, file, count) in [(baseline, baselineFile, baselineCount), (current, currentFile, currentCount)] {
            if result.interrupted || result.abortedBy != nil {
                warnings.append(CompareWarning(
                    kind: "interrupted",
                    message: "\(file) was cut short (\(result.abortedBy.map { "aborted by \($0)" } ?? "interrupted")): "
                        + "only its whole seconds inside the schedule are compared"))
            }
            if count < Self.minimumSeconds {
                warnings.append(CompareWarning(
                    kind: "short",
                    message: "\(file) has \(count) whole seconds to compare (fewer than \(Self.minimumSeconds)): "
                        + "every metric is \"not enough data\"; run for longer"))
            }
        }

        var rows: [MetricComparison] = []
        for operation in Set(baselineSeconds.keys).intersection(currentSeconds.keys).sorted() {
            guard let before = baselineSeconds[operation], let after = currentSeconds[operation] else { continue }
            rows += Self.compare(operation: operation, baseline: before, current: after, settings: settings)
        }

        self.init(
            profile: baseline.run.profile,
            baseline: ComparedSide(file: baselineFile, seconds: baselineCount),
            current: ComparedSide(file: currentFile, seconds: currentCount),
            warnings: warnings,
            rows: Self.worstFirst(rows),
            addedOperations: Set(currentSeconds.keys).subtracting(baselineSeconds.keys).sorted(),
            removedOperations: Set(baselineSeconds.keys).subtracting(currentSeconds.keys).sorted(),
            settings: settings)
    }

    /// Rows ordered for reading: regressions (furthest past their threshold first), then
    /// improvements (largest first), then the changes under threshold or within noise (nearest
    /// to a regression first), then those without enough data, by operation.
    static func worstFirst(_ rows: [MetricComparison]) -> [MetricComparison] {
        rows.sorted { left, right in
            if left.verdict != right.verdict { return left.verdict < right.verdict }
            switch left.verdict {
            case .improvement where left.severity != right.severity: return left.severity < right.severity
            case .regression where left.severity != right.severity, .underThreshold where left.severity != right.severity,
                 .withinNoise where left.severity != right.severity:
                return left.severity > right.severity
            default: break
            }
            if left.operation != right.operation { return left.operation < right.operation }
            return left.metric < right.metric
        }
    }

    // MARK: One operation

    private static func compare(
        operation: String, baseline: OperationSeconds, current: OperationSeconds, settings: CompareSettings
    ) -> [MetricComparison] {
        let requests = (baseline: baseline.totalRequests, current: current.totalRequests)
        let pointBefore = pointFigures(baseline)
        let pointAfter = pointFigures(current)
        let enoughSeconds = baseline.count >= minimumSeconds && current.count >= minimumSeconds
        let enoughRequests = requests.baseline >= minimumRequests && requests.current >= minimumRequests

        // Both sides on one grid of coarse buckets, so that the cumulative counts line up.
        var buckets = Set<Int>()
        for side in [baseline, current] {
            for second in side.latencies { for entry in second { buckets.insert(entry.bucket) } }
        }
        let grid = buckets.sorted()
        var replicatesBefore: [ReplicateFigures] = []
        var replicatesAfter: [ReplicateFigures] = []
        var blockLength: Int?
        if enoughSeconds && enoughRequests {
            // A stream per operation and side, fixed by the seed and the operation's name only,
            // so that adding an operation to the profile leaves the others' verdicts as they were.
            let salt = stableHash(operation)
            var randomBefore = SeededRandom.stream(seed: settings.seed, salt: salt, index: 0)
            var randomAfter = SeededRandom.stream(seed: settings.seed, salt: salt, index: 1)
            // One block length for both sides, the longer: the noisier run sets how much of
            // its time hangs together, and an interval too narrow is the error that costs.
            let length = max(BlockBootstrap.blockLength(for: baseline), BlockBootstrap.blockLength(for: current))
            blockLength = length
            replicatesBefore = BlockBootstrap(baseline, buckets: grid, blockLength: length)
                .replicates(settings.replicates, using: &randomBefore)
            replicatesAfter = BlockBootstrap(current, buckets: grid, blockLength: length)
                .replicates(settings.replicates, using: &randomAfter)
        }

        return CompareMetric.allCases.map { metric in
            let before = pointBefore.value(of: metric)
            let after = pointAfter.value(of: metric)
            var row = MetricComparison(
                operation: operation, metric: metric, baseline: displayed(before, metric), current: displayed(after, metric),
                change: change(from: before, to: after, metric: metric), interval: nil,
                thresholdPercent: settings.thresholds[metric], verdict: .notEnoughData, requests: requests)
            var enough = enoughSeconds && enoughRequests
            if let percentile = metric.percentile {
                let tailShare = (100 - percentile) / 100
                enough = enough && Double(baseline.totalLatencies) * tailShare >= minimumTailSamples
                    && Double(current.totalLatencies) * tailShare >= minimumTailSamples
            }
            guard enough, let pointChange = row.change,
                  let interval = interval(metric: metric, before: replicatesBefore, after: replicatesAfter, confidence: settings.confidence)
            else { return row }
            row.interval = interval
            row.blockSeconds = blockLength
            row.verdict = verdict(change: pointChange, interval: interval, metric: metric, thresholdPercent: row.thresholdPercent)
            return row
        }
    }

    /// The figures of all the chosen seconds, exact (HdrHistogram's values, not coarse buckets).
    private static func pointFigures(_ series: OperationSeconds) -> ReplicateFigures {
        let requests = series.totalRequests
        return ReplicateFigures(
            p50: series.exactLatency(atPercentile: 50) ?? .nan,
            p90: series.exactLatency(atPercentile: 90) ?? .nan,
            p99: series.exactLatency(atPercentile: 99) ?? .nan,
            requestsPerSecond: series.count > 0 ? Double(requests) / Double(series.count) : .nan,
            errorRate: requests > 0 ? Double(series.totalErrors) / Double(requests) : .nan)
    }

    /// A figure as the row shows it: latencies in ms.
    private static func displayed(_ value: Double, _ metric: CompareMetric) -> Double? {
        guard value.isFinite else { return nil }
        return metric.percentile == nil ? value : value / 1000
    }

    private static func change(from before: Double, to after: Double, metric: CompareMetric) -> Double? {
        guard before.isFinite, after.isFinite else { return nil }
        if metric.changeIsInPoints { return after - before }
        guard before > 0 else { return nil }
        return after / before - 1
    }

    /// The percentile interval of the change over paired replicates (each side resampled on
    /// its own, so any pairing is as good as another); nil when over a tenth of the replicates
    /// have no figure (a side whose requests sit in a few seconds).
    private static func interval(
        metric: CompareMetric, before: [ReplicateFigures], after: [ReplicateFigures], confidence: Double
    ) -> ClosedRange<Double>? {
        let count = min(before.count, after.count)
        guard count > 0 else { return nil }
        var changes: [Double] = []
        changes.reserveCapacity(count)
        for index in 0 ..< count {
            if let change = change(from: before[index].value(of: metric), to: after[index].value(of: metric), metric: metric) {
                changes.append(change)
            }
        }
        guard changes.count * 10 >= count * 9 else { return nil }
        changes.sort()
        let tail = (1 - confidence) / 2
        let low = changes[max(0, Int((tail * Double(changes.count)).rounded(.down)))]
        let high = changes[min(changes.count - 1, Int(((1 - tail) * Double(changes.count)).rounded(.up)) - 1)]
        return low ... max(low, high)
    }

    /// Regression: worse by more than the threshold and the whole interval on the worse side
    /// of zero; improvement: the mirror image; otherwise within noise or under the threshold.
    static func verdict(
        change: Double, interval: ClosedRange<Double>, metric: CompareMetric, thresholdPercent: Double
    ) -> CompareVerdict {
        let worsening = change * 100 * (metric.higherIsWorse ? 1 : -1)
        let surelyWorse = metric.higherIsWorse ? interval.lowerBound > 0 : interval.upperBound < 0
        let surelyBetter = metric.higherIsWorse ? interval.upperBound < 0 : interval.lowerBound > 0
        if surelyWorse { return worsening > thresholdPercent ? .regression : .underThreshold }
        if surelyBetter { return -worsening > thresholdPercent ? .improvement : .underThreshold }
        return .withinNoise
    }

    private static func describeProfile(_ run: LoadRunInfo) -> String {
        "profile '\(run.profile)' (hash \(run.profileHash))"
    }

    /// FNV-1a of the name's UTF-8: Swift's `hashValue` changes from one process to the next.
    private static func stableHash(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        return hash
    }
}
