// The byte-level RFC 8259 parser behind `JSON.parse`: document structure, objects and arrays
// (strings and numbers are in the JSONParser+ files). It is iterative (an explicit stack of
// open containers), so nesting depth costs heap, not call stack, and the depth limit is a
// plain counter. Containers collect their elements on shared stacks and move them out once,
// at their exact size, when they close. Speed notes: keys are predicted from the previous
// object at the same depth (ObjectShapes), the scratch memory is reused per thread
// (ParserWorkspace); json-bench measures the result.

/// One parse of one input, on the scratch memory of a `ParserWorkspace`: create,
/// `parseDocument()`, then `finish(into:)` with the same workspace.
struct JSONParser {
    let input: UnsafeRawBufferPointer
    let bytes: UnsafePointer<UInt8>
    let count: Int
    let maxDepth: Int
    /// The offset of the next byte to read.
    var index = 0

    // The workspace's memory, held here for the parse so the hot loop works on a local
    // struct rather than through a class reference; `finish(into:)` hands it back.

    /// Finished elements of the open arrays, innermost last.
    var values: ParseStack<JSON>
    /// Members of the open objects, innermost last; the top one may await its value.
    var members: ParseStack<JSONObject.Member>
    /// Hash and location of each entry of `members`' key, to find duplicate keys without
    /// comparing strings and to remember object shapes.
    var keyInfos: ParseStack<KeyInfo>
    /// The open containers: the base index of their elements on `values` (arrays) or
    /// `members` (objects), shifted left by two; bit 0 is set for objects, bit 1 while every
    /// key of the object so far matched the shape predicted for its depth.
    var frames: ParseStack<Int>
    /// The keys of recently closed objects, to predict the keys of the next ones.
    let shapes: ObjectShapes
    /// Object keys seen in this parse.
    var keyCache: StringCache
    /// Set by `parseString`: whether the string just parsed contained escapes.
    var lastStringHadEscapes = false
    /// Set by `parseString(isKey: true)`: the hash and location of the key just parsed.
    var lastKeyInfo = KeyInfo(hash: 0, location: 0)
    /// Decoded bytes of the string being unescaped.
    var scratch: [UInt8]

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

    // MARK: - Literals and whitespace

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

    // MARK: - Errors

    /// `expected <what>, found <the byte at offset>`, positioned at `offset`.
    @inline(never)
    func expected(_ what: String, at offset: Int, ofTokenAt tokenStart: Int? = nil) -> JSONParseError {
        var reason = "expected \(what), found \(describeFound(at: offset, in: input))"
        if let tokenStart, tokenStart != offset {
            let token = String(decoding: UnsafeBufferPointer(start: bytes + tokenStart, count: offset - tokenStart), as: UTF8.self)
            reason += " after '\(token)'"
        }
        return JSONParseError(offset: offset, in: input, reason: reason)
    }
}

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
