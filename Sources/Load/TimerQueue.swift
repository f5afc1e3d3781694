// Pauses of virtual users on one loop thread (think time, 429 waits, pacing holds, budget and
// --max-rps waits), kept in a binary min-heap: the loop asks only "when is the earliest?" and
// pops what is due.

/// Wake-up times of virtual users, earliest first.
///
/// A user's pending wake-up is invalidated by bumping its generation, not by searching the
/// heap: a popped entry whose generation no longer matches the user's is ignored.
struct TimerQueue {
    /// One wake-up: when, for which user, and the user's generation when it was set.
    struct Entry {
        var time: UInt64
        var user: Int
        var generation: UInt32
    }

    private var heap: [Entry] = []

    /// Whether no wake-up is pending.
    var isEmpty: Bool { heap.isEmpty }

    /// The earliest pending time, if any.
    var earliest: UInt64? { heap.first?.time }

    /// Adds a wake-up.
    mutating func schedule(_ entry: Entry) {
        heap.append(entry)
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard heap[child].time < heap[parent].time else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    /// Removes and returns the earliest wake-up if it is due at `now`.
    mutating func popDue(now: UInt64) -> Entry? {
        guard let first = heap.first, first.time <= now else { return nil }
        let last = heap.removeLast()
        if heap.isEmpty { return first }
        heap[0] = last
        var parent = 0
        while true {
            let left = 2 * parent + 1
            let right = left + 1
            var smallest = parent
            if left < heap.count, heap[left].time < heap[smallest].time { smallest = left }
            if right < heap.count, heap[right].time < heap[smallest].time { smallest = right }
            if smallest == parent { break }
            heap.swapAt(parent, smallest)
            parent = smallest
        }
        return first
    }

    /// Forgets every wake-up.
    mutating func removeAll() {
        heap.removeAll()
    }

    /// Every pending entry, in no order (for counting what a stop interrupts).
    var entries: [Entry] { heap }
}
