// The results file (`load --out`, `merge --out`; format `fcharness-results/1`, CLI.md): a
// `LoadResult` as pretty JSON, written atomically. docs/results.schema.json describes it, and
// ResultsFileReader.swift reads it back for `report`, `compare` and `merge`.
import Histogram
import JSON

/// The results file of a load run: the `LoadResult` as a JSON document, and back.
///
/// Counts are JSON integers. Values the model holds as `Double` (durations, the start, rates
/// asked for, waits) are written in full, so that reading gives back exactly the same value;
/// values derived for people (rates, percentiles, means) are rounded, and the reader recomputes
/// them instead of trusting them. Every number is finite: a mean without samples is `null`.
public enum ResultsFile {
    /// The value of `/format`; the reader refuses any other.
    public static let format = "fcharness-results/1"

    /// The result as a JSON document, members in the order people read them (CLI.md's first).
    ///
    /// - Throws: when a histogram cannot be encoded (a count above 2^63 − 1), which the latency
    ///   settings never produce.
    public static func json(_ result: LoadResult) throws(HistogramCodecError) -> JSON {
        var operations = JSONObject()
        // Sorted, so that two files of the same profile diff line by line.
        for (operationId, operation) in result.operations.sorted(by: { $0.key < $1.key }) {
            operations[operationId] = try self.operation(operation, rps: result.requestsPerSecond(of: operationId))
        }
        let lateness = try encoded(result.lateness)
        var document: JSONObject = [
            "format": .string(format),
            "interrupted": .bool(result.interrupted),
            "aborted_by": result.abortedBy.map(JSON.string) ?? .null,
            "run": run(result.run),
            "totals": try operation(result.overall, rps: result.requestsPerSecond),
            "iterations": iterations(result.iterations),
            "lateness_ms": summary(lateness.summary),
            "lateness_histogram": .string(lateness.text),
            "operations": .object(operations),
            "windows": .array(result.windows.map(window)),
            "thresholds": .array(result.thresholds.map(threshold)),
            "errors": .array(result.errors.map(error)),
            "failed_checks": .array(result.failedChecks.map(failedCheck)),
            "violations": .array(result.violations.map(violation)),
            "validation": validation(result.validation),
            "rate_limits": rateLimits(result.rateLimits),
            "capacity": result.capacity.map(capacity) ?? .null,
        ]
        // Added after the members above: files of older builds have none, and read back without one.
        document["rate_limit_manners"] = result.rateLimits.manners.map(rateLimitManners)
        document["unchecked_patterns"] = .array(result.uncheckedPatterns.map(uncheckedPattern))
        return .object(document)
    }

    private static func capacity(_ finding: SustainedCapacity) -> JSON {
        .object([
            "rps": .double(finding.requestsPerSecond),
            "second": .integer(finding.second),
            "broken_at": finding.brokenAt.map(JSON.integer) ?? .null,
            "broken_by": finding.brokenBy.map(JSON.string) ?? .null,
            "broken_value": finding.brokenValue.map(JSON.string) ?? .null,
            "broken_rps": finding.brokenRequestsPerSecond.map(JSON.double) ?? .null,
        ])
    }

    /// The document as UTF-8 text: pretty (two-space indent) and ending in a newline, for people
    /// reading CI artifacts and for line-by-line diffs.
    public static func bytes(_ result: LoadResult) throws(HistogramCodecError) -> [UInt8] {
        var bytes = try json(result).serializedBytes(pretty: true)
        bytes.append(UInt8(ascii: "\n"))
        return bytes
    }

    /// Writes the file through a temporary file in the same folder and a rename, so that a
    /// reader (or a CI upload) sees the old file or the new one, never half of one.
    public static func write(_ result: LoadResult, to path: String) throws(ReportWriteError) {
        try writeAtomically(encoded(result, for: path), to: path)
    }

    /// Writes the file that could not be written to `path` into the temporary folder instead,
    /// and returns where it went.
    public static func writeRescueCopy(_ result: LoadResult, for path: String) throws(ReportWriteError) -> String {
        let id = (result.run.runID ?? String(UInt64(result.run.startedEpochSeconds * 1000)))
            .map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "_" }
        let name = "fcharness-results-\(String(id)).json"
        return try Report.writeRescueCopy(encoded(result, for: path), name: name)
    }

    private static func encoded(_ result: LoadResult, for path: String) throws(ReportWriteError) -> [UInt8] {
        do {
            return try bytes(result)
        } catch {
            throw ReportWriteError(path: path, reason: "a histogram cannot be encoded: \(error.description)")
        }
    }

    // MARK: Members

    private static func run(_ run: LoadRunInfo) -> JSON {
        var object = JSONObject()
        object["profile"] = .string(run.profile)
        object["profile_file"] = .string(run.profileFile)
        object["profile_hash"] = .string(run.profileHash)
        object["executor"] = .string(run.executor)
        object["model"] = .string(run.model)
        object["started"] = .string(run.started)
        object["started_epoch_s"] = exact(run.startedEpochSeconds)
        object["duration_s"] = exact(run.durationSeconds)
        object["planned_duration_s"] = exact(run.plannedDurationSeconds)
        // Only the executors that have them write these (assigning nil adds no member).
        object["planned_rate"] = run.plannedRate.map(exact)
        object["planned_iterations"] = run.plannedIterations.map(count)
        object["vus"] = run.vus.map(count)
        object["max_vus"] = run.maxVUs.map(count)
        object["stages"] = .array(run.stages.map { .object(["duration_s": exact($0.durationSeconds), "target": exact($0.target)]) })
        object["graceful_stop_s"] = exact(run.gracefulStopSeconds)
        object["validate_sample"] = exact(run.validateSample)
        object["target"] = .string(run.target)
        object["run_id"] = run.runID.map(JSON.string)
        object["shards"] = count(run.shards)
        object["shard"] = run.shard.map(count)
        object["threads"] = count(run.threads)
        object["version"] = .string(run.version)
        object["machine"] = .object([
            "hostname": .string(run.machine.hostname),
            "cores": count(run.machine.cores),
            "system": .string(run.machine.system),
        ])
        return .object(object)
    }

    /// One operation's entry; `totals` has the same shape, so one reader reads both.
    private static func operation(_ result: OperationResult, rps: Double) throws(HistogramCodecError) -> JSON {
        let latency = try encoded(result.latency)
        let service = try encoded(result.service)
        let statuses = result.statusCounts.sorted { $0.key < $1.key }.map { (String($0.key), count($0.value)) }
        let classes = result.errorClasses.sorted { $0.key < $1.key }.map { ($0.key.rawValue, count($0.value)) }
        let timings = result.timings
        return .object([
            "requests": count(result.requests),
            "errors": count(result.errors),
            "throttled": count(result.throttled),
            "throttled_dropped": count(result.throttledDropped),
            "budget_delayed": count(result.budgetDelayed),
            "rps": .double(rounded(rps, decimals: 3)),
            "error_rate": .double(rounded(result.errorRate, decimals: 6)),
            "throttled_rate": .double(rounded(result.throttledRate, decimals: 6)),
            "status": .object(JSONObject(statuses)),
            "error_classes": .object(JSONObject(classes)),
            "latency_ms": summary(latency.summary),
            "histogram": .string(latency.text),
            "service_ms": summary(service.summary),
            "service_histogram": .string(service.text),
            "timings_ms": .object([
                "connect_mean": milliseconds(timings.meanConnectMilliseconds),
                "tls_mean": milliseconds(timings.meanTLSMilliseconds),
                "first_byte_mean": milliseconds(timings.meanFirstByteMilliseconds),
                "new_connections": count(timings.newConnections),
            ]),
            "bytes_in": count(result.bytesIn),
            "bytes_out": count(result.bytesOut),
            "checks_passed": count(result.checksPassed),
            "checks_failed": count(result.checksFailed),
            "violations": count(result.violations),
            "validated": count(result.validated),
            "timings_totals": .object([
                "responses": count(timings.responses),
                "new_connections": count(timings.newConnections),
                "connect_us": .integer(timings.connectMicroseconds),
                "tls_us": .integer(timings.tlsMicroseconds),
                "first_byte_us": .integer(timings.firstByteMicroseconds),
            ]),
        ])
    }

    private static func iterations(_ counts: IterationCounts) -> JSON {
        .object([
            "started": count(counts.started),
            "completed": count(counts.completed),
            "failed": count(counts.failed),
            "interrupted": count(counts.interrupted),
            "dropped": count(counts.dropped),
            "throttled_dropped": count(counts.throttledDropped),
            "peak_vus": count(counts.peakVUs),
        ])
    }

    private static func window(_ window: SecondWindow) -> JSON {
        .object([
            "second": .integer(window.second),
            "requests": count(window.requests),
            "errors": count(window.errors),
            "throttled": count(window.throttled),
            "dropped": count(window.dropped),
            "in_flight": count(window.inFlight),
            "p50_ms": exact(window.p50Milliseconds),
            "p99_ms": exact(window.p99Milliseconds),
            "histogram": .string(window.histogram),
            "operations": .object(JSONObject(window.operations.sorted { $0.key < $1.key }.map { name, share in
                (name, JSON.object([
                    "requests": count(share.requests),
                    "errors": count(share.errors),
                    "histogram": .string(share.histogram),
                ]))
            })),
        ])
    }

    private static func threshold(_ verdict: ThresholdVerdict) -> JSON {
        .object([
            "expr": .string(verdict.expression),
            "ok": .bool(verdict.ok),
            "actual": .string(verdict.actual),
            "abort_on_fail": .bool(verdict.abortOnFail),
        ])
    }

    private static func error(_ summary: ErrorSummary) -> JSON {
        .object([
            "operation": .string(summary.operation),
            "class": .string(summary.errorClass.rawValue),
            "message": .string(summary.message),
            "count": count(summary.count),
            "sample": .string(summary.sample),
        ])
    }

    private static func failedCheck(_ summary: CheckFailureSummary) -> JSON {
        .object([
            "scenario": .string(summary.scenario),
            "step": .string(summary.step),
            "check": .string(summary.check),
            "count": count(summary.count),
            "sample": .string(summary.sample),
        ])
    }

    private static func violation(_ summary: ViolationSummary) -> JSON {
        .object([
            "operation": .string(summary.operation),
            "status": count(summary.status),
            "pointer": .string(summary.pointer),
            "keyword": .string(summary.keyword),
            "count": count(summary.count),
            "message": .string(summary.message),
        ])
    }

    private static func uncheckedPattern(_ summary: UncheckedPatternSummary) -> JSON {
        .object([
            "operation": .string(summary.operation),
            "pattern": .string(summary.pattern),
            "count": count(summary.count),
            "note": .string(summary.note),
        ])
    }

    private static func validation(_ counts: ValidationCounts) -> JSON {
        .object([
            "sampled": count(counts.sampled),
            "validated": count(counts.validated),
            "skipped": count(counts.skipped),
            "violations": count(counts.violations),
        ])
    }

    private static func rateLimits(_ counts: RateLimitCounts) -> JSON {
        .object([
            "waits": count(counts.waits),
            "capped": count(counts.capped),
            "longest_wait_s": exact(counts.longestWaitSeconds),
            "total_wait_s": exact(counts.totalWaitSeconds),
        ])
    }

    private static func rateLimitManners(_ manners: RateLimitManners) -> JSON {
        var object = JSONObject()
        object["enabled"] = .bool(manners.enabled)
        // Only a run given --max-rps writes these (assigning nil adds no member).
        object["max_rps"] = manners.maxRequestsPerSecond.map(exact)
        object["capped_profile_rate"] = manners.cappedProfileRate.map(exact)
        object["paced"] = count(manners.paced)
        object["paced_wait_s"] = exact(manners.pacedWaitSeconds)
        object["paced_dropped"] = count(manners.pacedDropped)
        object["backoffs"] = count(manners.backoffs)
        object["max_rps_delayed"] = count(manners.maxRPSDelayed)
        object["max_rps_wait_s"] = exact(manners.maxRPSWaitSeconds)
        return .object(object)
    }

    // MARK: Histograms and numbers

    /// A histogram as the file holds it: its encoding, and the percentiles of that encoding.
    ///
    /// The percentiles come from the decoded text, not from the histogram in memory: the
    /// encoding keeps buckets, not the exact maximum, so these are the figures every reader of
    /// the file computes (within the histogram's 0.1 %), and reading then writing a file gives
    /// the same file.
    private static func encoded(_ histogram: Histogram<UInt64>) throws(HistogramCodecError) -> (text: String, summary: LatencySummary) {
        let text = try HistogramCodec.encode(histogram)
        return (text, try HistogramCodec.decode(text).latencySummary)
    }

    private static func summary(_ summary: LatencySummary) -> JSON {
        .object([
            "p50": .double(rounded(summary.p50, decimals: 3)),
            "p90": .double(rounded(summary.p90, decimals: 3)),
            "p95": .double(rounded(summary.p95, decimals: 3)),
            "p99": .double(rounded(summary.p99, decimals: 3)),
            "p999": .double(rounded(summary.p999, decimals: 3)),
            "max": .double(rounded(summary.max, decimals: 3)),
        ])
    }

    private static func count(_ value: Int) -> JSON { .integer(Int64(value)) }

    /// A value of the model, in full so that it reads back identical; `null` if it is not finite
    /// (JSON has no NaN), which the reader then rejects rather than inventing a number.
    private static func exact(_ value: Double) -> JSON { value.isFinite ? .double(value) : .null }

    /// A mean in milliseconds to the microsecond, or `null` without samples.
    private static func milliseconds(_ value: Double?) -> JSON {
        guard let value, value.isFinite else { return .null }
        return .double(rounded(value, decimals: 3))
    }

    /// Rounded for people; 0 if not finite (a derived figure, never read back).
    private static func rounded(_ value: Double, decimals: Int) -> Double {
        guard value.isFinite else { return 0 }
        var scale = 1.0
        for _ in 0 ..< decimals { scale *= 10 }
        return (value * scale).rounded() / scale
    }
}
