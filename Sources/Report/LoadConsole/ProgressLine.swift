// The live progress line of `fcharness load`: on a terminal one line redrawn in place, fitted
// to the window; in a log (CI, a pipe) a plain `key=value` line per update that tools can
// read. Neither form contains `Requests/sec:` or `rps=`, which belong to the final summary.

/// Renders a `ProgressSnapshot` as one line of text.
public enum ProgressLine {
    /// The progress line for `snapshot`, without a newline.
    ///
    /// - Parameters:
    ///   - width: the terminal's columns. The line is kept shorter than that (writing the last
    ///     column makes some terminals wrap), dropping the bar first, then the least telling
    ///     figures. Ignored when not on a terminal; 0 or less means "unknown: do not fit".
    ///   - forTerminal: a bar and spaced figures for redrawing in place (the caller writes `\r`
    ///     before it and clears the rest of the line), or `key=value` figures for a log.
    ///   - color: ANSI colour for errors, throttling and drops (terminal form only).
    public static func render(_ snapshot: ProgressSnapshot, width: Int, forTerminal: Bool, color: Bool) -> String {
        forTerminal ? terminalLine(snapshot, width: width, color: color) : logLine(snapshot)
    }

    // MARK: - Log form

    private static func logLine(_ snapshot: ProgressSnapshot) -> String {
        var fields = [
            "\(clock(snapshot.elapsedSeconds))/\(clock(snapshot.plannedSeconds))",
            "requests=\(snapshot.requests)",
            "req/s=\(rate(snapshot.requestsPerSecond))",
            "p99=\(snapshot.p99Milliseconds.map(MeasurementText.milliseconds) ?? "-")",
            "errors=\(snapshot.errors)",
            "throttled=\(snapshot.throttled)",
            "vus=\(snapshot.activeVUs)",
            "dropped=\(snapshot.dropped)",
        ]
        if snapshot.interrupted { fields.append("interrupted") }
        return fields.joined(separator: " ")
    }

    // MARK: - Terminal form

    /// One figure of the terminal line: its plain text (which the width counts), its style
    /// when coloured, and how readily it is dropped when the window is narrow (higher first).
    private struct Field {
        var text: String
        var style: ConsoleStyle?
        var dropOrder: Int
    }

    private static let minimumBarInside = 10
    private static let maximumBarInside = 30

    private static func terminalLine(_ snapshot: ProgressSnapshot, width: Int, color: Bool) -> String {
        var fields = [
            Field(text: "\(clock(snapshot.elapsedSeconds))/\(clock(snapshot.plannedSeconds))", style: nil, dropOrder: 0),
            Field(text: "\(rate(snapshot.requestsPerSecond)) req/s", style: nil, dropOrder: 2),
            Field(text: "p99 \(snapshot.p99Milliseconds.map(MeasurementText.milliseconds) ?? "-")", style: nil, dropOrder: 4),
            Field(text: "errors \(snapshot.errors)", style: snapshot.errors > 0 ? .red : nil, dropOrder: 3),
            Field(text: "throttled \(snapshot.throttled)", style: snapshot.throttled > 0 ? .yellow : nil, dropOrder: 5),
            Field(text: "VUs \(snapshot.activeVUs)", style: nil, dropOrder: 7),
            Field(text: "dropped \(snapshot.dropped)", style: snapshot.dropped > 0 ? .yellow : nil, dropOrder: 6),
        ]
        if snapshot.interrupted { fields.append(Field(text: "interrupted", style: .red, dropOrder: 1)) }

        let separator = "  "
        func plainLength(_ fields: [Field]) -> Int {
            fields.reduce(0) { $0 + $1.text.count } + separator.count * max(0, fields.count - 1)
        }
        // Keep one column free: a character in the last column makes some terminals wrap.
        let room = width > 0 ? width - 1 : Int.max
        var barInside = 0
        if room == Int.max {
            barInside = maximumBarInside
        } else {
            let spare = room - plainLength(fields) - 3  // `[`, `]` and a space
            if spare >= minimumBarInside { barInside = min(maximumBarInside, spare) }
        }
        if barInside == 0 {
            while plainLength(fields) > room, fields.count > 1,
                let drop = fields.indices.max(by: { fields[$0].dropOrder < fields[$1].dropOrder })
            {
                fields.remove(at: drop)
            }
            // Even the time alone does not fit: cut it rather than let the terminal wrap.
            if plainLength(fields) > room, let time = fields.first {
                return String(time.text.prefix(max(0, room)))
            }
        }

        let text = ConsoleText(color: color)
        var line = barInside > 0 ? bar(snapshot, inside: barInside) + " " : ""
        line += fields.map { field in field.style.map { text.paint(field.text, $0) } ?? field.text }.joined(separator: separator)
        return line
    }

    /// `[=====>      ]`: the share of the planned time elapsed, full once past the plan.
    private static func bar(_ snapshot: ProgressSnapshot, inside: Int) -> String {
        let share = snapshot.plannedSeconds > 0 ? min(1, max(0, snapshot.elapsedSeconds / snapshot.plannedSeconds)) : 1
        let filled = Int((share * Double(inside)).rounded(.down))
        if filled >= inside { return "[" + String(repeating: "=", count: inside) + "]" }
        return "[" + String(repeating: "=", count: filled) + ">" + String(repeating: " ", count: inside - filled - 1) + "]"
    }

    // MARK: - Numbers

    /// `12s`, `60s`; `1m40s` from 100 s on, so long runs stay readable.
    private static func clock(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0 else { return "?" }
        let whole = Int64(seconds.rounded(.down))
        guard whole >= 100 else { return "\(whole)s" }
        let minutes = whole / 60
        let rest = whole % 60
        if minutes >= 60 { return "\(minutes / 60)h\(pad2(minutes % 60))m\(pad2(rest))s" }
        return "\(minutes)m\(pad2(rest))s"
    }

    private static func pad2(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }

    /// `812` at speed, `2.5` when slow enough that the fraction says something.
    private static func rate(_ perSecond: Double) -> String {
        MeasurementText.fixed(perSecond, decimals: perSecond < 100 ? 1 : 0)
    }
}
