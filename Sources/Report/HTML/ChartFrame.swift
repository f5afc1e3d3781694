// The frame every chart of the report shares: the SVG element, the plot area inside its
// margins, the axes with their ticks, grid lines and titles, and the "no requests" notice.

/// The geometry of one chart and the SVG of its frame.
struct ChartFrame {
    /// The drawing's size in SVG units; CSS scales it to the page's width.
    static let width = 760.0
    static let height = 300.0
    // Room for tick labels and axis titles around the plot area.
    static let left = 70.0
    static let right = 40.0
    static let top = 16.0
    static let bottom = 48.0

    var plotWidth: Double { Self.width - Self.left - Self.right }
    var plotHeight: Double { Self.height - Self.top - Self.bottom }
    var plotBottom: Double { Self.top + plotHeight }

    /// The horizontal position of `value` on `axis`, clamped to the plot area.
    func x(_ value: Double, on axis: ChartAxis) -> Double {
        Self.left + plotWidth * Self.fraction(value, of: axis)
    }

    /// The vertical position of `value` on `axis`, clamped to the plot area (up is more).
    func y(_ value: Double, on axis: ChartAxis) -> Double {
        plotBottom - plotHeight * Self.fraction(value, of: axis)
    }

    /// The opening `<svg>` tag and its accessible title; close it with `</svg>`.
    func open(title: String) -> String {
        let size = "width=\"\(Int(Self.width))\" height=\"\(Int(Self.height))\""
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" \(size) "
            + "viewBox=\"0 0 \(Int(Self.width)) \(Int(Self.height))\" role=\"img\" aria-label=\"\(HTMLText.escaped(title))\">"
            + "<title>\(HTMLText.escaped(title))</title>"
    }

    /// Horizontal grid lines at `axis`' ticks, their labels on the left, and its title.
    func verticalAxis(_ axis: ChartAxis) -> String {
        var svg = "<g class=\"axis y\">"
        for tick in axis.ticks {
            let position = HTMLNumbers.coordinate(y(tick.value, on: axis))
            svg += "<line class=\"grid\" x1=\"\(Self.left)\" x2=\"\(Self.left + plotWidth)\" y1=\"\(position)\" y2=\"\(position)\"/>"
            svg += "<text x=\"\(Self.left - 6)\" y=\"\(position)\" text-anchor=\"end\" dominant-baseline=\"middle\">"
                + "\(HTMLText.escaped(tick.label))</text>"
        }
        let middle = HTMLNumbers.coordinate(Self.top + plotHeight / 2)
        svg += "<text class=\"title\" transform=\"translate(16 \(middle)) rotate(-90)\" text-anchor=\"middle\">"
            + "\(HTMLText.escaped(axis.title))</text>"
        return svg + "</g>"
    }

    /// The base line, `axis`' ticks and labels below the plot area, and its title.
    func horizontalAxis(_ axis: ChartAxis) -> String {
        var svg = "<g class=\"axis x\">"
        svg += "<line class=\"base\" x1=\"\(Self.left)\" x2=\"\(Self.left + plotWidth)\" y1=\"\(plotBottom)\" y2=\"\(plotBottom)\"/>"
        for tick in axis.ticks {
            svg += tickMark(at: x(tick.value, on: axis), label: tick.label)
        }
        svg += "<text class=\"title\" x=\"\(HTMLNumbers.coordinate(Self.left + plotWidth / 2))\" y=\"\(Self.height - 6)\" "
            + "text-anchor=\"middle\">\(HTMLText.escaped(axis.title))</text>"
        return svg + "</g>"
    }

    /// A tick below the plot area at `position` (SVG units) with `label` under it.
    func tickMark(at position: Double, label: String) -> String {
        let x = HTMLNumbers.coordinate(position)
        return "<line x1=\"\(x)\" x2=\"\(x)\" y1=\"\(plotBottom)\" y2=\"\(plotBottom + 5)\"/>"
            + "<text x=\"\(x)\" y=\"\(plotBottom + 18)\" text-anchor=\"middle\">\(HTMLText.escaped(label))</text>"
    }

    /// A notice in the middle of the plot area, for a chart without data.
    func notice(_ text: String) -> String {
        "<text class=\"notice\" x=\"\(HTMLNumbers.coordinate(Self.left + plotWidth / 2))\" "
            + "y=\"\(HTMLNumbers.coordinate(Self.top + plotHeight / 2))\" text-anchor=\"middle\">\(HTMLText.escaped(text))</text>"
    }

    private static func fraction(_ value: Double, of axis: ChartAxis) -> Double {
        let span = axis.upper - axis.lower
        guard span > 0, value.isFinite else { return 0 }
        return min(1, max(0, (value - axis.lower) / span))
    }
}
