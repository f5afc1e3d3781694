// constant-arrival-rate (open model): iterations start at a fixed rate whatever the server
// does; latency counts from each iteration's intended start.

/// Starts this thread's stripe of `rate` iterations per second for `duration`.
struct ConstantArrivalRate: Executor {
    private var walker: ArrivalWalker<ConstantPacer>
    let scheduleEnd: UInt64

    /// - Parameters: `rate` per second, `duration` in seconds, the thread's `share`, and the
    ///   run's `epoch` (monotonic ns) that arrival 0 is due at.
    init(rate: Double, duration: Double, share: LoadShare, epoch: UInt64) {
        walker = ArrivalWalker(pacer: ConstantPacer(rate: rate, duration: duration), share: share, epoch: epoch)
        scheduleEnd = epoch &+ nanoseconds(duration)
    }

    /// Iterations this thread starts if every arrival finds a virtual user.
    var plannedArrivals: Int { walker.plannedArrivals }

    mutating func advance(now: UInt64, host: IterationHost) -> UInt64? {
        walker.advance(now: now, host: host)
    }
}
