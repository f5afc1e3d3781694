// Ctrl-C during a run: cancel the work, let it return what it has (marked interrupted), and
// let the command write its reports before exiting 130. A second Ctrl-C exits at once.
import Foundation
import Synchronization

enum InterruptibleRun {
    /// Runs `work` in a task that SIGINT and SIGTERM cancel; returns whatever it returns.
    static func run<Result: Sendable>(_ work: @escaping @Sendable () async -> Result) async -> Result {
        let task = Task { await work() }
        let cancelled = CancelledOnce()
        // The handler stays for the rest of the process: a Ctrl-C while the reports are being
        // written lets them finish; a second one still exits at once.
        InterruptSignals.handle { _ in
            if cancelled.markAndCheckFirst() {
                task.cancel()
            } else {
                // At once: no atexit handlers or stdio flush, which could wait on a lock the
                // abandoned work holds (a blocked stdout) or race the main thread's own exit.
                // Files are written atomically, so none is left half-written.
                _exit(ExitStatus.interrupted.rawValue)
            }
        }
        return await task.value
    }
}

/// Remembers whether the first signal has been seen; the handler runs on the signal thread.
private final class CancelledOnce: Sendable {
    private let seen = Atomic(false)

    /// True the first time only.
    func markAndCheckFirst() -> Bool {
        !seen.exchange(true, ordering: .acquiringAndReleasing)
    }
}
