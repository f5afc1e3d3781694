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
        count = base
        if moved <= smallArrayLimit {
            return smallArray(moving: source, count: moved)
        }
        return [Element](unsafeUninitializedCapacity: moved) { buffer, initialized in
            if let destination = buffer.baseAddress {
                destination.moveInitialize(from: source, count: moved)
                initialized = moved
            }
        }
    }

    /// An array of `count` (1...16) elements moved from `source`.
    @inline(never)
    private func smallArray(moving source: UnsafeMutablePointer<Element>, count: Int) -> [Element] {
        arrayLiteral(count: count) { (source + $0).move() }
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
        if memberCount <= smallArrayLimit {
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

    /// An array of `count` (1...16) members moved from `keys` and `values`.
    @inline(never)
    private func smallMemberArray(
        keys: UnsafeMutablePointer<String>, values: UnsafeMutablePointer<JSON>, count: Int
    ) -> [JSONObject.Member] {
        arrayLiteral(count: count) { JSONObject.Member(key: (keys + $0).move(), value: (values + $0).move()) }
    }
}

/// The most elements `arrayLiteral(count:element:)` builds; larger containers take the general path.
private let smallArrayLimit = 16

/// `[element(0), element(1), ..., element(count - 1)]`, built as an array literal, for `count`
/// in 1...16. Each element is made exactly once, in order.
///
/// Why literals: a literal allocates through an inlined path that reads the array storage
/// class's metadata from a static cache, while every other way of creating an array calls into
/// the unspecialised standard library, which looks that metadata up in a global hash table each
/// time. For the many small containers of API payloads that lookup was ~30% of the cost of a
/// container (json-bench), so sizes up to 16 get one literal each.
@inline(__always)
private func arrayLiteral<Element>(count: Int, _ element: (Int) -> Element) -> [Element] {
    let e = element
    switch count {
    case 1: return [e(0)]
    case 2: return [e(0), e(1)]
    case 3: return [e(0), e(1), e(2)]
    case 4: return [e(0), e(1), e(2), e(3)]
    case 5: return [e(0), e(1), e(2), e(3), e(4)]
    case 6: return [e(0), e(1), e(2), e(3), e(4), e(5)]
    case 7: return [e(0), e(1), e(2), e(3), e(4), e(5), e(6)]
    case 8: return [e(0), e(1), e(2), e(3), e(4), e(5), e(6), e(7)]
    case 9: return [e(0), e(1), e(2), e(3), e(4), e(5), e(6), e(7), e(8)]
    case 10: return [e(0), e(1), e(2), e(3), e(4), e(5), e(6), e(7), e(8), e(9)]
    case 11: return [e(0), e(1), e(2), e(3), e(4), e(5), e(6), e(7), e(8), e(9), e(10)]
    case 12: return [e(0), e(1), e(2), e(3), e(4), e(5), e(6), e(7), e(8), e(9), e(10), e(11)]
    case 13: return [e(0), e(1), e(2), e(3), e(4), e(5), e(6), e(7), e(8), e(9), e(10), e(11), e(12)]
    case 14: return [e(0), e(1), e(2), e(3), e(4), e(5), e(6), e(7), e(8), e(9), e(10), e(11), e(12), e(13)]
    case 15: return [e(0), e(1), e(2), e(3), e(4), e(5), e(6), e(7), e(8), e(9), e(10), e(11), e(12), e(13), e(14)]
    case 16: return [e(0), e(1), e(2), e(3), e(4), e(5), e(6), e(7), e(8), e(9), e(10), e(11), e(12), e(13), e(14), e(15)]
    default:
        // Returning anything here would leave the caller's elements unmoved (leaked).
        preconditionFailure("arrayLiteral(count:) builds 1...\(smallArrayLimit) elements, got \(count)")
    }
}
