// Ordered HTTP header fields with case-insensitive lookup, shared by requests and responses.

/// One HTTP header field: a name and its value, as sent or received.
public struct HTTPHeader: Sendable, Hashable {
    /// The field name, with the case it was given or received in.
    public var name: String
    /// The field value, without surrounding whitespace.
    public var value: String

    /// Creates a header field.
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// HTTP header fields in order; names compare case-insensitively (`headers["content-type"]`).
///
/// Order is kept because it is what the server sent and what a request will send; a name may
/// occur more than once (`values(named:)` returns every occurrence). A response's fields stay
/// in the bytes they arrived in and are decoded only when read, so a load run that never looks
/// at headers does not pay for turning each one into strings.
public struct HTTPHeaders: Sendable, Equatable, Sequence, ExpressibleByDictionaryLiteral {
    private enum Storage: Sendable {
        case fields([HTTPHeader])
        /// `Name: value` lines as received, each ending in LF (CRLF on the wire).
        case wire([UInt8])
    }

    private var storage: Storage

    /// Creates an empty set of header fields.
    public init() {
        storage = .fields([])
    }

    /// Creates header fields from name/value pairs, keeping their order.
    public init(_ pairs: [(name: String, value: String)]) {
        storage = .fields(pairs.map { HTTPHeader(name: $0.name, value: $0.value) })
    }

    /// Creates header fields from a literal such as `["Accept": "application/json"]`, in order.
    public init(dictionaryLiteral elements: (String, String)...) {
        storage = .fields(elements.map { HTTPHeader(name: $0.0, value: $0.1) })
    }

    /// Header fields still in their wire form: `Name: value` lines, each ending in LF or CRLF.
    init(wireLines: [UInt8]) {
        storage = .wire(wireLines)
    }

    /// The fields in order.
    public var fields: [HTTPHeader] {
        switch storage {
        case .fields(let fields): return fields
        case .wire(let bytes): return WireHeaderLines(bytes: bytes).map { $0.field }
        }
    }

    /// The number of fields.
    public var count: Int {
        switch storage {
        case .fields(let fields): return fields.count
        case .wire(let bytes): return WireHeaderLines(bytes: bytes).reduce(0) { count, _ in count + 1 }
        }
    }

    /// Whether there are no fields.
    public var isEmpty: Bool { count == 0 }

    /// Iterates the fields in order.
    public func makeIterator() -> IndexingIterator<[HTTPHeader]> {
        fields.makeIterator()
    }

    /// The value of the first field named `name` (compared case-insensitively), or nil.
    public subscript(name: String) -> String? {
        switch storage {
        case .fields(let fields):
            return fields.first { asciiCaseInsensitiveEquals($0.name, name) }?.value
        case .wire(let bytes):
            return WireHeaderLines(bytes: bytes).first { $0.hasName(name) }?.field.value
        }
    }

    /// The values of every field named `name` (compared case-insensitively), in order.
    public func values(named name: String) -> [String] {
        switch storage {
        case .fields(let fields):
            return fields.filter { asciiCaseInsensitiveEquals($0.name, name) }.map(\.value)
        case .wire(let bytes):
            return WireHeaderLines(bytes: bytes).filter { $0.hasName(name) }.map(\.field.value)
        }
    }

    /// Whether a field named `name` is present.
    public func contains(named name: String) -> Bool {
        self[name] != nil
    }

    /// Appends a field, keeping any existing field of the same name.
    public mutating func append(name: String, value: String) {
        var fields = takeFields()
        fields.append(HTTPHeader(name: name, value: value))
        storage = .fields(fields)
    }

    /// Replaces every field named `name` with a single field holding `value`, or appends it.
    public mutating func set(name: String, value: String) {
        var fields = takeFields()
        if let first = fields.firstIndex(where: { asciiCaseInsensitiveEquals($0.name, name) }) {
            fields[first].value = value
            let rest = fields[(first + 1)...].filter { !asciiCaseInsensitiveEquals($0.name, name) }
            fields.replaceSubrange((first + 1)..., with: rest)
        } else {
            fields.append(HTTPHeader(name: name, value: value))
        }
        storage = .fields(fields)
    }

    /// Removes every field named `name`.
    public mutating func remove(named name: String) {
        var fields = takeFields()
        fields.removeAll { asciiCaseInsensitiveEquals($0.name, name) }
        storage = .fields(fields)
    }

    /// Whether both hold the same fields in the same order (names compared as written).
    public static func == (lhs: HTTPHeaders, rhs: HTTPHeaders) -> Bool {
        // Checked per transfer (is the pooled handle already set up for this request?): no tuple
        // of payloads, so no copies on the common path.
        if case .fields(let left) = lhs.storage, case .fields(let right) = rhs.storage {
            return left == right
        }
        if case .wire(let left) = lhs.storage, case .wire(let right) = rhs.storage, left == right {
            return true
        }
        return lhs.fields == rhs.fields
    }

    /// The fields as an array this value no longer shares, so appending does not copy them.
    private mutating func takeFields() -> [HTTPHeader] {
        let fields = self.fields
        storage = .fields([])
        return fields
    }
}

extension HTTPHeaders: CustomStringConvertible {
    /// The fields as `Name: value` lines; credentials (Authorization, Cookie, API keys) show as `***`.
    public var description: String {
        fields.map { field in
            "\(field.name): \(HTTPHeaders.isCredential(name: field.name) ? "***" : field.value)"
        }.joined(separator: "\n")
    }
}

/// The `Name: value` lines of a received header block; lines without a colon are skipped.
private struct WireHeaderLines: Sequence, IteratorProtocol {
    /// One line, located by offsets into the block.
    struct Line {
        let bytes: [UInt8]
        let name: Range<Int>
        let value: Range<Int>

        var field: HTTPHeader {
            HTTPHeader(name: decode(name), value: decode(value))
        }

        func hasName(_ other: String) -> Bool {
            let utf8 = other.utf8
            guard utf8.count == name.count else { return false }
            return zip(bytes[name], utf8).allSatisfy { asciiLowercased($0) == asciiLowercased($1) }
        }

        private func decode(_ range: Range<Int>) -> String {
            bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[range]), as: UTF8.self) }
        }
    }

    let bytes: [UInt8]
    private var position = 0

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    mutating func next() -> Line? {
        while position < bytes.count {
            let start = position
            var end = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
            position = end + 1
            if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
            // A line starting with whitespace continues the previous one (obsolete folding): skip it.
            guard end > start, bytes[start] != 0x20, bytes[start] != 0x09,
                  let colon = bytes[start..<end].firstIndex(of: UInt8(ascii: ":")) else { continue }
            var valueStart = colon + 1
            while valueStart < end, bytes[valueStart] == 0x20 || bytes[valueStart] == 0x09 { valueStart += 1 }
            var valueEnd = end
            while valueEnd > valueStart, bytes[valueEnd - 1] == 0x20 || bytes[valueEnd - 1] == 0x09 { valueEnd -= 1 }
            return Line(bytes: bytes, name: start..<colon, value: valueStart..<valueEnd)
        }
        return nil
    }
}

extension HTTPHeaders {
    /// Header names whose values are secrets and must never be printed, in lower case.
    /// The one list: header descriptions, dry runs and reports all mask by it.
    public static let credentialNames = ["authorization", "proxy-authorization", "cookie", "set-cookie", "x-api-key", "api-key"]

    /// Whether a header named `name` (compared ignoring ASCII case) carries a secret.
    public static func isCredential(name: String) -> Bool {
        credentialNames.contains { asciiCaseInsensitiveEquals($0, name) }
    }
}

/// Compares two strings ignoring ASCII case, which is how HTTP compares field names.
func asciiCaseInsensitiveEquals(_ lhs: String, _ rhs: String) -> Bool {
    let left = lhs.utf8
    let right = rhs.utf8
    guard left.count == right.count else { return false }
    return zip(left, right).allSatisfy { asciiLowercased($0) == asciiLowercased($1) }
}

func asciiLowercased(_ byte: UInt8) -> UInt8 {
    (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")) ? byte | 0x20 : byte
}
