// The HTML report of a load run: one self-contained page (inline style and SVG, no script,
// nothing fetched) that `fcharness report --html` and `load --html` write.
import Histogram

/// Renders a load run as one self-contained HTML page.
///
/// The markup is also well-formed XHTML (void elements closed, only XML's five named
/// references), so tools can parse it as XML; browsers read it as HTML.
public enum LoadHTMLReport {
    /// The whole page for `result`. Never fails: a window whose histogram cannot be decoded
    /// is left out of the latency chart rather than failing the report.
    public static func page(_ result: LoadResult) -> String {
        let timeline = RunTimeline(result)
        let model = result.run.model
        let operations = result.operations.sorted { $0.key < $1.key }.map { (name: $0.key, latency: $0.value.latency) }

        var html = "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\"><head><meta charset=\"utf-8\"/>"
        html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>"
        html += "<title>Load run: \(HTMLText.escaped(result.run.profile)) (fcharness)</title>"
        html += "<style>\n\(ReportStyle.css)\n</style></head><body>"
        html += OverviewSection.html(result)

        html += "<section id=\"charts\"><h2>Charts</h2><div class=\"charts\">"
        html += RunCharts.latencyOverTime(timeline, model: model).html(heading: "Latency over time")
        html += RunCharts.throughputOverTime(timeline).html(heading: "Throughput over time")
        html += RunCharts.percentileDistribution(operations, model: model).html(heading: "Latency distribution per operation")
        html += RunCharts.statusCodes(result.overall).html(heading: "Status codes")
        html += "</div>" + TimelineTable.html(timeline) + "</section>"

        html += OperationsSection.html(result)
        html += ThresholdsSection.html(result)
        html += FindingsSection.html(result)
        html += SettingsSection.html(result)
        html += "<footer>Written by fcharness \(HTMLText.escaped(result.run.version)) from the run's results; "
            + "see docs/load.md for what each number means.</footer>"
        return html + "</body></html>\n"
    }
}
