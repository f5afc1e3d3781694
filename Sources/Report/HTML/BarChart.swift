// A bar per category with its count written above it: the status codes of a run.

/// One bar: its label under the axis, its value, and its colour.
struct ChartBar: Equatable {
    var label: String
    var value: Int
    var colour: String
}

/// Bars over named categories, with a count axis.
struct BarChart {
    /// What the chart shows; the SVG's accessible name.
    var title: String
    /// The count axis' title.
    var valueTitle: String
    /// The category axis' title.
    var categoryTitle: String
    var bars: [ChartBar]

    /// The chart in a `<figure>` under `heading`.
    func html(heading: String) -> String {
        "<figure class=\"chart\"><h3>\(HTMLText.escaped(heading))</h3>" + svg() + "</figure>"
    }

    /// The SVG element alone.
    func svg() -> String {
        let frame = ChartFrame()
        let yAxis = ChartAxis.linear(title: valueTitle, upTo: Double(bars.map(\.value).max() ?? 0), wholeNumbers: true)
        var svg = frame.open(title: title) + frame.verticalAxis(yAxis)
        svg += frame.horizontalAxis(ChartAxis(title: categoryTitle, lower: 0, upper: 1, ticks: []))
        guard !bars.isEmpty else { return svg + frame.notice("no requests") + "</svg>" }
        // Each category gets an equal slot; the bar fills most of it, but not absurdly much
        // when there are only one or two.
        let slot = frame.plotWidth / Double(bars.count)
        let barWidth = min(slot * 0.7, 80)
        for (index, bar) in bars.enumerated() {
            let centre = ChartFrame.left + slot * (Double(index) + 0.5)
            let top = frame.y(Double(bar.value), on: yAxis)
            let height = max(frame.plotBottom - top, bar.value > 0 ? 1 : 0)
            svg += "<g class=\"bar\"><title>\(HTMLText.escaped(bar.label)): \(HTMLNumbers.count(bar.value))</title>"
            svg += "<rect x=\"\(HTMLNumbers.coordinate(centre - barWidth / 2))\" y=\"\(HTMLNumbers.coordinate(frame.plotBottom - height))\" "
                + "width=\"\(HTMLNumbers.coordinate(barWidth))\" height=\"\(HTMLNumbers.coordinate(height))\" fill=\"\(bar.colour)\"/>"
            svg += "<text class=\"value\" x=\"\(HTMLNumbers.coordinate(centre))\" y=\"\(HTMLNumbers.coordinate(frame.plotBottom - height - 4))\" "
                + "text-anchor=\"middle\">\(HTMLNumbers.count(bar.value))</text>"
            svg += frame.tickMark(at: centre, label: bar.label)
            svg += "</g>"
        }
        return svg + "</svg>"
    }
}
