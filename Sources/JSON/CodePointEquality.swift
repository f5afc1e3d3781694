// String equality as JSON defines it: code point by code point. Swift's `String ==` compares
// by Unicode canonical equivalence instead ("é" U+00E9 equals "e" U+0065 + U+0301), so JSON
// text is compared and hashed here, by its UTF-8 bytes (the same bytes are the same code
// points). The byte comparison is also the one the parser's caches use.

extension String {
    /// Whether the two strings hold the same Unicode code points, the way JSON and JSON Schema
    /// compare strings.
    ///
    /// Unlike `==`, canonically equivalent but different text is unequal:
    /// `"\u{E9}".hasSameCodePoints(as: "e\u{301}")` is false. Use this (or `CodePointString`
    /// as a key) wherever JSON strings, object keys or schema names are compared.
    @inlinable @inline(__always)
    public func hasSameCodePoints(as other: String) -> Bool {
        // The same representation (one storage, or identical inline small strings) is the same
        // bytes; for short keys and enum values this one comparison decides a match. A String
        // is two words on every 64-bit platform, so the size test folds away.
        if MemoryLayout<String>.size == 16,
            unsafeBitCast(self, to: (UInt64, UInt64).self) == unsafeBitCast(other, to: (UInt64, UInt64).self)
        {
            return true
        }
        let count = utf8.count
        guard count == other.utf8.count else { return false }
        let answer = utf8.withContiguousStorageIfAvailable { mine in
            other.utf8.withContiguousStorageIfAvailable { theirs -> Bool in
                guard let a = mine.baseAddress, let b = theirs.baseAddress else { return count == 0 }
                return memoryEqual(a, b, count)
            }
        }
        // Native Swift strings always have contiguous UTF-8; only bridged ones get here.
        guard let answer, let answer else { return utf8.elementsEqual(other.utf8) }
        return answer
    }
}

/// A String that equals and hashes code point by code point, as JSON compares strings: the key
/// type for sets and dictionaries of JSON text (object keys, enum values, property names),
/// where `String`'s own `==` and hash would merge canonically equivalent spellings.
public struct CodePointString: Hashable, Sendable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// The text.
    public let string: String

    /// Wraps `string`.
    @inlinable
    public init(_ string: String) { self.string = string }

    /// Wraps a literal, so `switch CodePointString(key) { case "$ref": ... }` matches exactly.
    @inlinable
    public init(stringLiteral string: String) { self.string = string }

    /// Whether both hold the same code points.
    @inlinable
    public static func == (lhs: CodePointString, rhs: CodePointString) -> Bool {
        lhs.string.hasSameCodePoints(as: rhs.string)
    }

    /// Hashes the UTF-8 bytes (so equal values hash equally and canonically equivalent ones
    /// need not).
    @inlinable
    public func hash(into hasher: inout Hasher) {
        combineCodePoints(of: string, into: &hasher)
    }

    /// The text itself.
    public var description: String { string }
}

/// Feeds the UTF-8 bytes of `string`, then its length (so "ab" + "c" and "a" + "bc" differ when
/// several strings go into one hasher), into `hasher`.
@inlinable
func combineCodePoints(of string: String, into hasher: inout Hasher) {
    let hashed: Void? = string.utf8.withContiguousStorageIfAvailable { bytes in
        hasher.combine(bytes: UnsafeRawBufferPointer(bytes))
    }
    if hashed == nil {
        for byte in string.utf8 { hasher.combine(byte) }
    }
    hasher.combine(string.utf8.count)
}

/// Whether two byte ranges of `length` bytes are equal.
///
/// Short ranges (the usual keys and enum values) are compared with two overlapping loads
/// per side and no loop, so the branch pattern does not depend on the exact length.
@inlinable @inline(__always)
func memoryEqual(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ length: Int) -> Bool {
    let rawA = UnsafeRawPointer(a)
    let rawB = UnsafeRawPointer(b)
    if length >= 8 {
        let tailDifference =
            rawA.loadUnaligned(fromByteOffset: length - 8, as: UInt64.self)
            ^ rawB.loadUnaligned(fromByteOffset: length - 8, as: UInt64.self)
        var difference = rawA.loadUnaligned(as: UInt64.self) ^ rawB.loadUnaligned(as: UInt64.self) | tailDifference
        var index = 8
        while index + 8 < length, difference == 0 {
            difference =
                rawA.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                ^ rawB.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            index += 8
        }
        return difference == 0
    }
    if length >= 4 {
        let head = rawA.loadUnaligned(as: UInt32.self) ^ rawB.loadUnaligned(as: UInt32.self)
        let tail =
            rawA.loadUnaligned(fromByteOffset: length - 4, as: UInt32.self)
            ^ rawB.loadUnaligned(fromByteOffset: length - 4, as: UInt32.self)
        return head | tail == 0
    }
    var index = 0
    while index < length {
        if a[index] != b[index] { return false }
        index += 1
    }
    return true
}
