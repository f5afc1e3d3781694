// Random text for templates: UUIDs and alphanumeric strings drawn from a seeded generator.

import Quantities

enum RandomText {
    private static let lowercaseAlphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789".unicodeScalars)
    private static let mixedAlphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".unicodeScalars)

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

    /// A version-4 UUID (RFC 9562).
    static func uuid(using random: inout SeededRandom) -> String {
        random.uuidText()
    }
}
