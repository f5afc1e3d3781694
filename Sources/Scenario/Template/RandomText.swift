// Random text for templates: UUIDs and alphanumeric strings drawn from a seeded generator.

import Quantities

enum RandomText {
    private static let lowercaseAlphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789".unicodeScalars)
    private static let mixedAlphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".unicodeScalars)
    private static let hexDigits = Array("0123456789abcdef".unicodeScalars)

    /// `length` letters and digits; lowercase only when the text must survive
    /// case-insensitive systems (email local parts).
    static func alphanumeric(_ length: Int, using random: inout SeededRandom, lowercase: Bool) -> String {
        let alphabet = lowercase ? lowercaseAlphabet : mixedAlphabet
        var text = String.UnicodeScalarView()
        for _ in 0..<length {
            text.append(alphabet[Int.random(in: 0..<alphabet.count, using: &random)])
        }
        return String(text)
    }

    /// A version-4 UUID (RFC 9562): 122 random bits, version nibble 4, variant bits 10.
    static func uuid(using random: inout SeededRandom) -> String {
        var bytes = [UInt8](repeating: 0, count: 16)
        let high = random.next()
        let low = random.next()
        for i in 0..<8 {
            bytes[i] = UInt8(truncatingIfNeeded: high >> (8 * UInt64(i)))
            bytes[i + 8] = UInt8(truncatingIfNeeded: low >> (8 * UInt64(i)))
        }
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        var text = String.UnicodeScalarView()
        for (i, byte) in bytes.enumerated() {
            if i == 4 || i == 6 || i == 8 || i == 10 { text.append("-") }
            text.append(hexDigits[Int(byte >> 4)])
            text.append(hexDigits[Int(byte & 0x0F)])
        }
        return String(text)
    }
}
