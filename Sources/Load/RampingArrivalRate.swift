// ramping-arrival-rate (open model): the arrival rate moves linearly from stage to stage;
// iterations start on that schedule whatever the server does.

/// Starts this thread's stripe of a ramping arrival schedule.
struct RampingArrivalRate: Executor {
    private var walker: ArrivalWalker<RampingPacer>
    let scheduleEnd: UInt64

    /// - Parameters: the rate at the start (per second), the stages (seconds, target rate per
    ///   second), the thread's `share`, and the run's `epoch` (monotonic ns).
    init(startRate: Double, stages: [(duration: Double, target: Double)], share: LoadShare, epoch: UInt64) {
        walker = ArrivalWalker(pacer: RampingPacer(startRate: startRate, stages: stages), share: share, epoch: epoch)
        scheduleEnd = epoch &+ nanoseconds(stages.reduce(0) { $0 + max(0, $1.duration) })
    }

    /// Iterations this thread starts if every arrival finds a virtual user.
    var plannedArrivals: Int { walker.plannedArrivals }

    mutating func advance(now: UInt64, host: IterationHost) -> UInt64? {
        walker.advance(now: now, host: host)
    }
}
