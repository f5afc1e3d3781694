// A chart of lines over two axes, with an HTML legend: latency and throughput over time, and
// the per-operation percentile distributions. Static SVG, no script.

/// Lines over an x and a y axis.
struct LineChart {
    /// What the chart shows; the SVG's accessible name.
    var title: String
    var xAxis: ChartAxis
    var yAxis: ChartAxis
    var series: [ChartSeries]
    /// Whether short series get a dot per point; off where x is not a quantity a reader
    /// would look up (the percentile axis' log scale).
    var markers = true
    /// Shown in the plot area when no series has a point.
    var emptyNotice = "no requests"

    /// Series with at most this many points also get a dot per point, with its numbers as a
    /// tooltip: a run of a few seconds is then readable, and a single second is visible at all.
    static let markerLimit = 40

    /// The chart: `<figure>` with `heading`, the SVG and, when a line is drawn, the legend
    /// (even for one line: a chart per operation must say which operation it is).
    func html(heading: String) -> String {
        var html = "<figure class=\"chart\"><h3>\(HTMLText.escaped(heading))</h3>" + svg()
        if series.contains(where: { !$0.points.isEmpty }) {
            html += ChartLegend.html(series.map { ($0.name, $0.colour, $0.dashed) })
        }
        return html + "</figure>"
    }

    /// The SVG element alone.
    func svg() -> String {
        let frame = ChartFrame()
        var svg = frame.open(title: title) + frame.verticalAxis(yAxis) + frame.horizontalAxis(xAxis)
        let drawn = series.filter { !$0.points.isEmpty }
        if drawn.isEmpty { return svg + frame.notice(emptyNotice) + "</svg>" }
        for line in drawn {
            let dash = line.dashed ? " stroke-dasharray=\"6 3\"" : ""
            svg += "<g class=\"series\"><title>\(HTMLText.escaped(line.name))</title>"
            if line.points.count > 1 {
                let points = line.points.map {
                    HTMLNumbers.coordinate(frame.x($0.x, on: xAxis)) + "," + HTMLNumbers.coordinate(frame.y($0.y, on: yAxis))
                }
                svg += "<polyline fill=\"none\" stroke=\"\(line.colour)\" stroke-width=\"1.6\"\(dash) "
                    + "points=\"\(points.joined(separator: " "))\"/>"
            }
            if markers, line.points.count <= Self.markerLimit {
                for point in line.points {
                    svg += "<circle cx=\"\(HTMLNumbers.coordinate(frame.x(point.x, on: xAxis)))\" "
                        + "cy=\"\(HTMLNumbers.coordinate(frame.y(point.y, on: yAxis)))\" r=\"3\" fill=\"\(line.colour)\">"
                        + "<title>\(HTMLText.escaped(line.name)): \(HTMLNumbers.milliseconds(point.y)) "
                        + "(\(HTMLText.escaped(xAxis.title)): \(HTMLNumbers.plain(point.x)))</title></circle>"
                }
            }
            svg += "</g>"
        }
        return svg + "</svg>"
    }
}

/// The legend under a chart: a swatch of each line's colour (dashed when the line is) and its name.
enum ChartLegend {
    /// The legend as a list; names are escaped.
    static func html(_ entries: [(name: String, colour: String, dashed: Bool)]) -> String {
        var html = "<ul class=\"legend\">"
        for entry in entries {
            let border = entry.dashed ? "dashed" : "solid"
            html += "<li><span class=\"swatch\" style=\"border-top: 3px \(border) \(entry.colour)\"></span>"
                + "\(HTMLText.escaped(entry.name))</li>"
        }
        return html + "</ul>"
    }
}
