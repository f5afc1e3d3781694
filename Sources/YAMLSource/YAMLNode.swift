// A YAML document as a small Sendable tree whose every node and mapping key knows the
// file:line:column where it was written, and whether it was quoted. Yams' own `Node` is not
// Sendable and resolves YAML 1.1 types (`no` → false); here scalars carry YAML 1.2 core-schema
// values (see `YAMLCoreSchema`). Specs and scenario files are both read into it by `YAMLReader`.

import JSON

/// One node of a parsed YAML document, with the position where it starts. `YAMLReader`
/// makes them.
///
/// ```swift
/// let root = try YAMLReader.read("steps:\n  - operation: listAgents\n", file: "smoke.yaml")
/// // root?.content is .mapping; its member "steps" has keyLocation smoke.yaml:1:1
/// ```
public struct YAMLNode: Sendable {
    /// What the node holds.
    public enum Content: Sendable {
        /// A single value.
        case scalar(Scalar)
        /// `key: value` pairs in document order; keys are unique.
        case mapping([Member])
        /// A list, in document order.
        case sequence([YAMLNode])
    }

    /// How a scalar was written; quoted and block scalars are always strings.
    public enum ScalarStyle: Sendable, Hashable {
        /// Unquoted: `42`, `true`, `listAgents`.
        case plain
        /// `'text'`.
        case singleQuoted
        /// `"text"`.
        case doubleQuoted
        /// A literal block, `|`.
        case literal
        /// A folded block, `>`.
        case folded

        /// True for `'single'` and `"double"` quoted text, which starts one column in.
        public var isQuoted: Bool { self == .singleQuoted || self == .doubleQuoted }

        /// True for literal `|` and folded `>` blocks, whose text starts on a later line.
        public var isBlock: Bool { self == .literal || self == .folded }
    }

    /// A scalar's value under the YAML 1.2 core schema.
    public enum ScalarValue: Sendable, Equatable {
        /// `null`, `~` or nothing.
        case null
        /// `true` or `false` (any of three capitalisations); `yes`/`no`/`on`/`off` are strings.
        case bool(Bool)
        /// A decimal, `0o` octal or `0x` hexadecimal integer that fits in Int64 (`0123` is 123).
        case integer(Int64)
        /// A decimal fraction or exponent, `.inf`, `.nan`, or a decimal integer beyond Int64.
        case double(Double)
        /// Anything else, and every quoted or block scalar.
        case string(String)
    }

    /// A scalar with its source text, resolved value and layout.
    public struct Scalar: Sendable {
        /// The scalar's text after YAML unquoting and folding.
        public var text: String
        /// The value under YAML 1.2 core-schema rules (quoted and block scalars are strings).
        public var value: ScalarValue
        /// How it was written.
        public var style: ScalarStyle

        /// True for `'single'` and `"double"` quoted scalars.
        public var isQuoted: Bool { style.isQuoted }

        /// True for literal `|` and folded `>` block scalars.
        public var isBlock: Bool { style.isBlock }
    }

    /// One `key: value` pair of a mapping.
    public struct Member: Sendable {
        /// The key's text (an unquoted `200:` is the key "200").
        public var key: String
        /// Where the key starts (at its opening quote, if quoted).
        public var keyLocation: SourceLocation
        /// True when the key was written in quotes.
        public var keyIsQuoted: Bool
        /// The member's value.
        public var value: YAMLNode
    }

    /// What the node holds.
    public var content: Content
    /// Where the node starts (for a quoted scalar, at its opening quote).
    public var location: SourceLocation

    /// The node as a JSON value: mappings keep their key order.
    public var json: JSON {
        switch content {
        case .scalar(let scalar): return scalar.value.json
        case .sequence(let elements): return .array(elements.map(\.json))
        case .mapping(let members):
            // The reader has rejected duplicate keys.
            return .object(JSONObject(uniqueMembers: members.map { JSONObject.Member(key: $0.key, value: $0.value.json) }))
        }
    }
}

extension YAMLNode.ScalarValue {
    /// The scalar as a JSON value.
    public var json: JSON {
        switch self {
        case .null: return .null
        case .bool(let flag): return .bool(flag)
        case .integer(let integer): return .integer(integer)
        case .double(let double): return .double(double)
        case .string(let string): return .string(string)
        }
    }
}
