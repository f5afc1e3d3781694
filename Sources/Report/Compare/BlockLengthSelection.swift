// How many consecutive seconds a resampled block holds, chosen from the run itself: as long
// as its seconds stay alike, so that a slow stretch is resampled whole and counted as the one
// piece of evidence it is, not as many independent ones.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Politis and White's automatic block length for the circular block bootstrap (2004, with
/// the correction of Patton, Politis and White 2009), within a floor and a cap.
enum BlockLengthSelection {
    /// The least block: a slow stretch of a few seconds stays inside one block even when the
    /// correlogram of a short run looks flat.
    static let floor = 3

    /// The block length for `series` (one number per second): Politis and White's estimate,
    /// at least ``floor`` and at most a third of the run (three blocks are the fewest that
    /// still vary), never more than the run.
    static func blockLength(for series: [[Double]]) -> Int {
        let seconds = series.first?.count ?? 0
        guard seconds > 0 else { return 1 }
        let cap = max(1, min(seconds, max(floor, seconds / 3)))
        var estimate = 0.0
        for values in series where values.count == seconds {
            estimate = max(estimate, politisWhite(values))
        }
        return min(cap, max(floor, Int(estimate.rounded(.up))))
    }

    /// The estimate for one series: (2·G² / D)^(1/3) · n^(1/3), where G and D are sums of the
    /// autocovariances under a flat-top window whose width comes from where the correlogram
    /// stops being distinguishable from zero.
    static func politisWhite(_ values: [Double]) -> Double {
        let n = values.count
        guard n >= 4 else { return 1 }
        let mean = values.reduce(0, +) / Double(n)
        let centred = values.map { $0 - mean }
        let lagsChecked = max(5, Int(sqrt(log10(Double(n)))))
        let maxLag = min(n - 1, Int(sqrt(Double(n)).rounded(.up)) + lagsChecked)
        var autocovariance = [Double](repeating: 0, count: maxLag + 1)
        for lag in 0 ... maxLag {
            var sum = 0.0
            for t in 0 ..< n - lag { sum += centred[t] * centred[t + lag] }
            autocovariance[lag] = sum / Double(n)
        }
        guard autocovariance[0] > 0 else { return 1 }

        // The first lag after which `lagsChecked` autocorrelations in a row are insignificant.
        let bound = 2 * sqrt(log10(Double(n)) / Double(n))
        var lastSignificant = maxLag
        for start in 0 ... maxLag {
            let end = min(maxLag, start + lagsChecked)
            if start >= end || (start + 1 ... end).allSatisfy({ abs(autocovariance[$0] / autocovariance[0]) < bound }) {
                lastSignificant = start
                break
            }
        }
        let width = min(maxLag, 2 * max(lastSignificant, 1))

        var g = 0.0
        var longRun = autocovariance[0]
        for lag in 1 ... width {
            let weight = flatTop(Double(lag) / Double(width))
            g += 2 * weight * Double(lag) * autocovariance[lag]
            longRun += 2 * weight * autocovariance[lag]
        }
        let d = 4.0 / 3.0 * longRun * longRun
        guard d > 0 else { return 1 }
        return pow(2 * g * g / d, 1.0 / 3.0) * pow(Double(n), 1.0 / 3.0)
    }

    /// Politis and Romano's flat-top lag window.
    private static func flatTop(_ x: Double) -> Double {
        let size = abs(x)
        if size <= 0.5 { return 1 }
        if size <= 1 { return 2 * (1 - size) }
        return 0
    }
}
