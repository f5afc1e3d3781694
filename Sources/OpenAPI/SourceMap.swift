// Remembers where each value of a loaded spec was written, so errors found long after parsing
// (a bad $ref, a missing responses block, a schema a validator rejects) can name file:line:column.

/// Line and column (from 1) of every value in a document, keyed by its JSON Pointer tokens.
///
/// An object member is located at its key (where a reader's eye finds it), an array element
/// and the root at the value itself.
struct SourceMap: Sendable {
    /// A line and column, both counting from 1.
    struct Position: Sendable, Hashable {
        var line: Int
        var column: Int
    }

    private var positions: [[String]: Position] = [:]

    /// The positions of every value of the document `root`.
    init(of root: YAMLNode) {
        record(root, at: [], writtenAt: root.location)
    }

    private mutating func record(_ node: YAMLNode, at tokens: [String], writtenAt location: SourceLocation) {
        positions[tokens] = Position(line: location.line, column: location.column)
        switch node.content {
        case .scalar:
            break
        case .sequence(let elements):
            for (index, element) in elements.enumerated() {
                record(element, at: tokens + [String(index)], writtenAt: element.location)
            }
        case .mapping(let members):
            for member in members {
                record(member.value, at: tokens + [member.key], writtenAt: member.keyLocation)
            }
        }
    }

    /// The position of the value at `tokens`, or of its nearest recorded ancestor when the
    /// pointer goes past what the document holds (so an error always has a place to point to).
    func position(of tokens: [String]) -> Position {
        var prefix = tokens[...]
        while true {
            if let found = positions[Array(prefix)] { return found }
            if prefix.isEmpty { return Position(line: 1, column: 1) }
            prefix = prefix.dropLast()
        }
    }
}
