// What `compare` prints on standard output: the headline, warnings and an aligned table,
// worst regression first, for a person at a terminal or a CI log.

/// Renders a comparison as console text.
public enum CompareConsole {
    /// The text, ending with the headline again as its last line (what CI logs show last).
    public static func text(for comparison: Comparison, color: Bool = false) -> String {
        let console = ConsoleText(color: color)
        var lines: [String] = []
        lines.append("compare \(ConsoleText.safe(comparison.baseline.file)) (baseline, \(comparison.baseline.seconds) s) → "
            + "\(ConsoleText.safe(comparison.current.file)) (current, \(comparison.current.seconds) s), "
            + "profile \(ConsoleText.safe(comparison.profile))")
        for warning in comparison.warnings {
            lines.append(console.paint("warning: " + ConsoleText.safe(warning.message, limit: 400), .yellow))
        }
        lines.append("")

        let header = ["operation", "metric", "baseline", "current", "change", "interval", "verdict"]
        let cells = comparison.rows.map { row in
            [
                ConsoleText.safe(row.operation, limit: 60), row.metric.label,
                CompareCellText.figure(row.baseline, row.metric), CompareCellText.figure(row.current, row.metric),
                CompareCellText.change(row.change, row.metric), CompareCellText.interval(row.interval, row.metric),
                CompareCellText.verdict(row),
            ]
        }
        var widths = header.map(\.count)
        for line in cells {
            for (column, cell) in line.enumerated() { widths[column] = max(widths[column], cell.count) }
        }
        let numeric: Set<Int> = [2, 3, 4, 5]
        func render(_ line: [String]) -> String {
            line.enumerated().map { column, cell in
                column == line.count - 1 ? cell : ConsoleText.pad(cell, widths[column], left: numeric.contains(column))
            }.joined(separator: "  ")
        }
        lines.append(console.paint(render(header), .bold))
        for (row, line) in zip(comparison.rows, cells) {
            let text = render(line)
            switch row.verdict {
            case .regression: lines.append(console.paint(text, .red))
            case .improvement: lines.append(console.paint(text, .green))
            case .underThreshold, .withinNoise, .notEnoughData: lines.append(text)
            }
        }
        if comparison.rows.isEmpty { lines.append("(no operation ran on both sides)") }
        if !comparison.addedOperations.isEmpty {
            lines.append("added (only in current): " + comparison.addedOperations.map { ConsoleText.safe($0) }.joined(separator: ", "))
        }
        if !comparison.removedOperations.isEmpty {
            lines.append("removed (only in baseline): " + comparison.removedOperations.map { ConsoleText.safe($0) }.joined(separator: ", "))
        }
        lines.append("")
        let headline = CompareCellText.headline(comparison) { ConsoleText.safe($0, limit: 60) }
        lines.append(console.paint(headline, comparison.hasRegression ? .red : .green))
        return lines.joined(separator: "\n") + "\n"
    }
}
