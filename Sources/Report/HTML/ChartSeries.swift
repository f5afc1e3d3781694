// What a line chart draws: named series of points in data units, each with its colour, and
// the palette that gives series distinguishable colours (and dashes once colours run out).

/// One point of a series, in the chart's data units.
struct ChartPoint: Equatable {
    var x: Double
    var y: Double
}

/// One line of a chart.
struct ChartSeries: Equatable {
    /// The legend's text for the line.
    var name: String
    /// A CSS colour (`#1f77b4`).
    var colour: String
    /// Drawn dashed: the palette's second round, so the 11th line differs from the 1st.
    var dashed: Bool = false
    /// The points, in order of x.
    var points: [ChartPoint]
}

/// Colours for chart series: the Tableau 10 palette, readable on white and for most colour
/// vision deficiencies, and fixed colours for the meanings that recur (errors are red).
enum ChartPalette {
    /// Ten distinguishable colours.
    static let categorical = [
        "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f",
        "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac",
    ]

    /// The colour and dash of the `index`th of many series.
    static func style(at index: Int) -> (colour: String, dashed: Bool) {
        (categorical[index % categorical.count], (index / categorical.count) % 2 == 1)
    }

    static let requests = "#4e79a7"
    static let errors = "#d62728"
    static let throttled = "#9467bd"
    static let dropped = "#ff7f0e"
    static let p50 = "#59a14f"
    static let p90 = "#4e79a7"
    static let p99 = "#f28e2b"
    static let max = "#d62728"

    /// A status code's colour by class: 2xx green, 3xx blue, 429 purple, other 4xx orange,
    /// 5xx red; grey for transfers that got no status.
    static func status(_ code: Int?) -> String {
        switch code {
        case .some(429): return throttled
        case .some(200 ..< 300): return "#59a14f"
        case .some(300 ..< 400): return "#4e79a7"
        case .some(400 ..< 500): return "#f28e2b"
        case .some(500 ..< 600): return errors
        default: return "#8c8c8c"
        }
    }
}
