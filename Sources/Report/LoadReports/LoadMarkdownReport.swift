// The Markdown report of a load run (`report --markdown`): GitHub-flavoured, small enough for
// `$GITHUB_STEP_SUMMARY`, with every string from the run escaped so that a response cannot
// break a table or inject HTML into the page GitHub renders.

/// Renders a `LoadResult` as GitHub-flavoured Markdown.
///
/// Sections: a headline verdict, the run settings, the per-operation table, the threshold
/// verdicts (✅/❌), then errors, failed checks and sampled contract violations, most frequent
/// first and at most ``listedKinds`` of each.
public enum LoadMarkdownReport {
    /// How many distinct errors, failed checks and violations are listed before "… and N more";
    /// with cells cut to ``cellLimit``, the report stays far below the step summary's 1 MiB.
    public static let listedKinds = 20
    /// Characters of free text (a sample, a message) kept in one table cell.
    public static let cellLimit = 300

    /// The whole report, ending in a newline.
    public static func markdown(_ result: LoadResult) -> String {
        var blocks: [[String]] = [headline(result), settings(result.run), operations(result)]
        blocks.append(thresholds(result))
        blocks.append(errors(result.errors))
        blocks.append(failedChecks(result.failedChecks))
        blocks.append(violations(result))
        blocks.append(uncheckedPatterns(result.uncheckedPatterns))
        return blocks.filter { !$0.isEmpty }.map { $0.joined(separator: "\n") }.joined(separator: "\n\n") + "\n"
    }

    // MARK: - Headline

    private static func headline(_ result: LoadResult) -> [String] {
        let failed = result.thresholds.filter { !$0.ok }.count
        var verdict: String
        if result.passed {
            verdict = result.thresholds.isEmpty ? "✅ passed (no thresholds)" : "✅ passed: \(result.thresholds.count) of \(result.thresholds.count) thresholds held"
        } else {
            var reasons: [String] = []
            if failed > 0 { reasons.append("\(failed) of \(result.thresholds.count) thresholds failed") }
            if let expression = result.abortedBy { reasons.append("stopped early by \(cell(expression)) (abort_on_fail)") }
            if result.interrupted { reasons.append("interrupted, the results are partial") }
            verdict = "❌ failed: " + reasons.joined(separator: "; ")
        }
        let overall = result.overall
        var facts = [
            "**\(MeasurementText.fixed(result.requestsPerSecond, decimals: 2)) req/s**",
            "\(overall.requests) requests",
            "\(overall.errors) errors (\(MeasurementText.percent(overall.errorRate)))",
        ]
        if overall.requests > 0 {
            facts.append("p99 \(MeasurementText.milliseconds(overall.latency.latencySummary.p99))")
        }
        facts.append("\(MeasurementText.fixed(result.run.durationSeconds, decimals: 1)) s")
        return [
            "## Load run \(cell(result.run.profile)): \(verdict)",
            "",
            facts.joined(separator: " · "),
        ]
    }

    // MARK: - Settings

    private static func settings(_ run: LoadRunInfo) -> [String] {
        var rows: [(String, String)] = [
            ("profile", "\(cell(run.profile)) (\(cell(run.profileFile)))"),
            ("executor", cell(executorDescription(run))),
            ("model", run.isOpenModel
                ? "open: latency from the intended start"
                : "closed: latency from the send, coordinated omission not corrected"),
            ("target", cell(run.target)),
            ("started", cell(run.started)),
            ("duration", "\(MeasurementText.fixed(run.durationSeconds, decimals: 1)) s (planned \(MeasurementText.compactDuration(seconds: run.plannedDurationSeconds)))"),
            ("validated", "\(MeasurementText.trimmed(run.validateSample * 100))% of responses"),
            ("threads", String(run.threads)),
        ]
        if let shard = run.shard { rows.append(("shard", "\(shard) of \(run.shards)")) } else if run.shards > 1 {
            rows.append(("shards", "\(run.shards), merged"))
        }
        rows.append(("machine", "\(cell(run.machine.hostname)), \(cell(run.machine.system)), \(run.machine.cores) cores, fcharness \(cell(run.version))"))
        return ["### Run", "", "| setting | value |", "| --- | --- |"] + rows.map { "| \($0.0) | \($0.1) |" }
    }

    private static func executorDescription(_ run: LoadRunInfo) -> String {
        let isArrivalRate = run.executor.contains("arrival-rate")
        var parts: [String] = []
        if let rate = run.plannedRate { parts.append("\(MeasurementText.trimmed(rate))/s") }
        if !run.stages.isEmpty {
            let unit = isArrivalRate ? "/s" : " VUs"
            parts.append("stages " + run.stages.map {
                "\(MeasurementText.compactDuration(seconds: $0.durationSeconds)) to \(MeasurementText.trimmed($0.target))\(unit)"
            }.joined(separator: ", "))
        }
        if let vus = run.vus { parts.append(isArrivalRate ? "\(vus) VUs pre-allocated" : "\(vus) VUs") }
        if let maxVUs = run.maxVUs { parts.append("at most \(maxVUs) VUs") }
        return parts.isEmpty ? run.executor : "\(run.executor) (\(parts.joined(separator: ", ")))"
    }

    // MARK: - Operations

    private static func operations(_ result: LoadResult) -> [String] {
        let label = result.run.isOpenModel ? "Latency in ms, from the intended start (open model)." : "Latency in ms, from the send (closed model)."
        var lines = [
            "### Operations", "", label, "",
            "| operation | count | errors | req/s | p50 | p90 | p99 | p99.9 | max |",
            "| :--- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        ]
        for name in result.operations.keys.sorted() {
            guard let operation = result.operations[name] else { continue }
            lines.append(row(cell(name), operation, requestsPerSecond: result.requestsPerSecond(of: name)))
        }
        lines.append(row("**overall**", result.overall, requestsPerSecond: result.requestsPerSecond))
        return lines
    }

    private static func row(_ name: String, _ operation: OperationResult, requestsPerSecond: Double) -> String {
        var cells = [name, String(operation.requests), String(operation.errors), MeasurementText.fixed(requestsPerSecond, decimals: 1)]
        if operation.requests > 0 {
            let summary = operation.latency.latencySummary
            cells += [summary.p50, summary.p90, summary.p99, summary.p999, summary.max].map(MeasurementText.tableMilliseconds)
        } else {
            cells += Array(repeating: "–", count: 5)
        }
        return "| " + cells.joined(separator: " | ") + " |"
    }

    // MARK: - Thresholds

    private static func thresholds(_ result: LoadResult) -> [String] {
        guard !result.thresholds.isEmpty else { return [] }
        var lines = ["### Thresholds", "", "| | threshold | measured |", "| :---: | --- | ---: |"]
        for verdict in result.thresholds {
            var expression = cell(verdict.expression)
            if verdict.abortOnFail { expression += " (abort_on_fail)" }
            lines.append("| \(verdict.ok ? "✅" : "❌") | \(expression) | \(cell(verdict.actual)) |")
        }
        return lines
    }

    // MARK: - Errors, failed checks, violations

    private static func errors(_ errors: [ErrorSummary]) -> [String] {
        let sorted = errors.sorted { ($1.count, $0.operation, $0.message) < ($0.count, $1.operation, $1.message) }
        return listing("Errors", sorted, count: \.count, header: ["count", "operation", "class", "message", "example"]) { error in
            [cell(error.operation), error.errorClass.rawValue, cell(error.message), error.sample == error.message ? "" : cell(error.sample)]
        }
    }

    private static func failedChecks(_ checks: [CheckFailureSummary]) -> [String] {
        let sorted = checks.sorted { ($1.count, $0.scenario, $0.step, $0.check) < ($0.count, $1.scenario, $1.step, $1.check) }
        return listing("Failed checks", sorted, count: \.count, header: ["count", "scenario", "step", "check", "found"]) { check in
            [cell(check.scenario), cell(check.step), cell(check.check), cell(check.sample)]
        }
    }

    private static func uncheckedPatterns(_ entries: [UncheckedPatternSummary]) -> [String] {
        let sorted = entries.sorted { ($1.count, $0.operation, $0.pattern) < ($0.count, $1.operation, $1.pattern) }
        return listing("Values not checked against a pattern", sorted, count: \.count,
                       header: ["responses", "operation", "pattern", "first note"]) { entry in
            [cell(entry.operation), cell(entry.pattern), cell(entry.note)]
        }
    }

    private static func violations(_ result: LoadResult) -> [String] {
        let sorted = result.violations.sorted {
            ($1.count, $0.operation, $0.status, $0.pointer, $0.keyword) < ($0.count, $1.operation, $1.status, $1.pointer, $1.keyword)
        }
        var lines = listing("Contract violations in sampled responses", sorted, count: \.count,
                            header: ["count", "operation", "status", "pointer", "keyword", "message"]) { violation in
            [cell(violation.operation), String(violation.status), violation.pointer.isEmpty ? "(body)" : cell(violation.pointer),
             cell(violation.keyword), cell(violation.message)]
        }
        let validation = result.validation
        // Skips alone are shown too: a run whose every sample found the validator's queue full
        // checked nothing, and must not read as one that checked and found nothing.
        if !lines.isEmpty || validation.sampled > 0 || validation.skipped > 0 {
            let counts = "\(validation.validated) responses validated (\(validation.skipped) skipped), \(validation.violations) violations."
            let verdict = validation.everySampleSkipped ? "Not checked: " : "None: "
            lines += lines.isEmpty ? ["### Contract violations in sampled responses", "", verdict + counts] : ["", counts]
        }
        return lines
    }

    /// A titled table of the `listedKinds` most frequent entries (already sorted), count first.
    private static func listing<Entry>(
        _ title: String, _ entries: [Entry], count: (Entry) -> Int, header: [String], cells: (Entry) -> [String]
    ) -> [String] {
        guard !entries.isEmpty else { return [] }
        let total = entries.reduce(0) { $0 + count($1) }
        var lines = [
            "### \(title)", "", "\(total) in all, \(entries.count) distinct.", "",
            "| " + header.joined(separator: " | ") + " |",
            "| ---: |" + String(repeating: " --- |", count: header.count - 1),
        ]
        let shown = entries.prefix(listedKinds)
        for entry in shown {
            lines.append("| " + ([String(count(entry))] + cells(entry)).joined(separator: " | ") + " |")
        }
        if entries.count > shown.count {
            let rest = entries.dropFirst(shown.count)
            lines += ["", "… and \(rest.count) more (\(rest.reduce(0) { $0 + count($1) }) in all)."]
        }
        return lines
    }

    // MARK: - Escaping

    /// Text from the run made inert in a table cell: HTML's `<`, `>` and `&` as entities (GitHub
    /// would render a tag), Markdown's punctuation backslash-escaped (`|` would end the cell, a
    /// backtick open a code span, `[` a link, `*` and `_` emphasis), newlines and other control
    /// characters shown as `⏎` and `\u{…}` (a newline would end the row), cut to `cellLimit`.
    static func cell(_ text: String) -> String {
        var out = ""
        var length = 0
        var previousWasReturn = false
        for scalar in text.unicodeScalars {
            if length >= cellLimit {
                out += "…"
                break
            }
            defer { length += 1 }
            // \r\n is one line break, not two.
            if scalar == "\n" && previousWasReturn {
                previousWasReturn = false
                continue
            }
            previousWasReturn = scalar == "\r"
            switch scalar {
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "\\", "`", "|", "*", "_", "[", "]", "~", "#", "!", "$": out += "\\" + String(scalar)
            case "\n", "\r", "\u{2028}", "\u{2029}": out += " ⏎ "
            case "\t": out += " "
            case "\u{0}"..."\u{1F}", "\u{7F}"..."\u{9F}":
                out += "\\\\u{" + String(scalar.value, radix: 16) + "}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
