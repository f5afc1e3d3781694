// One check on a response body, keyed by a JSONPath. The grammar of `expect.json` is
// documented in Scenario.swift; the checks themselves live in AssertionCheck.swift.

import JSON
import JSONSchema
import OpenAPI

/// One assertion of `expect.json`: a JSONPath and what its value must satisfy.
public struct Assertion: Sendable {
    /// The compiled path.
    public var path: JSONPath
    /// The path as written, for messages (`$.first_name`).
    public var pathText: String
    /// What the value must satisfy.
    public var predicate: Predicate
    /// Where the assertion's key stands in the file.
    public var location: SourceLocation

    /// Creates an assertion.
    public init(path: JSONPath, pathText: String, predicate: Predicate, location: SourceLocation) {
        self.path = path
        self.pathText = pathText
        self.predicate = predicate
        self.location = location
    }

    /// The kinds of assertion.
    public enum Predicate: Sendable {
        /// The value equals this (JSON equality: `1 == 1.0`, objects regardless of order).
        case equals(BodyTemplate)
        /// The path finds a value (`true`) or finds nothing (`false`). `null` is a value.
        case exists(Bool)
        /// The value has this JSON type.
        case type(JSONType)
        /// The value is a number and compares so with the operand.
        case compare(Comparison, Double)
        /// The value is an array (elements), string (Unicode scalars, as JSON Schema counts)
        /// or object (members) whose length compares so.
        case length(Comparison, Int)
        /// The value is a string in which the regex finds a match (unanchored; use `^…$`).
        case matches(MatchPattern)
        /// The value equals one of these.
        case oneOf([BodyTemplate])
    }
}

/// A comparison operator of `gt`, `gte`, `lt`, `lte` and length checks.
public enum Comparison: String, Sendable, Hashable, CaseIterable {
    /// `equals` (length checks only; values use the `equals` assertion).
    case equal = "=="
    /// `gt`.
    case greater = ">"
    /// `gte`.
    case greaterOrEqual = ">="
    /// `lt`.
    case less = "<"
    /// `lte`.
    case lessOrEqual = "<="

    /// The scenario-file key of the operator (`gt`, `gte`, `lt`, `lte`, `equals`).
    public var key: String {
        switch self {
        case .equal: return "equals"
        case .greater: return "gt"
        case .greaterOrEqual: return "gte"
        case .less: return "lt"
        case .lessOrEqual: return "lte"
        }
    }

    /// Whether `lhs OP rhs` holds.
    public func holds<T: Comparable>(_ lhs: T, _ rhs: T) -> Bool {
        switch self {
        case .equal: return lhs == rhs
        case .greater: return lhs > rhs
        case .greaterOrEqual: return lhs >= rhs
        case .less: return lhs < rhs
        case .lessOrEqual: return lhs <= rhs
        }
    }
}

/// The JSON types `{type: …}` can require.
public enum JSONType: String, Sendable, Hashable, CaseIterable {
    /// A JSON string.
    case string
    /// Any JSON number, integers included.
    case number
    /// A number without a fractional part (`2.0` counts, as in JSON Schema).
    case integer
    /// `true` or `false`.
    case boolean
    /// A JSON array.
    case array
    /// A JSON object.
    case object
    /// `null`.
    case null

    /// Whether `value` has this type; `number` accepts integers, `integer` accepts `2.0`.
    public func accepts(_ value: JSON) -> Bool {
        switch (self, value) {
        case (.string, .string), (.boolean, .bool), (.array, .array), (.object, .object), (.null, .null),
             (.number, .integer), (.number, .double):
            return true
        case (.integer, .integer): return true
        case (.integer, .double): return value.typeName == "integer"
        default: return false
        }
    }
}

/// A compiled `matches` regex: the same pattern type, dialect and unanchored search as a
/// schema's `pattern` (see PatternRegex.swift in JSONSchema), so a pattern copied between a
/// spec and a scenario file means the same thing in both.
public struct MatchPattern: Sendable {
    /// The compiled pattern.
    public let regex: PatternRegex

    /// The pattern as written.
    public var source: String { regex.source }

    /// Compiles `source`; nil when it is not a valid pattern (`init(compiling:)` says why).
    public init?(_ source: String) {
        guard let regex = try? PatternRegex(source) else { return nil }
        self.regex = regex
    }

    /// Compiles `source`, throwing the engine's reason when it is not a valid pattern.
    public init(compiling source: String) throws {
        regex = try PatternRegex(source)
    }

    /// Whether the pattern matches anywhere in `text`.
    public func matches(_ text: String) -> Bool {
        regex.matches(text)
    }
}
