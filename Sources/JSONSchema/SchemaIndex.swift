// Finds every schema resource (`$id`), anchor (`$anchor`, `$dynamicAnchor`) and the base URI of
// every subschema location in the documents a compilation touches, so `$ref` can be resolved
// by URI (RFC 3986 against the base in force) before any node is compiled.

import JSON

/// A spot inside one of the index's documents. Tokens are object keys, so two locations are the
/// same only when their tokens hold the same code points ("é" and "e" + U+0301 are two
/// properties, two locations and two compiled nodes).
struct SchemaLocation: Hashable, Sendable {
    /// Index into SchemaIndex.documents.
    let document: Int
    /// Reference tokens from the document root.
    let tokens: [String]

    static func == (lhs: SchemaLocation, rhs: SchemaLocation) -> Bool {
        lhs.document == rhs.document && lhs.tokens.count == rhs.tokens.count
            && zip(lhs.tokens, rhs.tokens).allSatisfy { $0.hasSameCodePoints(as: $1) }
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(document)
        hasher.combine(tokens.count)
        for token in tokens { hasher.combine(CodePointString(token)) }
    }
}

/// The vocabularies a schema resource's metaschema declares (core is always on).
struct Vocabularies: OptionSet, Sendable {
    let rawValue: UInt8
    static let applicator = Vocabularies(rawValue: 1)
    static let unevaluated = Vocabularies(rawValue: 2)
    static let validation = Vocabularies(rawValue: 4)
    static let format = Vocabularies(rawValue: 8)
    static let all: Vocabularies = [.applicator, .unevaluated, .validation, .format]
}

/// What holds at one subschema location: its base URI, resource and vocabularies.
struct ScopeInfo: Sendable {
    var base: URIReference
    var resource: Int
    var vocabularies: Vocabularies
}

/// A schema resource: the root location of an `$id` (or of a document).
struct SchemaResource: Sendable {
    let location: SchemaLocation
    let uri: String
}

/// The resources, anchors and scopes of every document loaded so far.
struct SchemaIndex {
    private(set) var documents: [JSON] = []
    private(set) var resources: [SchemaResource] = []
    // URIs and anchor names come from the schemas' JSON strings, so they are keyed code point by code point.
    private var resourceByURI: [CodePointString: Int] = [:]
    private var anchors: [CodePointString: SchemaLocation] = [:]
    /// resource → `$dynamicAnchor` name → location.
    private(set) var dynamicAnchors: [Int: [CodePointString: SchemaLocation]] = [:]
    private var scopes: [SchemaLocation: ScopeInfo] = [:]
    let registry: SchemaRegistry

    init(registry: SchemaRegistry) {
        self.registry = registry
    }

    /// Adds `document`, whose root (or the schema at `schemaRoots`) is a schema, retrievable by
    /// `baseURI`. Returns the document's index.
    mutating func addDocument(_ document: JSON, baseURI: String, schemaRoots: [[String]] = [[]]) -> Int {
        let documentIndex = documents.count
        documents.append(document)
        let base = URIReference(baseURI).withoutFragment
        let rootLocation = SchemaLocation(document: documentIndex, tokens: [])
        let rootResource = register(uri: base.text, at: rootLocation)
        let rootScope = ScopeInfo(base: base, resource: rootResource,
                                  vocabularies: vocabularies(declaredBy: document["$schema"]?.stringValue, inherited: .all))
        for tokens in schemaRoots {
            guard let schema = value(in: documentIndex, at: tokens) else { continue }
            walk(schema, at: SchemaLocation(document: documentIndex, tokens: tokens), scope: rootScope)
        }
        return documentIndex
    }

    /// The JSON at `tokens` inside document `document`.
    func value(in document: Int, at tokens: [String]) -> JSON? {
        var current = documents[document]
        for token in tokens {
            switch current {
            case .object(let object):
                guard let next = object[token] else { return nil }
                current = next
            case .array(let elements):
                guard let index = Int(token), elements.indices.contains(index) else { return nil }
                current = elements[index]
            default:
                return nil
            }
        }
        return current
    }

    /// The scope at `location`: recorded by the walk, or (for spots the walk did not reach, such as
    /// inside unknown keywords) found by walking down from the enclosing resource.
    mutating func scope(at location: SchemaLocation, resource: Int) -> ScopeInfo {
        if let known = scopes[location] { return known }
        let resourceRoot = resources[resource].location
        let base = scopes[resourceRoot] ?? ScopeInfo(base: URIReference(resources[resource].uri), resource: resource,
                                                     vocabularies: .all)
        if let schema = value(in: location.document, at: location.tokens) {
            walk(schema, at: location, scope: base)
        }
        return scopes[location] ?? base
    }

    /// Resolves a `$ref` value written at a location whose base URI is `base`.
    mutating func resolve(_ reference: String, base: URIReference) -> (location: SchemaLocation, resource: Int, fragment: String)? {
        let target = URIReference(reference).resolved(against: base)
        let resourceURI = target.withoutFragment.text
        guard let resource = resourceIndex(for: resourceURI) else { return nil }
        let fragment = target.fragment ?? ""
        let root = resources[resource].location
        if fragment.isEmpty { return (root, resource, fragment) }
        if Self.isPointer(fragment) {
            guard let pointer = try? JSONPointer(fragment: "#" + fragment) else { return nil }
            return (SchemaLocation(document: root.document, tokens: root.tokens + pointer.tokens), resource, fragment)
        }
        let name = fragment.removingPercentEncoding
        guard let anchored = anchors[CodePointString(resourceURI + "#" + name)] else { return nil }
        return (anchored, resource, name)
    }

    /// Whether a fragment is a JSON Pointer (`/...`, possibly percent-encoded) rather than an anchor
    /// name. Decided on bytes: a `/` followed by a combining mark is still a `/`.
    static func isPointer(_ fragment: String) -> Bool {
        let start = Array(fragment.utf8.prefix(3))
        return start.first == UInt8(ascii: "/") || start == Array("%2F".utf8) || start == Array("%2f".utf8)
    }

    /// The resource named `uri`, loading it from the registry the first time it is asked for.
    private mutating func resourceIndex(for uri: String) -> Int? {
        if let known = resourceByURI[CodePointString(uri)] { return known }
        guard let document = registry.document(at: uri) else { return nil }
        _ = addDocument(document, baseURI: uri)
        return resourceByURI[CodePointString(uri)]
    }

    private mutating func register(uri: String, at location: SchemaLocation) -> Int {
        if let existing = resourceByURI[CodePointString(uri)], resources[existing].location == location { return existing }
        let index = resources.count
        resources.append(SchemaResource(location: location, uri: uri))
        resourceByURI[CodePointString(uri)] = index
        return index
    }

    private mutating func walk(_ schema: JSON, at location: SchemaLocation, scope parentScope: ScopeInfo) {
        guard case .object(let object) = schema else {
            if scopes[location] == nil { scopes[location] = parentScope }
            return
        }
        if scopes[location] != nil { return } // already walked
        var scope = parentScope
        if let id = object["$id"]?.stringValue, !location.tokens.isEmpty {
            let base = URIReference(id).resolved(against: parentScope.base).withoutFragment
            scope.base = base
            scope.resource = register(uri: base.text, at: location)
            scope.vocabularies = vocabularies(declaredBy: object["$schema"]?.stringValue, inherited: parentScope.vocabularies)
        } else if let id = object["$id"]?.stringValue {
            // A document root's own `$id`: also known by it, same resource.
            let base = URIReference(id).resolved(against: parentScope.base).withoutFragment
            if !base.text.hasSameCodePoints(as: parentScope.base.text) {
                resourceByURI[CodePointString(base.text)] = parentScope.resource
                scope.base = base
            }
        }
        scopes[location] = scope
        let baseText = scope.base.text
        if let anchor = object["$anchor"]?.stringValue {
            anchors[CodePointString(baseText + "#" + anchor)] = location
        }
        if let anchor = object["$dynamicAnchor"]?.stringValue {
            let key = CodePointString(baseText + "#" + anchor)
            if anchors[key] == nil { anchors[key] = location }
            dynamicAnchors[scope.resource, default: [:]][CodePointString(anchor)] = location
        }
        for member in object {
            let childTokens = location.tokens + [member.key]
            switch CodePointString(member.key) {
            case "$defs", "properties", "patternProperties", "dependentSchemas", "definitions":
                guard case .object(let children) = member.value else { continue }
                for child in children {
                    walk(child.value, at: SchemaLocation(document: location.document, tokens: childTokens + [child.key]), scope: scope)
                }
            case "prefixItems", "allOf", "anyOf", "oneOf":
                guard case .array(let children) = member.value else { continue }
                for (index, child) in children.enumerated() {
                    walk(child, at: SchemaLocation(document: location.document, tokens: childTokens + [String(index)]), scope: scope)
                }
            case "items", "contains", "additionalProperties", "propertyNames", "if", "then", "else", "not",
                 "unevaluatedItems", "unevaluatedProperties", "contentSchema":
                walk(member.value, at: SchemaLocation(document: location.document, tokens: childTokens), scope: scope)
            default:
                continue
            }
        }
    }

    /// The vocabularies of the metaschema named by `$schema` (all of them when it is unknown or
    /// declares no `$vocabulary`).
    private func vocabularies(declaredBy metaschema: String?, inherited: Vocabularies) -> Vocabularies {
        guard let metaschema else { return inherited }
        guard let document = registry.document(at: metaschema),
              case .object(let declared)? = document["$vocabulary"]
        else { return .all }
        var result: Vocabularies = []
        for member in declared {
            switch CodePointString(member.key) {
            case "https://json-schema.org/draft/2020-12/vocab/applicator": result.insert(.applicator)
            case "https://json-schema.org/draft/2020-12/vocab/unevaluated": result.insert(.unevaluated)
            case "https://json-schema.org/draft/2020-12/vocab/validation": result.insert(.validation)
            case "https://json-schema.org/draft/2020-12/vocab/format-annotation",
                 "https://json-schema.org/draft/2020-12/vocab/format-assertion": result.insert(.format)
            default: continue
            }
        }
        return result
    }
}

extension String {
    /// Decodes `%XX` escapes (invalid escapes are kept as written).
    var removingPercentEncoding: String {
        guard utf8.contains(UInt8(ascii: "%")) else { return self }
        var bytes: [UInt8] = []
        let source = Array(utf8)
        var index = 0
        while index < source.count {
            if source[index] == UInt8(ascii: "%"), index + 2 < source.count,
               let value = UInt8(String(decoding: source[(index + 1)...(index + 2)], as: UTF8.self), radix: 16) {
                bytes.append(value)
                index += 3
            } else {
                bytes.append(source[index])
                index += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
