// Scenario files share YAMLSource's `SourceLocation` (one location type across the project);
// this adds what scenario messages need on top of it.

import YAMLSource

extension SourceLocation {
    /// The location of a file as a whole (line 0), for errors with no position inside it,
    /// such as a file that cannot be read.
    static func wholeFile(_ file: String) -> SourceLocation {
        SourceLocation(file: file, line: 0, column: 0)
    }

    /// True for `wholeFile` locations.
    var isWholeFile: Bool { line == 0 }

    /// The location `columns` Unicode scalars to the right on the same line.
    func advanced(byColumns columns: Int) -> SourceLocation {
        SourceLocation(file: file, line: line, column: column + columns)
    }
}
