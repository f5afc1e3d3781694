// Easy handles kept for reuse by one loop: taking and returning one is O(1) and allocates
// nothing once the pool has grown to the loop's concurrency.
import CCurl

/// The easy handles of one event loop, idle ones on a free list.
struct HandlePool {
    /// Every handle the pool made and still owns, idle or busy; `cancelAll` walks it.
    private(set) var all: [Easy] = []
    /// Idle handles, used as a stack: the most recently used handle is the warmest in cache.
    private var idle: [Easy] = []
    /// Idle handles beyond this are freed (each holds buffers of some KB).
    private let idleLimit: Int
    /// The loop's poller, which every handle tells when its sockets open and close.
    private let poller: OpaquePointer

    init(idleLimit: Int, poller: OpaquePointer) {
        self.idleLimit = idleLimit
        self.poller = poller
    }

    /// A new handle whose sockets the poller sees open and close.
    private func makeEasy() -> Easy? {
        guard let easy = Easy() else { return nil }
        ccurl_poller_attach_easy(poller, easy.handle)
        return easy
    }

    /// Makes handles up front so that the first `count` concurrent transfers allocate none;
    /// returns false when libcurl could not make one.
    mutating func reserve(_ count: Int) -> Bool {
        all.reserveCapacity(count)
        idle.reserveCapacity(count)
        while all.count < count {
            guard let easy = makeEasy() else { return false }
            all.append(easy)
            idle.append(easy)
        }
        return true
    }

    /// An idle handle, or a new one; nil when libcurl cannot make one.
    mutating func take() -> Easy? {
        if let easy = idle.popLast() { return easy }
        guard let easy = makeEasy() else { return nil }
        all.append(easy)
        return easy
    }

    /// Returns a handle whose transfer has ended.
    mutating func give(_ easy: Easy) {
        if idle.count < idleLimit {
            idle.append(easy)
        } else {
            all.removeAll { $0 === easy }
        }
    }

    /// Frees every handle; call only when none is in a multi handle.
    mutating func removeAll() {
        idle.removeAll()
        all.removeAll()
    }
}
