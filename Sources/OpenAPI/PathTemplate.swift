// An operation's path template (`/conversations/{conversation_id}`): building a concrete path
// from values, and matching a concrete path back to values (for routing in the mock).

/// A path template with `{name}` placeholders, each standing for one whole path parameter value.
public struct PathTemplate: Sendable, Hashable, CustomStringConvertible {
    private enum Piece: Sendable, Hashable {
        case literal(String)
        case variable(String)
    }

    /// The template as written.
    public let text: String
    private let pieces: [Piece]

    /// Parses `text`; a `{` without a closing `}` is kept as literal text.
    public init(_ text: String) {
        self.text = text
        var pieces: [Piece] = []
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            if open > rest.startIndex { pieces.append(.literal(String(rest[..<open]))) }
            pieces.append(.variable(String(rest[rest.index(after: open)..<close])))
            rest = rest[rest.index(after: close)...]
        }
        if !rest.isEmpty { pieces.append(.literal(String(rest))) }
        self.pieces = pieces
    }

    /// The template as written.
    public var description: String { text }

    /// The placeholder names in order of appearance.
    public var variableNames: [String] {
        pieces.compactMap { piece in
            if case .variable(let name) = piece { return name }
            return nil
        }
    }

    /// The concrete path: each `{name}` replaced by `values[name]`, percent-encoded so that a
    /// value never changes the path's structure (`a/b` → `a%2Fb`).
    public func expand(_ values: [String: String]) throws(PathTemplateError) -> String {
        var path = ""
        for piece in pieces {
            switch piece {
            case .literal(let literal):
                path += literal
            case .variable(let name):
                guard let value = values[name] else { throw .missingPathParameter(name, template: text) }
                path += Self.percentEncoded(value)
            }
        }
        return path
    }

    /// The values of the placeholders if `path` (no query string) fits this template, decoded;
    /// nil otherwise. A value is one non-empty path segment or part of one.
    public func match(_ path: String) -> [String: String]? {
        var values: [String: String] = [:]
        var rest = Substring(path)
        for (index, piece) in pieces.enumerated() {
            switch piece {
            case .literal(let literal):
                guard rest.hasPrefix(literal) else { return nil }
                rest = rest.dropFirst(literal.count)
            case .variable(let name):
                // The value runs to the next literal's first character within the segment.
                var stop: Character? = "/"
                if index + 1 < pieces.count, case .literal(let next) = pieces[index + 1] { stop = next.first }
                let end = rest.firstIndex { $0 == "/" || $0 == stop } ?? rest.endIndex
                let raw = rest[..<end]
                guard !raw.isEmpty, let decoded = Self.percentDecoded(raw) else { return nil }
                values[name] = decoded
                rest = rest[end...]
            }
        }
        return rest.isEmpty ? values : nil
    }

    /// RFC 3986: everything but the unreserved characters (`A-Z a-z 0-9 - . _ ~`) as `%XX` of
    /// its UTF-8 bytes, which is what RFC 6570 simple expansion does.
    static func percentEncoded(_ value: String) -> String {
        var encoded = ""
        encoded.reserveCapacity(value.utf8.count)
        for byte in value.utf8 {
            if isUnreserved(byte) {
                encoded.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                encoded += "%" + hexDigit(byte >> 4) + hexDigit(byte & 0x0F)
            }
        }
        return encoded
    }

    private static func percentDecoded(_ text: Substring) -> String? {
        var bytes: [UInt8] = []
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else { return nil }
            bytes.append(high << 4 | low)
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
             UInt8(ascii: "_"), UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }

    private static func hexDigit(_ nibble: UInt8) -> String {
        String(UnicodeScalar(nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "A") + nibble - 10))
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}

/// Why a concrete path could not be built.
public enum PathTemplateError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The template has `{name}` and no value was given for it.
    case missingPathParameter(String, template: String)

    /// Names the parameter and the template.
    public var description: String {
        switch self {
        case .missingPathParameter(let name, let template):
            return "missing path parameter '\(name)' for \(template)"
        }
    }
}
