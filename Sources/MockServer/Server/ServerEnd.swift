// When the server has ended, told to whoever waits for it without going through the event
// loop: `run()` may start waiting after a signal's `shutdown()` has already stopped the loop
// threads, and a callback on a stopped loop is never called (NIO prints "Cannot schedule
// tasks on an EventLoop that has already shut down" and the waiter hangs). A SIGTERM sent the
// moment `fcharness mock` said where it listened did exactly that under AddressSanitizer.
import NIOConcurrencyHelpers

final class ServerEnd: Sendable {
    private let state = NIOLockedValueBox<(ended: Bool, waiters: [CheckedContinuation<Void, Never>])>((false, []))

    /// Returns once `end()` has been called (at once if it already was).
    func wait() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let endedAlready = state.withLockedValue { state -> Bool in
                if !state.ended { state.waiters.append(continuation) }
                return state.ended
            }
            if endedAlready { continuation.resume() }
        }
    }

    /// Marks the server ended and releases every waiter; later calls do nothing more.
    func end() {
        let waiters = state.withLockedValue { state -> [CheckedContinuation<Void, Never>] in
            state.ended = true
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }
}
