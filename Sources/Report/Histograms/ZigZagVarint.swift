// The integer encoding of HdrHistogram's V2 counts payload: ZigZag, then LEB128 in the
// "64b9B" variant (Java's ZigZagEncoding). Negative numbers must be cheap because the payload
// writes runs of empty buckets as negative lengths, and ZigZag makes −1 one byte, not ten.

/// ZigZag LEB128-64b9B: at most 9 bytes per 64-bit value; bytes 1–8 carry 7 bits and a
/// continuation flag, and a 9th byte carries the last 8 bits whole.
enum ZigZagVarint {
    /// Appends `value` to `bytes`.
    static func append(_ value: Int64, to bytes: inout [UInt8]) {
        // ZigZag: 0, −1, 1, −2, … become 0, 1, 2, 3, …
        var remaining = UInt64(bitPattern: (value << 1) ^ (value >> 63))
        for _ in 0 ..< 8 {
            if remaining < 0x80 {
                bytes.append(UInt8(remaining))
                return
            }
            bytes.append(UInt8(remaining & 0x7F) | 0x80)
            remaining >>= 7
        }
        // Eight 7-bit groups hold 56 bits; the 9th byte holds the top 8 with no flag.
        bytes.append(UInt8(remaining))
    }

    /// Reads one value starting at `offset` and moves `offset` past it; nil when the bytes
    /// end inside the value (a truncated payload).
    static func read(_ bytes: [UInt8], at offset: inout Int) -> Int64? {
        var raw: UInt64 = 0
        var position = offset
        for group in 0 ..< 9 {
            guard position < bytes.count else { return nil }
            let byte = bytes[position]
            position += 1
            if group == 8 {
                raw |= UInt64(byte) << 56
                break
            }
            raw |= UInt64(byte & 0x7F) << UInt64(7 * group)
            if byte & 0x80 == 0 { break }
        }
        offset = position
        return Int64(bitPattern: (raw >> 1) ^ (0 &- (raw & 1)))
    }
}
