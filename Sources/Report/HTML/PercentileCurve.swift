// An operation's latency distribution as HdrHistogram's percentile plot draws it: latency
// against log10(1/(1−p)), so the median, the 99th and the 99.99th percentile all get room.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

import Histogram

/// The points of a percentile plot.
enum PercentileCurve {
    /// Points per decade of the axis (90%→99% is one decade): enough for the steps of a
    /// histogram to show, few enough to keep a dozen operations' curves small.
    static let pointsPerDecade = 20
    /// The axis stops at 99.9999%: beyond it a run has too few requests to say anything.
    static let maximumDecades = 6

    /// How far along the percentile axis `histogram`'s data reaches: log10 of its count, since
    /// the last request of N sits at 1 − 1/N; capped at `maximumDecades`.
    static func reach(of histogram: Histogram<UInt64>) -> Double {
        guard histogram.totalCount > 1 else { return 0 }
        return min(log10(Double(histogram.totalCount)), Double(maximumDecades))
    }

    /// Latency in ms at evenly spaced positions of the percentile axis, ending at the highest
    /// recorded latency placed at `reach(of:)`. Empty without data.
    static func points(_ histogram: Histogram<UInt64>) -> [ChartPoint] {
        guard histogram.totalCount > 0 else { return [] }
        let end = reach(of: histogram)
        var points: [ChartPoint] = []
        var step = 0
        while true {
            let position = Double(step) / Double(pointsPerDecade)
            guard position < end else { break }
            let percentile = (1 - pow(10, -position)) * 100
            points.append(ChartPoint(x: position, y: histogram.milliseconds(atPercentile: percentile)))
            step += 1
        }
        points.append(ChartPoint(x: end, y: histogram.milliseconds(atPercentile: 100)))
        return points
    }
}
