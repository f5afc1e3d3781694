// Everything validation needs, built once by the SchemaCompiler and frozen: after `init` nothing
// in a program changes, which is what lets one compiled Schema serve every thread.

import JSON

/// A compiled schema: its nodes, their keywords and the `$dynamicAnchor` tables.
///
/// Immutable, and `Sendable` as the compiler checks it: every stored property is a `let` of a
/// Sendable type. The keyword payloads that Unretained references point at are kept alive by
/// `retained`.
final class CompiledProgram: Sendable {
    /// The index of the schema validation starts at.
    let root: Int
    /// Every node; ChildSchema.node indexes this.
    let nodes: [SchemaNode]
    /// Every node's keywords, in the ranges its SchemaNode names.
    let keywords: [CompiledKeyword]
    /// resource → `$dynamicAnchor` name → node; empty unless the schema uses `$dynamicRef`.
    let dynamicAnchors: [Int: [CodePointString: Int]]
    /// Whether validation must track the dynamic scope (only `$dynamicRef` reads it).
    let usesDynamicScope: Bool
    /// Whether the schema has `$ref` / `$dynamicRef` (without them it cannot recurse, and
    /// validation skips the depth guard).
    let hasReferences: Bool
    /// The objects keyword payloads refer to without retaining (see Unretained).
    private let retained: [any AnyObject & Sendable]

    init(root: Int, nodes: [SchemaNode], keywords: [CompiledKeyword], retained: [any AnyObject & Sendable],
         dynamicAnchors: [Int: [CodePointString: Int]], usesDynamicScope: Bool, hasReferences: Bool) {
        self.root = root
        self.nodes = nodes
        self.keywords = keywords
        self.retained = retained
        self.dynamicAnchors = dynamicAnchors
        self.usesDynamicScope = usesDynamicScope
        self.hasReferences = hasReferences
    }

    /// Runs `body` with the node and keyword tables readable in place: validation visits them
    /// for every value, and reading through these pointers copies nothing and counts no
    /// references. The pointers are valid only inside `body`.
    @inline(__always)
    func withTables<Result>(_ body: (ProgramTables) -> Result) -> Result {
        nodes.withUnsafeBufferPointer { nodes in
            keywords.withUnsafeBufferPointer { keywords in
                body(ProgramTables(nodes: nodes, keywords: keywords))
            }
        }
    }
}

/// A program's node and keyword tables, borrowed for one validation (see `withTables`).
struct ProgramTables {
    let nodes: UnsafeBufferPointer<SchemaNode>
    let keywords: UnsafeBufferPointer<CompiledKeyword>

    /// The node at `index`, in place.
    @inline(__always)
    func node(_ index: Int) -> UnsafePointer<SchemaNode> {
        // Indexes come from the compiler, which only hands out existing nodes.
        nodes.baseAddress.unsafelyUnwrapped + index
    }

    /// The keyword at `index`, in place.
    @inline(__always)
    func keyword(_ index: Int) -> UnsafePointer<CompiledKeyword> {
        keywords.baseAddress.unsafelyUnwrapped + index
    }
}
