// The numbers behind the time charts, one row per plotted point, folded away by default: the
// charts are pictures, and a reader who wants a value reads it here.

/// The per-second table under the time charts.
enum TimelineTable {
    /// A `<details>` with the table; nothing when the run has no windows.
    static func html(_ timeline: RunTimeline) -> String {
        guard !timeline.points.isEmpty else { return "" }
        let unit = timeline.secondsPerPoint == 1 ? "second" : "\(timeline.secondsPerPoint) seconds"
        let rows = timeline.points.map { point -> [TableCell] in
            func ms(_ value: Double?) -> TableCell { .number(value.map(HTMLNumbers.milliseconds) ?? "–") }
            return [
                .count(Int(point.offset)), .number(HTMLNumbers.perSecond(point.requests)),
                .number(HTMLNumbers.perSecond(point.errors)), .number(HTMLNumbers.perSecond(point.throttled)),
                .number(HTMLNumbers.perSecond(point.dropped)), .count(point.inFlight),
                ms(point.latency?.p50), ms(point.latency?.p90), ms(point.latency?.p99), ms(point.latency?.max),
            ]
        }
        let table = HTMLTable(
            columns: [
                ("second", true), ("requests/s", true), ("errors/s", true), ("throttled/s", true), ("dropped/s", true),
                ("in flight", true), ("p50 ms", true), ("p90 ms", true), ("p99 ms", true), ("max ms", true),
            ], rows: rows, footer: nil)
        var note = ""
        if timeline.undecodableWindows > 0 {
            note = "<p class=\"note\">\(timeline.undecodableWindows) windows had a histogram that could not be decoded; "
                + "their latency is left out.</p>"
        }
        return "<details><summary>The numbers, one row per \(unit)</summary>" + note + table.html() + "</details>"
    }
}
