// Remembers where each value of a read document was written, so errors found long after
// reading (a bad $ref, a missing responses block, a schema a validator rejects) can name
// file:line:column.

/// The source location of every value in a document, keyed by its JSON Pointer tokens.
///
/// An object member is located at its key (where a reader's eye finds it), an array element
/// and the root at the value itself.
///
/// ```swift
/// let root = try YAMLReader.read("info:\n  title: T\n", file: "spec.yaml")
/// SourceMap(of: root!).location(of: ["info", "title"])   // spec.yaml:2:3
/// ```
public struct SourceMap: Sendable {
    private let rootLocation: SourceLocation
    private var locations: [[String]: SourceLocation] = [:]

    /// The locations of every value of the document `root`.
    public init(of root: YAMLNode) {
        rootLocation = root.location
        record(root, at: [], writtenAt: root.location)
    }

    private mutating func record(_ node: YAMLNode, at tokens: [String], writtenAt location: SourceLocation) {
        locations[tokens] = location
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

    /// Where the value at `tokens` was written, or its nearest recorded ancestor when the
    /// pointer goes past what the document holds (so an error always has a place to point to).
    public func location(of tokens: [String]) -> SourceLocation {
        var prefix = tokens[...]
        while !prefix.isEmpty {
            if let found = locations[Array(prefix)] { return found }
            prefix = prefix.dropLast()
        }
        return rootLocation
    }
}
