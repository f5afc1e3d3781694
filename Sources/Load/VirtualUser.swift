// One virtual user: the state of the iteration it is running (scenario, step, variables and
// captures) on one loop thread.
import Scenario

/// A virtual user of one loop thread. A class: the thread's tables refer to it by index, and
/// its template context is mutated in place as steps render and capture.
final class VirtualUser {
    /// What a paused user does when its wake-up comes.
    enum Pending {
        case none
        /// Send the current step, due at the given time; `budgetReserved` when the wait was
        /// for a budget slot already taken, `rateReserved` for a `--max-rps` slot.
        case send(intended: UInt64, budgetReserved: Bool, rateReserved: Bool)
        /// Begin the next iteration (closed model, after think time).
        case beginIteration
    }

    /// Its index on the thread: the tag of its transfers.
    let index: Int
    /// Its index in the whole run (shards and threads striped), for its random stream and mix.
    let globalIndex: Int
    /// Variables, captures and the seeded random source.
    var context: TemplateContext
    /// The mix entry and step being run.
    var entry = 0
    var step = 0
    /// In an iteration (sending, waiting for a response, or pausing between steps).
    var busy = false
    /// A transfer of this user is in flight.
    var inFlight = false
    /// Whether this response is sampled for validation.
    var sampled = false
    /// Whether the transfer in flight is the thread's rate-limit probe (its headers are kept).
    var probing = false
    /// Closed model: 429s in a row for this user, for its backoff.
    var throttlesInARow = 0
    /// The rate-limit ticket of the request in flight (`RateLimitAllowance.recordSend`).
    var rateLimitTicket = 0
    /// Closed model: loops over iterations; `retiring` ones stop after the current iteration.
    var looping = false
    var retiring = false
    /// Iterations begun by this user.
    var iterations = 0
    /// What to do at the pending wake-up; `generation` invalidates superseded wake-ups.
    var pending: Pending = .none
    var generation: UInt32 = 0

    init(index: Int, globalIndex: Int, context: TemplateContext) {
        self.index = index
        self.globalIndex = globalIndex
        self.context = context
    }
}
