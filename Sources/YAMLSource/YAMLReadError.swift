// Why YAML text could not be read into a `YAMLNode` tree, and where: one message for specs
// and scenario files alike.

/// YAML text that does not read: a syntax error from libyaml or a shape JSON cannot hold.
public struct YAMLReadError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong.
    public enum Problem: Sendable, Equatable {
        /// libyaml's complaint, with what it was in the middle of and where that started:
        /// `did not find expected ',' or '}' (while parsing a flow mapping at line 3, column 13)`.
        case syntax(String)
        /// The same key twice in one mapping (`'200'` and `200` are the same key).
        case duplicateKeys([String])
        /// A mapping or list used as a mapping key; usually `key: {{name}}` left unquoted.
        case nonScalarKey
        /// An explicit tag (`!!int`, `!!bool`…) whose text does not fit it.
        case valueDoesNotFitTag(text: String, tag: String)
        /// An alias that names no anchor.
        case unresolvedAlias(String)
        /// Anything else Yams reports, as it describes it.
        case other(String)
    }

    /// What is wrong.
    public var problem: Problem
    /// Where: the offending character or node, line 1 column 1 when Yams gives no position.
    public var location: SourceLocation

    /// An error `problem` at `location`.
    public init(_ problem: Problem, at location: SourceLocation) {
        self.problem = problem
        self.location = location
    }

    /// The problem in words, without the location.
    public var message: String {
        switch problem {
        case .syntax(let message):
            return message
        case .duplicateKeys(let keys):
            return "duplicate key \(keys.map { "'\($0)'" }.joined(separator: ", ")) in a mapping"
        case .nonScalarKey:
            return "a mapping or list cannot be a key"
        case .valueDoesNotFitTag(let text, let tag):
            return "'\(text)' is not a valid \(tag)"
        case .unresolvedAlias(let anchor):
            return "unresolved alias '\(anchor)'"
        case .other(let description):
            return description
        }
    }

    /// `file:line:column: message`.
    public var description: String { "\(location): \(message)" }
}
