// When each arrival of an open-model run is due. Like vegeta's Pacer, it answers one question
// — "when is arrival i?" — from the arrival's index, never from accumulated sleeps, so a late
// wake-up does not shift the schedule: the next arrivals are simply already due.

/// The schedule of an arrival-rate run: arrival `i` is due `offset(ofArrival: i)` seconds
/// after the run's epoch.
public protocol Pacer: Sendable {
    /// How many arrivals the whole schedule has.
    var plannedArrivals: Int { get }
    /// Seconds from the epoch to arrival `index` (0-based), for `index < plannedArrivals`.
    func offset(ofArrival index: Int) -> Double
}

/// A constant rate: arrival i is due at i / rate.
public struct ConstantPacer: Pacer {
    /// Arrivals per second.
    public let rate: Double
    /// How long the schedule lasts, in seconds.
    public let duration: Double
    public let plannedArrivals: Int

    /// A pacer for `rate` arrivals per second over `duration` seconds.
    public init(rate: Double, duration: Double) {
        self.rate = max(0, rate)
        self.duration = max(0, duration)
        plannedArrivals = countBelow(self.rate * self.duration)
    }

    public func offset(ofArrival index: Int) -> Double {
        Double(index) / rate
    }
}

/// A rate that ramps linearly, stage by stage (k6's ramping-arrival-rate). Within a stage from
/// r₀ to r₁ over D seconds, the arrivals by time x are r₀·x + (r₁−r₀)·x²/(2D); arrival n of the
/// stage is the x where that equals n, solved in closed form.
public struct RampingPacer: Pacer {
    /// One stage: where the rate starts and ends, and how long it takes.
    struct Segment: Sendable {
        var start: Double        // seconds from the epoch
        var duration: Double
        var fromRate: Double
        var toRate: Double
        var arrivalsBefore: Double  // arrivals due before the segment starts (fractional)

        var arrivals: Double { (fromRate + toRate) / 2 * duration }
    }

    private let segments: [Segment]
    public let plannedArrivals: Int

    /// A pacer starting at `startRate` per second, then moving linearly to each stage's target
    /// over the stage's duration (seconds).
    public init(startRate: Double, stages: [(duration: Double, target: Double)]) {
        var segments: [Segment] = []
        var time = 0.0
        var before = 0.0
        var rate = max(0, startRate)
        for stage in stages {
            let duration = max(0, stage.duration)
            let target = max(0, stage.target)
            let segment = Segment(start: time, duration: duration, fromRate: rate, toRate: target, arrivalsBefore: before)
            segments.append(segment)
            before += segment.arrivals
            time += duration
            rate = target
        }
        self.segments = segments
        plannedArrivals = countBelow(before)
    }

    public func offset(ofArrival index: Int) -> Double {
        let wanted = Double(index)
        // Few stages: a linear walk is as fast as a search, and clearer.
        var chosen = segments.last
        for segment in segments where wanted < segment.arrivalsBefore + segment.arrivals {
            chosen = segment
            break
        }
        guard let segment = chosen else { return 0 }
        let n = max(0, wanted - segment.arrivalsBefore)
        return segment.start + Self.timeOfArrival(n, in: segment)
    }

    /// Solves r₀·x + a·x² = n with a = (r₁−r₀)/(2D) for x ≥ 0, in the form that stays exact
    /// when a is tiny or r₀ is zero: x = 2n / (r₀ + √(r₀² + 4an)).
    static func timeOfArrival(_ n: Double, in segment: Segment) -> Double {
        guard segment.duration > 0 else { return 0 }
        let a = (segment.toRate - segment.fromRate) / (2 * segment.duration)
        let b = segment.fromRate
        let discriminant = max(0, b * b + 4 * a * n)
        let denominator = b + discriminant.squareRoot()
        // Zero only for the stage's first arrival when it starts from 0/s: due at its start.
        guard denominator > 0 else { return 0 }
        return min(segment.duration, 2 * n / denominator)
    }
}

/// The number of whole arrivals due strictly before a schedule's end: the count of integers
/// i ≥ 0 with i < total, tolerating the rounding of rate × duration (1000/s × 30 s is 30000).
private func countBelow(_ total: Double) -> Int {
    guard total > 0, total.isFinite else { return 0 }
    let nearest = total.rounded()
    if abs(total - nearest) < 1e-9 * max(1, total) { return Int(nearest) }
    return Int(total.rounded(.up))
}
