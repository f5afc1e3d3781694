// The store's bounded collections: records in insertion order, oldest first, evicted from the
// front. Each record keeps the sequence number it was appended with, so an id → sequence
// dictionary finds it in O(1) however many records were evicted before it.

/// A first-in, first-out list whose elements are addressed by a sequence number that never
/// changes: appends and lookups are O(1), removing the oldest is O(1) amortised.
///
/// Removed elements are dropped from storage once they are as many as the live ones, so the
/// storage never holds more than twice the live elements (plus one).
struct InsertionQueue<Element> {
    private var storage: [Element] = []
    /// The storage index of the oldest live element.
    private var head = 0
    /// The sequence number of the oldest live element (or of the next one, when empty).
    private(set) var firstSequence = 0

    init() {}

    /// A queue holding `elements` in order, numbered from 0.
    init<Elements: Sequence>(_ elements: Elements) where Elements.Element == Element {
        storage = Array(elements)
    }

    /// The number of live elements.
    var count: Int { storage.count - head }

    var isEmpty: Bool { count == 0 }

    /// The sequence number the next appended element gets.
    var nextSequence: Int { firstSequence + count }

    /// The live elements, oldest first.
    var elements: ArraySlice<Element> { storage[head...] }

    /// Whether the element numbered `sequence` is still live.
    func contains(sequence: Int) -> Bool { sequence >= firstSequence && sequence < nextSequence }

    /// The live element numbered `sequence`; the caller has checked `contains(sequence:)`.
    subscript(sequence sequence: Int) -> Element { storage[head + sequence - firstSequence] }

    /// The live element at `position` (0 is the oldest).
    subscript(position position: Int) -> Element { storage[head + position] }

    /// Changes the element numbered `sequence` in place (no copy of what it holds); the caller
    /// has checked `contains(sequence:)`.
    @discardableResult
    mutating func update<Result>(sequence: Int, _ change: (inout Element) -> Result) -> Result {
        change(&storage[head + sequence - firstSequence])
    }

    /// Appends an element and returns its sequence number.
    @discardableResult
    mutating func append(_ element: Element) -> Int {
        storage.append(element)
        return nextSequence - 1
    }

    /// Removes and returns the oldest element; nil when empty.
    mutating func removeFirst() -> Element? {
        guard head < storage.count else { return nil }
        let first = storage[head]
        head += 1
        firstSequence += 1
        if head >= storage.count - head {
            // As many dead elements as live ones: copy the live ones into a fresh array, so
            // a queue that was once long does not keep its old capacity either.
            storage = Array(storage[head...])
            head = 0
        }
        return first
    }

    /// The live elements from `position` on, at most `limit` of them.
    func slice(from position: Int, limit: Int) -> [Element] {
        let start = Swift.min(head + Swift.max(0, position), storage.count)
        let end = Swift.min(start + Swift.max(0, limit), storage.count)
        return Array(storage[start..<end])
    }
}

extension InsertionQueue: Sendable where Element: Sendable {}
