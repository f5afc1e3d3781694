// The console summary of a load run: how it was set up, a per-operation table, what happened
// to iterations, what went wrong, the threshold verdicts, and last `Requests/sec: N`, the one
// line benchmark scripts grep for.
import Histogram

/// Renders a `LoadResult` for people at the end of `fcharness load`.
public enum LoadSummary {
    /// How many distinct errors, failed checks and violations are listed before "… and N more".
    public static let listedKinds = 10

    /// The whole summary, one line per `\n`. The last line is exactly `Requests/sec: N` (N with
    /// two decimals) and no other line contains `Requests/sec:` or `rps=`.
    ///
    /// - Parameter color: ANSI colour for a terminal; callers pass false for pipes and files,
    ///   and when `NO_COLOR` is set. `✓`/`✗` are printed either way.
    public static func render(_ result: LoadResult, color: Bool) -> String {
        let text = ConsoleText(color: color)
        var lines: [String] = []
        lines += header(result.run, text: text)
        lines.append("")
        lines += operationTable(result, text: text)
        lines.append("")
        lines += runFacts(result)
        lines += problemLists(result, text: text)
        lines += verdicts(result, text: text)
        lines.append("")
        lines.append("Requests/sec: " + MeasurementText.fixed(result.requestsPerSecond, decimals: 2))
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: - Header

    private static func header(_ run: LoadRunInfo, text: ConsoleText) -> [String] {
        var facts: [(String, String)] = [
            ("executor", executorDescription(run)),
            ("model", run.isOpenModel
                ? "open model: latency from the intended start"
                : "closed model: latency from the send, coordinated omission not corrected"),
            ("target", ConsoleText.safe(run.target)),
            ("duration", durationDescription(run)),
            ("threads", String(run.threads)),
        ]
        if let shard = run.shard {
            facts.append(("shard", "\(shard)/\(run.shards)"))
        } else if run.shards > 1 {
            facts.append(("shards", "\(run.shards), merged"))
        }
        var lines = [text.paint("load run: \(ConsoleText.safe(run.profile))", .bold) + " (\(ConsoleText.safe(run.profileFile)))"]
        lines += aligned(facts)
        return lines
    }

    private static func executorDescription(_ run: LoadRunInfo) -> String {
        var parts: [String] = []
        let isArrivalRate = run.executor.contains("arrival-rate")
        if let rate = run.plannedRate { parts.append("\(MeasurementText.trimmed(rate))/s") }
        if !run.stages.isEmpty {
            let unit = isArrivalRate ? "/s" : " VUs"
            let stages = run.stages.map { "\(MeasurementText.compactDuration(seconds: $0.durationSeconds)) to \(MeasurementText.trimmed($0.target))\(unit)" }
            parts.append("stages " + stages.joined(separator: ", "))
        }
        if let vus = run.vus { parts.append(isArrivalRate ? "\(vus) VUs pre-allocated" : "\(vus) VUs") }
        if let maxVUs = run.maxVUs { parts.append("at most \(maxVUs) VUs") }
        if let planned = run.plannedIterations { parts.append("\(planned) iterations planned") }
        return parts.isEmpty ? run.executor : "\(run.executor) (\(parts.joined(separator: ", ")))"
    }

    private static func durationDescription(_ run: LoadRunInfo) -> String {
        var text = MeasurementText.fixed(run.durationSeconds, decimals: 1) + "s"
        var plan = "planned \(MeasurementText.compactDuration(seconds: run.plannedDurationSeconds))"
        if run.gracefulStopSeconds > 0 { plan += ", graceful stop \(MeasurementText.compactDuration(seconds: run.gracefulStopSeconds))" }
        text += " (\(plan))"
        return text
    }

    // MARK: - The operation table

    private static let columns = ["operation", "count", "errors", "throttled", "req/s", "p50", "p90", "p99", "p99.9", "max", "violations"]
    /// Index of the first latency column (`p50`), where the latency label goes.
    private static let firstLatencyColumn = 5

    private static func operationTable(_ result: LoadResult, text: ConsoleText) -> [String] {
        var rows: [[String]] = []
        var errorCells: [Bool] = []
        for name in result.operations.keys.sorted() {
            guard let operation = result.operations[name] else { continue }
            rows.append(row(ConsoleText.safe(name, limit: 60), operation, requestsPerSecond: result.requestsPerSecond(of: name)))
            errorCells.append(operation.errors > 0)
        }
        rows.append(row("overall", result.overall, requestsPerSecond: result.requestsPerSecond))
        errorCells.append(result.overall.errors > 0)

        var widths = columns.map(\.count)
        for cells in rows {
            for (column, cell) in cells.enumerated() { widths[column] = max(widths[column], cell.count) }
        }
        let gap = "  "
        func line(_ cells: [String], errorsInRed: Bool = false) -> String {
            var parts: [String] = []
            for (column, cell) in cells.enumerated() {
                let padded = ConsoleText.pad(cell, widths[column], left: column > 0)
                // Colour after padding: escape codes must not count towards the width.
                parts.append(column == 2 && errorsInRed ? text.paint(padded, .red) : padded)
            }
            return parts.joined(separator: gap)
        }
        let latencyStart = widths[..<firstLatencyColumn].reduce(0, +) + gap.count * firstLatencyColumn
        let label = result.run.isOpenModel ? "latency ms, from the intended start" : "latency ms (closed model)"
        var lines = [String(repeating: " ", count: latencyStart) + text.paint(label, .dim)]
        lines.append(text.paint(line(columns), .bold))
        for (index, cells) in rows.enumerated() {
            if index == rows.count - 1 {
                lines.append(String(repeating: "-", count: widths.reduce(0, +) + gap.count * (widths.count - 1)))
            }
            lines.append(line(cells, errorsInRed: errorCells[index]))
        }
        return lines
    }

    private static func row(_ name: String, _ operation: OperationResult, requestsPerSecond: Double) -> [String] {
        let latency: [String]
        if operation.requests > 0 {
            let summary = operation.latency.latencySummary
            latency = [summary.p50, summary.p90, summary.p99, summary.p999, summary.max].map(MeasurementText.tableMilliseconds)
        } else {
            latency = Array(repeating: "-", count: 5)
        }
        return [
            name, String(operation.requests), String(operation.errors), String(operation.throttled),
            MeasurementText.fixed(requestsPerSecond, decimals: 1),
        ] + latency + [String(operation.violations)]
    }

    // MARK: - Iterations, checks, bytes, timings, rate limits, validation

    private static func runFacts(_ result: LoadResult) -> [String] {
        let iterations = result.iterations
        var facts: [(String, String)] = [
            ("iterations", "\(iterations.started) started, \(iterations.completed) completed, \(iterations.failed) failed, "
                + "\(iterations.dropped) dropped, \(iterations.interrupted) interrupted, "
                + "\(iterations.throttledDropped) throttled-dropped (peak \(iterations.peakVUs) VUs)"),
        ]
        let overall = result.overall
        let checks = overall.checksPassed + overall.checksFailed
        facts.append(("checks", checks > 0
            ? "\(MeasurementText.percent(overall.checkPassRate)) passed (\(overall.checksPassed) of \(checks))"
            : "none run"))
        facts.append(("data", "\(MeasurementText.bytes(overall.bytesIn)) in, \(MeasurementText.bytes(overall.bytesOut)) out"))
        if let timings = timingDescription(overall.timings) { facts.append(("mean times", timings)) }
        if result.run.isOpenModel, result.lateness.totalCount > 0 {
            // The generator's own lag: large values mean the machine, not the target, was slow.
            let lateness = result.lateness.latencySummary
            facts.append(("send lag", "p99 \(MeasurementText.milliseconds(lateness.p99)), max \(MeasurementText.milliseconds(lateness.max)) behind the intended start"))
        }
        let limits = result.rateLimits
        if limits.waits > 0 {
            facts.append(("rate limits", "\(limits.waits) waits after 429 (\(limits.capped) capped), longest "
                + "\(MeasurementText.fixed(limits.longestWaitSeconds, decimals: 1))s, total "
                + "\(MeasurementText.fixed(limits.totalWaitSeconds, decimals: 1))s"))
        }
        if let manners = result.rateLimits.manners { facts += mannerFacts(manners) }
        let validation = result.validation
        if result.run.validateSample > 0 || validation.sampled > 0 {
            facts.append(("validation", "\(MeasurementText.trimmed(result.run.validateSample * 100))% of responses: "
                + "\(validation.sampled) sampled, \(validation.validated) validated, "
                + "\(validation.skipped) skipped, \(validation.violations) violations"))
        }
        if let capacity = result.capacity {
            var text = "\(MeasurementText.fixed(capacity.requestsPerSecond, decimals: 0)) req/s sustained while every threshold held"
            if let broken = capacity.brokenBy, let at = capacity.brokenAt {
                let offset = Double(at) - result.run.startedEpochSeconds.rounded(.down)
                text += "; \(ConsoleText.safe(broken)) broke at second \(MeasurementText.fixed(offset, decimals: 0))"
                if let value = capacity.brokenValue { text += " (\(ConsoleText.safe(value))" }
                if let rate = capacity.brokenRequestsPerSecond { text += " at \(MeasurementText.fixed(rate, decimals: 0)) req/s" }
                if capacity.brokenValue != nil { text += ")" }
            } else {
                text += " (no threshold broke)"
            }
            facts.append(("capacity", text))
        }
        return aligned(facts)
    }

    /// Pacing and backoff when they did something (or were turned off, so that a comparison
    /// run says so), and the --max-rps cap when one was given.
    private static func mannerFacts(_ manners: RateLimitManners) -> [(String, String)] {
        var facts: [(String, String)] = []
        if !manners.enabled {
            facts.append(("rate-limit pacing", "off (--no-rate-limit-manners): no pacing by X-RateLimit-*, 1 s after a 429 naming no wait"))
        } else if manners.paced > 0 || manners.backoffs > 0 {
            var text = "\(manners.paced) holds until X-RateLimit-Reset, "
                + "\(MeasurementText.fixed(manners.pacedWaitSeconds, decimals: 1))s in all"
            if manners.pacedDropped > 0 { text += ", \(manners.pacedDropped) arrivals not sent" }
            text += "; \(manners.backoffs) backoffs after a 429 naming no wait"
            facts.append(("rate-limit pacing", text))
        }
        if let cap = manners.maxRequestsPerSecond {
            var text = "\(MeasurementText.trimmed(cap))/s for the whole run"
            if let rate = manners.cappedProfileRate {
                text += " (the profile's \(MeasurementText.trimmed(rate))/s capped to it)"
            }
            text += "; \(manners.maxRPSDelayed) requests waited for their slot, "
                + "\(MeasurementText.fixed(manners.maxRPSWaitSeconds, decimals: 1))s in all"
            facts.append(("max rps", text))
        }
        return facts
    }

    private static func timingDescription(_ timings: TimingTotals) -> String? {
        var parts: [String] = []
        if let connect = timings.meanConnectMilliseconds {
            parts.append("connect \(MeasurementText.milliseconds(connect)) (\(timings.newConnections) new connections)")
        }
        // Plain HTTP has no handshake; "TLS 0.0ms" would suggest one that was free.
        if let tls = timings.meanTLSMilliseconds, timings.tlsMicroseconds > 0 {
            parts.append("TLS \(MeasurementText.milliseconds(tls))")
        }
        if let firstByte = timings.meanFirstByteMilliseconds {
            parts.append("first byte \(MeasurementText.milliseconds(firstByte))")
        }
        return parts.isEmpty ? nil : parts.joined(separator: ", ")
    }

    // MARK: - Errors, failed checks, violations

    private static func problemLists(_ result: LoadResult, text: ConsoleText) -> [String] {
        var lines: [String] = []
        let errors = result.errors.sorted { ($1.count, $0.operation, $0.message) < ($0.count, $1.operation, $1.message) }
        lines += listing(title: "errors", errors, count: \.count, text: text) { error in
            var entry = ["\(ConsoleText.safe(error.operation, limit: 60))  \(error.errorClass.rawValue)  \(ConsoleText.safe(error.message))"]
            if !error.sample.isEmpty, error.sample != error.message { entry.append("e.g. " + ConsoleText.safe(error.sample)) }
            return entry
        }
        let checks = result.failedChecks.sorted { ($1.count, $0.scenario, $0.step, $0.check) < ($0.count, $1.scenario, $1.step, $1.check) }
        lines += listing(title: "failed checks", checks, count: \.count, text: text) { check in
            var entry = ["\(ConsoleText.safe(check.scenario, limit: 80)), \(ConsoleText.safe(check.step, limit: 80)): \(ConsoleText.safe(check.check))"]
            if !check.sample.isEmpty { entry.append("found: " + ConsoleText.safe(check.sample)) }
            return entry
        }
        let violations = result.violations.sorted {
            ($1.count, $0.operation, $0.status, $0.pointer, $0.keyword) < ($0.count, $1.operation, $1.status, $1.pointer, $1.keyword)
        }
        lines += listing(title: "contract violations in sampled responses", violations, count: \.count, text: text) { violation in
            let pointer = violation.pointer.isEmpty ? "(body)" : ConsoleText.safe(violation.pointer, limit: 120)
            return ["\(ConsoleText.safe(violation.operation, limit: 60)) \(violation.status) \(pointer) [\(ConsoleText.safe(violation.keyword, limit: 40))]: \(ConsoleText.safe(violation.message))"]
        }
        let unchecked = result.uncheckedPatterns.sorted { ($1.count, $0.operation, $0.pattern) < ($0.count, $1.operation, $1.pattern) }
        lines += listing(title: "sampled responses with values not checked against a pattern", unchecked, count: \.count, text: text) { entry in
            ["\(ConsoleText.safe(entry.operation, limit: 60)): \(ConsoleText.safe(entry.note))"]
        }
        return lines
    }

    /// A titled list of the `listedKinds` most frequent entries (already sorted), each led by
    /// its count; further lines of an entry are indented under its text.
    private static func listing<Entry>(
        title: String, _ entries: [Entry], count: (Entry) -> Int, text: ConsoleText, describe: (Entry) -> [String]
    ) -> [String] {
        guard !entries.isEmpty else { return [] }
        let total = entries.reduce(0) { $0 + count($1) }
        var lines = ["", text.paint("\(title) (\(total) in all, \(entries.count) distinct)", .bold)]
        let shown = entries.prefix(listedKinds)
        let countWidth = shown.map { String(count($0)).count }.max() ?? 1
        for entry in shown {
            let described = describe(entry)
            let indent = String(repeating: " ", count: 2 + countWidth + 2)
            for (index, part) in described.enumerated() {
                lines.append(index == 0 ? "  \(ConsoleText.pad(String(count(entry)), countWidth, left: true))  \(part)" : indent + part)
            }
        }
        if entries.count > shown.count {
            let rest = entries.dropFirst(shown.count)
            lines.append("  … and \(rest.count) more (\(rest.reduce(0) { $0 + count($1) }) in all)")
        }
        return lines
    }

    // MARK: - Verdicts

    private static func verdicts(_ result: LoadResult, text: ConsoleText) -> [String] {
        var lines: [String] = []
        if !result.thresholds.isEmpty {
            lines += ["", text.paint("thresholds", .bold)]
            for verdict in result.thresholds {
                let mark = verdict.ok ? text.paint("✓", .green) : text.paint("✗", .red)
                let abort = verdict.abortOnFail ? " [abort_on_fail]" : ""
                lines.append("  \(mark) \(ConsoleText.safe(verdict.expression)) (\(ConsoleText.safe(verdict.actual)))\(abort)")
            }
        }
        if result.abortedBy != nil || result.interrupted { lines.append("") }
        if let expression = result.abortedBy {
            lines.append(text.paint("stopped early: \(ConsoleText.safe(expression)) failed (abort_on_fail)", .red))
        }
        if result.interrupted {
            lines.append(text.paint("interrupted: the results above are partial", .red))
        }
        return lines
    }

    // MARK: - Layout

    /// `label  value` lines with the values in one column.
    private static func aligned(_ facts: [(String, String)]) -> [String] {
        let width = facts.map(\.0.count).max() ?? 0
        return facts.map { "  " + ConsoleText.pad($0.0, width) + "  " + $0.1 }
    }
}
