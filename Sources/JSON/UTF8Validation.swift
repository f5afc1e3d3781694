// Strict UTF-8 checking (RFC 3629) over raw bytes, so a parse error can point at the exact
// offending byte: no overlong forms, no surrogates, nothing above U+10FFFF, no truncation.

/// The offset of the first byte in `from..<to` that starts or continues an invalid UTF-8
/// sequence, or nil when the whole range is valid.
func firstInvalidUTF8(_ base: UnsafePointer<UInt8>, from: Int, to: Int) -> Int? {
    var index = from
    while index < to {
        let lead = base[index]
        if lead < 0x80 {
            index += 1
            continue
        }
        let length: Int
        var lowest: UInt8 = 0x80  // bounds for the first continuation byte
        var highest: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; lowest = 0xA0  // overlong below U+0800
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; highest = 0x9F  // U+D800...U+DFFF are surrogates
        case 0xF0: length = 4; lowest = 0x90  // overlong below U+10000
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; highest = 0x8F  // above U+10FFFF
        default: return index  // continuation byte without a lead, C0/C1, F5...FF
        }
        guard index + 1 < to else { return index }
        let second = base[index + 1]
        guard second >= lowest, second <= highest else { return index + 1 }
        var offset = 2
        while offset < length {
            guard index + offset < to else { return index }
            guard base[index + offset] & 0xC0 == 0x80 else { return index + offset }
            offset += 1
        }
        index += length
    }
    return nil
}

/// The scalar that starts at `offset` and its length in bytes, if the bytes there are valid UTF-8.
func decodeScalar(at offset: Int, in input: UnsafeRawBufferPointer) -> (Unicode.Scalar, Int)? {
    guard let base = input.baseAddress?.assumingMemoryBound(to: UInt8.self), offset < input.count else { return nil }
    let lead = base[offset]
    let length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
    let end = min(offset + length, input.count)
    guard firstInvalidUTF8(base, from: offset, to: end) == nil, end - offset == length else { return nil }
    var value: UInt32
    switch length {
    case 1: value = UInt32(lead)
    case 2: value = UInt32(lead & 0x1F)
    case 3: value = UInt32(lead & 0x0F)
    default: value = UInt32(lead & 0x07)
    }
    var index = offset + 1
    while index < end {
        value = value << 6 | UInt32(base[index] & 0x3F)
        index += 1
    }
    guard let scalar = Unicode.Scalar(value) else { return nil }
    return (scalar, length)
}
