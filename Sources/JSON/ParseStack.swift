// The parser's scratch stacks: manually managed memory, so a finished container moves its
// elements out in one copy (no retain/release per element) into an array of exact size.

/// A growable stack whose top elements can be moved into a new array.
///
/// Owned by a `ParserWorkspace`, used by one parse at a time; `reset()` between parses,
/// `release()` when the workspace goes away.
struct ParseStack<Element> {
    var storage: UnsafeMutablePointer<Element>
    var count = 0
    var capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
        storage = .allocate(capacity: capacity)
    }

    @inline(__always)
    mutating func push(_ element: Element) {
        if count == capacity { grow() }
        (storage + count).initialize(to: element)
        count += 1
    }

    /// The top element; the stack must not be empty.
    @inline(__always)
    var top: Element {
        get { storage[count - 1] }
        nonmutating _modify { yield &storage[count - 1] }
    }

    /// Removes and returns the top element; the stack must not be empty.
    @inline(__always)
    mutating func pop() -> Element {
        count -= 1
        return (storage + count).move()
    }

    @inline(never)
    mutating func grow() {
        let newCapacity = capacity * 2
        let newStorage = UnsafeMutablePointer<Element>.allocate(capacity: newCapacity)
        newStorage.moveInitialize(from: storage, count: count)
        storage.deallocate()
        storage = newStorage
        capacity = newCapacity
    }

    /// Moves the elements at `base...` (in order) into a new array and drops them from the stack.
    @inline(__always)
    mutating func popArray(from base: Int) -> [Element] {
        let moved = count - base
        if moved == 0 { return [] }
        let source = storage + base
        if moved <= 16 {
            count = base
            return smallArray(moving: source, count: moved)
        }
        let array = [Element](unsafeUninitializedCapacity: moved) { buffer, initialized in
            if let destination = buffer.baseAddress {
                destination.moveInitialize(from: source, count: moved)
                initialized = moved
            }
        }
        count = base
        return array
    }

    /// An array of `count` (1...16) elements moved from `s`.
    ///
    /// Array literals allocate through an inlined path that reads the storage class's
    /// metadata from a static cache; every other way of creating an array calls into the
    /// unspecialised standard library, which looks the metadata up in a global hash table
    /// each time. For the many small containers of API payloads that lookup was ~30% of
    /// the cost of a container, hence one literal per size.
    @inline(never)
    private func smallArray(moving s: UnsafeMutablePointer<Element>, count: Int) -> [Element] {
        let array: [Element]
        switch count {
        case 1: array = [s.move()]
        case 2: array = [s.move(), (s + 1).move()]
        case 3: array = [s.move(), (s + 1).move(), (s + 2).move()]
        case 4: array = [s.move(), (s + 1).move(), (s + 2).move(), (s + 3).move()]
        case 5: array = [s.move(), (s + 1).move(), (s + 2).move(), (s + 3).move(), (s + 4).move()]
        case 6: array = [s.move(), (s + 1).move(), (s + 2).move(), (s + 3).move(), (s + 4).move(), (s + 5).move()]
        case 7: array = [s.move(), (s + 1).move(), (s + 2).move(), (s + 3).move(), (s + 4).move(), (s + 5).move(), (s + 6).move()]
        case 8: array = [s.move(), (s + 1).move(), (s + 2).move(), (s + 3).move(), (s + 4).move(), (s + 5).move(), (s + 6).move(), (s + 7).move()]
        case 9: array = [s.move(), (s + 1).move(), (s + 2).move(), (s + 3).move(), (s + 4).move(), (s + 5).move(), (s + 6).move(), (s + 7).move(), (s + 8).move()]
        case 10: array = [s.move(), (s + 1).move(), (s + 2).move(), (s + 3).move(), (s + 4).move(), (s + 5).move(), (s + 6).move(), (s + 7).move(), (s + 8).move(), (s + 9).move()]
        case 11: array = [s.move(), (s + 1).move(), (s + 2).move(), (s + 3).move(), (s + 4).move(), (s + 5).move(), (s + 6).move(), (s + 7).move(), (s + 8).move(), (s + 9).move(), (s + 10).move()]
        case 12: array = [s.move(), (s + 1).move(), (s + 2).move(), (s + 3).move(), (s + 4).move(), (s + 5).move(), (s + 6).move(), (s + 7).move(), (s + 8).move(), (s + 9).move(), (s + 10).move(), (s + 11).move()]
        case 13: array = [s.move(), (s + 1).move(), (s + 2).move(), (s + 3).move(), (s + 4).move(), (s + 5).move(), (s + 6).move(), (s + 7).move(), (s + 8).move(), (s + 9).move(), (s + 10).move(), (s + 11).move(), (s + 12).move()]
        case 14: array = [s.move(), (s + 1).move(), (s + 2).move(), (s + 3).move(), (s + 4).move(), (s + 5).move(), (s + 6).move(), (s + 7).move(), (s + 8).move(), (s + 9).move(), (s + 10).move(), (s + 11).move(), (s + 12).move(), (s + 13).move()]
        case 15: array = [s.move(), (s + 1).move(), (s + 2).move(), (s + 3).move(), (s + 4).move(), (s + 5).move(), (s + 6).move(), (s + 7).move(), (s + 8).move(), (s + 9).move(), (s + 10).move(), (s + 11).move(), (s + 12).move(), (s + 13).move(), (s + 14).move()]
        case 16: array = [s.move(), (s + 1).move(), (s + 2).move(), (s + 3).move(), (s + 4).move(), (s + 5).move(), (s + 6).move(), (s + 7).move(), (s + 8).move(), (s + 9).move(), (s + 10).move(), (s + 11).move(), (s + 12).move(), (s + 13).move(), (s + 14).move(), (s + 15).move()]
        default: array = []
        }
        return array
    }

    /// Drops the elements at `base...`.
    @inline(__always)
    mutating func truncate(to base: Int) {
        (storage + base).deinitialize(count: count - base)
        count = base
    }

    /// Destroys any elements left (after an error) and keeps the memory for the next parse.
    mutating func reset() {
        storage.deinitialize(count: count)
        count = 0
    }

    /// Frees the memory, destroying any elements left (after an error).

    mutating func release() {
        storage.deinitialize(count: count)
        storage.deallocate()
        count = 0
        capacity = 0
    }
}
