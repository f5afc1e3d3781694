// String equality for the validation path. `==` on two distinct String storages calls into the
// standard library (which also decides Unicode canonical equivalence), and around that opaque
// call the compiler retains and releases both strings. Property names and enum values are
// compared with instance text for every validated member, almost always ASCII and short, so
// the hot loops compare UTF-8 bytes inline and fall back to `==` only when non-ASCII text is
// involved (where different bytes can still be equal strings: "K" == "\u{212A}").

extension String {
    /// Whether the two strings have the same UTF-8 bytes — which makes them equal. Different bytes
    /// mean unequal strings only when both are ASCII (see `isASCII`).
    @inline(__always)
    func hasSameBytes(as other: String) -> Bool {
        // The same representation — one storage, or identical inline (small) strings — is the same
        // bytes; for short keys and enum values this one comparison decides a match.
        // (A String is two words on every 64-bit platform; the size test folds away.)
        if MemoryLayout<String>.size == 16,
           unsafeBitCast(self, to: (UInt64, UInt64).self) == unsafeBitCast(other, to: (UInt64, UInt64).self) { return true }
        let count = utf8.count
        guard count == other.utf8.count else { return false }
        let answer = utf8.withContiguousStorageIfAvailable { mine in
            other.utf8.withContiguousStorageIfAvailable { theirs in
                Self.bytesEqual(mine.baseAddress, theirs.baseAddress, count)
            }
        }
        guard let answer, let answer else { return self == other } // not contiguous: never native text
        return answer
    }

    /// Whether every character is ASCII, where byte equality and `==` agree.
    @inline(never)
    var isASCII: Bool {
        utf8.allSatisfy { $0 < 0x80 }
    }

    /// Whether `count` bytes at `a` and `b` are the same, eight at a time (the last eight
    /// overlapping the ones before when the count is not a multiple of eight).
    @inline(__always)
    private static func bytesEqual(_ a: UnsafePointer<UInt8>?, _ b: UnsafePointer<UInt8>?, _ count: Int) -> Bool {
        guard let a, let b else { return count == 0 }
        let rawA = UnsafeRawPointer(a)
        let rawB = UnsafeRawPointer(b)
        guard count >= 8 else {
            var offset = 0
            while offset < count {
                if a[offset] != b[offset] { return false }
                offset += 1
            }
            return true
        }
        var offset = 0
        while offset + 8 < count {
            if rawA.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                != rawB.loadUnaligned(fromByteOffset: offset, as: UInt64.self) { return false }
            offset += 8
        }
        return rawA.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
            == rawB.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
    }
}
