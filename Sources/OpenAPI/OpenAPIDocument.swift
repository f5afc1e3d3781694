// A loaded spec: the whole document as a JSON value, where each part of it was written, and the
// checks that make it an OpenAPI 3.x document. Operations are indexed by `OperationIndex`.

import Foundation
import JSON
import YAMLSource

/// An OpenAPI 3.x document, loaded from YAML or JSON, with a source position for every value.
///
/// Schemas are left as written (`$ref`s included) so a validator can resolve them against
/// `root`; `location(of:)` turns any JSON Pointer into `file:line:column` for its messages.
public struct OpenAPIDocument: Sendable {
    /// The name errors are reported under: the path as given to `load(path:)`, or the name given
    /// to `load(text:name:)`.
    public let name: String
    /// The whole document.
    public let root: JSON
    /// The `openapi` field, e.g. "3.1.0".
    public let openAPIVersion: String
    let sourceMap: SourceMap

    /// Reads and parses the spec at `path` (YAML or JSON).
    public static func load(path: String) throws(SpecError) -> OpenAPIDocument {
        try load(text: readText(atPath: path), name: path)
    }

    /// Parses spec text (YAML or JSON); `name` is used in error messages, e.g. "<embedded>".
    public static func load(text: String, name: String) throws(SpecError) -> OpenAPIDocument {
        try load(tree: readTree(text: text, name: name), name: name)
    }

    /// Parses spec text into a positioned tree, which overlays may change before `load(tree:name:)`.
    static func readTree(text: String, name: String) throws(SpecError) -> YAMLNode {
        let tree: YAMLNode?
        do {
            tree = try YAMLReader.read(text, file: name)
        } catch {
            throw .syntax(error.location, message: error.message)
        }
        guard let tree else { throw .notOpenAPI(SourceLocation(file: name, line: 1, column: 1), reason: "the file is empty") }
        return tree
    }

    /// Checks a read YAML tree (perhaps changed by overlays since) as a spec named `name`.
    static func load(tree: YAMLNode, name: String) throws(SpecError) -> OpenAPIDocument {
        let start = SourceLocation(file: name, line: 1, column: 1)
        let root = tree.json
        let sourceMap = SourceMap(of: tree)
        guard case .object(let top) = root else {
            throw .notOpenAPI(start, reason: "the top level is \(article(root.typeName)), not a mapping")
        }
        func at(_ key: String) -> SourceLocation { sourceMap.location(of: [key]) }
        let version: String
        switch top["openapi"] {
        case .string(let text): version = text
        case .double(let number): version = String(number)  // an unquoted `openapi: 3.1`
        case nil:
            if top["swagger"] != nil {
                throw .notOpenAPI(at("swagger"), reason: "this is a Swagger 2.0 document; convert it to OpenAPI 3")
            }
            throw .notOpenAPI(start, reason: "no 'openapi' field at the top level")
        case let other?:
            throw .notOpenAPI(at("openapi"), reason: "'openapi' is \(article(other.typeName)), expected a version such as \"3.1.0\"")
        }
        guard version.hasPrefix("3.") else {
            throw .notOpenAPI(at("openapi"), reason: "version '\(version)' is not 3.x")
        }
        if let paths = top["paths"], paths.objectValue == nil {
            throw .invalid(at("paths"), problem: "'paths' is \(article(paths.typeName)), expected a mapping")
        }
        return OpenAPIDocument(name: name, root: root, openAPIVersion: version, sourceMap: sourceMap)
    }

    /// The value at `pointer`, or nil when the document has nothing there.
    public func value(at pointer: JSONPointer) -> JSON? {
        root.value(at: pointer)
    }

    /// Where the value at `pointer` was written (an object member: its key). A pointer past the
    /// end of the document gets the position of its nearest existing ancestor.
    public func location(of pointer: JSONPointer) -> SourceLocation {
        location(of: pointer.tokens)
    }

    func location(of tokens: [String]) -> SourceLocation {
        sourceMap.location(of: tokens)
    }

    /// The target of the local `$ref` text `reference` written at `pointer` (the pointer of the
    /// `$ref` member itself, used for the error position). Follows one hop only.
    public func resolveReference(_ reference: String, at pointer: JSONPointer) throws(SpecError) -> JSONPointer {
        JSONPointer(tokens: try ReferenceResolver(document: self).target(of: reference, writtenAt: pointer.tokens))
    }

    static func readText(atPath path: String) throws(SpecError) -> String {
        do { return try SourceFile.readText(atPath: path) } catch { throw .unreadableFile(path: path, reason: error.reason) }
    }
}

/// "an object", "a string": for messages that name a JSON type.
func article(_ typeName: String) -> String {
    let vowels: Set<Character> = ["a", "e", "i", "o", "u"]
    return (typeName.first.map(vowels.contains) ?? false ? "an " : "a ") + typeName
}
