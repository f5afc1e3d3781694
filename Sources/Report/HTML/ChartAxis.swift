// The axes of the report's charts: a range in data units and where its ticks go. Linear axes
// get "nice" steps (1, 2 or 5 × 10ⁿ); the percentile axis is HdrHistogram's log 1/(1−p) scale.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One labelled position on an axis.
struct ChartTick: Equatable {
    /// Where, in the axis' data units.
    var value: Double
    /// What is written there.
    var label: String
}

/// One axis of a chart: its title, its range in data units and its ticks.
struct ChartAxis: Equatable {
    /// What the axis measures, with its unit (`latency (ms)`).
    var title: String
    /// The value at the axis' start.
    var lower: Double
    /// The value at its end; always above `lower`.
    var upper: Double
    /// The labelled positions, from `lower` to `upper`.
    var ticks: [ChartTick]

    /// A linear axis from 0 to at least `maximum`, ending on a whole tick. `wholeNumbers` keeps
    /// steps at 1 or more (counts have no fractions). An empty or zero range becomes 0…1.
    static func linear(title: String, upTo maximum: Double, wholeNumbers: Bool = false) -> ChartAxis {
        let top = maximum.isFinite && maximum > 0 ? maximum : 1
        let rough = top / 5
        let magnitude = pow(10, floor(log10(rough)))
        let residual = rough / magnitude
        var step = (residual <= 1 ? 1 : residual <= 2 ? 2 : residual <= 5 ? 5 : 10) * magnitude
        if wholeNumbers { step = max(step.rounded(.up), 1) }
        let upper = (top / step).rounded(.up) * step
        let count = Int((upper / step).rounded())
        let ticks = (0 ... count).map { index in
            ChartTick(value: Double(index) * step, label: HTMLNumbers.plain(Double(index) * step))
        }
        return ChartAxis(title: title, lower: 0, upper: upper, ticks: ticks)
    }

    /// HdrHistogram's percentile axis: position `log10(1/(1−p))`, so 0%, 90%, 99%, 99.9%…
    /// are evenly spaced and the tail gets the room it needs. `decades` is how many nines
    /// the axis reaches (at least 1).
    static func percentile(decades: Int) -> ChartAxis {
        let nines = max(1, decades)
        let ticks = (0 ... nines).map { decade in
            ChartTick(value: Double(decade), label: percentileLabel(nines: decade))
        }
        return ChartAxis(title: "percentile", lower: 0, upper: Double(nines), ticks: ticks)
    }

    /// `0%`, `90%`, `99%`, `99.9%`, `99.99%`: the percentile with `nines` nines.
    static func percentileLabel(nines: Int) -> String {
        switch nines {
        case ..<1: return "0%"
        case 1: return "90%"
        case 2: return "99%"
        default: return "99." + String(repeating: "9", count: nines - 2) + "%"
        }
    }

    /// Where percentile `p` (0…1) sits on the percentile axis.
    static func percentilePosition(_ p: Double) -> Double {
        p >= 1 ? .infinity : log10(1 / (1 - p))
    }
}
