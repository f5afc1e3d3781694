// ramping-vus (closed model): the number of looping virtual users moves linearly from stage
// to stage. Users added start an iteration at once; users removed finish their iteration.

/// Runs this thread's share of a ramping number of looping virtual users.
struct RampingVUs: Executor {
    /// One stage on the clock: where the count starts and ends.
    private struct Segment {
        var start: UInt64
        var end: UInt64
        var from: Double
        var to: Double
    }

    private let segments: [Segment]
    private let share: LoadShare
    let scheduleEnd: UInt64
    /// While the count ramps, it is re-read this often (ns): users come and go in steps of
    /// whole users, and 50 ms keeps each step within a few percent of the ideal ramp.
    static let rampCheckInterval: UInt64 = 50_000_000

    /// - Parameters: the users at the start, the stages (seconds, target users), the thread's
    ///   `share`, and the run's `epoch` (monotonic ns).
    init(startVUs: Int, stages: [(duration: Double, target: Double)], share: LoadShare, epoch: UInt64) {
        var segments: [Segment] = []
        var time = epoch
        var count = Double(max(0, startVUs))
        for stage in stages {
            let end = time &+ nanoseconds(stage.duration)
            segments.append(Segment(start: time, end: end, from: count, to: max(0, stage.target)))
            time = end
            count = max(0, stage.target)
        }
        self.segments = segments
        self.share = share
        scheduleEnd = time
    }

    /// The users of the whole run at `now`: linear within the stage, rounded down.
    func totalVUs(at now: UInt64) -> Int {
        guard let segment = segments.first(where: { now < $0.end }) else { return 0 }
        let span = Double(segment.end - segment.start)
        let progress = span > 0 ? Double(now &- min(now, segment.start)) / span : 1
        return Int((segment.from + (segment.to - segment.from) * progress).rounded(.down))
    }

    mutating func advance(now: UInt64, host: IterationHost) -> UInt64? {
        guard now < scheduleEnd, let segment = segments.first(where: { now < $0.end }) else { return nil }
        host.setLoopingVUs(share.count(of: totalVUs(at: now)), now: now)
        if segment.from == segment.to { return segment.end }
        return min(segment.end, now &+ Self.rampCheckInterval)
    }
}
