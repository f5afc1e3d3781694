// One compiled (sub)schema: its keywords already turned into checks — `$ref` targets resolved to
// nodes, regexes compiled, enum sets and property maps built — so validation never looks at the
// schema's JSON again.

/// One compiled (sub)schema, as the CompiledProgram stores it: plain values only (flags, a type
/// mask and ranges into the program's keyword table), so reading one copies no reference.
struct SchemaNode: Sendable {
    /// The schema resource (`$id` scope) this node belongs to: an index into the program's tables.
    let resource: Int
    /// For boolean schemas (`true` / `false`): the fixed answer. Nil for object schemas.
    let constant: Bool?
    /// The keywords in evaluation order (`unevaluated*` last, since they read the others'
    /// results): positions in `CompiledProgram.keywords`.
    let keywords: Range<Int>
    /// The kinds of value the `type` keyword admits (every kind when there is none). A verdict
    /// tests it before the other keywords, without a keyword dispatch.
    let typeMask: TypeMask
    /// The keywords except `type`, for that verdict: positions in `CompiledProgram.keywords`.
    let keywordsAfterType: Range<Int>
    /// Whether the node has `unevaluatedProperties` / `unevaluatedItems` and so must collect
    /// which members and items its in-place applicators evaluated.
    let collectsEvaluated: Bool
    /// Whether `typeMask` is all there is to check (`{"type": "string"}`, the commonest leaf):
    /// then a parent answers for the node without evaluating it.
    let checksTypeOnly: Bool

    /// A node whose keywords (`keywords`, in evaluation order) are appended to `table`.
    init(resource: Int, constant: Bool?, keywords compiled: [CompiledKeyword], appendingTo table: inout [CompiledKeyword]) {
        self.resource = resource
        self.constant = constant
        var mask = TypeMask.all
        var others: [CompiledKeyword] = []
        var collects = false
        for keyword in compiled {
            switch keyword {
            case .type(let allowed):
                mask = mask.intersection(allowed)
                continue  // a verdict tests it through `typeMask`
            case .unevaluatedItems, .unevaluatedProperties:
                collects = true
            default:
                break
            }
            others.append(keyword)
        }
        typeMask = mask
        collectsEvaluated = collects
        keywords = table.count..<(table.count + compiled.count)
        table += compiled
        keywordsAfterType = table.count..<(table.count + others.count)
        table += others
        checksTypeOnly = constant == nil && !collects && others.isEmpty
    }
}
