// The JSON types a schema allows, from `type` (a name or a list) and OpenAPI 3.0's
// `nullable: true`, and what one set allows that another does not.

import JSON

/// The types a schema's `type` (and `nullable`) allow; `names` nil means any type.
struct TypeSet: Equatable {
    /// The type names as written, "null" added for `nullable: true`; nil when `type` is absent.
    let names: [String]?

    /// Every JSON type, "integer" being part of "number".
    static let allTypes = ["null", "boolean", "object", "array", "number", "string"]

    init(names: [String]?) {
        self.names = names
    }

    /// The types `schema` allows.
    init(of schema: ResolvedSchema) {
        var names: [String]?
        switch schema["type"] {
        case .string(let name)?: names = [name]
        case .array(let list)?: names = list.compactMap(\.stringValue)
        default: names = nil
        }
        if schema["nullable"] == .bool(true), let written = names, !written.contains("null") {
            names = written + ["null"]
        }
        self.names = names
    }

    /// Order does not matter: `[string, null]` and `[null, string]` allow the same.
    static func == (lhs: TypeSet, rhs: TypeSet) -> Bool {
        lhs.names.map(Set.init) == rhs.names.map(Set.init)
    }

    /// Whether only integers (and perhaps null) are allowed: bounds then count in whole numbers.
    var isIntegerOnly: Bool {
        guard let names, names.contains("integer") else { return false }
        return names.allSatisfy { $0 == "integer" || $0 == "null" }
    }

    /// "any", "string", or "[string, null]".
    var text: String {
        guard let names else { return "any" }
        return names.count == 1 ? names[0] : "[" + names.joined(separator: ", ") + "]"
    }

    /// The kinds of value this set allows and `other` does not, e.g. ["null"] or
    /// ["non-integer numbers"].
    func allowed(beyond other: TypeSet) -> [String] {
        guard let theirs = other.names else { return [] }
        return (names ?? Self.allTypes).compactMap { name in
            if theirs.contains(name) || (name == "integer" && theirs.contains("number")) { return nil }
            if name == "number" && theirs.contains("integer") { return "non-integer numbers" }
            return name
        }
    }

    /// Whether some value is allowed by both sets.
    func overlaps(_ other: TypeSet) -> Bool {
        guard let mine = names, !mine.isEmpty else { return other.names.map { !$0.isEmpty } ?? true }
        guard let theirs = other.names else { return true }
        return mine.contains { name in
            theirs.contains(name)
                || (name == "integer" && theirs.contains("number"))
                || (name == "number" && theirs.contains("integer"))
        }
    }
}
