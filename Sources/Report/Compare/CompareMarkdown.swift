// `compare --markdown FILE`: the comparison as a pull-request comment. The headline first,
// then warnings, then one table, worst regression first; long quiet tails fold away.

/// Renders a comparison as GitHub-flavoured Markdown.
public enum CompareMarkdown {
    /// Above this many rows, rows within noise or without enough data fold into a
    /// `<details>` block, so that a PR comment on a 16-operation profile shows what moved.
    public static let foldAbove = 30

    /// The whole comment, ending with a newline.
    public static func text(for comparison: Comparison) -> String {
        var lines: [String] = []
        lines.append("### fcharness compare: \(CompareCellText.headline(comparison, name: escape))")
        lines.append("")
        let confidence = MeasurementText.fixed(comparison.settings.confidence * 100, decimals: 0)
        lines.append(
            "Profile \(code(comparison.profile)): baseline \(code(comparison.baseline.file)) "
                + "(\(comparison.baseline.seconds) s), current \(code(comparison.current.file)) "
                + "(\(comparison.current.seconds) s). A regression is a change past its threshold "
                + "whose \(confidence)% block-bootstrap interval lies wholly on the worse side of zero.")
        if !comparison.warnings.isEmpty {
            lines.append("")
            for warning in comparison.warnings { lines.append("> ⚠️ " + escape(warning.message)) }
        }
        lines.append("")

        let folds = comparison.rows.count > foldAbove
        let shown = folds ? comparison.rows.filter { $0.verdict < .withinNoise } : comparison.rows
        let folded = folds ? comparison.rows.filter { $0.verdict >= .withinNoise } : []
        if shown.isEmpty {
            lines.append(comparison.rows.allSatisfy { $0.verdict == .notEnoughData }
                ? "No metric had enough data to judge." : "No metric changed beyond the noise of the runs.")
        } else {
            lines += table(shown)
        }
        if !folded.isEmpty {
            lines.append("")
            lines.append("<details><summary>\(folded.count) more rows within noise or without enough data</summary>")
            lines.append("")
            lines += table(folded)
            lines.append("")
            lines.append("</details>")
        }
        if !comparison.addedOperations.isEmpty {
            lines.append("")
            lines.append("Added (only in current, not compared): " + comparison.addedOperations.map(escape).joined(separator: ", "))
        }
        if !comparison.removedOperations.isEmpty {
            lines.append("")
            lines.append("Removed (only in baseline, not compared): " + comparison.removedOperations.map(escape).joined(separator: ", "))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Operation names and other run text made inert in a table cell: `|` would end the cell,
    /// `<`/`&` start HTML, backticks, `*`, `_` and brackets start formatting, newlines end the row.
    public static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "|": out += "\\|"
            case "\\": out += "\\\\"
            case "`": out += "\\`"
            case "*": out += "\\*"
            case "_": out += "\\_"
            case "[": out += "\\["
            case "]": out += "\\]"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "\n", "\r", "\r\n", "\t": out += " "
            default: out.append(character)
            }
        }
        return out
    }

    private static func table(_ rows: [MetricComparison]) -> [String] {
        var lines = [
            "| operation | metric | baseline | current | change | interval | verdict |",
            "|---|---|---:|---:|---:|---:|---|",
        ]
        for row in rows {
            let cells = [
                escape(row.operation), row.metric.label,
                CompareCellText.figure(row.baseline, row.metric), CompareCellText.figure(row.current, row.metric),
                CompareCellText.change(row.change, row.metric), CompareCellText.interval(row.interval, row.metric),
                CompareCellText.verdict(row),
            ]
            lines.append("| " + cells.joined(separator: " | ") + " |")
        }
        return lines
    }

    /// A file or profile name in inline code, unless it holds a backtick or a newline.
    private static func code(_ text: String) -> String {
        text.contains("`") || text.contains("\n") ? escape(text) : "`" + text + "`"
    }
}
