// The `contract --json` file (format `fcharness-contract/1`, CLI.md): the result model as JSON.
import JSON

/// Renders a contract run as the JSON document scripts read.
public enum ContractJSONReport {
    public static let format = "fcharness-contract/1"

    /// The whole run as a JSON value, keys in the order CLI.md shows them; with `coverage`
    /// (asked for by `--coverage` or `--min-coverage`) a `coverage` object follows the scenarios.
    public static func document(for run: ContractRunResult, coverage: ContractCoverage? = nil) -> JSON {
        let steps = run.allSteps
        var document: JSONObject = [
            "format": .string(format),
            "target": .string(run.target),
            "interrupted": .bool(run.interrupted),
            "duration_ms": .double(rounded(run.durationMilliseconds)),
            "summary": .object([
                "passed": .integer(Int64(run.passedCount)),
                "failed": .integer(Int64(run.failedCount)),
                "steps": .integer(Int64(steps.count)),
                "steps_failed": .integer(Int64(steps.filter { $0.outcome == .failed }.count)),
                "steps_skipped": .integer(Int64(steps.filter { $0.outcome == .skipped }.count)),
                "violations": .integer(Int64(steps.reduce(0) { $0 + $1.violations.count })),
            ]),
            "scenarios": .array(run.scenarios.map(scenario)),
        ]
        document["rate_limits"] = rateLimits(run)
        if run.readOnly {
            document["read_only"] = .bool(true)
            if case .object(var summary)? = document["summary"] {
                summary["steps_excluded"] = .integer(Int64(steps.filter(\.excluded).count))
                document["summary"] = .object(summary)
            }
        }
        if let runID = run.runID { document["run_id"] = .string(runID) }
        if let coverage { document["coverage"] = coverageObject(coverage) }
        return .object(document)
    }

    /// The document as bytes, pretty-printed for people reading CI artifacts.
    public static func bytes(for run: ContractRunResult, coverage: ContractCoverage? = nil) -> [UInt8] {
        var bytes = document(for: run, coverage: coverage).serializedBytes(pretty: true)
        bytes.append(UInt8(ascii: "\n"))
        return bytes
    }

    /// The run's rate-limit settings and waits (docs/rate-limits.md); seconds, as the
    /// results file of a load run counts them.
    private static func rateLimits(_ run: ContractRunResult) -> JSON {
        let waits = run.rateLimitWaits
        var object: JSONObject = ["manners": .bool(run.rateLimitManners)]
        object["max_rps"] = run.maxRequestsPerSecond.map(JSON.double)
        object["waits"] = .integer(Int64(waits.count))
        object["total_wait_s"] = .double(rounded(waits.totalSeconds))
        object["paced"] = .integer(Int64(waits.paced))
        object["paced_wait_s"] = .double(rounded(waits.pacedSeconds))
        object["after_429"] = .integer(Int64(waits.afterThrottle))
        object["after_429_wait_s"] = .double(rounded(waits.afterThrottleSeconds))
        object["max_rps_delayed"] = .integer(Int64(waits.maxRPS))
        object["max_rps_wait_s"] = .double(rounded(waits.maxRPSSeconds))
        return .object(object)
    }

    private static func coverageObject(_ coverage: ContractCoverage) -> JSON {
        .object([
            "documented": .integer(Int64(coverage.documentedCount)),
            "exercised": .integer(Int64(coverage.exercisedCount)),
            "percent": .double((coverage.percent * 100).rounded(.down) / 100),
            "operations_total": .integer(Int64(coverage.operations.count)),
            "operations_reached": .integer(Int64(coverage.reachedOperationCount)),
            "operations": .array(coverage.operations.map(operationCoverage)),
        ])
    }

    private static func operationCoverage(_ row: OperationCoverage) -> JSON {
        .object([
            "operation": .string(row.operation),
            "method": .string(row.method),
            "path": .string(row.path),
            "documented": .array(row.documented.map { cell in
                .object([
                    "status": .string(cell.status),
                    "exercised": .bool(cell.exercised),
                    "responses": .integer(Int64(cell.responses)),
                ])
            }),
            "undocumented": .array(row.undocumented.map { seen in
                .object(["status": .integer(Int64(seen.status)), "responses": .integer(Int64(seen.responses))])
            }),
        ])
    }

    private static func scenario(_ scenario: ScenarioResult) -> JSON {
        .object([
            "name": .string(scenario.name),
            "file": .string(scenario.file),
            "tags": .array(scenario.tags.map(JSON.string)),
            "ok": .bool(scenario.ok),
            "duration_ms": .double(rounded(scenario.durationMilliseconds)),
            "steps": .array(scenario.steps.map(step)),
        ])
    }

    private static func step(_ step: StepResult) -> JSON {
        var object: JSONObject = [
            "index": .integer(Int64(step.index)),
            "operation": .string(step.operation),
            "method": .string(step.method),
            "url": .string(step.url),
            "status": step.status.map { .integer(Int64($0)) } ?? .null,
            "ok": .bool(step.outcome == .passed),
            "outcome": .string(step.outcome.rawValue),
            "duration_ms": .double(rounded(step.durationMilliseconds)),
            "violations": .array(step.violations.map(violation)),
            "assertions": .array(step.assertions.map(assertion)),
        ]
        if let error = step.error { object["error"] = .string(error) }
        if !step.notes.isEmpty { object["notes"] = .array(step.notes.map(JSON.string)) }
        if step.excluded { object["excluded"] = .bool(true) }
        return .object(object)
    }

    private static func violation(_ violation: Violation) -> JSON {
        var object: JSONObject = [
            "pointer": .string(violation.pointer),
            "keyword": .string(violation.keyword),
            "message": .string(violation.message),
        ]
        if let path = violation.schemaPath { object["schema_path"] = .string(path) }
        return .object(object)
    }

    private static func assertion(_ assertion: AssertionOutcome) -> JSON {
        var object: JSONObject = ["expr": .string(assertion.expression), "ok": .bool(assertion.ok)]
        if let message = assertion.message { object["message"] = .string(message) }
        return .object(object)
    }

    /// Milliseconds to 3 decimals: enough for people, stable enough for diffs.
    private static func rounded(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }
}
