// Checks the `$ref`s inside schemas without expanding them: schemas may recurse through
// `properties` or `items` (a tree of comments), which is legitimate, but every reference must
// land somewhere and a schema that is only references leading back to itself is an error.

import JSON

/// Walks schemas, following each `$ref` once, and reports the first broken one.
struct SchemaReferenceCheck {
    let resolver: ReferenceResolver
    private var checked: Set<[String]> = []

    init(resolver: ReferenceResolver) {
        self.resolver = resolver
    }

    /// Checks the schema at `tokens` and every schema reachable from it.
    mutating func checkSchema(at tokens: [String]) throws(SpecError) {
        guard checked.insert(tokens).inserted else { return }
        guard let schema = resolver.document.root.value(at: JSONPointer(tokens: tokens)) else { return }
        if case .string? = schema["$ref"] {
            // A chain of top-level references applies to the same instance at every hop, so a
            // loop here never reaches data: the resolver reports it as a cycle.
            _ = try resolver.follow(from: tokens)
        }
        try walk(schema, at: tokens)
    }

    /// Visits the subschemas of `schema` by keyword (draft 2020-12 plus the older spellings
    /// OpenAPI 3.0 uses), so that data such as `enum`, `const` or `example` is never mistaken for
    /// a schema that holds a `$ref`.
    private mutating func walk(_ schema: JSON, at tokens: [String]) throws(SpecError) {
        guard case .object(let object) = schema else { return }
        if case .string(let reference)? = object["$ref"] {
            let target = try resolver.target(of: reference, writtenAt: tokens + ["$ref"])
            try checkSchema(at: target)
        }
        for member in object {
            let memberTokens = tokens + [member.key]
            switch member.key {
            case "properties", "patternProperties", "$defs", "definitions", "dependentSchemas":
                guard case .object(let named) = member.value else { continue }
                for entry in named { try walk(entry.value, at: memberTokens + [entry.key]) }
            case "items", "prefixItems", "allOf", "anyOf", "oneOf", "additionalItems":
                if case .array(let list) = member.value {
                    for (index, element) in list.enumerated() { try walk(element, at: memberTokens + [String(index)]) }
                } else {
                    try walk(member.value, at: memberTokens)
                }
            case "not", "if", "then", "else", "additionalProperties", "unevaluatedProperties",
                 "unevaluatedItems", "contains", "propertyNames", "contentSchema":
                try walk(member.value, at: memberTokens)
            default:
                continue
            }
        }
    }
}
