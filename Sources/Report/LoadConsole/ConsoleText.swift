// Text helpers shared by the load summary and the progress line: ANSI colour only when asked,
// padding for aligned columns, and made-safe free text from the run (error samples, messages,
// names), which must neither move the cursor nor forge the lines scripts grep for.

/// An ANSI style for console output.
enum ConsoleStyle: String {
    case red = "31", green = "32", yellow = "33", bold = "1", dim = "2"
}

/// Console text: colour and padding.
struct ConsoleText {
    /// Whether to emit ANSI colour codes.
    var color: Bool

    /// `text` in `style` when colour is on; as it is otherwise.
    func paint(_ text: String, _ style: ConsoleStyle) -> String {
        color ? "\u{1B}[\(style.rawValue)m\(text)\u{1B}[0m" : text
    }

    /// `text` padded with spaces to `width` characters, on the right (or on the left, for numbers).
    static func pad(_ text: String, _ width: Int, left: Bool = false) -> String {
        let spaces = String(repeating: " ", count: max(0, width - text.count))
        return left ? spaces + text : text + spaces
    }

    /// Text that came from the run (a response sample, an error message, a check) made safe
    /// for one console line: control characters (newlines, ESC) shown escaped so a sample
    /// cannot start lines or recolour the terminal, cut to `limit` characters, and the
    /// markers that benchmark scripts grep for (`Requests/sec:`, `rps=`) broken up, so
    /// only the summary's own last line matches them.
    static func safe(_ text: String, limit: Int = 200) -> String {
        var out = ""
        var length = 0
        for scalar in text.unicodeScalars {
            if length >= limit {
                out += "…"
                break
            }
            switch scalar {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += " "
            case "\u{0}"..."\u{1F}", "\u{7F}"..."\u{9F}":
                out += "\\u{" + String(scalar.value, radix: 16) + "}"
            default: out.unicodeScalars.append(scalar)
            }
            length += 1
        }
        return out
            .replacing("Requests/sec:", with: "Requests/sec :")
            .replacing("rps=", with: "rps =")
    }
}
