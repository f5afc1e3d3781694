// Ctrl-C during a run: cancel the work, let it return what it has (marked interrupted), and
// let the command write its reports before exiting 130. A second Ctrl-C exits at once.
import Dispatch
import Foundation
import Synchronization

enum InterruptibleRun {
    /// Runs `work` in a task that SIGINT and SIGTERM cancel; returns whatever it returns.
    static func run<Result: Sendable>(_ work: @escaping @Sendable () async -> Result) async -> Result {
        let task = Task { await work() }
        let sources = [SIGINT, SIGTERM].map { signalNumber -> DispatchSourceSignal in
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            let cancelled = CancelledOnce()
            source.setEventHandler {
                if cancelled.markAndCheckFirst() {
                    task.cancel()
                } else {
                    // At once: no atexit handlers or stdio flush, which could wait on a lock the
                    // abandoned work holds (a blocked stdout) or race the main thread's own exit.
                    // Files are written atomically, so none is left half-written.
                    _exit(ExitStatus.interrupted.rawValue)
                }
            }
            source.resume()
            return source
        }
        let result = await task.value
        for source in sources { source.cancel() }
        return result
    }
}

/// Remembers whether the first signal has been seen; signal handlers run on a concurrent queue.
private final class CancelledOnce: Sendable {
    private let seen = Mutex(false)

    /// True the first time only.
    func markAndCheckFirst() -> Bool {
        seen.withLock { seen in
            defer { seen = true }
            return !seen
        }
    }
}
