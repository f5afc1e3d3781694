// constant-vus (closed model): a fixed number of virtual users loop over iterations for the
// duration. Each waits for its response before sending again, so a slow server slows the
// load: the report says "closed model" next to its percentiles.

/// Runs this thread's share of a fixed number of looping virtual users.
struct ConstantVUs: Executor {
    /// This thread's virtual users.
    let vus: Int
    let scheduleEnd: UInt64
    private var started = false

    /// - Parameters: the run's `vus`, `duration` in seconds, the thread's `share`, and the
    ///   run's `epoch` (monotonic ns).
    init(vus: Int, duration: Double, share: LoadShare, epoch: UInt64) {
        self.vus = share.count(of: vus)
        scheduleEnd = epoch &+ nanoseconds(duration)
    }

    mutating func advance(now: UInt64, host: IterationHost) -> UInt64? {
        guard now < scheduleEnd else { return nil }
        if !started {
            started = true
            host.setLoopingVUs(vus, now: now)
        }
        return scheduleEnd
    }
}
