// Where something was written in a source file (a spec, a scenario, a load profile), so every
// complaint about a file can point at the place to fix.

/// A position in a source file: the name it was read under, a line and a column (both from 1).
///
/// Columns count Unicode scalars, as libyaml does. Its description reads `file:line:column`,
/// the form editors and CI logs turn into links.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    /// The file name as given to the reader (a path, or a name such as `<embedded>`).
    public let file: String
    /// The line, counting from 1.
    public let line: Int
    /// The column, counting from 1.
    public let column: Int

    /// A location in `file` at `line` and `column`.
    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `file:line:column`.
    public var description: String { "\(file):\(line):\(column)" }
}
