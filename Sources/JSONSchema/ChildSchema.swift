// How a keyword names a subschema: by its node's place in the program, with the path segment
// that error locations show for it.

/// A child schema together with the schema-path segment that leads to it ("properties/name").
struct ChildSchema: Sendable {
    /// The child's index in `CompiledProgram.nodes`. An index rather than a reference, so `$ref`
    /// cycles need no mutable node: every node can be finished before the program is frozen.
    let node: Int
    /// RFC 6901-escaped path from the parent node, without a leading slash.
    private let segmentBox: Unretained<Box<String>>

    init(node: Int, segment: Unretained<Box<String>>) {
        self.node = node
        segmentBox = segment
    }

    /// The same segment leading to another node (`$dynamicRef` resolved through the dynamic scope).
    func leading(to node: Int) -> ChildSchema {
        ChildSchema(node: node, segment: segmentBox)
    }

    var segment: String { segmentBox.object.value }
}
