// What went wrong under load: each distinct error, failed check and contract violation with
// its count and one sample. Samples come from responses, so every one is escaped.

/// The errors, failed checks and sampled contract violations.
enum FindingsSection {
    /// The section, one table per kind of finding, most frequent first.
    static func html(_ result: LoadResult) -> String {
        var html = "<section id=\"findings\"><h2>Errors, failed checks and contract violations</h2>"

        html += "<h3>Errors</h3>"
        let errors = result.errors.sorted { ($1.count, $0.operation, $0.message) < ($0.count, $1.operation, $1.message) }
        html += errors.isEmpty ? "<p class=\"empty\">none</p>" : HTMLTable(
            columns: [("count", true), ("operation", false), ("class", false), ("message", false), ("sample", false)],
            rows: errors.map {
                [.count($0.count), .code($0.operation), .text($0.errorClass.rawValue), .text($0.message), sample($0.sample)]
            }, footer: nil).html()

        html += "<h3>Failed checks</h3>"
        let checks = result.failedChecks.sorted { ($1.count, $0.scenario, $0.step) < ($0.count, $1.scenario, $1.step) }
        html += checks.isEmpty ? "<p class=\"empty\">none</p>" : HTMLTable(
            columns: [("count", true), ("scenario", false), ("step", false), ("check", false), ("found", false)],
            rows: checks.map { [.count($0.count), .text($0.scenario), .text($0.step), .code($0.check), sample($0.sample)] },
            footer: nil).html()

        html += "<h3>Contract violations in sampled responses</h3>"
        let violations = result.violations.sorted { ($1.count, $0.operation, $0.pointer) < ($0.count, $1.operation, $1.pointer) }
        html += violations.isEmpty ? "<p class=\"empty\">\(Self.noViolations(result))</p>" : HTMLTable(
            columns: [("count", true), ("operation", false), ("status", true), ("pointer", false), ("keyword", false), ("message", false)],
            rows: violations.map {
                [.count($0.count), .code($0.operation), .number(String($0.status)), .code($0.pointer), .code($0.keyword), .text($0.message)]
            }, footer: nil).html()

        // Only when some value was not checked: a check that did not happen must be seen.
        let unchecked = result.uncheckedPatterns.sorted { ($1.count, $0.operation, $0.pattern) < ($0.count, $1.operation, $1.pattern) }
        if !unchecked.isEmpty {
            html += "<h3>Values not checked against a pattern</h3>" + HTMLTable(
                columns: [("responses", true), ("operation", false), ("pattern", false), ("first note", false)],
                rows: unchecked.map { [.count($0.count), .code($0.operation), .code($0.pattern), .text($0.note)] },
                footer: nil).html()
        }
        return html + "</section>"
    }

    /// What an empty violations table means: validation off, nothing checked because every
    /// sample found the validator's queue full, or responses checked and found sound.
    static func noViolations(_ result: LoadResult) -> String {
        let validation = result.validation
        guard result.run.validateSample > 0 || validation.sampled > 0 else { return "none (validation was off)" }
        if validation.everySampleSkipped {
            return "not checked: all \(HTMLNumbers.count(validation.skipped)) samples were skipped (the validator's queue was full)"
        }
        return "none"
    }

    private static func sample(_ text: String) -> TableCell {
        .markup("<pre class=\"sample\">\(HTMLText.escaped(text))</pre>")
    }
}
