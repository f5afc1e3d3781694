// `capture: { name: $.path }`: a value taken from a response body for later steps.

import JSON
import OpenAPI

/// One capture of a step.
public struct Capture: Sendable {
    /// The variable name later steps use (`{{name}}`).
    public var name: String
    /// The compiled path into the response body.
    public var path: JSONPath
    /// The path as written.
    public var pathText: String
    /// Where the capture's name stands in the file.
    public var location: SourceLocation

    /// Creates a capture.
    public init(name: String, path: JSONPath, pathText: String, location: SourceLocation) {
        self.name = name
        self.path = path
        self.pathText = pathText
        self.location = location
    }

    /// The value the path finds in `body` (nil: the response had no JSON body). Store it in
    /// `TemplateContext.variables[name]`; templates render strings raw, other values compact.
    public func value(from body: JSON?) throws(CaptureFailure) -> JSON {
        guard let body else { throw CaptureFailure(capture: self, reason: .noBody) }
        guard let value = path.evaluate(body) else { throw CaptureFailure(capture: self, reason: .nothingFound) }
        return value
    }
}

/// A capture that found no value: later steps using it cannot run.
public struct CaptureFailure: Error, Sendable, CustomStringConvertible {
    /// Why the capture found nothing.
    public enum Reason: Sendable, Equatable {
        /// The response had no body, or it was not JSON.
        case noBody
        /// The body has nothing at the path.
        case nothingFound
    }

    /// The variable name.
    public var name: String
    /// The path as written.
    public var pathText: String
    /// Where the capture stands in the file.
    public var location: SourceLocation
    /// Why it failed.
    public var reason: Reason

    init(capture: Capture, reason: Reason) {
        self.name = capture.name
        self.pathText = capture.pathText
        self.location = capture.location
        self.reason = reason
    }

    /// `file:line:column: capture 'user_id' ($.id) found nothing in the response body`.
    public var description: String {
        switch reason {
        case .noBody: return "\(location): capture '\(name)' (\(pathText)) found nothing: the response has no JSON body"
        case .nothingFound: return "\(location): capture '\(name)' (\(pathText)) found nothing in the response body"
        }
    }
}
