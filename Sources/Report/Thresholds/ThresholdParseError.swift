// Why a threshold expression does not read, and where: the caller adds the profile's
// file:line:column, the error adds the column inside the expression and what was expected.

/// A threshold expression that does not parse.
public struct ThresholdParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The expression as given.
    public var text: String
    /// Where the problem starts: a 0-based offset in UTF-8 bytes into `text` (a column for the
    /// ASCII that expressions are written in; `text.utf8.count` for "ran out of text").
    public var column: Int
    /// What was expected there, e.g. `expected a duration such as 300ms after '<'`.
    public var message: String

    /// An error at `column` of `text`.
    public init(text: String, column: Int, message: String) {
        self.text = text
        self.column = column
        self.message = message
    }

    /// `'p98 < 1s', column 1: expected one of …`, counting columns from 1 as editors do.
    public var description: String { "'\(text)', column \(column + 1): \(message)" }
}
