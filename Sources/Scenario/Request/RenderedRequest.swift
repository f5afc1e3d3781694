// A step rendered into a transport-free request description: method, path, query,
// headers and body bytes. The Contract runner joins it with the base URL and sends it.

import JSON
import OpenAPI

/// What to send for one step, without base URL or any HTTP library type.
public struct RenderedRequest: Sendable, Equatable {
    /// One `name=value` pair or header, in order.
    public struct Field: Sendable, Equatable {
        /// The name as written in the scenario.
        public var name: String
        /// The rendered value (not percent-encoded).
        public var value: String

        /// Creates a field.
        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    /// The operationId the request is for.
    public var operationId: String
    /// The HTTP method, upper case (`GET`, `POST`).
    public var method: String
    /// The path template filled with percent-encoded values, e.g. `/users/a%2Fb`
    /// (`Operation.path(with:)`: only unreserved characters stay as they are).
    public var path: String
    /// The query parameters in order, rendered but not encoded.
    public var query: [Field]
    /// The request headers in order; includes `Content-Type: application/json` when there is
    /// a body and the step sets no content type itself.
    public var headers: [Field]
    /// The body as compact JSON bytes, or nil for no body.
    public var body: [UInt8]?

    /// Creates a request description.
    public init(operationId: String, method: String, path: String, query: [Field], headers: [Field], body: [UInt8]?) {
        self.operationId = operationId
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
    }

    /// The path with the percent-encoded query appended: `/users?limit=10&q=a%20b`.
    public var pathAndQuery: String {
        guard !query.isEmpty else { return path }
        let pairs = query.map { PercentEncoding.encodeQueryComponent($0.name) + "=" + PercentEncoding.encodeQueryComponent($0.value) }
        return path + "?" + pairs.joined(separator: "&")
    }
}

extension Step {
    /// Renders the step for `operation` (the spec's entry for `operationId`): fills the path
    /// template, renders query, headers and body with `context`.
    public func render(for operation: Operation, context: inout TemplateContext) throws(ScenarioError) -> RenderedRequest {
        var pathValues: [String: String] = [:]
        for entry in path { pathValues[entry.name] = try entry.template.render(&context) }
        var queryFields: [RenderedRequest.Field] = []
        for entry in query { queryFields.append(.init(name: entry.name, value: try entry.template.render(&context))) }
        var headerFields: [RenderedRequest.Field] = []
        for entry in headers { headerFields.append(.init(name: entry.name, value: try entry.template.render(&context))) }
        var bodyBytes: [UInt8]?
        if let body {
            bodyBytes = try body.render(&context).serializedBytes()
            if !headerFields.contains(where: { $0.name.lowercased() == "content-type" }) {
                headerFields.append(.init(name: "Content-Type", value: "application/json"))
            }
        }
        let filledPath: String
        do {
            filledPath = try operation.path(with: pathValues)
        } catch {
            // The loader checked the path map against the template; this is a step built by hand.
            throw ScenarioError(
                .missingPathParameter(name: error.missingName, operationId: operationId, pathTemplate: operation.pathTemplate),
                at: location)
        }
        return RenderedRequest(
            operationId: operationId, method: operation.method.uppercased(), path: filledPath,
            query: queryFields, headers: headerFields, body: bodyBytes)
    }
}

extension PathTemplateError {
    /// The parameter that had no value.
    var missingName: String {
        switch self {
        case .missingPathParameter(let name, _): return name
        }
    }
}
