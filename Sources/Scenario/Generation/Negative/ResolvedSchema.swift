// A schema's keywords with local `$ref`s followed and `allOf` parts merged in, so the negative
// planner reads one flat set of keywords per value the way the body generator does.

import JSON

/// Flattens schemas of one document for reading (not for validating: the validator always has
/// the last word on whether a value is accepted).
struct ResolvedSchema {
    /// The whole spec; `$ref`s resolve against it.
    let document: JSON

    /// `$ref`s followed in a row, or `allOf`s nested, before giving up on a cycle.
    private static let hopLimit = 32

    /// The keywords of `schema`: `$ref` siblings merged into its target and `allOf` parts into
    /// the whole (see `SchemaMerge`); empty for `true`; nil for `false`, a remote or dangling
    /// `$ref`, or a cycle.
    func keywords(of schema: JSON) -> JSONObject? {
        keywords(of: schema, nesting: 0)
    }

    private func keywords(of schema: JSON, nesting: Int) -> JSONObject? {
        guard nesting < Self.hopLimit, var keywords = followingReferences(schema) else { return nil }
        guard let parts = keywords["allOf"]?.arrayValue else { return keywords }
        keywords["allOf"] = nil
        for part in parts {
            guard let partKeywords = self.keywords(of: part, nesting: nesting + 1) else { return nil }
            keywords = SchemaMerge.merge(keywords, partKeywords)
        }
        return keywords
    }

    private func followingReferences(_ schema: JSON) -> JSONObject? {
        var current = schema
        var siblings: [JSONObject] = []
        for _ in 0..<Self.hopLimit {
            switch current {
            case .bool(true):
                return siblings.reduce(JSONObject(), SchemaMerge.merge)
            case .object(var keywords):
                guard let reference = keywords["$ref"] else {
                    return siblings.reversed().reduce(keywords, SchemaMerge.merge)
                }
                keywords["$ref"] = nil
                if !keywords.isEmpty { siblings.append(keywords) }
                guard let text = reference.stringValue, text.hasPrefix("#"),
                      let target = try? JSONPointer(fragment: text), let found = document.value(at: target) else { return nil }
                current = found
            default:
                return nil
            }
        }
        return nil
    }
}

extension JSONObject {
    /// The JSON types the `type` keyword allows ("null" included); empty when it is absent.
    var declaredTypes: [String] {
        self["type"].map(SchemaMerge.typeNames) ?? []
    }
}
