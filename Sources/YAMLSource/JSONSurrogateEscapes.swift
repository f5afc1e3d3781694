// JSON writes a character beyond the Basic Multilingual Plane as a pair of `\u` escapes
// (`\ud83d\ude00`); YAML, which reads the JSON spec here, only knows the single `\U0001F600`.
// This rewrites the one into the other so JSON specs with emoji or rare scripts load.

enum JSONSurrogateEscapes {
    /// `text` with every escaped surrogate pair inside a double-quoted string rewritten as a
    /// `\U` escape; other text, including escaped backslashes, is left alone. Only applied to
    /// JSON text (a YAML plain scalar may contain a literal backslash).
    static func rewrite(_ text: String) -> String {
        guard text.contains("\\u") || text.contains("\\U") else { return text }
        var scalars = Array(text.unicodeScalars)[...]
        var output = String.UnicodeScalarView()
        var insideString = false
        while let scalar = scalars.popFirst() {
            if scalar == "\"" {
                insideString.toggle()
            } else if scalar == "\\", insideString {
                if let pair = surrogatePair(at: scalars) {
                    output.append(contentsOf: ("\\U" + hex(pair, width: 8)).unicodeScalars)
                    scalars = scalars.dropFirst(11)  // "uXXXX\uXXXX"
                    continue
                }
                // Keep the escaped character with its backslash: `\"` does not end the string.
                output.append(scalar)
                if let escaped = scalars.popFirst() { output.append(escaped) }
                continue
            }
            output.append(scalar)
        }
        return String(output)
    }

    /// The code point of `uHHHH\uLLLL` at the start of `rest` (just after a backslash) when HHHH
    /// is a high surrogate and LLLL a low one.
    private static func surrogatePair(at rest: ArraySlice<Unicode.Scalar>) -> UInt32? {
        let characters = Array(rest.prefix(11))
        guard characters.count == 11, characters[0] == "u", characters[5] == "\\", characters[6] == "u",
              let high = hexValue(characters[1..<5]), let low = hexValue(characters[7..<11]),
              (0xD800...0xDBFF).contains(high), (0xDC00...0xDFFF).contains(low) else { return nil }
        return 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
    }

    private static func hexValue(_ digits: ArraySlice<Unicode.Scalar>) -> UInt32? {
        UInt32(String(String.UnicodeScalarView(digits)), radix: 16)
    }

    private static func hex(_ value: UInt32, width: Int) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
