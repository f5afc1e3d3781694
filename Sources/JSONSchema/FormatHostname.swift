// The `hostname` format: RFC 1123 letters-digits-hyphen labels (each 1-63 bytes, the name at
// most 253), and for `xn--` labels an RFC 3492 Punycode decode checked against the IDNA2008
// rules that matter in practice (RFC 5891/5892). The IDNA code point classes are approximated
// from Unicode general categories and script blocks, since Swift exposes no IDNA tables:
// unusual scripts may be judged differently from a full IDNA2008 implementation.

extension FormatCheck {
    /// Whether `text` is an RFC 1123 host name whose A-labels decode to valid IDNA2008 U-labels.
    static func isHostname(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty, bytes.count <= 253 else { return false }
        let labels = bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        for label in labels {
            guard !label.isEmpty, label.count <= 63,
                  label.first != UInt8(ascii: "-"), label.last != UInt8(ascii: "-")
            else { return false }
            for byte in label where !(isDigit(byte) || byte == UInt8(ascii: "-") || ((byte | 0x20) >= 97 && (byte | 0x20) <= 122)) {
                return false
            }
            let hasReservedHyphens = label.count >= 4
                && label[label.startIndex + 2] == UInt8(ascii: "-") && label[label.startIndex + 3] == UInt8(ascii: "-")
            guard hasReservedHyphens else { continue }
            let prefix = String(decoding: label.prefix(4), as: UTF8.self).lowercased()
            guard prefix == "xn--", let decoded = Punycode.decode(Array(label.dropFirst(4))),
                  IDNALabel.isValid(decoded)
            else { return false }
        }
        return true
    }
}

/// RFC 3492 Punycode decoding (the part after `xn--`).
enum Punycode {
    private static let base = 36, tMin = 1, tMax = 26, skew = 38, damp = 700, initialBias = 72, initialN = 128

    /// The code points that `encoded` stands for, or nil when it is not valid Punycode.
    static func decode(_ encoded: [UInt8]) -> [Unicode.Scalar]? {
        var output: [Unicode.Scalar] = []
        var rest = encoded[...]
        if let delimiter = encoded.lastIndex(of: UInt8(ascii: "-")) {
            for byte in encoded[..<delimiter] {
                guard byte < 128 else { return nil }
                output.append(Unicode.Scalar(byte))
            }
            rest = encoded[(delimiter + 1)...]
            if delimiter > 0 && rest.isEmpty { return nil } // basic-only labels never carry "xn--"
        }
        var n = initialN, i = 0, bias = initialBias
        var position = rest.startIndex
        while position < rest.endIndex {
            let oldI = i
            var weight = 1
            var k = base
            while true {
                guard position < rest.endIndex, let digit = digitValue(rest[position]) else { return nil }
                position += 1
                let (product, overflow) = digit.multipliedReportingOverflow(by: weight)
                guard !overflow, i <= Int.max - product else { return nil }
                i += product
                let threshold = k <= bias ? tMin : (k >= bias + tMax ? tMax : k - bias)
                if digit < threshold { break }
                weight *= base - threshold
                k += base
            }
            bias = adapt(delta: i - oldI, count: output.count + 1, first: oldI == 0)
            n += i / (output.count + 1)
            i %= output.count + 1
            guard n <= 0x10FFFF, let scalar = Unicode.Scalar(UInt32(n)) else { return nil }
            output.insert(scalar, at: i)
            i += 1
        }
        return output
    }

    private static func digitValue(_ byte: UInt8) -> Int? {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"): return Int(byte - UInt8(ascii: "a"))
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): return Int(byte - UInt8(ascii: "A"))
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return Int(byte - UInt8(ascii: "0")) + 26
        default: return nil
        }
    }

    private static func adapt(delta: Int, count: Int, first: Bool) -> Int {
        var delta = first ? delta / damp : delta / 2
        delta += delta / count
        var k = 0
        while delta > ((base - tMin) * tMax) / 2 {
            delta /= base - tMin
            k += base
        }
        return k + (base - tMin + 1) * delta / (delta + skew)
    }
}

/// IDNA2008 checks on a decoded U-label (RFC 5891 section 4.2, RFC 5892 contextual rules).
enum IDNALabel {
    static func isValid(_ label: [Unicode.Scalar]) -> Bool {
        guard let first = label.first else { return false }
        if label.count >= 4 && label[2] == "-" && label[3] == "-" { return false }
        if label.first == "-" || label.last == "-" { return false }
        if isMark(first) { return false }
        var hasArabicIndic = false, hasExtendedArabicIndic = false
        for (index, scalar) in label.enumerated() {
            let value = scalar.value
            switch value {
            case 0x00B7: // MIDDLE DOT: only between two 'l'.
                guard index > 0, index + 1 < label.count, label[index - 1] == "l", label[index + 1] == "l" else { return false }
            case 0x0375: // GREEK KERAIA: must be followed by Greek.
                guard index + 1 < label.count, isGreek(label[index + 1]) else { return false }
            case 0x05F3, 0x05F4: // HEBREW GERESH / GERSHAYIM: must follow Hebrew.
                guard index > 0, isHebrew(label[index - 1]) else { return false }
            case 0x30FB: // KATAKANA MIDDLE DOT: the label needs Hiragana, Katakana or Han.
                guard label.contains(where: { $0.value != 0x30FB && isJapanese($0) }) else { return false }
            case 0x0660...0x0669:
                hasArabicIndic = true
            case 0x06F0...0x06F9:
                hasExtendedArabicIndic = true
            case 0x200D: // ZERO WIDTH JOINER: only after a virama.
                guard index > 0, isVirama(label[index - 1]) else { return false }
            case 0x200C: // ZERO WIDTH NON-JOINER: after a virama, or between joining letters.
                guard (index > 0 && isVirama(label[index - 1])) || joinsAround(label, at: index) else { return false }
            case 0x00DF, 0x03C2, 0x06FD, 0x06FE, 0x0F0B, 0x3007:
                break // PVALID exceptions.
            case 0x0640, 0x07FA, 0x302E, 0x302F, 0x3031...0x3035, 0x303B:
                return false // DISALLOWED exceptions.
            case 0x1100...0x11FF, 0xA960...0xA97F, 0xD7B0...0xD7FF:
                return false // Old Hangul Jamo.
            default:
                guard isProtocolValid(scalar) else { return false }
            }
        }
        return !(hasArabicIndic && hasExtendedArabicIndic)
    }

    /// Letters, marks and digits that are stable under NFKC case folding (RFC 5892 LetterDigits).
    private static func isProtocolValid(_ scalar: Unicode.Scalar) -> Bool {
        if scalar == "-" { return true }
        let properties = scalar.properties
        if properties.changesWhenNFKCCaseFolded { return false }
        switch properties.generalCategory {
        case .lowercaseLetter, .otherLetter, .modifierLetter, .decimalNumber, .nonspacingMark, .spacingMark:
            return true
        default:
            return false
        }
    }

    private static func isMark(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }

    private static func isVirama(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.canonicalCombiningClass.rawValue == 9
    }

    private static func isGreek(_ scalar: Unicode.Scalar) -> Bool {
        (0x0370...0x03FF).contains(scalar.value) || (0x1F00...0x1FFF).contains(scalar.value)
    }

    private static func isHebrew(_ scalar: Unicode.Scalar) -> Bool {
        (0x0590...0x05FF).contains(scalar.value) || (0xFB1D...0xFB4F).contains(scalar.value)
    }

    private static func isJapanese(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3040...0x30FF, 0x31F0...0x31FF, 0xFF66...0xFF9F, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xF900...0xFAFF, 0x20000...0x3FFFF, 0x3005, 0x3007:
            return true
        default:
            return false
        }
    }

    /// RFC 5892 appendix A.1's regular expression, with joining types approximated: letters of
    /// the Arabic, Syriac and N'Ko blocks join on both sides, marks are transparent.
    private static func joinsAround(_ label: [Unicode.Scalar], at index: Int) -> Bool {
        func isTransparent(_ scalar: Unicode.Scalar) -> Bool { isMark(scalar) }
        func isJoining(_ scalar: Unicode.Scalar) -> Bool {
            let inJoiningBlock = (0x0600...0x08FF).contains(scalar.value)
            return inJoiningBlock && scalar.properties.generalCategory == .otherLetter
        }
        var before = index - 1
        while before >= 0, isTransparent(label[before]) { before -= 1 }
        var after = index + 1
        while after < label.count, isTransparent(label[after]) { after += 1 }
        return before >= 0 && after < label.count && isJoining(label[before]) && isJoining(label[after])
    }
}
