// The one error type of scenario and load-profile files: where the problem is, and what
// was expected there, in words a person can act on.

import YAMLSource

/// A problem in a scenario or load-profile file, at a `file:line:column`.
///
/// Every loader and checker in this module throws this type; `description` reads
/// `file:line:column: what is wrong (what was expected)`, the form editors jump to.
public struct ScenarioError: Error, Sendable, CustomStringConvertible {
    /// Where the problem is; for unreadable files, the file as a whole (line 0).
    public var location: SourceLocation
    /// What is wrong.
    public var problem: Problem

    /// Creates an error at a location.
    public init(_ problem: Problem, at location: SourceLocation) {
        self.location = location
        self.problem = problem
    }

    /// What went wrong, with the names and values a person needs to fix it.
    public enum Problem: Sendable, Equatable, CustomStringConvertible {
        /// The file or folder could not be read; `reason` is the system's explanation.
        case unreadable(reason: String)
        /// The text is not valid YAML; `reason` is libyaml's explanation.
        case yamlSyntax(reason: String)
        /// A mapping has a key this format does not know; `suggestion` is the nearest valid key.
        case unknownKey(key: String, context: String, allowed: [String], suggestion: String?)
        /// A required key is absent from a mapping.
        case missingKey(key: String, context: String)
        /// A value has the wrong YAML type, e.g. a list where a mapping belongs.
        case wrongType(key: String, expected: String, found: String)
        /// A value has the right type but is not acceptable (a bad regex, duration, name...).
        case invalidValue(key: String, value: String, reason: String)
        /// `operation` names no operationId of the spec; `suggestions` are the nearest ones.
        case unknownOperation(operationId: String, suggestions: [String])
        /// The step's `path` map lacks a parameter the operation's path template needs.
        case missingPathParameter(name: String, operationId: String, pathTemplate: String)
        /// The step's `path` map names a parameter the operation's path template lacks.
        case unexpectedPathParameter(name: String, operationId: String, declared: [String])
        /// A JSONPath in `capture` or `expect.json` does not parse.
        case invalidJSONPath(path: String, reason: String)
        /// `expect.status` holds something that is not an HTTP status code or class.
        case invalidStatus(value: String)
        /// A `{{…}}` template does not parse.
        case invalidTemplate(reason: String)
        /// A template names a variable that no default, override or earlier capture defines.
        case undefinedVariable(name: String, defined: [String])
        /// A template reads `{{env.NAME}}` but the environment has no `NAME`.
        case undefinedEnvironmentVariable(name: String)

        /// The message after the location.
        public var description: String {
            switch self {
            case .unreadable(let reason):
                return "cannot read: \(reason)"
            case .yamlSyntax(let reason):
                return "invalid YAML: \(reason)"
            case .unknownKey(let key, let context, let allowed, let suggestion):
                let hint = suggestion.map { " (did you mean '\($0)'?)" } ?? ""
                return "unknown key '\(key)' in \(context)\(hint); expected one of: \(allowed.joined(separator: ", "))"
            case .missingKey(let key, let context):
                return "missing key '\(key)' in \(context)"
            case .wrongType(let key, let expected, let found):
                return "'\(key)' must be \(expected), found \(found)"
            case .invalidValue(let key, let value, let reason):
                return "invalid \(key) '\(value)': \(reason)"
            case .unknownOperation(let operationId, let suggestions):
                let hint = suggestions.isEmpty ? "" : " (did you mean \(suggestions.joined(separator: ", "))?)"
                return "unknown operation '\(operationId)'\(hint)"
            case .missingPathParameter(let name, let operationId, let pathTemplate):
                return "path parameter '\(name)' of \(operationId) (\(pathTemplate)) has no value: add it under 'path'"
            case .unexpectedPathParameter(let name, let operationId, let declared):
                let list = declared.isEmpty ? "none" : declared.joined(separator: ", ")
                return "\(operationId) has no path parameter '\(name)' (its path parameters: \(list))"
            case .invalidJSONPath(let path, let reason):
                return "invalid JSONPath '\(path)': \(reason)"
            case .invalidStatus(let value):
                return "invalid status '\(value)': expected an HTTP status code 100-599, a class like 2xx, or a list of them"
            case .invalidTemplate(let reason):
                return "invalid template: \(reason)"
            case .undefinedVariable(let name, let defined):
                let list = defined.isEmpty ? "none" : defined.joined(separator: ", ")
                return "undefined variable '\(name)' (defined here: \(list))"
            case .undefinedEnvironmentVariable(let name):
                return "environment variable '\(name)' is not set"
            }
        }
    }

    /// `file:line:column: message`, or `file: message` when the problem is the whole file.
    public var description: String {
        location.isWholeFile ? "\(location.file): \(problem)" : "\(location): \(problem)"
    }
}
