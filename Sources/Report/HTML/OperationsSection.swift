// The table of operations: counts, rates and latency percentiles of each, and of all of them
// together, with the note on what the latency is measured from.

/// The per-operation table.
enum OperationsSection {
    static let columns: [(title: String, numeric: Bool)] = [
        ("operation", false), ("requests", true), ("errors", true), ("error rate", true), ("throttled", true),
        ("req/s", true), ("p50", true), ("p90", true), ("p99", true), ("p99.9", true), ("max", true), ("violations", true),
    ]

    /// The section: a note on the model, then the table with an overall row.
    static func html(_ result: LoadResult) -> String {
        var html = "<section id=\"operations\"><h2>Operations</h2><p class=\"note\">" + modelNote(result.run) + "</p>"
        let rows = result.operations.sorted { $0.key < $1.key }.map { name, operation in
            row(.code(name), operation, requestsPerSecond: result.requestsPerSecond(of: name))
        }
        if rows.isEmpty {
            html += "<p class=\"empty\">no requests</p>"
        } else {
            let footer = row(.markup("<strong>overall</strong>"), result.overall, requestsPerSecond: result.requestsPerSecond)
            html += HTMLTable(columns: columns, rows: rows, footer: footer).html()
        }
        return html + "</section>"
    }

    /// What the latency columns mean for this run's model (docs/load.md, "Two models").
    static func modelNote(_ run: LoadRunInfo) -> String {
        if run.isOpenModel {
            return "Latency in ms, from each iteration's <em>intended</em> start (open model: arrivals follow the schedule, "
                + "so time spent behind a stalled server counts)."
        }
        return "Latency in ms, from the send (closed model: each virtual user waits for its reply before the next request, "
            + "so a slow server also slows the load; coordinated omission is not corrected)."
    }

    private static func row(_ name: TableCell, _ operation: OperationResult, requestsPerSecond: Double) -> [TableCell] {
        let latency = operation.latency.latencySummary
        let has = operation.latency.totalCount > 0
        func ms(_ value: Double) -> TableCell { .number(has ? HTMLNumbers.milliseconds(value) : "–") }
        return [
            name, .count(operation.requests), .count(operation.errors), .number(HTMLNumbers.percent(operation.errorRate)),
            .count(operation.throttled), .number(HTMLNumbers.perSecond(requestsPerSecond)),
            ms(latency.p50), ms(latency.p90), ms(latency.p99), ms(latency.p999), ms(latency.max), .count(operation.violations),
        ]
    }
}
