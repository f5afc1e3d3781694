// A schema of one side as the comparison sees it: `$ref`s followed through the document's
// resolver, boolean schemas and keyword-less objects reduced to "anything" or "nothing", and
// every keyword still knowing where it was written (so a `$ref` below it can be followed too).

import JSON

/// A schema to compare: its value and where it sits in its document.
struct SchemaNode {
    /// The schema as written (`$ref`s included).
    let value: JSON
    /// Where it sits; nil for the stand-in of an absent schema (which allows anything).
    let tokens: [String]?

    /// The stand-in for a schema a side does not write, such as absent `items`: it allows anything.
    static let absent = SchemaNode(value: .bool(true), tokens: nil)
}

/// A schema with its `$ref`s followed.
struct ResolvedSchema {
    /// What the schema allows at a glance.
    enum Shape {
        /// `true`, `{}`, or only annotations: every value.
        case anything
        /// `false`: no value.
        case nothing
        /// At least one keyword that constrains.
        case constrained
    }

    /// One keyword with its value and where that value sits.
    struct Keyword {
        let name: String
        let value: JSON
        let tokens: [String]?
    }

    let shape: Shape
    /// The constraining keywords (annotations left out), target's first, then `$ref` siblings.
    let keywords: [Keyword]
    /// Where the resolved schema sits (a `$ref`'s target); nil for a stand-in. Pairs of these
    /// are what the comparison's recursion guard remembers.
    let tokens: [String]?

    /// The value of keyword `name`, if the schema has it.
    subscript(name: String) -> JSON? {
        keywords.first { $0.name == name }?.value
    }

    /// Keyword `name` as a schema to compare, if the schema has it.
    func subschema(_ name: String) -> SchemaNode? {
        keywords.first { $0.name == name }.map { SchemaNode(value: $0.value, tokens: $0.tokens) }
    }

    /// The member `key` of keyword `name` (e.g. one of `properties`) as a schema, if present.
    func subschema(_ name: String, member key: String) -> SchemaNode? {
        guard let keyword = keywords.first(where: { $0.name == name }), let value = keyword.value[key] else { return nil }
        return SchemaNode(value: value, tokens: keyword.tokens.map { $0 + [key] })
    }

    /// Element `index` of keyword `name` (e.g. of `oneOf`) as a schema, if present.
    func subschema(_ name: String, element index: Int) -> SchemaNode? {
        guard let keyword = keywords.first(where: { $0.name == name }), let value = keyword.value[index] else { return nil }
        return SchemaNode(value: value, tokens: keyword.tokens.map { $0 + [String(index)] })
    }

    /// Keywords that say something about a value only to a reader (JSON Schema annotations and
    /// OpenAPI's own): two schemas that differ only in these allow the same values.
    static let annotations: Set<String> = [
        "title", "description", "default", "example", "examples", "deprecated", "readOnly", "writeOnly",
        "$comment", "externalDocs", "xml", "discriminator", "$schema", "$id", "$anchor", "$dynamicAnchor",
        "$defs", "definitions", "contentMediaType", "contentEncoding",
    ]

    static func isAnnotation(_ name: String) -> Bool {
        annotations.contains(name) || name.hasPrefix("x-")
    }
}

/// Follows `$ref`s in the schemas of one document.
struct SchemaSource {
    let resolver: ReferenceResolver

    init(document: OpenAPIDocument) {
        resolver = ReferenceResolver(document: document)
    }

    /// `node` with its `$ref` chain followed (a cycle of bare `$ref`s is `.referenceCycle`).
    ///
    /// OpenAPI 3.1 lets a `$ref` have siblings, and both apply; the siblings that the target does
    /// not also set are added to it. Where both set one keyword the target's is compared: the
    /// value must satisfy both, and saying so exactly would need an intersection of schemas.
    func resolve(_ node: SchemaNode) throws(SpecError) -> ResolvedSchema {
        guard case .object(let object) = node.value else {
            let shape: ResolvedSchema.Shape = node.value == .bool(false) ? .nothing : .anything
            return ResolvedSchema(shape: shape, keywords: [], tokens: node.tokens)
        }
        guard case .string? = object["$ref"], let tokens = node.tokens else {
            return Self.constrained(object, at: node.tokens)
        }
        let (target, targetTokens) = try resolver.follow(from: tokens)
        let resolved = try resolve(SchemaNode(value: target, tokens: targetTokens))
        let siblings = Self.constrained(object, at: tokens).keywords.filter { sibling in
            sibling.name != "$ref" && resolved[sibling.name] == nil
        }
        guard !siblings.isEmpty, resolved.shape != .nothing else { return resolved }
        return ResolvedSchema(shape: .constrained, keywords: resolved.keywords + siblings, tokens: resolved.tokens)
    }

    private static func constrained(_ object: JSONObject, at tokens: [String]?) -> ResolvedSchema {
        let keywords = object.compactMap { member in
            ResolvedSchema.isAnnotation(member.key)
                ? nil : ResolvedSchema.Keyword(name: member.key, value: member.value, tokens: tokens.map { $0 + [member.key] })
        }
        return ResolvedSchema(shape: keywords.isEmpty ? .anything : .constrained, keywords: keywords, tokens: tokens)
    }
}
