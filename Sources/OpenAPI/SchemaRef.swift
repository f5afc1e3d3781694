// A schema as written in the spec plus where it sits, which is what a validator needs to
// resolve the schema's own `$ref`s against the whole document.

import Foundation
import JSON

/// A schema from the spec, left as written, and the JSON Pointer of where it sits (after any
/// `$ref` to a parameter, request body or response was followed).
public struct SchemaRef: Sendable {
    /// The schema, `$ref`s and all.
    public let schema: JSON
    /// Where `schema` sits in the document, e.g.
    /// `/components/responses/NotFound/content/application~1json/schema`.
    public let pointer: JSONPointer

    /// A schema found at `pointer`.
    public init(schema: JSON, pointer: JSONPointer) {
        self.schema = schema
        self.pointer = pointer
    }
}

/// One entry of a `content` map: a media type and its schema, if it declares one.
public struct MediaType: Sendable {
    /// The media type as written, e.g. "application/json".
    public let contentType: String
    /// The schema of bodies of this type; nil when the spec gives none.
    public let schema: SchemaRef?

    /// A media type entry.
    public init(contentType: String, schema: SchemaRef?) {
        self.contentType = contentType
        self.schema = schema
    }
}

extension Array where Element == MediaType {
    /// The entry for a `Content-Type` value: an exact match (ignoring case and parameters such
    /// as `; charset=utf-8`), else the `type/*` wildcard, else `*/*`.
    public func entry(forContentType contentType: String) -> MediaType? {
        let wanted = MediaType.essence(of: contentType)
        let major = wanted.split(separator: "/").first.map(String.init) ?? wanted
        return first { MediaType.essence(of: $0.contentType) == wanted }
            ?? first { MediaType.essence(of: $0.contentType) == major + "/*" }
            ?? first { MediaType.essence(of: $0.contentType) == "*/*" }
    }
}

extension MediaType {
    /// `Application/JSON; charset=utf-8` → `application/json`.
    static func essence(of contentType: String) -> String {
        let beforeParameters = contentType.split(separator: ";", maxSplits: 1).first ?? ""
        return beforeParameters.trimmingCharacters(in: .whitespaces).lowercased()
    }
}
