// Reading a results file back into a `LoadResult`, for `report`, `compare` and `merge`. Every
// member the writer writes is checked, so a hand-edited or truncated file fails here, naming
// the member, rather than later as a wrong figure or a trap.
import Histogram
import JSON
import Redaction

extension ResultsFile {
    /// The latest start a file may name (9999-12-31T23:59:59Z), and the longest time it may
    /// name (2^63 ns, about 292 years): `compare` and `merge` turn both into whole seconds and
    /// nanoseconds, and a hand-edited 1e300 must fail here, named, not trap there.
    static let latestEpochSeconds = 253_402_300_799.0
    static let longestRunSeconds = 9_223_372_036.0
    /// The most threads, or cores, a file may name: bounded so that a merge adding up a
    /// thousand shards' threads or cores cannot overflow.
    static let largestThreadCount: Int64 = 1 << 20

    /// Reads the results file at `path`.
    ///
    /// - Throws: `.unreadable`, `.notJSON` (with the line and column), or any error of
    ///   ``read(json:path:)``.
    public static func read(path: String) throws(ResultsFileError) -> LoadResult {
        let document: JSON
        do {
            document = try JSON.parse(contentsOfFile: path)
        } catch {
            switch error {
            case .unreadable(let path, let reason): throw .unreadable(path: path, reason: reason)
            case .invalidJSON(let path, let parseError): throw .notJSON(path: path, parseError)
            }
        }
        return try read(json: document, path: path)
    }

    /// Reads a results file already in memory; `path` names it in errors.
    public static func read(bytes: [UInt8], path: String) throws(ResultsFileError) -> LoadResult {
        let document: JSON
        do {
            document = try JSON.parse(bytes)
        } catch {
            throw .notJSON(path: path, error)
        }
        return try read(json: document, path: path)
    }

    /// The `LoadResult` a parsed results file holds: exactly the one ``json(_:)`` wrote.
    ///
    /// Counts, model values and histograms are read; figures derived from them (rates,
    /// percentiles, means) are checked but not kept: the model recomputes them.
    ///
    /// - Throws: `.unsupportedFormat` unless `/format` is `fcharness-results/1`; otherwise
    ///   `.missingMember`, `.unexpectedMember`, `.invalidValue` or `.invalidHistogram`, each
    ///   naming the member's JSON Pointer.
    public static func read(json document: JSON, path: String) throws(ResultsFileError) -> LoadResult {
        let file = ResultsFileValue(json: document, pointer: .root, path: path)
        // The format first: a file of another kind or version would otherwise fail on some
        // member deep inside, hiding the real problem.
        guard case .object(let members) = document else { throw file.problem("an object (an \(format) file)") }
        guard let found = members["format"] else {
            throw .missingMember(path: path, pointer: JSONPointer(tokens: ["format"]), expected: "\"\(format)\"")
        }
        guard case .string(let text) = found, text.hasSameCodePoints(as: format) else {
            throw .unsupportedFormat(path: path, found: ResultsFileValue.describe(found))
        }

        let root = try file.object(keys: [
            "format", "interrupted", "aborted_by", "run", "totals", "iterations", "lateness_ms", "lateness_histogram",
            "operations", "windows", "thresholds", "errors", "failed_checks", "violations", "validation", "rate_limits",
            "capacity", "rate_limit_manners", "unchecked_patterns",
        ])
        // Read in document order, so that of several problems the first one in the file is reported.
        let interrupted = try root["interrupted"].bool()
        let abortedBy = try root["aborted_by"].stringOrNull()
        let run = try run(root["run"])
        let overall = try operation(root["totals"])
        let iterations = try iterations(root["iterations"])
        try checkSummary(root["lateness_ms"])
        let lateness = try root["lateness_histogram"].histogram()
        var operations: [String: OperationResult] = [:]
        for (operationId, value) in try root["operations"].object(keys: nil).values {
            operations[operationId] = try operation(value)
        }
        var result = LoadResult(
            run: run, operations: operations, overall: overall, iterations: iterations, lateness: lateness,
            windows: try root["windows"].array().map(window),
            thresholds: try root["thresholds"].array().map(threshold),
            errors: try root["errors"].array().map(error),
            failedChecks: try root["failed_checks"].array().map(failedCheck),
            violations: try root["violations"].array().map(violation),
            validation: try validation(root["validation"]),
            rateLimits: try rateLimits(root["rate_limits"]),
            interrupted: interrupted, abortedBy: abortedBy)
        result.capacity = try capacity(root["capacity"])
        result.rateLimits.manners = try root["rate_limit_manners"].ifPresent(rateLimitManners)
        result.uncheckedPatterns = try root["unchecked_patterns"].ifPresent { value throws(ResultsFileError) in
            try value.array().map(uncheckedPattern)
        } ?? []
        return result
    }

    // MARK: Members

    /// The executors a profile can name (Scenario's `LoadProfile.Executor`, which Report cannot see).
    static let executors = ["constant-vus", "ramping-vus", "constant-arrival-rate", "ramping-arrival-rate"]

    private static func run(_ value: ResultsFileValue) throws(ResultsFileError) -> LoadRunInfo {
        let run = try value.object(keys: [
            "profile", "profile_file", "profile_hash", "executor", "model", "started", "started_epoch_s", "duration_s",
            "planned_duration_s", "planned_rate", "planned_iterations", "vus", "max_vus", "stages", "graceful_stop_s",
            "validate_sample", "target", "shards", "shard", "threads", "version", "machine", "run_id",
        ])
        let shards = try run["shards"].integer(in: 1 ... Int64(LoadRunInfo.maxShards))
        let machine = try run["machine"].object(keys: ["hostname", "cores", "system"])
        var info = LoadRunInfo(
            profile: try run["profile"].string(),
            profileFile: try run["profile_file"].string(),
            profileHash: try run["profile_hash"].string(),
            executor: try run["executor"].string(oneOf: executors),
            model: try run["model"].string(oneOf: ["open", "closed"]),
            started: try run["started"].timestamp(),
            startedEpochSeconds: try run["started_epoch_s"].number(maximum: Self.latestEpochSeconds),
            durationSeconds: try run["duration_s"].number(maximum: Self.longestRunSeconds),
            plannedDurationSeconds: try run["planned_duration_s"].number(maximum: Self.longestRunSeconds),
            plannedRate: try run["planned_rate"].ifPresent { value throws(ResultsFileError) in try value.number() },
            plannedIterations: try run["planned_iterations"].ifPresent { value throws(ResultsFileError) in try value.count() },
            vus: try run["vus"].ifPresent { value throws(ResultsFileError) in try value.count() },
            maxVUs: try run["max_vus"].ifPresent { value throws(ResultsFileError) in try value.count() },
            stages: try run["stages"].array().map(stage),
            gracefulStopSeconds: try run["graceful_stop_s"].number(maximum: Self.longestRunSeconds),
            validateSample: try run["validate_sample"].number(maximum: 1),
            // A file written by an older build, or by hand, may hold credentials: never show them.
            target: redactedURL(try run["target"].string()),
            shards: Int(shards),
            shard: try run["shard"].ifPresent { value throws(ResultsFileError) in Int(try value.integer(in: 1 ... shards)) },
            threads: Int(try run["threads"].integer(in: 1 ... Self.largestThreadCount)),
            version: try run["version"].string(),
            machine: MachineInfo(
                hostname: try machine["hostname"].string(),
                cores: Int(try machine["cores"].integer(in: 1 ... Self.largestThreadCount)),
                system: try machine["system"].string()))
        info.runID = try run["run_id"].ifPresent { value throws(ResultsFileError) in try value.string() }
        return info
    }

    private static func stage(_ value: ResultsFileValue) throws(ResultsFileError) -> PlannedStage {
        let stage = try value.object(keys: ["duration_s", "target"])
        return PlannedStage(durationSeconds: try stage["duration_s"].number(maximum: Self.longestRunSeconds), target: try stage["target"].number())
    }

    /// An entry of `operations`, or `totals` (the same shape).
    private static func operation(_ value: ResultsFileValue) throws(ResultsFileError) -> OperationResult {
        let object = try value.object(keys: [
            "requests", "errors", "throttled", "throttled_dropped", "budget_delayed", "rps", "error_rate", "throttled_rate",
            "status", "error_classes", "latency_ms", "histogram", "service_ms", "service_histogram", "timings_ms",
            "bytes_in", "bytes_out", "checks_passed", "checks_failed", "violations", "validated", "timings_totals",
        ])
        var result = OperationResult(emptyWith: LatencyHistogram.make())
        result.requests = try object["requests"].count()
        result.errors = try object["errors"].count(atMost: result.requests, partOf: "requests")
        result.throttled = try object["throttled"].count(atMost: result.requests, partOf: "requests")
        result.throttledDropped = try object["throttled_dropped"].count()
        result.budgetDelayed = try object["budget_delayed"].count()
        _ = try object["rps"].number()
        _ = try object["error_rate"].number(maximum: 1)
        _ = try object["throttled_rate"].number(maximum: 1)
        result.statusCounts = try statusCounts(object["status"])
        result.errorClasses = try errorClasses(object["error_classes"])
        try checkSummary(object["latency_ms"])
        result.latency = try object["histogram"].histogram()
        try checkSummary(object["service_ms"])
        result.service = try object["service_histogram"].histogram()
        let means = try object["timings_ms"].object(keys: ["connect_mean", "tls_mean", "first_byte_mean", "new_connections"])
        for key in ["connect_mean", "tls_mean", "first_byte_mean"] { _ = try means[key].numberOrNull() }
        _ = try means["new_connections"].count()
        result.bytesIn = try object["bytes_in"].count()
        result.bytesOut = try object["bytes_out"].count()
        result.checksPassed = try object["checks_passed"].count()
        result.checksFailed = try object["checks_failed"].count()
        result.violations = try object["violations"].count()
        result.validated = try object["validated"].count()
        result.timings = try timings(object["timings_totals"])
        return result
    }

    /// `{"200": 12, "404": 1}`: member names are status codes as the writer prints them.
    private static func statusCounts(_ value: ResultsFileValue) throws(ResultsFileError) -> [Int: Int] {
        var counts: [Int: Int] = [:]
        for (key, count) in try value.object(keys: nil).values {
            // `String(status) == key` also refuses "0200", which would collide with "200".
            guard let status = Int(key), (100 ... 999).contains(status), String(status) == key else {
                throw .invalidValue(path: value.path, pointer: count.pointer,
                                    expected: "a member named by an HTTP status code (100 to 999)", found: "a member named \"\(key)\"")
            }
            counts[status] = try count.count()
        }
        return counts
    }

    private static func errorClasses(_ value: ResultsFileValue) throws(ResultsFileError) -> [ErrorClass: Int] {
        let names = ErrorClass.allCases.map(\.rawValue)
        var counts: [ErrorClass: Int] = [:]
        for (key, count) in try value.object(keys: names).values {
            guard let errorClass = ErrorClass(rawValue: key) else {
                throw .unexpectedMember(path: value.path, pointer: count.pointer, allowed: names)
            }
            counts[errorClass] = try count.count()
        }
        return counts
    }

    private static func timings(_ value: ResultsFileValue) throws(ResultsFileError) -> TimingTotals {
        let object = try value.object(keys: ["responses", "new_connections", "connect_us", "tls_us", "first_byte_us"])
        var totals = TimingTotals()
        totals.responses = try object["responses"].count()
        totals.newConnections = try object["new_connections"].count()
        totals.connectMicroseconds = try object["connect_us"].integer(in: 0 ... ResultsFileValue.largestCount)
        totals.tlsMicroseconds = try object["tls_us"].integer(in: 0 ... ResultsFileValue.largestCount)
        totals.firstByteMicroseconds = try object["first_byte_us"].integer(in: 0 ... ResultsFileValue.largestCount)
        return totals
    }

    /// `{p50, p90, p95, p99, p999, max}` in ms: derived from a histogram, so only checked.
    private static func checkSummary(_ value: ResultsFileValue) throws(ResultsFileError) {
        let keys = ["p50", "p90", "p95", "p99", "p999", "max"]
        let summary = try value.object(keys: keys)
        for key in keys { _ = try summary[key].number() }
    }

    private static func iterations(_ value: ResultsFileValue) throws(ResultsFileError) -> IterationCounts {
        let object = try value.object(keys: [
            "started", "completed", "failed", "interrupted", "dropped", "throttled_dropped", "peak_vus",
        ])
        var counts = IterationCounts()
        counts.started = try object["started"].count()
        counts.completed = try object["completed"].count()
        counts.failed = try object["failed"].count()
        counts.interrupted = try object["interrupted"].count()
        counts.dropped = try object["dropped"].count()
        counts.throttledDropped = try object["throttled_dropped"].count()
        counts.peakVUs = try object["peak_vus"].count()
        return counts
    }

    private static func window(_ value: ResultsFileValue) throws(ResultsFileError) -> SecondWindow {
        let window = try value.object(keys: [
            "second", "requests", "errors", "throttled", "dropped", "in_flight", "p50_ms", "p99_ms", "histogram", "operations",
        ])
        // Files written before windows were split by operation have no `operations`.
        var operations: [String: OperationWindow] = [:]
        if let members = try window["operations"].ifPresent({ value throws(ResultsFileError) in try value.object(keys: nil) }) {
            for (operationId, value) in members.values {
                let share = try value.object(keys: ["requests", "errors", "histogram"])
                let requests = try share["requests"].count()
                operations[operationId] = OperationWindow(
                    requests: requests, errors: try share["errors"].count(atMost: requests, partOf: "requests"),
                    histogram: try share["histogram"].encodedHistogram())
            }
        }
        let requests = try window["requests"].count()
        return SecondWindow(
            second: try window["second"].integer(in: 0 ... Int64.max),
            requests: requests,
            errors: try window["errors"].count(atMost: requests, partOf: "requests"),
            throttled: try window["throttled"].count(atMost: requests, partOf: "requests"),
            dropped: try window["dropped"].count(),
            inFlight: try window["in_flight"].count(),
            histogram: try window["histogram"].encodedHistogram(),
            p50Milliseconds: try window["p50_ms"].number(),
            p99Milliseconds: try window["p99_ms"].number(),
            operations: operations)
    }

    private static func threshold(_ value: ResultsFileValue) throws(ResultsFileError) -> ThresholdVerdict {
        let verdict = try value.object(keys: ["expr", "ok", "actual", "abort_on_fail"])
        return ThresholdVerdict(
            expression: try verdict["expr"].string(),
            ok: try verdict["ok"].bool(),
            actual: try verdict["actual"].string(),
            abortOnFail: try verdict["abort_on_fail"].bool())
    }

    private static func error(_ value: ResultsFileValue) throws(ResultsFileError) -> ErrorSummary {
        let summary = try value.object(keys: ["operation", "class", "message", "count", "sample"])
        return ErrorSummary(
            operation: try summary["operation"].string(),
            errorClass: try summary["class"].oneOf(ErrorClass.self),
            message: try summary["message"].string(),
            count: try summary["count"].count(),
            sample: try summary["sample"].string())
    }

    private static func failedCheck(_ value: ResultsFileValue) throws(ResultsFileError) -> CheckFailureSummary {
        let summary = try value.object(keys: ["scenario", "step", "check", "count", "sample"])
        return CheckFailureSummary(
            scenario: try summary["scenario"].string(),
            step: try summary["step"].string(),
            check: try summary["check"].string(),
            count: try summary["count"].count(),
            sample: try summary["sample"].string())
    }

    private static func violation(_ value: ResultsFileValue) throws(ResultsFileError) -> ViolationSummary {
        let summary = try value.object(keys: ["operation", "status", "pointer", "keyword", "count", "message"])
        return ViolationSummary(
            operation: try summary["operation"].string(),
            status: Int(try summary["status"].integer(in: 100 ... 999)),
            pointer: try summary["pointer"].string(),
            keyword: try summary["keyword"].string(),
            count: try summary["count"].count(),
            message: try summary["message"].string())
    }

    private static func uncheckedPattern(_ value: ResultsFileValue) throws(ResultsFileError) -> UncheckedPatternSummary {
        let summary = try value.object(keys: ["operation", "pattern", "count", "note"])
        return UncheckedPatternSummary(
            operation: try summary["operation"].string(), pattern: try summary["pattern"].string(),
            count: try summary["count"].count(), note: try summary["note"].string())
    }

    private static func validation(_ value: ResultsFileValue) throws(ResultsFileError) -> ValidationCounts {
        let object = try value.object(keys: ["sampled", "validated", "skipped", "violations"])
        var counts = ValidationCounts()
        counts.sampled = try object["sampled"].count()
        counts.validated = try object["validated"].count()
        counts.skipped = try object["skipped"].count()
        counts.violations = try object["violations"].count()
        return counts
    }

    /// Optional (older files, and runs that are not ramping, have none or null).
    private static func capacity(_ value: ResultsFileValue) throws(ResultsFileError) -> SustainedCapacity? {
        guard value.isPresentAndNotNull else { return nil }
        let object = try value.object(keys: ["rps", "second", "broken_at", "broken_by", "broken_value", "broken_rps"])
        return SustainedCapacity(
            requestsPerSecond: try object["rps"].number(), second: try object["second"].integer(in: Int64.min...Int64.max),
            brokenAt: try object["broken_at"].integerOrNull(), brokenBy: try object["broken_by"].stringOrNull(),
            brokenValue: try object["broken_value"].stringOrNull(), brokenRequestsPerSecond: try object["broken_rps"].numberOrNull())
    }

    /// Optional: files written before rate-limit manners have none.
    private static func rateLimitManners(_ value: ResultsFileValue) throws(ResultsFileError) -> RateLimitManners {
        let object = try value.object(keys: [
            "enabled", "max_rps", "capped_profile_rate", "paced", "paced_wait_s", "paced_dropped", "backoffs",
            "max_rps_delayed", "max_rps_wait_s",
        ])
        var manners = RateLimitManners(
            enabled: try object["enabled"].bool(),
            maxRequestsPerSecond: try object["max_rps"].ifPresent { value throws(ResultsFileError) in try value.number() },
            cappedProfileRate: try object["capped_profile_rate"].ifPresent { value throws(ResultsFileError) in try value.number() })
        manners.paced = try object["paced"].count()
        manners.pacedWaitSeconds = try object["paced_wait_s"].number()
        manners.pacedDropped = try object["paced_dropped"].count()
        manners.backoffs = try object["backoffs"].count()
        manners.maxRPSDelayed = try object["max_rps_delayed"].count()
        manners.maxRPSWaitSeconds = try object["max_rps_wait_s"].number()
        return manners
    }

    private static func rateLimits(_ value: ResultsFileValue) throws(ResultsFileError) -> RateLimitCounts {
        let object = try value.object(keys: ["waits", "capped", "longest_wait_s", "total_wait_s"])
        var counts = RateLimitCounts()
        counts.waits = try object["waits"].count()
        counts.capped = try object["capped"].count()
        counts.longestWaitSeconds = try object["longest_wait_s"].number()
        counts.totalWaitSeconds = try object["total_wait_s"].number()
        return counts
    }
}
