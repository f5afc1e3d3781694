// Text from a run or a response made safe inside XML and XHTML (the JUnit reports and the HTML
// page): one escaping, so the two cannot drift apart on what a hostile server sends.

/// Escaping for XML and XHTML element content and quoted attribute values.
enum MarkupText {
    /// `text` with `& < > " '` as references and every character XML 1.0 forbids or
    /// discourages (controls other than tab and line breaks, C1 controls, U+FFFE, U+FFFF) as
    /// U+FFFD, so the document stays well-formed whatever a response contained. Text longer
    /// than `limit` characters is cut with `…`.
    static func escaped(_ text: String, limit: Int = .max) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var length = 0
        for scalar in text.unicodeScalars {
            if length >= limit {
                out += "…"
                break
            }
            length += 1
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            case "\u{0}"..."\u{1F}", "\u{7F}"..."\u{9F}", "\u{FFFE}", "\u{FFFF}": out += "\u{FFFD}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
