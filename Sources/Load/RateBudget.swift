// A per-operation rate cap (`budgets: { sendMessage: 50/s }`): requests of the operation are
// spaced at least 1/rate apart on each thread (the thread's share of the rate), so a run
// stays under an account's known limit. A request that would come too early waits.

/// The next moment an operation may be sent, one thread's share of its budget.
struct RateBudget {
    /// The spacing between requests, in ns.
    let interval: UInt64
    /// The earliest time the next request may go.
    private var nextSlot: UInt64 = 0

    /// A budget of `perSecond` requests per second for this thread.
    init(perSecond: Double) {
        // A budget of less than one request in 146 years is as good as none: no trap on 1e-12/s.
        interval = perSecond > 0 ? nanoseconds(1 / perSecond) : UInt64(1) << 62
    }

    /// Reserves the next slot at or after `now` and returns it: `now` when the request may go
    /// at once, later when it must wait.
    mutating func reserve(now: UInt64) -> UInt64 {
        let slot = max(now, nextSlot)
        nextSlot = slot &+ interval
        return slot
    }
}
