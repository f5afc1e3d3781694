// The byte-level RFC 8259 parser behind `JSON.parse`. It is iterative (an explicit stack of
// open containers), so nesting depth costs heap, not call stack, and the depth limit is a
// plain counter. Containers collect their elements on shared stacks and move them out once,
// at their exact size, when they close.

/// One parse of one input, on the scratch memory of a `ParserWorkspace`: create,
/// `parseDocument()`, then `finish(into:)` with the same workspace.
struct JSONParser {
    private let input: UnsafeRawBufferPointer
    private let bytes: UnsafePointer<UInt8>
    private let count: Int
    private let maxDepth: Int
    /// The offset of the next byte to read.
    private(set) var index = 0

    // The workspace's memory, held here for the parse so the hot loop works on a local
    // struct rather than through a class reference; `finish(into:)` hands it back.

    /// Finished elements of the open arrays, innermost last.
    private var values: ParseStack<JSON>
    /// Members of the open objects, innermost last; the top one may await its value.
    private var members: ParseStack<JSONObject.Member>
    /// Hash and location of each entry of `members`' key, to find duplicate keys without
    /// comparing strings and to remember object shapes.
    private var keyInfos: ParseStack<KeyInfo>
    /// The open containers: the base index of their elements on `values` (arrays) or
    /// `members` (objects), shifted left by two; bit 0 is set for objects, bit 1 while every
    /// key of the object so far matched the shape predicted for its depth.
    private var frames: ParseStack<Int>
    /// The keys of recently closed objects, to predict the keys of the next ones.
    private let shapes: ObjectShapes
    /// Object keys seen in this parse.
    private var keyCache: StringCache
    /// Decoded bytes of the string being unescaped.
    private var scratch: [UInt8]

    /// A parser over `input`, which must be non-empty and stay valid until `finish(into:)`.
    init(input: UnsafeRawBufferPointer, bytes: UnsafePointer<UInt8>, maxDepth: Int, workspace: ParserWorkspace) {
        self.input = input
        self.bytes = bytes
        count = input.count
        self.maxDepth = maxDepth
        values = workspace.values
        members = workspace.members
        keyInfos = workspace.keyInfos
        frames = workspace.frames
        shapes = workspace.shapes
        keyCache = workspace.keyCache
        scratch = []
        swap(&scratch, &workspace.scratch)
        keyCache.begin(input: bytes)
    }

    /// Returns the (possibly grown) memory to `workspace`; call exactly once.
    mutating func finish(into workspace: ParserWorkspace) {
        workspace.values = values
        workspace.members = members
        workspace.keyInfos = keyInfos
        workspace.frames = frames
        workspace.keyCache = keyCache
        swap(&scratch, &workspace.scratch)
    }

    // MARK: - Document and containers

    /// Parses one value and checks that only whitespace follows it.
    mutating func parseDocument() throws(JSONParseError) -> JSON {
        skipWhitespace()
        let value = try parseValue()
        skipWhitespace()
        guard index == count else { throw expected("end of input after the JSON value", at: index) }
        return value
    }

    /// Parses the value at `index` and everything nested in it.
    private mutating func parseValue() throws(JSONParseError) -> JSON {
        var value: JSON
        nextValue: while true {
            // Whitespace before the value has been skipped.
            guard index < count else { throw expected("a JSON value", at: index) }
            switch bytes[index] {
            case UInt8(ascii: "\""):
                value = .string(try parseStringValue())
            case UInt8(ascii: "{"):
                try openContainer(base: members.count << 2 | (shapes.hasShape(depth: frames.count) ? 3 : 1))
                index += 1
                skipWhitespace()
                if index < count, bytes[index] == UInt8(ascii: "}") {
                    index += 1
                    _ = frames.pop()
                    value = .object(JSONObject())
                } else {
                    try parseMemberKey(after: "'{'", orClose: "'}'")
                    continue nextValue
                }
            case UInt8(ascii: "["):
                try openContainer(base: values.count << 2)
                index += 1
                skipWhitespace()
                if index < count, bytes[index] == UInt8(ascii: "]") {
                    index += 1
                    _ = frames.pop()
                    value = .array([])
                } else {
                    continue nextValue
                }
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                value = try parseNumber()
            case UInt8(ascii: "t"):
                try parseLiteral("true")
                value = .bool(true)
            case UInt8(ascii: "f"):
                try parseLiteral("false")
                value = .bool(false)
            case UInt8(ascii: "n"):
                try parseLiteral("null")
                value = .null
            default:
                throw expected("a JSON value", at: index)
            }

            // A value is complete: hand it to the innermost open container, closing each
            // container that ends right after it.
            while frames.count > 0 {
                let frame = frames.top
                let base = frame >> 2
                skipWhitespace()
                if frame & 1 == 0 {
                    values.push(value)
                    guard index < count else { throw expected("',' or ']' after array element", at: index) }
                    let byte = bytes[index]
                    index += 1
                    if byte == UInt8(ascii: ",") {
                        skipWhitespace()
                        continue nextValue
                    }
                    guard byte == UInt8(ascii: "]") else {
                        throw expected("',' or ']' after array element", at: index - 1)
                    }
                    _ = frames.pop()
                    value = .array(values.popArray(from: base))
                } else {
                    members.top.value = value
                    guard index < count else { throw expected("',' or '}' after object member", at: index) }
                    let byte = bytes[index]
                    index += 1
                    if byte == UInt8(ascii: ",") {
                        skipWhitespace()
                        try parseMemberKey(after: "','", orClose: nil)
                        continue nextValue
                    }
                    guard byte == UInt8(ascii: "}") else {
                        throw expected("',' or '}' after object member", at: index - 1)
                    }
                    _ = frames.pop()
                    value = .object(closeObject(base: base, keysPredicted: frame & 2 != 0, depth: frames.count))
                }
            }
            return value
        }
    }

    /// Pushes a container frame, enforcing the depth limit.
    @inline(__always)
    private mutating func openContainer(base: Int) throws(JSONParseError) {
        guard frames.count < maxDepth else {
            throw JSONParseError(
                offset: index, in: input,
                reason: "nesting deeper than the limit of \(maxDepth) arrays and objects")
        }
        frames.push(base)
    }

    /// Parses `"key" :` and pushes a member awaiting its value; leaves `index` at the value.
    @inline(__always)
    private mutating func parseMemberKey(after previous: String, orClose close: String?) throws(JSONParseError) {
        guard index < count, bytes[index] == UInt8(ascii: "\"") else {
            let wanted = close.map { "a string key or \($0)" } ?? "a string key"
            throw expected("\(wanted) after \(previous)", at: index)
        }
        let frame = frames.top
        if frame & 2 != 0 {
            let depth = frames.count - 1
            let position = members.count - (frame >> 2)
            if let info = shapes.info(depth: depth, position: position), keyBytesMatch(info) {
                members.push(JSONObject.Member(key: shapes.key(depth: depth, position: position), value: .null))
                keyInfos.push(info)
                index += (info.location & 0xFF) + 2
            } else {
                frames.top = frame & ~2
                try parseKey()
            }
        } else {
            try parseKey()
        }
        skipWhitespace()
        guard index < count, bytes[index] == UInt8(ascii: ":") else {
            throw expected("':' after object key", at: index)
        }
        index += 1
        skipWhitespace()
    }

    /// Parses the key string at `index` without prediction and pushes its member.
    @inline(__always)
    private mutating func parseKey() throws(JSONParseError) {
        let key = try parseString(isKey: true)
        members.push(JSONObject.Member(key: key, value: .null))
        keyInfos.push(lastKeyInfo)
    }

    /// Whether the string at `index` is exactly the predicted key: the same bytes, then the
    /// closing quote. (The predicted bytes contain no quote or backslash and are valid UTF-8.)
    @inline(__always)
    private func keyBytesMatch(_ info: KeyInfo) -> Bool {
        let length = info.location & 0xFF
        guard info.location != 0, index + 1 + length < count, bytes[index + 1 + length] == UInt8(ascii: "\"") else {
            return false
        }
        return memoryEqual(bytes + (info.location >> 8), bytes + index + 1, length)
    }

    /// Moves the members at `base...` into an object; a later duplicate key replaces the
    /// earlier one's value (keeping the first one's position).
    private mutating func closeObject(base: Int, keysPredicted: Bool, depth: Int) -> JSONObject {
        let memberCount = members.count - base
        if keysPredicted {
            // Every key matched a remembered shape, whose keys are distinct.
            keyInfos.truncate(to: base)
            return JSONObject(uniqueMembers: members.popArray(from: base))
        }
        let hasDuplicates =
            memberCount <= 24
            ? hasDuplicateKeysByScan(base: base) : hasDuplicateKeysBySet(base: base)
        if !hasDuplicates {
            shapes.record(depth: depth, members: members.storage + base, infos: keyInfos.storage + base, count: memberCount)
        }
        keyInfos.truncate(to: base)
        let list = members.popArray(from: base)
        if !hasDuplicates { return JSONObject(uniqueMembers: list) }
        var object = JSONObject()
        for member in list { object[member.key] = member.value }
        return object
    }

    private func hasDuplicateKeysByScan(base: Int) -> Bool {
        let infos = keyInfos.storage
        var later = base + 1
        while later < keyInfos.count {
            var earlier = base
            while earlier < later {
                if infos[earlier].hash == infos[later].hash, members.storage[earlier].key == members.storage[later].key {
                    return true
                }
                earlier += 1
            }
            later += 1
        }
        return false
    }

    private func hasDuplicateKeysBySet(base: Int) -> Bool {
        var seen = Set<String>(minimumCapacity: members.count - base)
        var position = base
        while position < members.count {
            if !seen.insert(members.storage[position].key).inserted { return true }
            position += 1
        }
        return false
    }

    // MARK: - Scalars

    @inline(__always)
    mutating func skipWhitespace() {
        while index < count {
            let byte = bytes[index]
            guard byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 else { return }
            index += 1
        }
    }

    /// Parses `true`, `false` or `null` at `index`.
    private mutating func parseLiteral(_ literal: StaticString) throws(JSONParseError) {
        let expectedBytes = literal.utf8Start
        let length = literal.utf8CodeUnitCount
        var offset = 0
        while offset < length {
            guard index + offset < count, bytes[index + offset] == expectedBytes[offset] else {
                throw expected("'\(literal)'", at: index + offset, ofTokenAt: index)
            }
            offset += 1
        }
        index += length
    }

    /// Parses the string value at `index`; inside an object, first tries the value last seen
    /// under the same key position (same bytes, then the closing quote).
    @inline(__always)
    private mutating func parseStringValue() throws(JSONParseError) -> String {
        guard frames.count > 0 else { return try parseString(isKey: false) }
        let frame = frames.top
        guard frame & 1 != 0,
            let slot = ObjectShapes.valueSlot(depth: frames.count - 1, position: members.count - 1 - (frame >> 2))
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

    /// Set by `parseString`: whether the string just parsed contained escapes.
    private var lastStringHadEscapes = false

    /// Set by `parseString(isKey: true)`: the hash and location of the key just parsed.
    private var lastKeyInfo = KeyInfo(hash: 0, location: 0)

    /// Parses the string whose opening quote is at `index`.
    private mutating func parseString(isKey: Bool) throws(JSONParseError) -> String {
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
        return String(decoding: UnsafeBufferPointer(start: bytes + start, count: length), as: UTF8.self)
    }

    /// Decodes a string body with backslash escapes; `from..<to` is already valid UTF-8.
    @inline(never)
    private mutating func decodeEscapes(from start: Int, to end: Int, isKey: Bool) throws(JSONParseError) -> String {
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
    private mutating func decodeUnicodeEscape(at position: Int, end: Int) throws(JSONParseError) -> Int {
        let unit = try hexQuad(at: position + 2, end: end)
        var scalarValue = unit
        var next = position + 6
        if unit >= 0xD800, unit <= 0xDBFF {
            guard next + 1 < end, bytes[next] == UInt8(ascii: "\\"), bytes[next + 1] == UInt8(ascii: "u") else {
                throw JSONParseError(
                    offset: position, in: input,
                    reason: "lone high surrogate \\u\(hex4(unit)): expected '\\u' and a low surrogate (DC00-DFFF) after it")
            }
            let low = try hexQuad(at: next + 2, end: end)
            guard low >= 0xDC00, low <= 0xDFFF else {
                throw JSONParseError(
                    offset: next, in: input,
                    reason: "expected a low surrogate (\\uDC00-\\uDFFF) after high surrogate \\u\(hex4(unit)), found \\u\(hex4(low))")
            }
            scalarValue = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
            next += 6
        } else if unit >= 0xDC00, unit <= 0xDFFF {
            throw JSONParseError(
                offset: position, in: input,
                reason: "lone low surrogate \\u\(hex4(unit)) without a high surrogate before it")
        }
        appendUTF8(scalarValue)
        return next
    }

    /// The value of four hex digits at `position`, which must all lie before `end`.
    private func hexQuad(at position: Int, end: Int) throws(JSONParseError) -> UInt32 {
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

    private mutating func appendUTF8(_ value: UInt32) {
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

    /// Parses the number at `index`: `.integer` when it has no fraction or exponent and fits
    /// `Int64`, otherwise a correctly rounded `.double`; overflow to infinity is an error.
    private mutating func parseNumber() throws(JSONParseError) -> JSON {
        let start = index
        var position = index
        let negative = bytes[position] == UInt8(ascii: "-")
        if negative { position += 1 }
        // Up to 19 significant digits accumulate exactly; `digitCount` counts them all.
        var significand: UInt64 = 0
        var digitCount = 0
        guard position < count, bytes[position] &- 0x30 <= 9 else {
            throw expected("a digit after '-'", at: position, ofTokenAt: start)
        }
        if bytes[position] == UInt8(ascii: "0") {
            position += 1
            if position < count, bytes[position] &- 0x30 <= 9 {
                throw JSONParseError(
                    offset: position, in: input, reason: "leading zeros are not allowed in numbers")
            }
        } else {
            while position < count {
                let digit = bytes[position] &- 0x30
                if digit > 9 { break }
                if digitCount < 19 { significand = significand &* 10 &+ UInt64(digit) }
                digitCount += 1
                position += 1
            }
        }
        var isInteger = true
        var fractionDigits = 0
        if position < count, bytes[position] == UInt8(ascii: ".") {
            isInteger = false
            position += 1
            guard position < count, bytes[position] &- 0x30 <= 9 else {
                throw expected("a digit after '.'", at: position, ofTokenAt: start)
            }
            while position < count {
                let digit = bytes[position] &- 0x30
                if digit > 9 { break }
                if significand != 0 || digit != 0 {
                    if digitCount < 19 { significand = significand &* 10 &+ UInt64(digit) }
                    digitCount += 1
                }
                fractionDigits += 1
                position += 1
            }
        }
        var exponent = 0
        if position < count, bytes[position] | 0x20 == UInt8(ascii: "e") {
            isInteger = false
            position += 1
            var exponentNegative = false
            if position < count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") {
                exponentNegative = bytes[position] == UInt8(ascii: "-")
                position += 1
            }
            guard position < count, bytes[position] &- 0x30 <= 9 else {
                throw expected("a digit in the exponent", at: position, ofTokenAt: start)
            }
            while position < count {
                let digit = bytes[position] &- 0x30
                if digit > 9 { break }
                if exponent < 1_000_000 { exponent = exponent * 10 + Int(digit) }
                position += 1
            }
            if exponentNegative { exponent = -exponent }
        }
        index = position

        if isInteger {
            if digitCount <= 18 {
                let magnitude = Int64(significand)
                return .integer(negative ? -magnitude : magnitude)
            }
            if digitCount == 19 {
                if !negative, significand <= UInt64(Int64.max) { return .integer(Int64(significand)) }
                if negative, significand <= UInt64(Int64.max) + 1 {
                    return .integer(Int64(truncatingIfNeeded: 0 &- significand))
                }
            }
        } else if digitCount <= 19, significand <= 1 << 53 {
            // Clinger's fast path: both operands exact, so one IEEE operation rounds correctly.
            let scale = exponent - fractionDigits
            if scale >= -22, scale <= 22 {
                var result = Double(significand)
                if scale < 0 { result /= exactPowerOfTen(-scale) } else { result *= exactPowerOfTen(scale) }
                return .double(negative ? -result : result)
            }
        }
        return .double(try parseDoubleSlowly(from: start, to: position))
    }

    /// Correctly rounded conversion through the standard library (strtod) for the literals
    /// the fast paths cannot do exactly.
    @inline(never)
    private func parseDoubleSlowly(from start: Int, to end: Int) throws(JSONParseError) -> Double {
        let literal = String(decoding: UnsafeBufferPointer(start: bytes + start, count: end - start), as: UTF8.self)
        guard let value = Double(literal), value.isFinite else {
            throw JSONParseError(
                offset: start, in: input,
                reason: "number \(literal) is too large to represent (beyond ±1.8e308)")
        }
        return value
    }

    // MARK: - Errors

    /// `expected <what>, found <the byte at offset>`, positioned at `offset`.
    @inline(never)
    private func expected(_ what: String, at offset: Int, ofTokenAt tokenStart: Int? = nil) -> JSONParseError {
        var reason = "expected \(what), found \(describeFound(at: offset, in: input))"
        if let tokenStart, tokenStart != offset {
            let token = String(decoding: UnsafeBufferPointer(start: bytes + tokenStart, count: offset - tokenStart), as: UTF8.self)
            reason += " after '\(token)'"
        }
        return JSONParseError(offset: offset, in: input, reason: reason)
    }
}

/// A word with the high bit set in the first (lowest-addressed) byte of `word` that is a
/// quote, a backslash, a control character or non-ASCII; zero when there is none. Bits above
/// the first flagged byte may be spurious (borrows), so only the lowest one is meaningful.
@inline(__always)
private func bytesNeedingAttention(_ word: UInt64) -> UInt64 {
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

/// 10^power for 0...22, the powers of ten a Double holds exactly.
@inline(__always)
private func exactPowerOfTen(_ power: Int) -> Double {
    return exactPowersOfTen[power]
}

private let exactPowersOfTen: [Double] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
]

/// The value of one ASCII hex digit.
@inline(__always)
func hexDigitValue(_ byte: UInt8) -> UInt32? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(byte &- 0x30)
    case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(byte &- 0x57)
    case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(byte &- 0x37)
    default: return nil
    }
}

/// Four uppercase hex digits.
func hex4(_ value: UInt32) -> String {
    var hex = String(value, radix: 16, uppercase: true)
    while hex.count < 4 { hex = "0" + hex }
    return hex
}
