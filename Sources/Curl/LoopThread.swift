// The one dedicated OS thread an event loop runs on (not a Swift concurrency thread, so a busy
// loop never starves the cooperative pool).
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A started pthread running one closure, which can be joined or detached once.
///
/// Not Sendable: whoever shares it across threads keeps it in a `Mutex` and takes it out to
/// join or detach, which is what `TransferLoop` does.
struct LoopThread {
    #if canImport(Darwin)
    private let id: pthread_t?
    #else
    private let id: pthread_t
    #endif

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
        self.id = id
    }

    /// Whether the caller is running on this thread.
    var isCurrent: Bool {
        #if canImport(Darwin)
        guard let id else { return false }
        #endif
        return pthread_equal(pthread_self(), id) != 0
    }

    /// Waits for the thread to end.
    func join() {
        #if canImport(Darwin)
        guard let id else { return }
        #endif
        pthread_join(id, nil)
    }

    /// Lets the thread end on its own (for when it asks itself to stop and cannot wait for itself).
    func detach() {
        #if canImport(Darwin)
        guard let id else { return }
        #endif
        pthread_detach(id)
    }
}
