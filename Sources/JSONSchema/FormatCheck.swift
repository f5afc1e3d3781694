// The `format` keyword's checks, looked up once at compile time. Formats only assert when the
// caller asks (FormatMode.assert); unknown formats are annotations and never fail.

import JSON

/// Whether `format` asserts (fails validation) or only annotates.
public enum FormatMode: Sendable {
    /// `format` is an annotation: any string passes (the 2020-12 default).
    case annotate
    /// The known formats are checked and a mismatch is a validation error.
    case assert
}

/// The formats this validator can check; every other name is an annotation only.
enum KnownFormat: String, Sendable, CaseIterable {
    case dateTime = "date-time"
    case date
    case time
    case email
    case uri
    case uriReference = "uri-reference"
    case uuid
    case ipv4
    case ipv6
    case hostname

    /// The format named exactly `name` (code point by code point), if this validator knows it.
    init?(name: String) {
        guard let known = Self.allCases.first(where: { $0.rawValue.hasSameCodePoints(as: name) }) else { return nil }
        self = known
    }

    /// Whether `text` is a valid instance of this format.
    func accepts(_ text: String) -> Bool {
        switch self {
        case .dateTime: return FormatCheck.isDateTime(text)
        case .date: return FormatCheck.isDate(text)
        case .time: return FormatCheck.isTime(text)
        case .email: return FormatCheck.isEmail(text)
        case .uri: return URIReference.isValidSyntax(text, requireScheme: true)
        case .uriReference: return URIReference.isValidSyntax(text, requireScheme: false)
        case .uuid: return FormatCheck.isUUID(text)
        case .ipv4: return FormatCheck.isIPv4(text)
        case .ipv6: return FormatCheck.isIPv6(text)
        case .hostname: return FormatCheck.isHostname(text)
        }
    }
}

extension KnownFormat {
    /// `accepts` for a string read in place by the Evaluator: the RFC 3339 formats (the
    /// ones API payloads carry in every record) look at the UTF-8 bytes where they are, so the
    /// string is neither copied nor retained.
    @inline(__always)
    func acceptsInPlace(_ text: String) -> Bool {
        let check: (UnsafeBufferPointer<UInt8>) -> Bool
        switch self {
        case .dateTime: check = FormatCheck.isDateTime(bytes:)
        case .date: check = FormatCheck.isDate(bytes:)
        case .time: check = FormatCheck.isTime(bytes:)
        default: return accepts(text)
        }
        return text.utf8.withContiguousStorageIfAvailable(check) ?? accepts(text)
    }
}

/// Namespace for the format predicates (each is a pure function of the string).
enum FormatCheck {
    /// RFC 4122 textual UUID: 8-4-4-4-12 hex digits, any case, any version or variant.
    static func isUUID(_ text: String) -> Bool {
        let bytes = text.utf8
        guard bytes.count == 36 else { return false }
        for (index, byte) in bytes.enumerated() {
            if index == 8 || index == 13 || index == 18 || index == 23 {
                guard byte == UInt8(ascii: "-") else { return false }
            } else if !isHex(byte) {
                return false
            }
        }
        return true
    }

    /// Dotted-quad IPv4: four decimal octets 0-255, no leading zeros, nothing else.
    static func isIPv4(_ text: String) -> Bool {
        let parts = text.utf8.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard parts.count == 4 else { return false }
        for part in parts {
            guard !part.isEmpty, part.count <= 3, part.allSatisfy(isDigit) else { return false }
            if part.count > 1 && part.first == UInt8(ascii: "0") { return false }
            let value = part.reduce(0) { $0 * 10 + Int($1 - 48) }
            guard value <= 255 else { return false }
        }
        return true
    }

    /// RFC 4291 IPv6 text: eight 16-bit hex groups, one optional `::`, an optional trailing
    /// dotted-quad; no zone id, no brackets, no prefix length.
    static func isIPv6(_ text: String) -> Bool {
        guard !text.isEmpty, text.utf8.allSatisfy({ $0 < 128 }) else { return false }
        var groupsText = Substring(text)
        var ipv4Groups = 0
        if let lastColon = text.lastIndex(of: ":"), text[text.index(after: lastColon)...].contains(".") {
            guard isIPv4(String(text[text.index(after: lastColon)...])) else { return false }
            ipv4Groups = 2
            groupsText = text[...lastColon]
            // "1::2:1.2.3.4" leaves "1::2:" — drop the separator colon unless it belongs to "::".
            if groupsText.hasSuffix("::") { } else { groupsText = groupsText.dropLast() }
        }
        let halves = groupsText.components(separatedByDoubleColon: ())
        guard halves.count <= 2 else { return false }
        func groupCount(_ half: Substring) -> Int? {
            if half.isEmpty { return 0 }
            let groups = half.split(separator: ":", omittingEmptySubsequences: false)
            for group in groups {
                guard !group.isEmpty, group.utf8.count <= 4, group.utf8.allSatisfy(isHex) else { return nil }
            }
            return groups.count
        }
        if halves.count == 2 {
            guard let head = groupCount(halves[0]), let tail = groupCount(halves[1]) else { return false }
            return head + tail + ipv4Groups <= 7
        }
        guard let count = groupCount(halves[0]) else { return false }
        return count + ipv4Groups == 8
    }

    /// RFC 5321 mailbox basics: a dot-atom or quoted local part, "@", then a hostname or an
    /// address literal (`[1.2.3.4]`, `[IPv6:...]`).
    static func isEmail(_ text: String) -> Bool {
        guard let at = text.lastIndex(of: "@") else { return false }
        let local = text[..<at]
        let domain = text[text.index(after: at)...]
        guard !local.isEmpty, !domain.isEmpty else { return false }
        if local.hasPrefix("\"") {
            guard local.count >= 2, local.hasSuffix("\"") else { return false }
            var escaped = false
            for scalar in local.unicodeScalars.dropFirst().dropLast() {
                if escaped { escaped = false; continue }
                if scalar == "\\" { escaped = true; continue }
                if scalar == "\"" || scalar.value < 32 || scalar.value == 127 { return false }
            }
            if escaped { return false }
        } else {
            let atoms = local.split(separator: ".", omittingEmptySubsequences: false)
            for atom in atoms {
                guard !atom.isEmpty, atom.unicodeScalars.allSatisfy(isAtomCharacter) else { return false }
            }
        }
        if domain.hasPrefix("[") {
            guard domain.hasSuffix("]") else { return false }
            let literal = domain.dropFirst().dropLast()
            if literal.lowercased().hasPrefix("ipv6:") { return isIPv6(String(literal.dropFirst(5))) }
            return isIPv4(String(literal))
        }
        return isHostname(String(domain))
    }

    private static func isAtomCharacter(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value >= 128 { return true } // RFC 6531 allows UTF-8 in the local part.
        let byte = UInt8(scalar.value)
        if isDigit(byte) || ((byte | 0x20) >= 97 && (byte | 0x20) <= 122) { return true }
        return "!#$%&'*+-/=?^_`{|}~".unicodeScalars.contains(scalar)
    }

    static func isHex(_ byte: UInt8) -> Bool {
        isDigit(byte) || ((byte | 0x20) >= 97 && (byte | 0x20) <= 102)
    }
}

extension Substring {
    /// Splits at every "::" (for IPv6 text); a ":::" leaves an empty group that fails later.
    fileprivate func components(separatedByDoubleColon _: Void) -> [Substring] {
        var parts: [Substring] = []
        var start = startIndex
        var index = startIndex
        while index < endIndex {
            let next = self.index(after: index)
            if self[index] == ":", next < endIndex, self[next] == ":" {
                parts.append(self[start..<index])
                start = self.index(after: next)
                index = start
                continue
            }
            index = next
        }
        parts.append(self[start..<endIndex])
        return parts
    }
}
