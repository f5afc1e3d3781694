// The load front door of the event loop: a driver that lives on the loop thread and starts
// transfers on its own schedule, with no hop between threads per request.

/// When a driver next wants the loop to call `wake`.
public enum DriverWake: Equatable, Sendable {
    /// At this monotonic time (ns), or at once when it has passed.
    case at(UInt64)
    /// Only when a transfer finishes or a stop is requested.
    case idle
    /// Never again: the loop ends once no transfer is in flight.
    case finished
}

/// Starts transfers on an `EventLoop`'s thread and consumes their results there.
///
/// Every method runs on the loop thread and must return quickly: all transfers of the loop
/// wait while it runs. Starting a transfer from any method is allowed and cheap.
public protocol TransferDriver: AnyObject {
    /// Called at every wake-up of the loop: start what is due at `now` (monotonic ns) and say
    /// when to be called next. The loop wakes earlier for completions and libcurl's timers.
    func wake(loop: EventLoop, now: UInt64) -> DriverWake

    /// A transfer this driver started has ended, with a response or an error.
    func transferFinished(_ transfer: FinishedTransfer, loop: EventLoop)

    /// Another thread asked the loop to stop (`TransferLoop.requestStop`); called once. The
    /// driver decides how: typically cancel what is in flight and return `.finished` next.
    func stopRequested(loop: EventLoop)
}
