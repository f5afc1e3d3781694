// String scanning and decoding for `JSONParser`: an 8-bytes-at-a-time scan for the closing
// quote, strict UTF-8, escapes with surrogate pairs, and value prediction inside objects.

extension JSONParser {
    /// Parses the string value at `index`; inside an object, first tries the value last seen
    /// under the same key position (same bytes, then the closing quote).
    @inline(__always)
    mutating func parseStringValue() throws(JSONParseError) -> String {
        guard frames.count > 0 else { return try parseString(isKey: false) }
        let frame = frames.top
        guard frame & 1 != 0,
            let slot = ObjectShapes.valueSlot(depth: frames.count - 1, position: values.count - (frame >> 2))
        else { return try parseString(isKey: false) }
        let location = shapes.valueLocation(slot: slot)
        if location != 0 {
            let length = location & 0xFF
            if index + 1 + length < count, bytes[index + 1 + length] == UInt8(ascii: "\""),
                memoryEqual(bytes + (location >> 8), bytes + index + 1, length)
            {
                index += length + 2
                return shapes.value(slot: slot)
            }
        }
        let start = index + 1
        let string = try parseString(isKey: false)
        let length = index - 1 - start
        if !lastStringHadEscapes, length <= 255 {
            shapes.rememberValue(string, location: start << 8 | length, slot: slot)
        }
        return string
    }

    /// Parses the string whose opening quote is at `index`.
    mutating func parseString(isKey: Bool) throws(JSONParseError) -> String {
        let start = index + 1
        var position = start
        var unionOfBytes: UInt8 = 0  // bit 7 set when any byte is non-ASCII
        var hasEscapes = false
        while true {
            // Eight bytes at a time while none of them needs a look: no quote, backslash,
            // control character or non-ASCII byte.
            while position + 8 <= count {
                let word = UnsafeRawPointer(bytes + position).loadUnaligned(as: UInt64.self)
                let special = bytesNeedingAttention(word)
                if special != 0 {
                    position += special.trailingZeroBitCount >> 3
                    break
                }
                position += 8
            }
            guard position < count else {
                throw expected("'\"' to end the string that starts at byte \(index)", at: count)
            }
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") { break }
            if byte == UInt8(ascii: "\\") {
                hasEscapes = true
                position += 2  // the escaped byte cannot end the string; decoding checks it
                continue
            }
            if byte < 0x20 {
                throw JSONParseError(
                    offset: position, in: input,
                    reason: "control character \(unicodeName(UInt32(byte))) must be escaped in a string")
            }
            unionOfBytes |= byte
            position += 1
        }
        let length = position - start
        index = position + 1
        if unionOfBytes >= 0x80, let bad = firstInvalidUTF8(bytes, from: start, to: position) {
            throw JSONParseError(offset: bad, in: input, reason: "invalid UTF-8 in string")
        }
        lastStringHadEscapes = hasEscapes
        if hasEscapes { return try decodeEscapes(from: start, to: position, isKey: isKey) }
        if isKey {
            // Keys repeat the most; values repeat mostly under the same key, which
            // `parseStringValue` predicts.
            let hash = hashBytes(bytes + start, length)
            if length <= StringCache.maximumLength {
                lastKeyInfo = KeyInfo(hash: hash, location: start << 8 | length)
                return keyCache.string(at: start, length: length, hash: hash)
            }
            lastKeyInfo = KeyInfo(hash: hash, location: 0)
        }
        return makeString(bytes + start, length: length, smallASCII: unionOfBytes < 0x80 && smallStringsByLayout)
    }

    /// Decodes a string body with backslash escapes; `from..<to` is already valid UTF-8.
    @inline(never)
    mutating func decodeEscapes(from start: Int, to end: Int, isKey: Bool) throws(JSONParseError) -> String {
        scratch.removeAll(keepingCapacity: true)
        var position = start
        while position < end {
            let byte = bytes[position]
            guard byte == UInt8(ascii: "\\") else {
                scratch.append(byte)
                position += 1
                continue
            }
            let escaped = bytes[position + 1]  // exists: the scan stepped over it
            switch escaped {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scratch.append(escaped)
            case UInt8(ascii: "b"): scratch.append(0x08)
            case UInt8(ascii: "f"): scratch.append(0x0C)
            case UInt8(ascii: "n"): scratch.append(0x0A)
            case UInt8(ascii: "r"): scratch.append(0x0D)
            case UInt8(ascii: "t"): scratch.append(0x09)
            case UInt8(ascii: "u"):
                position = try decodeUnicodeEscape(at: position, end: end)
                continue
            default:
                throw expected(
                    "an escape character ('\"', '\\', '/', 'b', 'f', 'n', 'r', 't' or 'u') after '\\'",
                    at: position + 1)
            }
            position += 2
        }
        let string = String(decoding: scratch, as: UTF8.self)
        if isKey {
            let hash = scratch.withUnsafeBufferPointer { buffer in
                buffer.baseAddress.map { hashBytes($0, buffer.count) } ?? hashBytes(bytes, 0)
            }
            lastKeyInfo = KeyInfo(hash: hash, location: 0)
        }
        return string
    }

    /// Decodes `\uXXXX` (and its low-surrogate partner) at `position`; returns the offset after it.
    mutating func decodeUnicodeEscape(at position: Int, end: Int) throws(JSONParseError) -> Int {
        let unit = try hexQuad(at: position + 2, end: end)
        var scalarValue = unit
        var next = position + 6
        if unit >= 0xD800, unit <= 0xDBFF {
            guard next + 1 < end, bytes[next] == UInt8(ascii: "\\"), bytes[next + 1] == UInt8(ascii: "u") else {
                throw JSONParseError(
                    offset: position, in: input,
                    reason: "lone high surrogate \\u\(hexText(unit, width: 4)): expected '\\u' and a low surrogate (DC00-DFFF) after it")
            }
            let low = try hexQuad(at: next + 2, end: end)
            guard low >= 0xDC00, low <= 0xDFFF else {
                throw JSONParseError(
                    offset: next, in: input,
                    reason: "expected a low surrogate (\\uDC00-\\uDFFF) after high surrogate \\u\(hexText(unit, width: 4)), found \\u\(hexText(low, width: 4))")
            }
            scalarValue = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
            next += 6
        } else if unit >= 0xDC00, unit <= 0xDFFF {
            throw JSONParseError(
                offset: position, in: input,
                reason: "lone low surrogate \\u\(hexText(unit, width: 4)) without a high surrogate before it")
        }
        appendUTF8(scalarValue)
        return next
    }

    /// The value of four hex digits at `position`, which must all lie before `end`.
    func hexQuad(at position: Int, end: Int) throws(JSONParseError) -> UInt32 {
        var value: UInt32 = 0
        var offset = position
        while offset < position + 4 {
            guard offset < end, let digit = hexDigitValue(bytes[offset]) else {
                throw expected("four hex digits after '\\u'", at: min(offset, count))
            }
            value = value << 4 | digit
            offset += 1
        }
        return value
    }

    mutating func appendUTF8(_ value: UInt32) {
        switch value {
        case ..<0x80:
            scratch.append(UInt8(value))
        case ..<0x800:
            scratch.append(UInt8(0xC0 | value >> 6))
            scratch.append(UInt8(0x80 | value & 0x3F))
        case ..<0x10000:
            scratch.append(UInt8(0xE0 | value >> 12))
            scratch.append(UInt8(0x80 | value >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | value & 0x3F))
        default:
            scratch.append(UInt8(0xF0 | value >> 18))
            scratch.append(UInt8(0x80 | value >> 12 & 0x3F))
            scratch.append(UInt8(0x80 | value >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | value & 0x3F))
        }
    }
}

/// A word with the high bit set in the first (lowest-addressed) byte of `word` that is a
/// quote, a backslash, a control character or non-ASCII; zero when there is none. Bits above
/// the first flagged byte may be spurious (borrows), so only the lowest one is meaningful.
@inline(__always)
func bytesNeedingAttention(_ word: UInt64) -> UInt64 {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highBits: UInt64 = 0x8080_8080_8080_8080
    let quotes = word ^ (ones &* 0x22)
    let backslashes = word ^ (ones &* 0x5C)
    let quoteZero = (quotes &- ones) & ~quotes
    let backslashZero = (backslashes &- ones) & ~backslashes
    let control = word &- (ones &* 0x20)
    // `control & ~word` flags bytes below 0x20; non-ASCII bytes have their own high bit.
    return (quoteZero | backslashZero | (control & ~word) | word) & highBits
}

/// A String of `length` bytes at `start`, which must already be valid UTF-8.
///
/// `String(decoding:as:)` scans and validates the bytes again, then goes through several
/// non-inlined layers even for strings of up to 15 bytes, which Swift stores inline with no
/// allocation. Most strings in API payloads are that short (ids, enum values), so short
/// ASCII ones are assembled directly (see `SmallASCIIString`) when `smallASCII` allows it.
@inline(__always)
func makeString(_ start: UnsafePointer<UInt8>, length: Int, smallASCII: Bool = false) -> String {
    if smallASCII, length <= SmallASCIIString.maximumLength {
        return SmallASCIIString.make(start, length: length)
    }
    return String(unsafeUninitializedCapacity: length) { buffer in
        guard let destination = buffer.baseAddress else { return 0 }
        destination.initialize(from: start, count: length)
        return length
    }
}

/// Builds short ASCII Strings from their in-memory form instead of through the standard
/// library's validating initialisers.
///
/// On 64-bit platforms a String of at most 15 UTF-8 bytes is two words: the bytes in order
/// from the lowest address, and in the top byte of the second word a discriminator (`0xE0`
/// for ASCII) plus the count. That layout is part of Swift's stable ABI on Apple platforms
/// and the same on Linux; `layoutMatches` checks it once against strings the standard
/// library made, and callers use `make` only when it holds (falling back otherwise). Because
/// that fallback is silent, JSONParserTests pins `layoutMatches` on the platforms we build for,
/// and json-bench measures the parser both ways.
enum SmallASCIIString {
    static let maximumLength = 15

    /// Whether this standard library lays out small ASCII strings as `make` assumes.
    static let layoutMatches: Bool = {
        guard MemoryLayout<String>.size == 16 else { return false }
        let samples = ["", "a", "ab", "abc", "abcd", "abcdefg", "abcdefgh", "abcdefghi", "abcdefghijklmno"]
        for sample in samples {
            let reference = String(decoding: Array(sample.utf8), as: UTF8.self)
            let referenceBits = unsafeBitCast(reference, to: (UInt64, UInt64).self)
            // A trailing byte so that even "" has a base address; `bits` does not read it.
            let built = (Array(sample.utf8) + [0]).withUnsafeBufferPointer { buffer -> (UInt64, UInt64)? in
                guard let base = buffer.baseAddress else { return nil }
                return bits(base, length: buffer.count - 1)
            }
            guard let built, built == referenceBits else { return false }
        }
        return true
    }()

    /// The String of `length` (0...15) ASCII bytes at `start`; `layoutMatches` must hold.
    @inline(__always)
    static func make(_ start: UnsafePointer<UInt8>, length: Int) -> String {
        unsafeBitCast(bits(start, length: length), to: String.self)
    }

    /// The two words of the small String of `length` (0...15) ASCII bytes at `start`. Reads
    /// only those bytes: overlapping loads whose overlap holds the same bytes, so OR-ing
    /// them is exact.
    @inline(__always)
    static func bits(_ start: UnsafePointer<UInt8>, length: Int) -> (UInt64, UInt64) {
        let raw = UnsafeRawPointer(start)
        var low: UInt64 = 0
        var high: UInt64 = 0
        if length >= 8 {
            low = raw.loadUnaligned(as: UInt64.self)
            // The last 8 bytes, shifted so byte 8 of the string lands in the lowest byte.
            high = raw.loadUnaligned(fromByteOffset: length - 8, as: UInt64.self) >> (8 * (16 - length))
        } else if length >= 4 {
            low = UInt64(raw.loadUnaligned(as: UInt32.self))
                | UInt64(raw.loadUnaligned(fromByteOffset: length - 4, as: UInt32.self)) << (8 * (length - 4))
        } else if length > 0 {
            low = UInt64(start[0]) | UInt64(start[length >> 1]) << (8 * (length >> 1))
                | UInt64(start[length - 1]) << (8 * (length - 1))
        }
        return (low, high | (0xE0 | UInt64(length)) << 56)
    }
}
