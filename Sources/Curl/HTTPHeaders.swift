// Ordered HTTP header fields with case-insensitive lookup, shared by requests and responses.
import Redaction

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
/// occur more than once (`values(named:)` returns every occurrence).
public struct HTTPHeaders: Sendable, Equatable, Sequence, ExpressibleByDictionaryLiteral {
    /// The fields in order.
    public private(set) var fields: [HTTPHeader]

    /// Creates an empty set of header fields.
    public init() {
        fields = []
    }

    /// Creates header fields from name/value pairs, keeping their order.
    public init(_ pairs: [(name: String, value: String)]) {
        fields = pairs.map { HTTPHeader(name: $0.name, value: $0.value) }
    }

    /// Creates header fields from a literal such as `["Accept": "application/json"]`, in order.
    public init(dictionaryLiteral elements: (String, String)...) {
        fields = elements.map { HTTPHeader(name: $0.0, value: $0.1) }
    }

    /// The number of fields.
    public var count: Int { fields.count }

    /// Whether there are no fields.
    public var isEmpty: Bool { fields.isEmpty }

    /// Iterates the fields in order.
    public func makeIterator() -> IndexingIterator<[HTTPHeader]> {
        fields.makeIterator()
    }

    /// The value of the first field named `name` (compared case-insensitively), or nil.
    public subscript(name: String) -> String? {
        fields.first { asciiCaseInsensitiveEquals($0.name, name) }?.value
    }

    /// The values of every field named `name` (compared case-insensitively), in order.
    public func values(named name: String) -> [String] {
        fields.filter { asciiCaseInsensitiveEquals($0.name, name) }.map(\.value)
    }

    /// Whether a field named `name` is present.
    public func contains(named name: String) -> Bool {
        self[name] != nil
    }

    /// Appends a field, keeping any existing field of the same name.
    public mutating func append(name: String, value: String) {
        fields.append(HTTPHeader(name: name, value: value))
    }

    /// Replaces every field named `name` with a single field holding `value`, or appends it.
    public mutating func set(name: String, value: String) {
        if let first = fields.firstIndex(where: { asciiCaseInsensitiveEquals($0.name, name) }) {
            fields[first].value = value
            let rest = fields[(first + 1)...].filter { !asciiCaseInsensitiveEquals($0.name, name) }
            fields.replaceSubrange((first + 1)..., with: rest)
        } else {
            fields.append(HTTPHeader(name: name, value: value))
        }
    }

    /// Removes every field named `name`.
    public mutating func remove(named name: String) {
        fields.removeAll { asciiCaseInsensitiveEquals($0.name, name) }
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

extension HTTPHeaders {
    /// Whether a header named `name` carries a secret (`Authorization`, `Cookie`, `X-Api-Key`,
    /// ...): the rule of `SensitiveNames`, which URLs, dry runs and reports share.
    public static func isCredential(name: String) -> Bool {
        SensitiveNames.contains(name)
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
