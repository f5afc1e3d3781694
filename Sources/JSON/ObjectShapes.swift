// Key prediction for arrays of like objects: API payloads list many objects with the same
// keys in the same order, so the parser remembers the keys of the last object closed at each
// nesting depth and first checks whether the next key is the same bytes. A hit skips the
// string scan, the hash, the cache lookup and (when every key of an object hit) the
// duplicate-key check, since the remembered keys were already checked to be distinct.
// The same table remembers the last string value under each key position, so repeated
// values (statuses, types, timestamps) are shared instead of rebuilt.

/// Where an object key's bytes are and what they hash to.
struct KeyInfo {
    /// `hashBytes` of the key's decoded bytes.
    var hash: Int
    /// `offset << 8 | length` of the key's bytes in the input when they need no decoding
    /// (no escapes, at most 255 bytes); 0 when the key cannot be predicted by a byte match.
    var location: Int
}

/// The keys of the last object closed at each of the first `depths` nesting depths, and the
/// last string value seen at each of their positions.
struct ObjectShapes {
    /// How many nesting depths keep a shape; deeper objects are parsed without prediction.
    static let depths = 8
    /// The most keys a shape remembers; larger objects are parsed without prediction.
    static let keysPerShape = 32

    private let keys: UnsafeMutablePointer<String>
    private let infos: UnsafeMutablePointer<KeyInfo>
    /// The last string value seen at each key position (initialised where the location is
    /// non-zero), to predict repeated values such as statuses, types and timestamps.
    private let values: UnsafeMutablePointer<String>
    /// `offset << 8 | length` of each remembered value's bytes; 0 for none.
    private let valueLocations: UnsafeMutablePointer<Int>
    /// The number of keys (initialised entries of `keys`) of each depth's shape.
    private let counts: UnsafeMutablePointer<Int>

    init() {
        let capacity = Self.depths * Self.keysPerShape
        keys = .allocate(capacity: capacity)
        infos = .allocate(capacity: capacity)
        counts = .allocate(capacity: Self.depths)
        counts.initialize(repeating: 0, count: Self.depths)
        values = .allocate(capacity: capacity)
        valueLocations = .allocate(capacity: capacity)
        valueLocations.initialize(repeating: 0, count: capacity)
    }

    /// Whether objects at `depth` (0-based) have a shape to predict from.
    @inline(__always)
    func hasShape(depth: Int) -> Bool {
        depth < Self.depths && counts[depth] > 0
    }

    /// Where the remembered key at `position` of the shape at `depth` is, if the shape is that long.
    @inline(__always)
    func info(depth: Int, position: Int) -> KeyInfo? {
        guard position < counts[depth] else { return nil }
        return infos[depth * Self.keysPerShape + position]
    }

    /// The remembered key at `position` of the shape at `depth`; `info` must have found it.
    @inline(__always)
    func key(depth: Int, position: Int) -> String {
        keys[depth * Self.keysPerShape + position]
    }

    /// The slot of the member at `position` of an object at `depth`, if it has one.
    @inline(__always)
    static func valueSlot(depth: Int, position: Int) -> Int? {
        guard depth < depths, position < keysPerShape else { return nil }
        return depth * keysPerShape + position
    }

    /// Where the value remembered in `slot` is (`offset << 8 | length`), 0 for none.
    @inline(__always)
    func valueLocation(slot: Int) -> Int { valueLocations[slot] }

    /// The value remembered in `slot`; `valueLocation(slot:)` must be non-zero.
    @inline(__always)
    func value(slot: Int) -> String { values[slot] }

    /// Remembers `value`, whose unescaped bytes are at `location`, in `slot`.
    @inline(__always)
    func rememberValue(_ value: String, location: Int, slot: Int) {
        if valueLocations[slot] != 0 {
            values[slot] = value
        } else {
            (values + slot).initialize(to: value)
        }
        valueLocations[slot] = location
    }

    /// Remembers `count` keys (known to be distinct) as the shape at `depth`.
    @inline(__always)
    func record(
        depth: Int, keys source: UnsafePointer<String>, infos sourceInfos: UnsafePointer<KeyInfo>, count: Int
    ) {
        guard depth < Self.depths, count <= Self.keysPerShape else { return }
        let start = depth * Self.keysPerShape
        let initialized = counts[depth]
        var position = 0
        while position < count {
            if position < initialized {
                keys[start + position] = source[position]
            } else {
                (keys + start + position).initialize(to: source[position])
            }
            infos[start + position] = sourceInfos[position]
            position += 1
        }
        if initialized > count { (keys + start + count).deinitialize(count: initialized - count) }
        counts[depth] = count
    }

    /// Forgets every shape at the end of a parse (their locations point into that parse's input).
    func clear() {
        var depth = 0
        while depth < Self.depths {
            (keys + depth * Self.keysPerShape).deinitialize(count: counts[depth])
            counts[depth] = 0
            depth += 1
        }
        var slot = 0
        while slot < Self.depths * Self.keysPerShape {
            if valueLocations[slot] != 0 {
                (values + slot).deinitialize(count: 1)
                valueLocations[slot] = 0
            }
            slot += 1
        }
    }

    /// Frees the table's memory.
    func release() {
        clear()
        keys.deallocate()
        infos.deallocate()
        counts.deallocate()
        values.deallocate()
        valueLocations.deallocate()
    }
}
