// Text from a run (names, messages, response samples, the target, the profile) made safe for
// the HTML report: escaped for element content and quoted attributes alike, inside HTML or SVG.

/// Escaping for the HTML report.
enum HTMLText {
    /// How many characters of one value the page shows: response samples can be long, and
    /// the page should stay small whatever a server sent.
    static let characterLimit = 2_000

    /// `text` escaped for element content and for an attribute value in double or single
    /// quotes: `& < > " '` become references, and characters XML forbids (controls other than
    /// tab and line breaks, C1 controls, U+FFFE and U+FFFF) become U+FFFD, so the page stays
    /// well-formed XHTML whatever a response contained. Longer text is cut with `…`.
    static func escaped(_ text: String, limit: Int = characterLimit) -> String {
        MarkupText.escaped(text, limit: limit)
    }
}
