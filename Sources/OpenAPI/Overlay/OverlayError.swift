// Everything that can be wrong with an overlay file or with applying it, each case carrying
// what a person needs to fix it: the overlay's file:line:column and, once actions run, which
// action and which selected node.

import JSON
import YAMLSource

/// Why an overlay could not be read or applied.
///
/// `description` reads `overlay.yaml:12:13: what is wrong`, or `overlay.yaml: …` when the
/// problem is the file as a whole (it cannot be read).
public struct OverlayError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong.
    public enum Problem: Sendable, Equatable, CustomStringConvertible {
        /// The file cannot be read: missing, a directory, no permission, not UTF-8.
        case unreadable(reason: String)
        /// The text is not valid YAML (or JSON); `message` is the parser's.
        case syntax(message: String)
        /// The text is YAML but not an Overlay document (empty, a list, an OpenAPI document).
        case notOverlay(reason: String)
        /// `overlay:` names a version this reader does not implement (only 1.x does).
        case unsupportedVersion(String)
        /// A key the Overlay specification does not define here; `suggestion` is the nearest one.
        case unknownKey(key: String, context: String, allowed: [String], suggestion: String?)
        /// A required key is absent.
        case missingKey(key: String, context: String)
        /// A value of the wrong YAML type.
        case wrongType(key: String, context: String, expected: String, found: String)
        /// `actions` is an empty list.
        case noActions
        /// An action's `target` is not an RFC 9535 JSONPath query.
        case invalidTarget(action: Int, JSONPathQueryError)
        /// An action has neither `update` nor `remove: true`, so it would change nothing.
        case noChange(action: Int)
        /// `update` does not fit a node the target selected (e.g. a string target in Overlay 1.0,
        /// or a list given for an object).
        case updateDoesNotFit(action: Int, target: String, node: String, reason: String)
        /// `remove: true` on a target that selects the whole document.
        case removesRoot(action: Int, target: String)

        /// The message after the location.
        public var description: String {
            switch self {
            case .unreadable(let reason):
                return "cannot read the overlay: \(reason)"
            case .syntax(let message):
                return "invalid YAML: \(message)"
            case .notOverlay(let reason):
                return "not an Overlay document: \(reason)"
            case .unsupportedVersion(let version):
                return "overlay version '\(version)' is not supported; expected 1.x (e.g. 1.0.0)"
            case .unknownKey(let key, let context, let allowed, let suggestion):
                let hint = suggestion.map { " (did you mean '\($0)'?)" } ?? ""
                return "unknown key '\(key)' in \(context)\(hint); expected one of: \(allowed.joined(separator: ", ")) or an x- extension"
            case .missingKey(let key, let context):
                return "missing key '\(key)' in \(context)"
            case .wrongType(let key, let context, let expected, let found):
                return "'\(key)' in \(context) must be \(expected), found \(found)"
            case .noActions:
                return "'actions' is empty; an overlay needs at least one action"
            case .invalidTarget(let action, let error):
                return "action \(action): target \"\(error.query)\" is not valid JSONPath (RFC 9535): \(error.message)"
            case .noChange(let action):
                return "action \(action) has neither 'update' nor 'remove: true', so it would change nothing"
            case .updateDoesNotFit(let action, let target, let node, let reason):
                return "action \(action) (target \(target)): cannot update \(node): \(reason)"
            case .removesRoot(let action, let target):
                return "action \(action) (target \(target)): 'remove: true' cannot remove the whole document"
            }
        }
    }

    /// What is wrong.
    public var problem: Problem
    /// Where, in the overlay; nil when the problem is the file as a whole.
    public var location: SourceLocation?
    /// The overlay file, as given.
    public var file: String

    /// An error at `location` in the overlay.
    public init(_ problem: Problem, at location: SourceLocation) {
        self.problem = problem
        self.location = location
        file = location.file
    }

    /// An error about the overlay `file` as a whole.
    public init(_ problem: Problem, file: String) {
        self.problem = problem
        location = nil
        self.file = file
    }

    /// `file:line:column: message`, or `file: message` for the file as a whole.
    public var description: String {
        if let location { return "\(location): \(problem)" }
        return "\(file): \(problem)"
    }
}
