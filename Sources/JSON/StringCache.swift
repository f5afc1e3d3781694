// Interning of object keys for one parse: API payloads repeat the same keys many times, so
// the second and later occurrences share the first one's String instead of allocating.

/// A hash of a byte range, cheap enough to compute for every string: up to three 8-byte
/// words (head, middle, tail; shorter loads for short ranges) and the length, each
/// multiplied independently (so the multiplications overlap instead of forming a chain),
/// then folded so the low bits (the cache slot) depend on every input bit. Collisions only
/// cost a cache miss or a string comparison.
@inline(__always)
func hashBytes(_ bytes: UnsafePointer<UInt8>, _ length: Int) -> Int {
    let raw = UnsafeRawPointer(bytes)
    var head: UInt64
    var tail: UInt64
    var middle: UInt64 = 0
    if length >= 8 {
        head = raw.loadUnaligned(as: UInt64.self)
        tail = raw.loadUnaligned(fromByteOffset: length - 8, as: UInt64.self)
        if length > 16 { middle = raw.loadUnaligned(fromByteOffset: length / 2 - 4, as: UInt64.self) }
    } else if length >= 4 {
        // Two overlapping 4-byte loads cover 4...7 bytes.
        head = UInt64(raw.loadUnaligned(as: UInt32.self))
        tail = UInt64(raw.loadUnaligned(fromByteOffset: length - 4, as: UInt32.self))
    } else if length > 0 {
        head = UInt64(bytes[0]) << 16 | UInt64(bytes[length >> 1]) << 8 | UInt64(bytes[length - 1])
        tail = 0
    } else {
        head = 0
        tail = 0
    }
    let mixed =
        (head ^ 0x9E37_79B9_7F4A_7C15) &* 0xFF51_AFD7_ED55_8CCD
        &+ (tail ^ UInt64(truncatingIfNeeded: length)) &* 0xC4CE_B9FE_1A85_EC53
        &+ middle &* 0x8764_4A33_23B1_CF1D
    return Int(truncatingIfNeeded: mixed ^ (mixed >> 31))
}

/// A two-way set-associative cache from byte ranges of the input to the Strings made from them.
///
/// A slot remembers where in the input its string came from, so a hit is one hash, one
/// length check and one `memcmp`. The input must stay valid while the cache is in use.
struct StringCache {
    /// Where a cached string's bytes are in the input: `offset << 8 | length`; 0 for an empty
    /// slot (no string starts at offset 0: its opening quote is there at the earliest).
    private struct Slot {
        var hash: Int
        var location: Int
    }

    /// The longest string worth interning; longer ones are rarely repeated.
    static let maximumLength = 255

    /// The input of the current parse; set by `begin(input:)`.
    private var input: UnsafePointer<UInt8>
    private let slots: UnsafeMutablePointer<Slot>
    /// Initialised only where the slot's location is non-zero.
    private let strings: UnsafeMutablePointer<String>
    private let mask: Int

    /// An empty cache of `capacity` slots (a power of two).
    init(capacity: Int) {
        mask = capacity - 1
        slots = .allocate(capacity: capacity)
        // A valid placeholder until `begin(input:)`: with every slot empty it is never read.
        input = UnsafeRawPointer(slots).assumingMemoryBound(to: UInt8.self)
        UnsafeMutableRawPointer(slots).initializeMemory(
            as: UInt8.self, repeating: 0, count: capacity * MemoryLayout<Slot>.stride)
        strings = .allocate(capacity: capacity)
    }

    /// Starts a parse of `input`, which must stay valid until `clear()`.
    mutating func begin(input: UnsafePointer<UInt8>) {
        self.input = input
    }

    /// The String for `length` bytes at `offset` in the input (valid UTF-8, no escapes),
    /// shared with earlier identical strings of this parse.
    ///
    /// Two-way set associative: a string may sit in either slot of its pair, so two hot
    /// strings whose hashes collide do not evict each other on every use.
    @inline(__always)
    func string(at offset: Int, length: Int, hash: Int) -> String {
        let first = hash & mask
        if let hit = match(slot: first, offset: offset, length: length, hash: hash) { return hit }
        let second = first ^ 1
        if let hit = match(slot: second, offset: offset, length: length, hash: hash) { return hit }
        return insert(at: first, demotingTo: second, offset: offset, length: length, hash: hash)
    }

    @inline(__always)
    private func match(slot: Int, offset: Int, length: Int, hash: Int) -> String? {
        let cached = slots[slot]
        guard cached.hash == hash, cached.location & 0xFF == length, cached.location != 0,
            memoryEqual(input + (cached.location >> 8), input + offset, length)
        else { return nil }
        return strings[slot]
    }

    /// Makes the string and stores it in `slot`, moving that slot's string to `other`
    /// (dropping `other`'s), so the most recently added string of a pair is found first.
    @inline(never)
    private func insert(at slot: Int, demotingTo other: Int, offset: Int, length: Int, hash: Int) -> String {
        let string = makeString(input + offset, length: length)
        if slots[slot].location != 0 {
            if slots[other].location != 0 { (strings + other).deinitialize(count: 1) }
            (strings + other).moveInitialize(from: strings + slot, count: 1)
            slots[other] = slots[slot]
        }
        (strings + slot).initialize(to: string)
        slots[slot] = Slot(hash: hash, location: offset << 8 | length)
        return string
    }

    /// Empties the cache at the end of a parse (its slots point into that parse's input).
    func clear() {
        var slot = 0
        while slot <= mask {
            if slots[slot].location != 0 {
                (strings + slot).deinitialize(count: 1)
                slots[slot] = Slot(hash: 0, location: 0)
            }
            slot += 1
        }
    }

    /// Frees the cache's memory.
    func release() {
        clear()
        strings.deallocate()
        slots.deallocate()
    }
}
