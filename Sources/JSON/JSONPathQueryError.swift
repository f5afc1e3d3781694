// Why a text is not an RFC 9535 JSONPath query: the character where reading stopped and what
// the grammar wanted there, so an overlay's author can fix the target without the RFC at hand.

/// A JSONPath query that does not parse (or is not well-typed, e.g. `[?@.* == 1]`).
public struct JSONPathQueryError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The text that was being parsed.
    public var query: String
    /// The 1-based column (Unicode scalars) of the offending character.
    public var column: Int
    /// What the grammar allowed at that column.
    public var expected: String
    /// What was there instead (`'x'` or `end of query`).
    public var found: String

    /// Creates an error about `query` at `column`.
    public init(query: String, column: Int, expected: String, found: String) {
        self.query = query
        self.column = column
        self.expected = expected
        self.found = found
    }

    /// The problem without the query: `at character 9: expected ']', found end of query`.
    public var message: String {
        "at character \(column): expected \(expected), found \(found)"
    }

    /// `invalid JSONPath "$.a[" at character 5: expected a selector …, found end of query`.
    public var description: String {
        "invalid JSONPath \"\(query)\" \(message)"
    }
}
