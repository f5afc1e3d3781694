// The JSON value type shared by every module: parsed responses, spec documents, scenario
// bodies and reports. Objects keep their members in document order (reports and request
// bodies read as written); lookups are linear, which beats hashing for the small objects
// of API payloads.

/// A JSON value (RFC 8259).
///
/// Numbers keep integers exact: a literal without fraction or exponent that fits in
/// `Int64` is `.integer`; every other number is `.double`. Equality follows JSON Schema:
/// `1` equals `1.0`, objects are equal regardless of member order, and strings are equal
/// only when they hold the same code points (unlike Swift's `String ==`, which equates
/// canonically equivalent text such as "é" and "e" + U+0301).
public enum JSON: Sendable {
    /// `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// A number written without fraction or exponent that fits in `Int64`.
    case integer(Int64)
    /// Any other number.
    case double(Double)
    /// A string.
    case string(String)
    /// An array, elements in order.
    case array([JSON])
    /// An object, members in document order.
    case object(JSONObject)
}

/// The members of a JSON object, in document order, keys unique code point by code point (a
/// later duplicate replaces the earlier value, as most parsers do).
///
/// Keys are compared as JSON compares strings, by code point: "\u{E9}" and "e\u{301}" are two
/// different keys, although Swift's `==` calls them equal.
public struct JSONObject: Sendable {
    /// One member of an object: a key and its value.
    public struct Member: Sendable {
        /// The member's name.
        public var key: String
        /// The member's value.
        public var value: JSON

        /// A member named `key` with `value`.
        public init(key: String, value: JSON) {
            self.key = key
            self.value = value
        }
    }

    /// The members in document order.
    public private(set) var members: [Member]

    /// Where each key sits in `members`, for objects of more than `indexedCount` members only.
    /// Without it a lookup scans, and reading a spec operation by operation through JSON
    /// Pointers from the root scans `paths` each time: 4,000 paths took 40 s to load.
    private var positions: [CodePointString: Int]?

    /// Above this many members, lookups go through `positions`.
    static let indexedCount = 32

    /// An object with no members.
    public init() { members = [] }

    /// Builds an object from members the caller knows have unique keys (the parser checks);
    /// duplicate keys here would make lookups find only the first.
    public init(uniqueMembers: [Member]) {
        members = uniqueMembers
        if members.count > Self.indexedCount { indexKeys() }
    }

    /// Builds an object from key-value pairs in order; a later duplicate key replaces the
    /// earlier one's value.
    public init(_ pairs: [(String, JSON)]) {
        members = []
        members.reserveCapacity(pairs.count)
        for (key, value) in pairs { self[key] = value }
    }

    /// The number of members.
    public var count: Int { members.count }
    /// Whether the object has no members.
    public var isEmpty: Bool { members.isEmpty }
    /// The member names in document order.
    public var keys: [String] { members.map(\.key) }

    /// The index in `members` of the member named `key` (same code points), if any.
    public func index(of key: String) -> Int? {
        if let positions { return positions[CodePointString(key)] }
        return members.firstIndex { $0.key.hasSameCodePoints(as: key) }
    }

    /// The value of the member named `key` (same code points); setting nil removes the member,
    /// setting a new key appends it.
    public subscript(key: String) -> JSON? {
        get {
            index(of: key).map { members[$0].value }
        }
        set {
            if let at = index(of: key) {
                if let newValue {
                    members[at].value = newValue
                } else {
                    members.remove(at: at)  // later members move down: index again (rare)
                    if members.count > Self.indexedCount { indexKeys() } else { positions = nil }
                }
            } else if let newValue {
                members.append(Member(key: key, value: newValue))
                if positions != nil {
                    positions?[CodePointString(key)] = members.count - 1
                } else if members.count > Self.indexedCount {
                    indexKeys()
                }
            }
        }
    }

    /// Builds `positions` from `members` (the first of duplicate keys wins, as a scan finds it).
    private mutating func indexKeys() {
        var positions: [CodePointString: Int] = [:]
        positions.reserveCapacity(members.count)
        for (position, member) in members.enumerated() where positions[CodePointString(member.key)] == nil {
            positions[CodePointString(member.key)] = position
        }
        self.positions = positions
    }
}

extension JSONObject: Sequence {
    /// Iterates the members in document order.
    public func makeIterator() -> IndexingIterator<[Member]> { members.makeIterator() }
}

extension JSONObject: ExpressibleByDictionaryLiteral {
    /// An object with the literal's members in order (a repeated key keeps the last value).
    public init(dictionaryLiteral elements: (String, JSON)...) { self.init(elements) }
}

// MARK: - Accessors

extension JSON {
    /// The member `key` of an object; nil for other kinds or a missing member.
    public subscript(key: String) -> JSON? {
        if case .object(let object) = self { return object[key] }
        return nil
    }

    /// The element at `index` of an array; nil for other kinds or out of range.
    public subscript(index: Int) -> JSON? {
        if case .array(let elements) = self, elements.indices.contains(index) { return elements[index] }
        return nil
    }

    /// Whether this is `null`.
    public var isNull: Bool { if case .null = self { return true } else { return false } }
    /// The boolean, for `.bool`; nil for other kinds.
    public var boolValue: Bool? { if case .bool(let b) = self { return b } else { return nil } }
    /// The string, for `.string`; nil for other kinds.
    public var stringValue: String? { if case .string(let s) = self { return s } else { return nil } }
    /// The elements, for `.array`; nil for other kinds.
    public var arrayValue: [JSON]? { if case .array(let a) = self { return a } else { return nil } }
    /// The members, for `.object`; nil for other kinds.
    public var objectValue: JSONObject? { if case .object(let o) = self { return o } else { return nil } }

    /// The number as a `Double` (integers convert; may round beyond 2^53).
    public var doubleValue: Double? {
        switch self {
        case .integer(let i): return Double(i)
        case .double(let d): return d
        default: return nil
        }
    }

    /// The number as an exact `Int64`: integers, and doubles with no fractional part in range.
    public var integerValue: Int64? {
        switch self {
        case .integer(let i): return i
        case .double(let d):
            guard d.rounded(.towardZero) == d, d >= -9.223372036854775808e18, d < 9.223372036854775808e18 else { return nil }
            return Int64(d)
        default: return nil
        }
    }

    /// The JSON type name, as JSON Schema spells it ("integer" for integer-valued numbers).
    public var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "boolean"
        case .integer: return "integer"
        case .double(let d): return d.rounded(.towardZero) == d && d.isFinite ? "integer" : "number"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }
}

// MARK: - Equality (JSON Schema semantics)

extension JSON: Equatable {
    /// JSON Schema equality: numbers by value (`1 == 1.0`), strings by code point, arrays
    /// element by element, objects member by member in any order.
    public static func == (lhs: JSON, rhs: JSON) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.integer(let a), .integer(let b)): return a == b
        case (.double(let a), .double(let b)): return a == b
        case (.integer(let a), .double(let b)), (.double(let b), .integer(let a)):
            // Exact comparison: a Double equal to an Int64 must itself be integral and in range.
            guard b.rounded(.towardZero) == b, b >= -9.223372036854775808e18, b < 9.223372036854775808e18 else { return false }
            return Int64(b) == a
        case (.string(let a), .string(let b)): return a.hasSameCodePoints(as: b)
        case (.array(let a), .array(let b)): return a == b
        case (.object(let a), .object(let b)): return a == b
        default: return false
        }
    }
}

extension JSONObject: Equatable {
    /// The same keys (by code point) with equal values, in any order.
    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        guard lhs.count == rhs.count else { return false }
        // Each lookup below scans `rhs`: beyond a few dozen members, index its keys once, or an
        // object of n members costs n² comparisons (100,000 members once took 17 s).
        if rhs.count > 32 {
            var positions: [CodePointString: Int] = [:]
            positions.reserveCapacity(rhs.count)
            for (position, member) in rhs.members.enumerated() { positions[CodePointString(member.key)] = position }
            for member in lhs.members {
                guard let position = positions[CodePointString(member.key)], rhs.members[position].value == member.value else { return false }
            }
            return true
        }
        for member in lhs.members {
            guard let other = rhs[member.key], other == member.value else { return false }
        }
        return true
    }
}

extension JSON: Hashable {
    /// Hashes consistently with `==`: integers as the equal double, strings by their code
    /// points, object members in any order.
    public func hash(into hasher: inout Hasher) {
        switch self {
        case .null: hasher.combine(0)
        case .bool(let b): hasher.combine(b)
        case .integer(let i): hasher.combine(Double(i))
        case .double(let d): hasher.combine(d)
        case .string(let s): combineCodePoints(of: s, into: &hasher)
        case .array(let a):
            hasher.combine(a.count)
            for element in a { hasher.combine(element) }
        case .object(let o):
            // Order-insensitive: combine a commutative digest of the members.
            var digest = 0
            for member in o.members {
                var h = Hasher()
                combineCodePoints(of: member.key, into: &h)
                h.combine(member.value)
                digest ^= h.finalize()
            }
            hasher.combine(o.count)
            hasher.combine(digest)
        }
    }
}

extension JSONObject: Hashable {
    /// Hashes as the equal `JSON.object` does.
    public func hash(into hasher: inout Hasher) { hasher.combine(JSON.object(self)) }
}

// MARK: - Literals

extension JSON: ExpressibleByNilLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByStringLiteral, ExpressibleByArrayLiteral,
    ExpressibleByDictionaryLiteral
{
    /// `nil` is `null`.
    public init(nilLiteral: ()) { self = .null }
    /// A boolean literal is `.bool`.
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    /// An integer literal is `.integer`.
    public init(integerLiteral value: Int64) { self = .integer(value) }
    /// A floating-point literal is `.double`.
    public init(floatLiteral value: Double) { self = .double(value) }
    /// A string literal is `.string`.
    public init(stringLiteral value: String) { self = .string(value) }
    /// An array literal is `.array`.
    public init(arrayLiteral elements: JSON...) { self = .array(elements) }
    /// A dictionary literal is `.object`, members in the literal's order.
    public init(dictionaryLiteral elements: (String, JSON)...) { self = .object(JSONObject(elements)) }
}
