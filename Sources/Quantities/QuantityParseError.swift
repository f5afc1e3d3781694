// The one error for quantity text that does not read: it keeps the text and what a valid
// value looks like, so each caller can prefix the flag or file position it knows.

/// A duration or rate text that does not parse, with what was expected.
public struct QuantityParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The text as given.
    public var text: String
    /// What a valid value looks like, with examples.
    public var expected: String

    /// An error for `text`, which should have looked like `expected`.
    public init(text: String, expected: String) {
        self.text = text
        self.expected = expected
    }

    /// `'10x': expected a number and a unit …`; the caller names the flag or key before it.
    public var description: String { "'\(text)': expected \(expected)" }
}
