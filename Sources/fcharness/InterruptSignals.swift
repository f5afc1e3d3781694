// SIGINT and SIGTERM, forwarded to one thread that waits for them, so none is ever lost.
//
// Why not a DispatchSource: it needs the signal ignored (SIG_IGN) first and registers itself
// later, on another thread; a signal that arrives in between is dropped. CI hit exactly that: a
// test sent SIGTERM the moment `fcharness mock` said it was listening, and the mock never
// stopped. Why not block the signals and `sigwait`: once `main` awaits, libdispatch parks the
// main thread in `sigsuspend` with an empty mask, so the kernel hands the signal to it and its
// default action ends the process. So a handler is installed for the whole process instead. It
// does the one thing a signal handler may safely do: write the signal's number into a pipe.
// The waiting thread reads the pipe and runs whatever the current command asked for.
import Foundation
import NIOConcurrencyHelpers

enum InterruptSignals {
    /// What a signal does once it is read: set by a command, replaced by the next one.
    private static let routing = Routing()

    /// Installs the handler and starts the thread that waits. Call first in `main`. Until a
    /// command sets a handler, a signal does what it does by default: the process ends,
    /// killed by it.
    static func install() {
        // A parent may hand these signals down blocked (Foundation's Process spawns from a
        // thread that blocks everything); blocked, they would wait until the main thread
        // sleeps in libdispatch's sigsuspend, and never come while a command is busy.
        unblock([SIGINT, SIGTERM])
        let pipe = signalPipe  // created here, not inside the handler
        guard pipe.read >= 0 else { return }  // no pipe (no descriptors left): the default actions stay
        let waiter = Thread { waitForever(reading: pipe.read) }
        waiter.name = "fcharness signals"
        waiter.start()
        for number in [SIGINT, SIGTERM] {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { number in forward(number) }
            action.sa_flags = SA_RESTART
            sigemptyset(&action.sa_mask)
            sigaction(number, &action, nil)
        }
    }

    /// From now on, `handler` runs (on the waiting thread) for each SIGINT or SIGTERM.
    static func handle(_ handler: @escaping @Sendable (Int32) -> Void) {
        routing.set(handler)
    }

    /// Unblocks `numbers` on the calling thread, and so in every thread it starts later.
    private static func unblock(_ numbers: [Int32]) {
        var set = sigset_t()
        sigemptyset(&set)
        for number in numbers { sigaddset(&set, number) }
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
    }

    private static func waitForever(reading descriptor: Int32) {
        while true {
            var number: UInt8 = 0
            let count = read(descriptor, &number, 1)
            if count < 0, errno == EINTR { continue }
            guard count == 1 else { return }  // the pipe cannot end while the process lives
            if let handler = routing.current() {
                handler(Int32(number))
            } else {
                endAsKilled(by: Int32(number))
            }
        }
    }

    /// The default action, as if no handler were installed, so the shell sees "killed by SIGINT".
    private static func endAsKilled(by number: Int32) -> Never {
        signal(number, SIG_DFL)
        unblock([number])
        raise(number)
        _exit(128 + number)  // not reached: the default action of both signals ends the process
    }
}

/// The pipe from the signal handler to the waiting thread: non-blocking on the handler's side,
/// so a burst of signals can never block the thread it interrupted, and closed on exec.
private let signalPipe: (read: Int32, write: Int32) = {
    var descriptors: [Int32] = [-1, -1]
    guard pipe(&descriptors) == 0 else { return (-1, -1) }
    for descriptor in descriptors { _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC) }
    _ = fcntl(descriptors[1], F_SETFL, O_NONBLOCK)
    return (descriptors[0], descriptors[1])
}()

/// Runs inside the signal handler: only write(2), which is async-signal-safe. The pipe exists
/// before the handler is installed, so reading `signalPipe` here takes no lock.
private func forward(_ number: Int32) {
    let interruptedErrno = errno  // the interrupted code may be about to read it
    var byte = UInt8(truncatingIfNeeded: number)
    _ = write(signalPipe.write, &byte, 1)
    errno = interruptedErrno
}

/// The current handler; read by the waiting thread, written by commands.
private final class Routing: Sendable {
    private let handler = NIOLockedValueBox<(@Sendable (Int32) -> Void)?>(nil)

    func set(_ newHandler: @escaping @Sendable (Int32) -> Void) { handler.withLockedValue { $0 = newHandler } }
    func current() -> (@Sendable (Int32) -> Void)? { handler.withLockedValue { $0 } }
}
