// The contract between an executor (when iterations start) and the thread that runs them.

/// What an executor asks of the loop thread that runs iterations.
protocol IterationHost: AnyObject {
    /// Starts the iteration of arrival `globalIndex`, due at `intendedStart` (monotonic ns), on
    /// an idle virtual user, or a new one while under the cap. Returns false when none is free:
    /// the arrival is dropped (the host counts it) and never retried.
    func startArrival(globalIndex: Int, intendedStart: UInt64) -> Bool

    /// Sets how many looping virtual users this thread runs (closed model): new ones start an
    /// iteration at once; surplus ones stop after their current iteration.
    func setLoopingVUs(_ count: Int, now: UInt64)
}

/// How one thread's share of a profile starts iterations: one type per scheduling model
/// (`ConstantVUs`, `RampingVUs`, `ConstantArrivalRate`, `RampingArrivalRate`).
protocol Executor {
    /// When the schedule ends (monotonic ns): no iteration starts after it.
    var scheduleEnd: UInt64 { get }

    /// Starts what is due at `now` through `host`; returns when to be called next (monotonic
    /// ns), or nil when the schedule has nothing more to start.
    mutating func advance(now: UInt64, host: IterationHost) -> UInt64?
}

/// Walks one thread's stripe of an arrival schedule: the shared part of both open-model
/// executors.
struct ArrivalWalker<Schedule: Pacer> {
    let pacer: Schedule
    let share: LoadShare
    let epoch: UInt64
    /// The next of this stripe's arrivals, counted within the stripe.
    private var local = 0

    init(pacer: Schedule, share: LoadShare, epoch: UInt64) {
        self.pacer = pacer
        self.share = share
        self.epoch = epoch
    }

    /// Arrivals of this stripe in the whole schedule.
    var plannedArrivals: Int { share.count(of: pacer.plannedArrivals) }

    /// Starts every arrival due at or before `now`; returns the next one's due time, or nil
    /// after the last.
    mutating func advance(now: UInt64, host: IterationHost) -> UInt64? {
        while true {
            let global = share.globalIndex(local)
            guard global < pacer.plannedArrivals else { return nil }
            let due = epoch &+ nanoseconds(pacer.offset(ofArrival: global))
            if due > now { return due }
            _ = host.startArrival(globalIndex: global, intendedStart: due)
            local += 1
        }
    }
}

/// Seconds as whole nanoseconds, rounded to the nearest (a schedule never runs backwards);
/// saturates at 2⁶² ns (146 years) rather than trapping on a value from outside.
func nanoseconds(_ seconds: Double) -> UInt64 {
    guard seconds > 0, seconds.isFinite else { return 0 }
    let limit = Double(UInt64(1) << 62)
    let value = (seconds * 1e9).rounded()
    return value >= limit ? UInt64(1) << 62 : UInt64(value)
}
