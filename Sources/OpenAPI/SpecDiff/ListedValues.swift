// The values a schema lists with `enum` or `const`, and the ones one side lists that the other
// does not: "B also allows "waiting on customer", "waiting on internal team"".

import JSON

/// The only values a schema allows, when it lists them with `enum` or `const`.
struct ListedValues {
    /// The keyword they come from: "enum", or "const" (which wins when both are written).
    let keyword: String
    let values: [JSON]

    /// What `schema` lists; nil when it has neither keyword.
    init?(of schema: ResolvedSchema) {
        if let constant = schema["const"] {
            let allowedByEnum = schema["enum"]?.arrayValue.map { $0.contains(constant) } ?? true
            keyword = "const"
            values = allowedByEnum ? [constant] : []
        } else if case .array(let values)? = schema["enum"] {
            keyword = "enum"
            self.values = values
        } else {
            return nil
        }
    }

    /// "4 values", "1 value", or the constant itself.
    var text: String {
        if keyword == "const", values.count == 1 { return Self.quoted(values) }
        return values.count == 1 ? "1 value" : "\(values.count) values"
    }

    /// The values listed here and not in `other`, in this side's order.
    func values(notIn other: ListedValues) -> [JSON] {
        values.filter { !other.values.contains($0) }
    }

    /// Compares what two schemas list; nil when they list the same values (in any order).
    static func difference(_ a: ResolvedSchema, _ b: ResolvedSchema) -> KeywordDifference? {
        let listedA = ListedValues(of: a)
        let listedB = ListedValues(of: b)
        switch (listedA, listedB) {
        case (nil, nil):
            return nil
        case (let listed?, nil), (nil, let listed?):
            let unlisted: SpecSide = listedA == nil ? .a : .b
            return KeywordDifference(
                keyword: listed.keyword, a: listedA?.text ?? "none", b: listedB?.text ?? "none",
                allowance: "\(unlisted.rawValue) also allows values other than " + quoted(listed.values)
            )
        case (let listedA?, let listedB?):
            let onlyA = listedA.values(notIn: listedB)
            let onlyB = listedB.values(notIn: listedA)
            guard !onlyA.isEmpty || !onlyB.isEmpty else { return nil }
            var allowances: [String] = []
            if !onlyA.isEmpty { allowances.append("A also allows " + quoted(onlyA)) }
            if !onlyB.isEmpty { allowances.append("B also allows " + quoted(onlyB)) }
            return KeywordDifference(keyword: listedA.keyword, a: listedA.text, b: listedB.text, allowance: allowances.joined(separator: "; "))
        }
    }

    /// `"new", "assigned"` (JSON text of each value), at most ten, then "and N more".
    static func quoted(_ values: [JSON]) -> String {
        let shown = values.prefix(10).map { $0.serialized() }.joined(separator: ", ")
        return values.count > 10 ? shown + " and \(values.count - 10) more" : shown
    }
}
