// The parser's scratch memory, kept per thread between parses: stacks, string caches and
// object shapes are allocated once and reused, so a parse allocates only what it returns.

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reusable scratch memory for one parse at a time.
final class ParserWorkspace {
    /// Stacks larger than this many elements after a parse are shrunk back, so one huge
    /// document does not pin its scratch memory to the thread.
    static let retainedCapacityLimit = 4096

    var values = ParseStack<JSON>(capacity: 32)
    var keys = ParseStack<String>(capacity: 16)
    var keyInfos = ParseStack<KeyInfo>(capacity: 64)
    var frames = ParseStack<Int>(capacity: 16)
    var keyCache = StringCache(capacity: 64)
    let shapes = ObjectShapes()
    var scratch: [UInt8] = []

    /// Drops what a parse left behind and shrinks oversized stacks.
    func clear() {
        values.reset()
        keys.reset()
        keyInfos.reset()
        frames.reset()
        keyCache.clear()
        shapes.clear()
        scratch.removeAll(keepingCapacity: scratch.capacity <= Self.retainedCapacityLimit)
        if values.capacity > Self.retainedCapacityLimit {
            values.release()
            values = ParseStack(capacity: 32)
        }
        if keys.capacity > Self.retainedCapacityLimit {
            keys.release()
            keys = ParseStack(capacity: 16)
        }
        if keyInfos.capacity > Self.retainedCapacityLimit {
            keyInfos.release()
            keyInfos = ParseStack(capacity: 64)
        }
        if frames.capacity > Self.retainedCapacityLimit {
            frames.release()
            frames = ParseStack(capacity: 16)
        }
    }

    deinit {
        values.release()
        keys.release()
        keyInfos.release()
        frames.release()
        keyCache.release()
        shapes.release()
    }

    /// The calling thread's workspace, taken out of thread-local storage (a nested or
    /// concurrent use on the same thread gets a fresh one). Hand it back with `giveBack()`.
    static func take() -> ParserWorkspace {
        let key = threadKey
        if let stored = pthread_getspecific(key) {
            pthread_setspecific(key, nil)
            return Unmanaged<ParserWorkspace>.fromOpaque(stored).takeRetainedValue()
        }
        return ParserWorkspace()
    }

    /// Clears the workspace and keeps it for the thread's next parse.
    func giveBack() {
        clear()
        let key = Self.threadKey
        guard pthread_getspecific(key) == nil else { return }
        pthread_setspecific(key, Unmanaged.passRetained(self).toOpaque())
    }

    /// The thread-local slot; its destructor frees a thread's workspace when the thread ends.
    private static let threadKey: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key) { stored in
            guard let stored else { return }
            Unmanaged<ParserWorkspace>.fromOpaque(stored).release()
        }
        return key
    }()
}
