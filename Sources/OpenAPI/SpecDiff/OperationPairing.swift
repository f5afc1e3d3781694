// Which operation of one spec is which of the other: the same operationId, else the same method
// and path (placeholder names aside), so a renamed operationId still compares its contents.

/// An operation of A and its counterpart in B; one of them is nil when the other spec lacks it.
struct OperationPair {
    let a: Operation?
    let b: Operation?

    /// The operationId; "A's (B: B's)" when a pair matched by method and path names it twice.
    var label: String {
        switch (a, b) {
        case (let a?, let b?) where a.id != b.id: return "\(a.id) (B: \(b.id))"
        case (let a?, _): return a.id
        case (nil, let b?): return b.id
        case (nil, nil): return ""
        }
    }

    /// The pairs in spec order: A's operations in A's order, then those only B has, in B's.
    static func pairs(_ a: OperationIndex, _ b: OperationIndex) -> [OperationPair] {
        var taken = Set<Int>()
        var partner: [Int: Int] = [:]
        for (position, operation) in a.operations.enumerated() {
            if let match = b.operations.firstIndex(where: { $0.id == operation.id }) {
                partner[position] = match
                taken.insert(match)
            }
        }
        for (position, operation) in a.operations.enumerated() where partner[position] == nil {
            let match = b.operations.indices.first { index in
                !taken.contains(index) && b.operations[index].method == operation.method
                    && shape(of: b.operations[index].pathTemplate) == shape(of: operation.pathTemplate)
                    && a.operation(id: b.operations[index].id) == nil
            }
            if let match {
                partner[position] = match
                taken.insert(match)
            }
        }
        var pairs = a.operations.enumerated().map { position, operation in
            OperationPair(a: operation, b: partner[position].map { b.operations[$0] })
        }
        for (index, operation) in b.operations.enumerated() where !taken.contains(index) {
            pairs.append(OperationPair(a: nil, b: operation))
        }
        return pairs
    }

    /// `/users/{user_id}` → `/users/{}`: two templates that match the same requests.
    static func shape(of template: String) -> String {
        var shape = ""
        var inPlaceholder = false
        for character in template {
            switch character {
            case "{": inPlaceholder = true; shape.append("{")
            case "}": inPlaceholder = false; shape.append("}")
            default: if !inPlaceholder { shape.append(character) }
            }
        }
        return shape
    }
}
