// JSON Pointer (RFC 6901): the address of one value in a document, as schema errors and
// `$ref`s name locations. Kept as decoded reference tokens; the string forms are views.

/// A JSON Pointer (RFC 6901), e.g. `/conversations/0/users`.
///
/// Tokens are stored decoded (`~1` already turned into `/`). The empty pointer `""`
/// (`JSONPointer.root`) names the whole document. Two pointers are equal when their tokens
/// hold the same code points, as the object keys they name are compared.
public struct JSONPointer: Sendable, Hashable, CustomStringConvertible {
    /// The decoded reference tokens, outermost first.
    public private(set) var tokens: [String]

    /// The pointer to the whole document.
    public static let root = JSONPointer(tokens: [])

    /// A pointer made of already-decoded tokens.
    public init(tokens: [String]) {
        self.tokens = tokens
    }

    /// Parses the string form: `""` or `/`-separated tokens with `~0` for `~` and `~1` for `/`.
    ///
    /// - Throws: `JSONPointerError` when the string does not start with `/` or has a `~` not
    ///   followed by `0` or `1`.
    public init(_ string: String) throws(JSONPointerError) {
        guard !string.isEmpty else {
            tokens = []
            return
        }
        guard string.utf8.first == UInt8(ascii: "/") else {
            throw JSONPointerError(pointer: string, offset: 0, reason: "a JSON Pointer must be empty or start with '/'")
        }
        var tokens: [String] = []
        var token: [UInt8] = []
        var bytes = Array(string.utf8).dropFirst()
        var offset = 1
        while let byte = bytes.popFirst() {
            switch byte {
            case UInt8(ascii: "/"):
                tokens.append(String(decoding: token, as: UTF8.self))
                token.removeAll(keepingCapacity: true)
            case UInt8(ascii: "~"):
                switch bytes.popFirst() {
                case UInt8(ascii: "0"): token.append(UInt8(ascii: "~"))
                case UInt8(ascii: "1"): token.append(UInt8(ascii: "/"))
                default:
                    throw JSONPointerError(pointer: string, offset: offset, reason: "'~' must be followed by '0' or '1'")
                }
                offset += 1
            default:
                token.append(byte)
            }
            offset += 1
        }
        tokens.append(String(decoding: token, as: UTF8.self))
        self.tokens = tokens
    }

    /// Parses the URI fragment form (RFC 6901 section 6), e.g. `#/a%20b/0`: an optional
    /// leading `#`, then a pointer whose bytes may be percent-encoded.
    ///
    /// - Throws: `JSONPointerError` for a bad percent escape, percent-decoded bytes that are
    ///   not UTF-8, or an invalid pointer.
    public init(fragment: String) throws(JSONPointerError) {
        var bytes = Array(fragment.utf8)[...]
        if bytes.first == UInt8(ascii: "#") { bytes = bytes.dropFirst() }
        var decoded: [UInt8] = []
        decoded.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%") {
                guard index + 2 < bytes.endIndex,
                    let high = hexDigitValue(bytes[index + 1]), let low = hexDigitValue(bytes[index + 2])
                else {
                    throw JSONPointerError(pointer: fragment, offset: index, reason: "'%' must be followed by two hex digits")
                }
                decoded.append(UInt8(high << 4 | low))
                index += 3
            } else {
                decoded.append(byte)
                index += 1
            }
        }
        guard let text = String(validating: decoded, as: UTF8.self) else {
            throw JSONPointerError(pointer: fragment, offset: 0, reason: "percent-decoded bytes are not valid UTF-8")
        }
        try self.init(text)
    }

    /// Whether both have the same tokens, code point by code point.
    public static func == (lhs: JSONPointer, rhs: JSONPointer) -> Bool {
        lhs.tokens.count == rhs.tokens.count
            && zip(lhs.tokens, rhs.tokens).allSatisfy { $0.hasSameCodePoints(as: $1) }
    }

    /// Hashes the tokens' code points, consistently with `==`.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(tokens.count)
        for token in tokens { combineCodePoints(of: token, into: &hasher) }
    }

    /// This pointer with one more token.
    public func appending(_ token: String) -> JSONPointer {
        JSONPointer(tokens: tokens + [token])
    }

    /// This pointer with an array index token.
    public func appending(index: Int) -> JSONPointer {
        appending(String(index))
    }

    /// The pointer to the container of this pointer's value; nil for the root.
    public var parent: JSONPointer? {
        tokens.isEmpty ? nil : JSONPointer(tokens: Array(tokens.dropLast()))
    }

    /// The string form, e.g. `/a~1b/0` (tokens escaped with `~0` and `~1`).
    public var description: String {
        var text = ""
        for token in tokens {
            text += "/"
            for character in token.unicodeScalars {
                switch character {
                case "~": text += "~0"
                case "/": text += "~1"
                default: text.unicodeScalars.append(character)
                }
            }
        }
        return text
    }

    /// The URI fragment form, e.g. `#/a%20b`: the string form with every byte outside
    /// RFC 3986's unreserved and sub-delimiter characters (and `/`, `:`, `@`) percent-encoded.
    public var fragment: String {
        var text = "#"
        for byte in description.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"),
                UInt8(ascii: "!"), UInt8(ascii: "$"), UInt8(ascii: "&"), UInt8(ascii: "'"),
                UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "*"), UInt8(ascii: "+"),
                UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "="),
                UInt8(ascii: "/"), UInt8(ascii: ":"), UInt8(ascii: "@"):
                text.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                text += "%" + hexText(UInt32(byte), width: 2)
            }
        }
        return text
    }
}

/// Why a string is not a JSON Pointer.
public struct JSONPointerError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The text that was being parsed.
    public var pointer: String
    /// The 0-based byte offset of the problem in `pointer`.
    public var offset: Int
    /// What is wrong.
    public var reason: String

    /// Creates an error about `pointer` at `offset`.
    public init(pointer: String, offset: Int, reason: String) {
        self.pointer = pointer
        self.offset = offset
        self.reason = reason
    }

    /// `invalid JSON Pointer "a/b" at byte 0: a JSON Pointer must be empty or start with '/'`.
    public var description: String {
        "invalid JSON Pointer \"\(pointer)\" at byte \(offset): \(reason)"
    }
}

extension JSON {
    /// The value `pointer` names in this document, or nil when there is none.
    ///
    /// On an array a token must be a decimal index without leading zeros (`0`, `7`, `12`)
    /// within bounds; `-` (the element after the last) never resolves.
    public func value(at pointer: JSONPointer) -> JSON? {
        var current = self
        for token in pointer.tokens {
            switch current {
            case .object(let object):
                guard let member = object[token] else { return nil }
                current = member
            case .array(let elements):
                guard let index = arrayIndex(token), index < elements.count else { return nil }
                current = elements[index]
            default:
                return nil
            }
        }
        return current
    }
}

/// The array index a pointer token spells (`0` or digits not starting with `0`), if any.
private func arrayIndex(_ token: String) -> Int? {
    let utf8 = token.utf8
    guard let first = utf8.first, first >= UInt8(ascii: "0"), first <= UInt8(ascii: "9") else { return nil }
    guard first != UInt8(ascii: "0") || utf8.count == 1 else { return nil }
    guard utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return nil }
    return Int(token)  // nil on overflow, which is out of range anyway
}
