// Hexadecimal digits, read and written: `\u` escapes, `%XX` percent-encoding, `U+000A` names
// and byte values in messages all go through these two functions.

/// The value of one ASCII hex digit (either case).
@inline(__always)
func hexDigitValue(_ byte: UInt8) -> UInt32? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(byte &- 0x30)
    case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(byte &- 0x57)
    case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(byte &- 0x37)
    default: return nil
    }
}

/// `value` in hex, left-padded with zeros to at least `width` digits: `hexText(0xA, width: 4)`
/// is `000A`. Uppercase unless told otherwise (JSON's own `\u` escapes are written lowercase).
func hexText(_ value: UInt32, width: Int, uppercase: Bool = true) -> String {
    let digits = String(value, radix: 16, uppercase: uppercase)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
}

/// `U+000A` style name of a scalar value.
func unicodeName(_ value: UInt32) -> String {
    "U+" + hexText(value, width: 4)
}
