// Serialisation of `JSON` to RFC 8259 text: compact or pretty (2-space indent), members in
// document order or sorted by key (UTF-8 byte order, so the output does not depend on locale
// or Unicode normalisation).

extension JSON {
    /// The JSON text of this value, UTF-8 encoded.
    ///
    /// Strings escape only what RFC 8259 requires (`"`, `\`, control characters; `/` is not
    /// escaped). Doubles use the shortest form that reads back to the same value; a
    /// non-finite double, which JSON cannot express, is written as `null`.
    /// - Parameters:
    ///   - pretty: one member or element per line, indented by two spaces, `"key": value`.
    ///   - sortedKeys: object members ordered by key (UTF-8 byte order) instead of document order.
    public func serializedBytes(pretty: Bool = false, sortedKeys: Bool = false) -> [UInt8] {
        var writer = JSONWriter(pretty: pretty, sortedKeys: sortedKeys)
        defer { writer.output.release() }
        writer.write(self, indent: 0)
        return writer.output.bytes
    }

    /// The JSON text of this value; see `serializedBytes(pretty:sortedKeys:)`.
    public func serialized(pretty: Bool = false, sortedKeys: Bool = false) -> String {
        String(decoding: serializedBytes(pretty: pretty, sortedKeys: sortedKeys), as: UTF8.self)
    }
}

extension JSON: CustomStringConvertible {
    /// The compact JSON text of this value.
    public var description: String { serialized() }
}

/// Accumulates JSON text in a byte buffer.
struct JSONWriter {
    let pretty: Bool
    let sortedKeys: Bool
    var output = ByteBuffer(capacity: 1024)

    init(pretty: Bool, sortedKeys: Bool) {
        self.pretty = pretty
        self.sortedKeys = sortedKeys
    }

    mutating func write(_ value: JSON, indent: Int) {
        switch value {
        case .null: appendASCII("null")
        case .bool(let flag): appendASCII(flag ? "true" : "false")
        case .integer(let integer): writeInteger(integer)
        case .double(let double): writeDouble(double)
        case .string(let string): writeString(string)
        case .array(let elements):
            if elements.isEmpty {
                appendASCII("[]")
                return
            }
            output.append(UInt8(ascii: "["))
            var first = true
            for element in elements {
                if !first { output.append(UInt8(ascii: ",")) }
                first = false
                newline(indent: indent + 1)
                write(element, indent: indent + 1)
            }
            newline(indent: indent)
            output.append(UInt8(ascii: "]"))
        case .object(let object):
            if object.isEmpty {
                appendASCII("{}")
                return
            }
            output.append(UInt8(ascii: "{"))
            var first = true
            let members =
                sortedKeys
                ? object.members.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) } : object.members
            for member in members {
                if !first { output.append(UInt8(ascii: ",")) }
                first = false
                newline(indent: indent + 1)
                writeString(member.key)
                output.append(UInt8(ascii: ":"))
                if pretty { output.append(UInt8(ascii: " ")) }
                write(member.value, indent: indent + 1)
            }
            newline(indent: indent)
            output.append(UInt8(ascii: "}"))
        }
    }

    /// In pretty mode, a line break and `indent` levels of two spaces.
    @inline(__always)
    private mutating func newline(indent: Int) {
        guard pretty else { return }
        output.append(UInt8(ascii: "\n"))
        output.append(repeating: UInt8(ascii: " "), count: indent * 2)
    }

    @inline(__always)
    private mutating func appendASCII(_ text: StaticString) {
        output.append(text.utf8Start, count: text.utf8CodeUnitCount)
    }

    private mutating func writeInteger(_ value: Int64) {
        // Digits are produced backwards into a small buffer, then copied once.
        var magnitude = value.magnitude
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var start = 20
            repeat {
                start -= 1
                digits[start] = UInt8(ascii: "0") &+ UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude != 0
            if value < 0 { output.append(UInt8(ascii: "-")) }
            if let base = digits.baseAddress { output.append(base + start, count: 20 - start) }
        }
    }

    private mutating func writeDouble(_ value: Double) {
        guard value.isFinite else {
            // JSON has no infinities or NaN; the value cannot have come from a parse.
            appendASCII("null")
            return
        }
        // `description` is the shortest round-tripping form and always valid JSON for finite
        // values ("1e+20", "5e-324", "0.1", "-0.0").
        var text = value.description
        text.withUTF8 { utf8 in
            if let base = utf8.baseAddress { output.append(base, count: utf8.count) }
        }
    }

    private mutating func writeString(_ string: String) {
        output.append(UInt8(ascii: "\""))
        var string = string
        string.withUTF8 { utf8 in
            guard let base = utf8.baseAddress else { return }
            let count = utf8.count
            var runStart = 0
            var position = 0
            while true {
                // Eight bytes at a time while none needs escaping.
                while position + 8 <= count {
                    let special = bytesNeedingEscape(UnsafeRawPointer(base + position).loadUnaligned(as: UInt64.self))
                    if special != 0 {
                        position += special.trailingZeroBitCount >> 3
                        break
                    }
                    position += 8
                }
                guard position < count else { break }
                let byte = base[position]
                if byte >= 0x20, byte != UInt8(ascii: "\""), byte != UInt8(ascii: "\\") {
                    position += 1
                    continue
                }
                output.append(base + runStart, count: position - runStart)
                appendEscape(for: byte)
                position += 1
                runStart = position
            }
            output.append(base + runStart, count: count - runStart)
        }
        output.append(UInt8(ascii: "\""))
    }

    private mutating func appendEscape(for byte: UInt8) {
        output.append(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): output.append(byte)
        case 0x08: output.append(UInt8(ascii: "b"))
        case 0x0C: output.append(UInt8(ascii: "f"))
        case 0x0A: output.append(UInt8(ascii: "n"))
        case 0x0D: output.append(UInt8(ascii: "r"))
        case 0x09: output.append(UInt8(ascii: "t"))
        default:
            // Other control characters: rare enough that building the digits as text is fine.
            for digit in ("u" + hexText(UInt32(byte), width: 4, uppercase: false)).utf8 { output.append(digit) }
        }
    }
}

/// The high bit set in the first byte of `word` that JSON requires escaping (quote,
/// backslash, control character); zero when there is none. Bits above the first flagged
/// byte may be spurious, so only the lowest one is meaningful.
@inline(__always)
private func bytesNeedingEscape(_ word: UInt64) -> UInt64 {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highBits: UInt64 = 0x8080_8080_8080_8080
    let quotes = word ^ (ones &* 0x22)
    let backslashes = word ^ (ones &* 0x5C)
    let quoteZero = (quotes &- ones) & ~quotes
    let backslashZero = (backslashes &- ones) & ~backslashes
    let control = (word &- (ones &* 0x20)) & ~word
    return (quoteZero | backslashZero | control) & highBits
}

/// A growable byte buffer over manually managed memory: appends without the uniqueness
/// checks of an array, copied into an array once at the end.
struct ByteBuffer {
    private var storage: UnsafeMutablePointer<UInt8>
    private var count = 0
    private var capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
        storage = .allocate(capacity: capacity)
    }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        if count == capacity { grow(toHold: count + 1) }
        storage[count] = byte
        count += 1
    }

    @inline(__always)
    mutating func append(_ bytes: UnsafePointer<UInt8>, count added: Int) {
        if count + added > capacity { grow(toHold: count + added) }
        (storage + count).update(from: bytes, count: added)
        count += added
    }

    mutating func append(repeating byte: UInt8, count added: Int) {
        if count + added > capacity { grow(toHold: count + added) }
        (storage + count).update(repeating: byte, count: added)
        count += added
    }

    @inline(never)
    private mutating func grow(toHold needed: Int) {
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        let newStorage = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newStorage.update(from: storage, count: count)
        storage.deallocate()
        storage = newStorage
        capacity = newCapacity
    }

    /// A copy of the bytes written so far.
    var bytes: [UInt8] {
        Array(UnsafeBufferPointer(start: storage, count: count))
    }

    /// Frees the memory; call once.
    func release() {
        storage.deallocate()
    }
}
