// The threshold verdicts, in profile order: the expression, what was measured, pass or fail.

/// The thresholds table.
enum ThresholdsSection {
    /// The section; says so when the profile set none.
    static func html(_ result: LoadResult) -> String {
        var html = "<section id=\"thresholds\"><h2>Thresholds</h2>"
        guard !result.thresholds.isEmpty else { return html + "<p class=\"empty\">no thresholds set</p></section>" }
        let rows = result.thresholds.map { verdict -> [TableCell] in
            let badge = verdict.ok ? "<span class=\"badge pass\">pass</span>" : "<span class=\"badge fail\">fail</span>"
            let abort = verdict.abortOnFail ? "yes" : ""
            return [.markup(badge), .code(verdict.expression), .number(verdict.actual), .text(abort)]
        }
        html += HTMLTable(
            columns: [("verdict", false), ("threshold", false), ("actual", true), ("abort on fail", false)],
            rows: rows, footer: nil).html()
        return html + "</section>"
    }
}
