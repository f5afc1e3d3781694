// The one dedicated OS thread an event loop runs on (not a Swift concurrency thread, so a busy
// loop never starves the cooperative pool).
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A started pthread running one closure, which can be joined or detached once.
///
/// A value (the thread's id), so Sendable; joining or detaching it twice is a logic error,
/// which is why `TransferLoop` keeps it under its lock and takes it out to join or detach.
struct LoopThread: Sendable {
    /// The pthread's id as an integer: `pthread_t` is one on Linux and a pointer on Darwin.
    private let id: UInt

    /// Starts a thread that runs `body`; nil when the system refuses a new thread.
    init?(body: @escaping @Sendable () -> Void) {
        final class Start {
            let body: @Sendable () -> Void
            init(body: @escaping @Sendable () -> Void) {
                self.body = body
            }
        }
        let context = Unmanaged.passRetained(Start(body: body)).toOpaque()
        #if canImport(Darwin)
        var id: pthread_t? = nil
        #else
        var id = pthread_t()
        #endif
        let result = pthread_create(&id, nil, { raw in
            #if canImport(Darwin)
            let start = Unmanaged<Start>.fromOpaque(raw).takeRetainedValue()
            #else
            guard let raw else { return nil }
            let start = Unmanaged<Start>.fromOpaque(raw).takeRetainedValue()
            #endif
            start.body()
            return nil
        }, context)
        guard result == 0 else {
            Unmanaged<Start>.fromOpaque(context).release()
            return nil
        }
        #if canImport(Darwin)
        guard let id else { return nil }
        self.id = UInt(bitPattern: id)
        #else
        self.id = id
        #endif
    }

    private var pthread: pthread_t? {
        #if canImport(Darwin)
        pthread_t(bitPattern: id)
        #else
        id
        #endif
    }

    /// Whether the caller is running on this thread.
    var isCurrent: Bool {
        guard let pthread else { return false }
        return pthread_equal(pthread_self(), pthread) != 0
    }

    /// Waits for the thread to end.
    func join() {
        guard let pthread else { return }
        pthread_join(pthread, nil)
    }

    /// Lets the thread end on its own (for when it asks itself to stop and cannot wait for itself).
    func detach() {
        guard let pthread else { return }
        pthread_detach(pthread)
    }
}
