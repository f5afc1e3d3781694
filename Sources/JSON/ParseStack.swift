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

    /// Moves `element` onto the stack: `consuming`, so a temporary argument is moved in
    /// rather than copied (a retain now and a release at the end of the statement).
    @inline(__always)
    mutating func push(_ element: consuming Element) {
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

extension ParseStack where Element == JSON {
    /// Moves the top `count` values and the top `count` entries of `keys` (both in order)
    /// into an array of members of exact size, dropping them from both stacks.
    @inline(__always)
    mutating func popMembers(keys: inout ParseStack<String>, count memberCount: Int) -> [JSONObject.Member] {
        if memberCount == 0 { return [] }
        let valueSource = storage + (count - memberCount)
        let keySource = keys.storage + (keys.count - memberCount)
        count -= memberCount
        keys.count -= memberCount
        if memberCount <= 16 {
            return smallMemberArray(keys: keySource, values: valueSource, count: memberCount)
        }
        return [JSONObject.Member](unsafeUninitializedCapacity: memberCount) { buffer, initialized in
            if let destination = buffer.baseAddress {
                var position = 0
                while position < memberCount {
                    (destination + position).initialize(
                        to: JSONObject.Member(key: (keySource + position).move(), value: (valueSource + position).move()))
                    position += 1
                }
                initialized = memberCount
            }
        }
    }

    /// An array of `count` (1...16) members moved from `keys` and `values`; one array
    /// literal per size, for the reason given at `smallArray(moving:count:)`.
    @inline(never)
    private func smallMemberArray(
        keys: UnsafeMutablePointer<String>, values: UnsafeMutablePointer<JSON>, count: Int
    ) -> [JSONObject.Member] {
        @inline(__always)
        func member(_ position: Int) -> JSONObject.Member {
            JSONObject.Member(key: (keys + position).move(), value: (values + position).move())
        }
        let array: [JSONObject.Member]
        switch count {
        case 1: array = [member(0)]
        case 2: array = [member(0), member(1)]
        case 3: array = [member(0), member(1), member(2)]
        case 4: array = [member(0), member(1), member(2), member(3)]
        case 5: array = [member(0), member(1), member(2), member(3), member(4)]
        case 6: array = [member(0), member(1), member(2), member(3), member(4), member(5)]
        case 7: array = [member(0), member(1), member(2), member(3), member(4), member(5), member(6)]
        case 8: array = [member(0), member(1), member(2), member(3), member(4), member(5), member(6), member(7)]
        case 9: array = [member(0), member(1), member(2), member(3), member(4), member(5), member(6), member(7), member(8)]
        case 10: array = [member(0), member(1), member(2), member(3), member(4), member(5), member(6), member(7), member(8), member(9)]
        case 11: array = [member(0), member(1), member(2), member(3), member(4), member(5), member(6), member(7), member(8), member(9), member(10)]
        case 12: array = [member(0), member(1), member(2), member(3), member(4), member(5), member(6), member(7), member(8), member(9), member(10), member(11)]
        case 13: array = [member(0), member(1), member(2), member(3), member(4), member(5), member(6), member(7), member(8), member(9), member(10), member(11), member(12)]
        case 14: array = [member(0), member(1), member(2), member(3), member(4), member(5), member(6), member(7), member(8), member(9), member(10), member(11), member(12), member(13)]
        case 15: array = [member(0), member(1), member(2), member(3), member(4), member(5), member(6), member(7), member(8), member(9), member(10), member(11), member(12), member(13), member(14)]
        case 16: array = [member(0), member(1), member(2), member(3), member(4), member(5), member(6), member(7), member(8), member(9), member(10), member(11), member(12), member(13), member(14), member(15)]
        default: array = []
        }
        return array
    }
}
