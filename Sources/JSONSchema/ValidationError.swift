// What a failed validation reports: where in the instance, which keyword (by its path in the
// schema, through `$ref`s), and a message saying what was expected and what was found.

import JSON

/// One reason an instance does not match a schema.
public struct ValidationError: Sendable, Equatable, CustomStringConvertible {
    /// Where in the validated document the problem is (`/conversations/3/status`).
    public var instanceLocation: JSONPointer
    /// The path of the failing keyword in the schema as evaluated, `$ref`s included
    /// (`/properties/conversations/items/$ref/properties/status/enum`).
    public var keywordLocation: String
    /// The failing keyword's name (`enum`, `required`, `format`, ...).
    public var keyword: String
    /// What was expected and what was found (`"closed" is not one of new, assigned, ...`).
    public var message: String

    /// Creates an error (validation builds these; tests and tools may too).
    public init(instanceLocation: JSONPointer, keywordLocation: String, keyword: String, message: String) {
        self.instanceLocation = instanceLocation
        self.keywordLocation = keywordLocation
        self.keyword = keyword
        self.message = message
    }

    /// `/conversations/3/status: "closed" is not one of new, assigned, resolved, reopened`
    /// (the document root shows as `/`).
    public var description: String {
        let location = instanceLocation.description
        return (location.isEmpty ? "/" : location) + ": " + message
    }

    public static func == (lhs: ValidationError, rhs: ValidationError) -> Bool {
        lhs.instanceLocation.description == rhs.instanceLocation.description
            && lhs.keywordLocation == rhs.keywordLocation && lhs.keyword == rhs.keyword && lhs.message == rhs.message
    }
}

/// Why a schema could not be compiled. Every case names the schema location (a URI with a
/// JSON Pointer fragment) so the schema's author can find the spot.
public enum SchemaCompileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A `$ref` / `$dynamicRef` whose target is in no known document (register it in the SchemaRegistry).
    case unresolvableReference(reference: String, resolvedURI: String, at: String)
    /// A keyword whose value has the wrong shape (`"minimum": "ten"`).
    case invalidKeyword(keyword: String, expected: String, at: String)
    /// A `pattern` / `patternProperties` regex the engine rejects.
    case invalidPattern(pattern: String, reason: String, at: String)
    /// Something other than an object or a boolean where a schema must be.
    case notASchema(at: String)
    /// `Schema(document:pointer:)` was given a pointer that names nothing in the document.
    case pointerNotFound(pointer: String)

    public var description: String {
        switch self {
        case let .unresolvableReference(reference, resolvedURI, at):
            return "\(at): cannot resolve \"\(reference)\" (resolved to \(resolvedURI)); no such schema is known — register the document in the SchemaRegistry"
        case let .invalidKeyword(keyword, expected, at):
            return "\(at): \"\(keyword)\" must be \(expected)"
        case let .invalidPattern(pattern, reason, at):
            return "\(at): invalid regular expression \"\(pattern)\": \(reason)"
        case let .notASchema(at):
            return "\(at): expected a schema (an object or a boolean)"
        case let .pointerNotFound(pointer):
            return "no value at JSON Pointer \"\(pointer)\" in the document"
        }
    }
}
