// The headers a response documents (`Response` does not carry them: requests and checks have
// not needed them), read for the comparison with their `$ref`s followed.

import JSON

/// A response header the spec documents.
struct DocumentedHeader {
    /// The name as written.
    let name: String
    let required: Bool
    /// The value's schema (from `schema`, or the first entry of `content`); nil when none is given.
    let schema: SchemaNode?

    /// The headers of `response` in document order. `Content-Type` is left out, as OpenAPI says
    /// it is ignored there (the media types say it).
    static func headers(of response: Response, in document: OpenAPIDocument) throws(SpecError) -> [DocumentedHeader] {
        let tokens = response.pointer.tokens + ["headers"]
        guard case .object(let headers)? = document.value(at: JSONPointer(tokens: tokens)) else { return [] }
        let resolver = ReferenceResolver(document: document)
        var documented: [DocumentedHeader] = []
        for member in headers where member.key.lowercased() != "content-type" {
            let (value, headerTokens) = try resolver.follow(from: tokens + [member.key])
            var schema = value["schema"].map { SchemaNode(value: $0, tokens: headerTokens + ["schema"]) }
            if schema == nil, case .object(let content)? = value["content"], let first = content.members.first,
               let firstSchema = first.value["schema"] {
                schema = SchemaNode(value: firstSchema, tokens: headerTokens + ["content", first.key, "schema"])
            }
            documented.append(DocumentedHeader(name: member.key, required: value["required"] == .bool(true), schema: schema))
        }
        return documented
    }
}
