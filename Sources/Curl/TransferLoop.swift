// One event-loop thread, as other threads see it: start it, hand it requests, ask it to stop,
// wait for it. Everything else about the loop lives on its thread (`EventLoop`).
import CCurl
import Dispatch
import NIOConcurrencyHelpers
import Synchronization

/// Settings of one event loop.
public struct LoopConfiguration: Sendable {
    /// At most this many connections to one host (0: no limit).
    public var maxConnectionsPerHost: Int
    /// At most this many connections in all (0: no limit); more transfers wait inside libcurl.
    public var maxConnections: Int
    /// Easy handles made before the first transfer, so the first this many concurrent
    /// transfers allocate none (a load run reserves its share of `max_vus`).
    public var reservedHandles: Int
    /// Idle handles kept beyond this are freed.
    public var idleHandleLimit: Int
    /// At most this many of `maxConnections` share one libcurl multi handle; more connections
    /// get more multi handles on the same loop. libcurl 7.88 looks for a reusable connection by
    /// walking every connection to the host in its multi handle, for every transfer: at 4,096
    /// connections in one handle that walk, not the network, bounds the loop.
    public var connectionsPerMultiHandle: Int

    /// Creates settings; the defaults suit a contract run.
    public init(
        maxConnectionsPerHost: Int = 0, maxConnections: Int = 0, reservedHandles: Int = 0, idleHandleLimit: Int = 512,
        connectionsPerMultiHandle: Int = 64
    ) {
        self.maxConnectionsPerHost = max(0, maxConnectionsPerHost)
        self.maxConnections = max(0, maxConnections)
        self.reservedHandles = max(0, reservedHandles)
        self.idleHandleLimit = max(reservedHandles, idleHandleLimit)
        self.connectionsPerMultiHandle = max(1, connectionsPerMultiHandle)
    }

    /// How many multi handles the loop runs: enough for `maxConnections` at
    /// `connectionsPerMultiHandle` each (one without a connection limit).
    public var multiHandles: Int {
        guard maxConnections > 0 else { return 1 }
        return (maxConnections + connectionsPerMultiHandle - 1) / connectionsPerMultiHandle
    }
}

/// Why an event loop could not start.
public struct LoopStartError: Error, Sendable, CustomStringConvertible {
    /// What the system or libcurl refused.
    public var reason: String
    /// The reason, as a sentence.
    public var description: String { "the transfer engine could not start: \(reason)" }
}

/// A request waiting to be started on the loop thread.
struct Submission: Sendable {
    var request: HTTPRequest
    var options: TransferOptions
    var completion: TransferCompletion
    /// Set when the submitter may cancel the transfer (`Multi.perform` from a task).
    var ticket: TransferTicket? = nil
}

/// Names one submitted transfer so that another thread can cancel it.
///
/// The flag is set before the loop is told, and the loop reads it before starting the
/// transfer: a cancellation that arrives before the start is never lost.
final class TransferTicket: Sendable {
    private let cancelled = Atomic(false)

    /// Whether `cancel` has been called.
    var isCancelled: Bool { cancelled.load(ordering: .acquiring) }

    /// Marks the transfer cancelled; the loop then ends it (or never starts it).
    func cancel() { cancelled.store(true, ordering: .releasing) }
}

/// An event-loop thread running libcurl's multi interface over epoll (see `EventLoop`).
///
/// Two front doors lead to the same loop: `Multi` submits requests from any thread, and a
/// `TransferDriver` created on the loop thread starts transfers itself, with no hop between
/// threads per request (a load run's executors).
public final class TransferLoop: Sendable {
    /// What other threads share with the loop thread.
    struct Shared {
        var incoming: [Submission] = []
        /// Transfers whose submitters gave up on them, to end on the loop thread.
        var cancellations: [TransferTicket] = []
        var stopRequested = false
        /// Where to write to wake the loop: -1 before it runs and once it has ended.
        var wakeDescriptor: Int32 = -1
        var ended = false
        var thread: LoopThread?
    }

    private let shared = NIOLockedValueBox(Shared())

    /// Starts the loop thread. With `makeDriver`, the driver it makes (on the loop thread)
    /// starts the transfers and the loop ends when the driver is finished; without it, the
    /// loop serves `submit` until `requestStop`.
    public init(
        configuration: LoopConfiguration = LoopConfiguration(),
        driver makeDriver: (@Sendable (EventLoop) -> any TransferDriver)? = nil
    ) throws(LoopStartError) {
        let started = DispatchSemaphore(value: 0)
        let failure = NIOLockedValueBox<String?>(nil)
        let thread = LoopThread { [self] in
            let loop: EventLoop
            do throws(LoopStartError) {
                loop = try EventLoop(configuration: configuration, remote: self)
            } catch {
                let reason = error.reason
                failure.withLockedValue { $0 = reason }
                _ = markEnded()
                started.signal()
                return
            }
            shared.withLockedValue { $0.wakeDescriptor = loop.wakeDescriptor }
            started.signal()
            loop.run(driver: makeDriver?(loop))
        }
        guard let thread else {
            throw LoopStartError(reason: "the system refused a new thread")
        }
        started.wait()
        if let reason = failure.withLockedValue({ $0 }) {
            thread.join()
            throw LoopStartError(reason: reason)
        }
        shared.withLockedValue { $0.thread = thread }
    }

    /// Asks the loop to stop: a driver is told (`stopRequested`); a loop without one cancels
    /// what is in flight and ends. Any thread; returns at once.
    public func requestStop() {
        shared.withLockedValue { state in
            state.stopRequested = true
            if state.wakeDescriptor >= 0 { ccurl_wake(state.wakeDescriptor) }
        }
    }

    /// Waits for the loop thread to end; from the loop thread itself, lets it end on its own.
    public func join() {
        guard let thread = shared.withLockedValue({ state -> LoopThread? in
            defer { state.thread = nil }
            return state.thread
        }) else { return }
        if thread.isCurrent {
            thread.detach()
        } else {
            thread.join()
        }
    }

    /// Whether the loop has ended (its thread may still be finishing).
    public var hasEnded: Bool {
        shared.withLockedValue { $0.ended }
    }

    // MARK: For Multi and the loop thread

    /// Queues a submission for the loop thread; false when the loop has ended or is stopping.
    func submit(_ submission: Submission) -> Bool {
        shared.withLockedValue { state in
            guard !state.ended, !state.stopRequested else { return false }
            let wasEmpty = state.incoming.isEmpty
            state.incoming.append(submission)
            // One wake-up per batch: later submitters see a queue the loop has yet to drain.
            // The loop thread itself drains the queue before it next waits.
            if wasEmpty, state.wakeDescriptor >= 0, state.thread?.isCurrent != true {
                ccurl_wake(state.wakeDescriptor)
            }
            return true
        }
    }

    /// Cancels the transfer of `ticket`: marks it, then wakes the loop to end it. Any thread.
    func cancel(_ ticket: TransferTicket) {
        ticket.cancel()
        shared.withLockedValue { state in
            guard !state.ended else { return }
            state.cancellations.append(ticket)
            if state.wakeDescriptor >= 0, state.thread?.isCurrent != true {
                ccurl_wake(state.wakeDescriptor)
            }
        }
    }

    /// Swaps the queued submissions into `batch` and the cancellations into `cancellations`
    /// (both empty on entry); returns whether a stop was asked.
    func takeSubmissions(into batch: inout [Submission], cancellations: inout [TransferTicket]) -> Bool {
        shared.withLockedValue { state in
            swap(&state.incoming, &batch)
            if !state.cancellations.isEmpty { swap(&state.cancellations, &cancellations) }
            return state.stopRequested
        }
    }

    /// Marks the loop ended, so nobody writes its wake descriptor again; returns what was
    /// still queued (the loop fails it with `.cancelled`).
    func markEnded() -> [Submission] {
        shared.withLockedValue { state in
            state.ended = true
            state.wakeDescriptor = -1
            state.cancellations.removeAll()
            defer { state.incoming.removeAll() }
            return state.incoming
        }
    }
}
