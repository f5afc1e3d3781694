// The byte-level RFC 8259 parser behind `JSON.parse`: document structure, objects and arrays
// (strings and numbers are in the JSONParser+ files). It is iterative (an explicit stack of
// open containers), so nesting depth costs heap, not call stack, and the depth limit is a
// plain counter. Containers collect their elements on shared stacks and move them out once,
// at their exact size, when they close: a value is moved (not copied) onto the value stack
// as soon as it is complete, and an object's keys wait on their own stack beside it, so
// no member is written twice and no element is retained and released on the way. Speed
// notes: keys are predicted from the previous object at the same depth (ObjectShapes), the
// scratch memory is reused per thread (ParserWorkspace); json-bench measures the result.

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

    /// Finished values of the open arrays and objects (array elements, member values),
    /// innermost container last.
    var values: ParseStack<JSON>
    /// Keys of the open objects, innermost last; the top one awaits its value while
    /// `keys.count` exceeds the number of the innermost object's values by one.
    var keys: ParseStack<String>
    /// Hash and location of each entry of `keys`, to find duplicate keys without
    /// comparing strings and to remember object shapes.
    var keyInfos: ParseStack<KeyInfo>
    /// The open containers: the base index of their values on `values`, shifted left by
    /// two; bit 0 is set for objects, bit 1 while every key of the object so far matched
    /// the shape predicted for its depth. (An object's keys start at `keys.count` minus
    /// its values so far, so they need no base of their own.)
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
    /// Whether short ASCII strings are built directly (`SmallASCIIString`); only where
    /// `SmallASCIIString.layoutMatches`, and decided once per parse rather than per string.
    let smallStringsByLayout: Bool

    /// A parser over `input`, which must be non-empty and stay valid until `finish(into:)`.
    init(
        input: UnsafeRawBufferPointer, bytes: UnsafePointer<UInt8>, maxDepth: Int, workspace: ParserWorkspace,
        buildsSmallStringsDirectly: Bool
    ) {
        self.input = input
        smallStringsByLayout = buildsSmallStringsDirectly
        self.bytes = bytes
        count = input.count
        self.maxDepth = maxDepth
        values = workspace.values
        keys = workspace.keys
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
        workspace.keys = keys
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
        // Every finished value goes straight onto `values` as a temporary, which `push`
        // consumes: no local variable holds it, so nothing is retained on the way in and
        // released again afterwards. The document's own value is the last one left.
        nextValue: while true {
            // Whitespace before the value has been skipped.
            guard index < count else { throw expected("a JSON value", at: index) }
            switch bytes[index] {
            case UInt8(ascii: "\""):
                values.push(.string(try parseStringValue()))
            case UInt8(ascii: "{"):
                try openContainer(base: values.count << 2 | (shapes.hasShape(depth: frames.count) ? 3 : 1))
                index += 1
                skipWhitespace()
                if index < count, bytes[index] == UInt8(ascii: "}") {
                    index += 1
                    _ = frames.pop()
                    values.push(.object(JSONObject()))
                } else {
                    try parseMemberKey(isFirst: true)
                    continue nextValue
                }
            case UInt8(ascii: "["):
                try openContainer(base: values.count << 2)
                index += 1
                skipWhitespace()
                if index < count, bytes[index] == UInt8(ascii: "]") {
                    index += 1
                    _ = frames.pop()
                    values.push(.array([]))
                } else {
                    continue nextValue
                }
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                values.push(try parseNumber())
            case UInt8(ascii: "t"):
                try parseLiteral("true")
                values.push(.bool(true))
            case UInt8(ascii: "f"):
                try parseLiteral("false")
                values.push(.bool(false))
            case UInt8(ascii: "n"):
                try parseLiteral("null")
                values.push(.null)
            default:
                throw expected("a JSON value", at: index)
            }

            // A value is complete (on top of `values`): go on to the next element of the
            // innermost open container, or close each container that ends right after it.
            while frames.count > 0 {
                let frame = frames.top
                let base = frame >> 2
                skipWhitespace()
                if frame & 1 == 0 {
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
                    values.push(.array(values.popArray(from: base)))
                } else {
                    guard index < count else { throw expected("',' or '}' after object member", at: index) }
                    let byte = bytes[index]
                    index += 1
                    if byte == UInt8(ascii: ",") {
                        skipWhitespace()
                        try parseMemberKey(isFirst: false)
                        continue nextValue
                    }
                    guard byte == UInt8(ascii: "}") else {
                        throw expected("',' or '}' after object member", at: index - 1)
                    }
                    _ = frames.pop()
                    values.push(.object(closeObject(base: base, keysPredicted: frame & 2 != 0, depth: frames.count)))
                }
            }
            return values.pop()
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
    /// `isFirst`: the key follows '{' (and '}' would have been allowed), not ','.
    private mutating func parseMemberKey(isFirst: Bool) throws(JSONParseError) {
        guard index < count, bytes[index] == UInt8(ascii: "\"") else {
            throw expected(isFirst ? "a string key or '}' after '{'" : "a string key after ','", at: index)
        }
        let frame = frames.top
        if frame & 2 != 0 {
            let depth = frames.count - 1
            let position = values.count - (frame >> 2)
            if let info = shapes.info(depth: depth, position: position), keyBytesMatch(info) {
                keys.push(shapes.key(depth: depth, position: position))
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

    /// Parses the key string at `index` without prediction and pushes it.
    @inline(__always)
    private mutating func parseKey() throws(JSONParseError) {
        keys.push(try parseString(isKey: true))
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

    /// Moves the keys and values of the innermost object (values from `base` on) into an
    /// object; a later duplicate key replaces the earlier one's value (keeping the first
    /// one's position).
    private mutating func closeObject(base: Int, keysPredicted: Bool, depth: Int) -> JSONObject {
        let memberCount = values.count - base
        let keyBase = keys.count - memberCount
        if keysPredicted {
            // Every key matched a remembered shape, whose keys are distinct.
            keyInfos.truncate(to: keyBase)
            return JSONObject(uniqueMembers: values.popMembers(keys: &keys, count: memberCount))
        }
        let hasDuplicates =
            memberCount <= 24
            ? hasDuplicateKeysByScan(base: keyBase) : hasDuplicateKeysBySet(base: keyBase)
        if !hasDuplicates {
            shapes.record(depth: depth, keys: keys.storage + keyBase, infos: keyInfos.storage + keyBase, count: memberCount)
        }
        keyInfos.truncate(to: keyBase)
        let list = values.popMembers(keys: &keys, count: memberCount)
        if !hasDuplicates { return JSONObject(uniqueMembers: list) }
        var object = JSONObject()
        for member in list { object[member.key] = member.value }
        return object
    }

    /// Whether two of the keys at `base...` are the same code points, comparing hashes first.
    private func hasDuplicateKeysByScan(base: Int) -> Bool {
        let infos = keyInfos.storage
        var later = base + 1
        while later < keyInfos.count {
            var earlier = base
            while earlier < later {
                if infos[earlier].hash == infos[later].hash, keys.storage[earlier].hasSameCodePoints(as: keys.storage[later]) {
                    return true
                }
                earlier += 1
            }
            later += 1
        }
        return false
    }

    /// Whether two of the keys at `base...` are the same code points, for objects too large to
    /// scan pairwise.
    private func hasDuplicateKeysBySet(base: Int) -> Bool {
        var seen = Set<CodePointString>(minimumCapacity: keys.count - base)
        var position = base
        while position < keys.count {
            if !seen.insert(CodePointString(keys.storage[position])).inserted { return true }
            position += 1
        }
        return false
    }

    // MARK: - Literals and whitespace

    /// Skips whitespace at `index`. Most gaps between tokens in API payloads are empty or
    /// one space, so those are decided with one or two byte loads, inline; longer runs
    /// (indentation) go to the loop.
    @inline(__always)
    mutating func skipWhitespace() {
        guard index < count, bytes[index] <= 0x20 else { return }
        if bytes[index] == 0x20, index + 1 < count, bytes[index + 1] > 0x20 {
            index += 1
            return
        }
        skipWhitespaceRun()
    }

    @inline(never)
    private mutating func skipWhitespaceRun() {
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
