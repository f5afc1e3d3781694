// How a generated file writes one scalar or key: plain where YAML reads it back as the same
// string, double-quoted (JSON escapes, which YAML 1.2 shares) everywhere else.

import JSON

enum YAMLScalarText {
    /// The text of `value` as a YAML scalar that reads back as exactly `value`.
    static func scalar(_ value: JSON) -> String {
        switch value {
        case .string(let text): return string(text)
        case .null, .bool, .integer, .double, .array, .object: return value.serialized()
        }
    }

    /// `text` plain when that is unambiguous, else double-quoted.
    static func string(_ text: String) -> String {
        isPlainSafe(text) ? text : JSON.string(text).serialized()
    }

    /// Words a YAML 1.1 or 1.2 reader turns into something other than a string.
    private static let specialWords: Set<String> = [
        "true", "false", "yes", "no", "on", "off", "null", "y", "n", "~",
    ]

    /// Whether `text` written plain reads back as the same string in block or flow context:
    /// letters first, then letters, digits and a few inert punctuation marks, no word YAML
    /// gives a meaning, nothing that reads as a number.
    private static func isPlainSafe(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, first.isASCII, first.properties.isAlphabetic else { return false }
        guard !specialWords.contains(text.lowercased()) else { return false }
        // A space is inert except after `:` or before `#`, and not at the end.
        guard !text.hasSuffix(" "), !text.contains(": "), !text.contains(" #") else { return false }
        return text.unicodeScalars.allSatisfy { scalar in
            guard scalar.isASCII else { return false }
            if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) { return true }
            return "_-.@/ ()".unicodeScalars.contains(scalar)
        }
    }
}
