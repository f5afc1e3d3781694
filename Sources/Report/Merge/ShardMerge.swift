// `fcharness merge`: the shards of one run added into the result one machine running the whole
// plan would have written. Histograms add bucket by bucket, so merged percentiles are exact;
// counters add; windows add by epoch second; and the thresholds are judged again on the totals.
import Histogram

/// Merges the results of `load --shard I/N` into one run.
public enum ShardMerge {
    /// How far apart shards' starts may be, in seconds, by default. Shards share `--start-at`,
    /// so they start within milliseconds unless a machine was not ready in time; a second
    /// apart, a shard's arrivals already land in its neighbours' next window.
    public static let defaultStartSkewToleranceSeconds = 1.0

    /// Reads each file as a results file, in the order given.
    public static func read(files: [String]) throws(ShardMergeError) -> [ShardResult] {
        var shards: [ShardResult] = []
        for file in files {
            do {
                shards.append(ShardResult(file: file, result: try ResultsFile.read(path: file)))
            } catch {
                throw .unreadable(error)
            }
        }
        return shards
    }

    /// Adds `shards` (in any order) into one run, after checking that they are every shard of
    /// one run exactly once (see `ShardMergeError`), and judges the profile's thresholds on
    /// the merged totals.
    ///
    /// A shard cut short by an interrupt is merged, not refused: its numbers are real, and the
    /// merged result is marked interrupted (so it does not pass) and names the shard. A shard
    /// stopped by `abort_on_fail` is merged likewise and the merged result keeps `aborted_by`.
    public static func merge(
        _ shards: [ShardResult], startSkewToleranceSeconds: Double = defaultStartSkewToleranceSeconds
    ) throws(ShardMergeError) -> MergedRun {
        let ordered = try checkedSet(shards, startSkewToleranceSeconds: startSkewToleranceSeconds)
        guard let first = ordered.first, let run = LoadRunInfo.merged(ordered.map(\.result.run)) else { throw .noShards }
        let thresholds = try parsedThresholds(of: first)

        var operations: [String: OperationResult] = [:]
        var overall = OperationResult(emptyWith: LatencyHistogram.make())
        var iterations = IterationCounts()
        var lateness = LatencyHistogram.make()
        var windowsBySecond: [Int64: SecondWindow] = [:]
        var validation = ValidationCounts()
        var rateLimits = RateLimitCounts()
        for shard in ordered {
            let result = shard.result
            for (name, operation) in result.operations {
                var sum = operations[name] ?? OperationResult(emptyWith: LatencyHistogram.make())
                try add(operation, to: &sum, file: shard.file, what: "operation \(name)")
                operations[name] = sum
            }
            try add(result.overall, to: &overall, file: shard.file, what: "the totals")
            do { try lateness.merge(result.lateness) } catch {
                throw .histogramsDiffer(file: shard.file, what: "the lateness histogram", reason: error.description)
            }
            for window in result.windows {
                guard var existing = windowsBySecond[window.second] else {
                    windowsBySecond[window.second] = window
                    continue
                }
                do { try existing.add(window) } catch {
                    throw .histogramsDiffer(file: shard.file, what: "windows", reason: error.description)
                }
                windowsBySecond[window.second] = existing
            }
            iterations.add(result.iterations)
            validation.add(result.validation)
            rateLimits.add(result.rateLimits)
        }

        var merged = LoadResult(
            run: run, operations: operations, overall: overall, iterations: iterations, lateness: lateness,
            windows: windowsBySecond.keys.sorted().compactMap { windowsBySecond[$0] }, thresholds: [],
            errors: .merged(ordered.map(\.result.errors)), failedChecks: .merged(ordered.map(\.result.failedChecks)),
            violations: .merged(ordered.map(\.result.violations)), validation: validation, rateLimits: rateLimits,
            interrupted: ordered.contains { $0.result.interrupted },
            abortedBy: ordered.lazy.compactMap(\.result.abortedBy).first)
        merged.uncheckedPatterns = .merged(ordered.map(\.result.uncheckedPatterns))
        merged.thresholds = ThresholdSet(thresholds).evaluate(merged).verdicts
        // The engine finds capacity for ramping executors only; so does the merge, from the
        // merged windows, which is the whole run's load second by second.
        if run.executor.hasPrefix("ramping-") {
            merged.capacity = CapacitySearch.find(in: merged, thresholds: thresholds)
        }
        return MergedRun(
            result: merged,
            interruptedShards: ordered.filter(\.result.interrupted).map(\.file),
            abortedShards: ordered.compactMap { shard in shard.result.abortedBy.map { AbortedShard(file: shard.file, expression: $0) } },
            overturnedVerdicts: overturned(merged.thresholds, shards: ordered))
    }

    /// Adds one operation's result, naming the shard when its histograms do not fit.
    private static func add(_ operation: OperationResult, to sum: inout OperationResult, file: String, what: String) throws(ShardMergeError) {
        do { try sum.add(operation) } catch {
            throw .histogramsDiffer(file: file, what: what, reason: error.description)
        }
    }

    /// The thresholds as the profile wrote them, parsed back from the verdicts the shard kept
    /// (the results file keeps the expression and `abort_on_fail`, which is all a threshold is).
    private static func parsedThresholds(of shard: ShardResult) throws(ShardMergeError) -> [Threshold] {
        var thresholds: [Threshold] = []
        for verdict in shard.result.thresholds {
            do {
                thresholds.append(try Threshold.parse(verdict.expression, abortOnFail: verdict.abortOnFail))
            } catch {
                throw .unparsableThreshold(file: shard.file, error)
            }
        }
        return thresholds
    }

    /// The verdicts on the whole run that some shard's own (provisional) verdict contradicts.
    private static func overturned(_ verdicts: [ThresholdVerdict], shards: [ShardResult]) -> [OverturnedVerdict] {
        verdicts.enumerated().compactMap { index, verdict in
            let files = shards.filter { shard in
                index < shard.result.thresholds.count && shard.result.thresholds[index].ok != verdict.ok
            }.map(\.file)
            return files.isEmpty ? nil : OverturnedVerdict(expression: verdict.expression, mergedOK: verdict.ok, shardFiles: files)
        }
    }
}
