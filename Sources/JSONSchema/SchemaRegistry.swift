// Where `$ref` finds documents that are not part of the schema being compiled: a caller-filled
// map from absolute URI to JSON document. Nothing is ever fetched over the network.

import JSON

/// Schema documents known by URI, for `$ref`s that leave the schema being compiled.
///
/// The draft 2020-12 metaschema and its vocabulary metaschemas are always present (see
/// `MetaSchemas.swift`); add others with `register(_:at:)`.
public struct SchemaRegistry: Sendable {
    /// Keyed code point by code point, as `$ref` URIs (JSON strings) are compared.
    private var documents: [CodePointString: JSON]

    /// A registry holding only the built-in 2020-12 metaschemas.
    public init() {
        documents = [:]
        for (uri, document) in MetaSchemas.documents { documents[CodePointString(uri)] = document }
    }

    /// A registry holding the built-in metaschemas plus `documents` (URI → schema document).
    public init(_ documents: [String: JSON]) {
        self.init()
        for (uri, document) in documents { register(document, at: uri) }
    }

    /// Makes `document` available to `$ref`s that resolve to `uri` (an absolute URI; a trailing
    /// empty fragment `#` is ignored). A document with its own `$id` is also found by that id
    /// once compilation reaches it.
    public mutating func register(_ document: JSON, at uri: String) {
        documents[Self.key(uri)] = document
    }

    /// The document registered at `uri`, if any.
    public func document(at uri: String) -> JSON? {
        documents[Self.key(uri)]
    }

    /// The URIs of every registered document (built-ins included).
    public var uris: [String] { documents.keys.map(\.string) }

    private static func key(_ uri: String) -> CodePointString {
        // On bytes: a `#` followed by a combining mark is not an empty fragment.
        guard uri.utf8.last == UInt8(ascii: "#") else { return CodePointString(uri) }
        return CodePointString(String(decoding: uri.utf8.dropLast(), as: UTF8.self))
    }
}
