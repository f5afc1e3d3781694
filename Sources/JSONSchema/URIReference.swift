// RFC 3986 URI references: splitting into components, resolving a reference against a base
// (how `$id` and `$ref` find their targets), and the syntax checks behind the `uri` and
// `uri-reference` formats. No network, no normalisation beyond what resolution requires.

/// A URI reference split into its five RFC 3986 components (absent components are nil).
struct URIReference: Equatable, Sendable {
    var scheme: String?
    var authority: String?
    var path: String
    var query: String?
    var fragment: String?

    /// Splits `text` following RFC 3986 appendix B; never fails (syntax is checked elsewhere).
    init(_ text: String) {
        var rest = Substring(text)
        if let hash = rest.firstIndex(of: "#") {
            fragment = String(rest[rest.index(after: hash)...])
            rest = rest[..<hash]
        }
        if let question = rest.firstIndex(of: "?") {
            query = String(rest[rest.index(after: question)...])
            rest = rest[..<question]
        }
        if let colon = rest.firstIndex(of: ":"), !rest[..<colon].contains("/"), colon != rest.startIndex {
            scheme = String(rest[..<colon])
            rest = rest[rest.index(after: colon)...]
        }
        if rest.hasPrefix("//") {
            let afterSlashes = rest.index(rest.startIndex, offsetBy: 2)
            let end = rest[afterSlashes...].firstIndex(of: "/") ?? rest.endIndex
            authority = String(rest[afterSlashes..<end])
            rest = rest[end...]
        }
        path = String(rest)
    }

    init(scheme: String?, authority: String?, path: String, query: String?, fragment: String?) {
        self.scheme = scheme
        self.authority = authority
        self.path = path
        self.query = query
        self.fragment = fragment
    }

    /// The reference recomposed (RFC 3986 section 5.3).
    var text: String {
        var result = ""
        if let scheme { result += scheme + ":" }
        if let authority { result += "//" + authority }
        result += path
        if let query { result += "?" + query }
        if let fragment { result += "#" + fragment }
        return result
    }

    /// This reference without its fragment: the URI of the resource it names.
    var withoutFragment: URIReference {
        var copy = self
        copy.fragment = nil
        return copy
    }

    /// Resolves this reference against `base` (RFC 3986 section 5.2.2, strict).
    func resolved(against base: URIReference) -> URIReference {
        if let scheme {
            return URIReference(scheme: scheme, authority: authority, path: Self.removingDotSegments(path),
                                query: query, fragment: fragment)
        }
        if let authority {
            return URIReference(scheme: base.scheme, authority: authority, path: Self.removingDotSegments(path),
                                query: query, fragment: fragment)
        }
        if path.isEmpty {
            return URIReference(scheme: base.scheme, authority: base.authority, path: base.path,
                                query: query ?? base.query, fragment: fragment)
        }
        let merged: String
        if path.hasPrefix("/") {
            merged = path
        } else if base.authority != nil && base.path.isEmpty {
            merged = "/" + path
        } else if let slash = base.path.lastIndex(of: "/") {
            merged = String(base.path[...slash]) + path
        } else {
            merged = path
        }
        return URIReference(scheme: base.scheme, authority: base.authority, path: Self.removingDotSegments(merged),
                            query: query, fragment: fragment)
    }

    /// RFC 3986 section 5.2.4.
    static func removingDotSegments(_ path: String) -> String {
        guard path.contains(".") else { return path }
        var input = Substring(path)
        var output: [Substring] = []
        var trailingSlash = false
        let absolute = input.hasPrefix("/")
        if absolute { input = input.dropFirst() }
        let segments = input.split(separator: "/", omittingEmptySubsequences: false)
        for (position, segment) in segments.enumerated() {
            let isLast = position == segments.count - 1
            switch segment {
            case ".":
                trailingSlash = isLast
            case "..":
                if !output.isEmpty { output.removeLast() }
                trailingSlash = isLast
            default:
                output.append(segment)
                trailingSlash = false
            }
        }
        var result = (absolute ? "/" : "") + output.joined(separator: "/")
        if trailingSlash && !result.hasSuffix("/") { result += "/" }
        return result
    }
}

// MARK: - Syntax checks for the `uri` and `uri-reference` formats

extension URIReference {
    /// Whether `text` is an RFC 3986 URI (`absolute == true`: a scheme is required) or a
    /// URI reference. Checks every component's characters and percent-escapes.
    static func isValidSyntax(_ text: String, requireScheme: Bool) -> Bool {
        let bytes = Array(text.utf8)
        var index = 0
        // Scheme: ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":" — only when a ':' comes before any '/?#'.
        var schemeEnd: Int?
        for (position, byte) in bytes.enumerated() {
            if byte == UInt8(ascii: ":") { schemeEnd = position; break }
            if byte == UInt8(ascii: "/") || byte == UInt8(ascii: "?") || byte == UInt8(ascii: "#") { break }
        }
        if let schemeEnd {
            guard schemeEnd > 0, isAlpha(bytes[0]) else { return false }
            for byte in bytes[1..<schemeEnd] where !(isAlpha(byte) || isDigit(byte) || byte == 43 || byte == 45 || byte == 46) {
                return false
            }
            index = schemeEnd + 1
        } else if requireScheme {
            return false
        }
        // Authority.
        if index + 1 < bytes.count, bytes[index] == UInt8(ascii: "/"), bytes[index + 1] == UInt8(ascii: "/") {
            index += 2
            var end = index
            while end < bytes.count, bytes[end] != UInt8(ascii: "/"), bytes[end] != UInt8(ascii: "?"), bytes[end] != UInt8(ascii: "#") {
                end += 1
            }
            guard isValidAuthority(bytes[index..<end]) else { return false }
            index = end
        }
        // Path, query, fragment: pchar plus "/" ("?" too after the path).
        var section = 0 // 0 path, 1 query, 2 fragment
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "?") && section == 0 { section = 1; index += 1; continue }
            if byte == UInt8(ascii: "#") && section < 2 { section = 2; index += 1; continue }
            if byte == UInt8(ascii: "%") {
                guard index + 2 < bytes.count, isHex(bytes[index + 1]), isHex(bytes[index + 2]) else { return false }
                index += 3
                continue
            }
            guard isUnreserved(byte) || isSubDelimiter(byte) || byte == UInt8(ascii: ":") || byte == UInt8(ascii: "@")
                || byte == UInt8(ascii: "/") || (section > 0 && byte == UInt8(ascii: "?"))
            else { return false }
            index += 1
        }
        return true
    }

    private static func isValidAuthority(_ bytes: ArraySlice<UInt8>) -> Bool {
        var hostStart = bytes.startIndex
        if let at = bytes.lastIndex(of: UInt8(ascii: "@")) {
            for byte in bytes[bytes.startIndex..<at] where !(isUnreserved(byte) || isSubDelimiter(byte) || byte == UInt8(ascii: ":") || byte == UInt8(ascii: "%")) {
                return false
            }
            hostStart = at + 1
        }
        var hostEnd = bytes.endIndex
        if bytes[hostStart...].first == UInt8(ascii: "[") {
            guard let close = bytes[hostStart...].firstIndex(of: UInt8(ascii: "]")) else { return false }
            let literal = String(decoding: bytes[(hostStart + 1)..<close], as: UTF8.self)
            guard FormatCheck.isIPv6(literal) || literal.first == "v" || literal.first == "V" else { return false }
            hostEnd = close + 1
            if hostEnd < bytes.endIndex {
                guard bytes[hostEnd] == UInt8(ascii: ":") else { return false }
            }
        } else if let colon = bytes[hostStart...].lastIndex(of: UInt8(ascii: ":")) {
            hostEnd = colon
        }
        if hostEnd < bytes.endIndex, bytes[hostEnd] == UInt8(ascii: ":") {
            for byte in bytes[(hostEnd + 1)...] where !isDigit(byte) { return false }
        }
        if bytes[hostStart...].first != UInt8(ascii: "[") {
            for byte in bytes[hostStart..<hostEnd] where !(isUnreserved(byte) || isSubDelimiter(byte) || byte == UInt8(ascii: "%")) {
                return false
            }
        }
        return true
    }

    private static func isAlpha(_ byte: UInt8) -> Bool { (byte | 0x20) >= 97 && (byte | 0x20) <= 122 }
    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }
    private static func isHex(_ byte: UInt8) -> Bool { isDigit(byte) || ((byte | 0x20) >= 97 && (byte | 0x20) <= 102) }
    private static func isUnreserved(_ byte: UInt8) -> Bool {
        isAlpha(byte) || isDigit(byte) || byte == 45 || byte == 46 || byte == 95 || byte == 126
    }
    private static func isSubDelimiter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "!"), UInt8(ascii: "$"), UInt8(ascii: "&"), UInt8(ascii: "'"), UInt8(ascii: "("), UInt8(ascii: ")"),
             UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "="):
            return true
        default:
            return false
        }
    }
}
