// The readable contract report for a terminal or a CI log: per scenario and step the
// operation, status and time, every violation with its pointer, and the summary line
// `N passed, M failed` last, where scripts look for it.

/// Renders a contract run for people. Colour only when asked (the CLI asks on a terminal).
public struct ConsoleReport: Sendable {
    public var colour: Bool

    public init(colour: Bool) { self.colour = colour }

    /// The report's lines, the last one being `N passed, M failed`.
    public func render(_ run: ContractRunResult) -> String {
        var out = ""
        for scenario in run.scenarios {
            out += scenarioBlock(scenario)
        }
        let steps = run.allSteps
        let failedSteps = steps.filter { $0.outcome == .failed }.count
        let skippedSteps = steps.filter { $0.outcome == .skipped }.count
        let violations = steps.reduce(0) { $0 + $1.violations.count }
        out += "\n"
        out += "\(run.scenarios.count) scenarios, \(steps.count) steps (\(steps.count - failedSteps - skippedSteps) passed, "
        out += "\(failedSteps) failed, \(skippedSteps) skipped), \(violations) contract violations, "
        out += "\(formatMilliseconds(run.durationMilliseconds)) against \(run.target)\n"
        if let waits = run.rateLimitWaitsLine { out += waits + "\n" }
        if run.readOnly {
            let excluded = steps.filter(\.excluded).count
            out += "read-only: \(excluded) step\(excluded == 1 ? "" : "s") not sent (they write, or need what a write captures)\n"
        }
        if let runID = run.runID { out += "creates tagged fcharness_run_id=\(runID)\n" }
        if run.interrupted { out += paint("interrupted: the results above are partial", .red) + "\n" }
        let summary = "\(run.passedCount) passed, \(run.failedCount) failed"
        out += paint(summary, run.ok ? .green : .red) + "\n"
        return out
    }

    private func scenarioBlock(_ scenario: ScenarioResult) -> String {
        let mark = scenario.ok ? paint("✓", .green) : paint("✗", .red)
        var out = "\(mark) \(bold(scenario.name))  \(dim("\(scenario.file), \(formatMilliseconds(scenario.durationMilliseconds))"))\n"
        let operationWidth = max(12, scenario.steps.map(\.operation.count).max() ?? 0)
        for step in scenario.steps {
            let number = pad(String(step.index), 3, left: true)
            let operation = pad(step.operation, operationWidth)
            let method = pad(step.method, 6)
            switch step.outcome {
            case .skipped:
                out += "  \(dim("-")) \(number) \(dim(operation)) \(dim(method)) \(dim("skipped"))\n"
                // Why a step was left out on purpose (`--read-only`) is part of the report.
                if step.excluded {
                    for note in step.notes { out += "        \(dim(ConsoleText.safe(note, limit: 1000)))\n" }
                }
            case .passed, .failed:
                let ok = step.outcome == .passed
                let status = step.status.map(String.init) ?? "---"
                let line = "  \(ok ? paint("✓", .green) : paint("✗", .red)) \(number) \(operation) \(method) "
                    + "\(ok ? status : paint(status, .red)) \(pad(formatMilliseconds(step.durationMilliseconds), 9, left: true))"
                out += line + "\n"
                // Notes, messages and excerpts carry server text: made safe for one console line each.
                for note in step.notes { out += "        \(dim(ConsoleText.safe(note, limit: 1000)))\n" }
                if !ok {
                    for failure in Self.failureLines(for: step) { out += "        \(ConsoleText.safe(failure, limit: 1000))\n" }
                    if let excerpt = step.responseExcerpt, !step.violations.isEmpty || step.error == nil {
                        out += "        \(dim("response: \(ConsoleText.safe(excerpt, limit: 240))"))\n"
                    }
                }
            }
        }
        return out
    }

    /// One line per thing that went wrong in a step: violations first (pointer, keyword,
    /// message), then failed assertions, then the error that stopped it.
    public static func failureLines(for step: StepResult) -> [String] {
        var lines: [String] = []
        for violation in step.violations {
            let location = violation.pointer.isEmpty ? "(body)" : violation.pointer
            lines.append("\(location) [\(violation.keyword)]: \(violation.message)")
        }
        for assertion in step.assertions where !assertion.ok {
            lines.append("expect \(assertion.expression): \(assertion.message ?? "failed")")
        }
        if let error = step.error { lines.append(error) }
        return lines
    }

    // MARK: - Formatting

    private enum Colour: String {
        case red = "31", green = "32"
    }

    private func paint(_ text: String, _ colour: Colour) -> String {
        self.colour ? "\u{1B}[\(colour.rawValue)m\(text)\u{1B}[0m" : text
    }

    private func bold(_ text: String) -> String { colour ? "\u{1B}[1m\(text)\u{1B}[0m" : text }
    private func dim(_ text: String) -> String { colour ? "\u{1B}[2m\(text)\u{1B}[0m" : text }

    private func pad(_ text: String, _ width: Int, left: Bool = false) -> String {
        let gap = max(0, width - text.count)
        let spaces = String(repeating: " ", count: gap)
        return left ? spaces + text : text + spaces
    }
}

/// `12.3 ms`, `1.24 s`: durations people read at a glance.
public func formatMilliseconds(_ milliseconds: Double) -> String {
    if milliseconds >= 1000 {
        return "\(Double((milliseconds / 10).rounded()) / 100) s"
    }
    return "\(Double((milliseconds * 10).rounded()) / 10) ms"
}
