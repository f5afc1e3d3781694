// One request of a scenario: which operation, how to fill its parameters and body, what to
// expect back and what to keep for later steps.

import OpenAPI

/// One step of a scenario.
public struct Step: Sendable {
    /// The 0-based position in the scenario (messages say `step \(index + 1)`).
    public var index: Int
    /// An optional `name` describing the step, for reports.
    public var name: String?
    /// The spec's operationId; method and path come from the spec.
    public var operationId: String
    /// Where the step's mapping starts.
    public var location: SourceLocation
    /// Where the `operation` value stands.
    public var operationLocation: SourceLocation
    /// Values for the path template's `{parameters}`.
    public var path: [NamedTemplate]
    /// Query parameters in order; a list value in the file gives repeated entries.
    public var query: [NamedTemplate]
    /// Extra request headers in order.
    public var headers: [NamedTemplate]
    /// The JSON request body, if any.
    public var body: BodyTemplate?
    /// What the response must satisfy beyond the spec.
    public var expect: Expectation
    /// Values to take from the response body for later steps, in file order.
    public var captures: [Capture]

    /// Creates a step from parts (the loader is the usual way in).
    public init(
        index: Int, name: String? = nil, operationId: String, location: SourceLocation, operationLocation: SourceLocation,
        path: [NamedTemplate] = [], query: [NamedTemplate] = [], headers: [NamedTemplate] = [],
        body: BodyTemplate? = nil, expect: Expectation, captures: [Capture] = []
    ) {
        self.index = index
        self.name = name
        self.operationId = operationId
        self.location = location
        self.operationLocation = operationLocation
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
        self.expect = expect
        self.captures = captures
    }

    /// `step 2 (getUser)`, for messages.
    public var label: String { "step \(index + 1) (\(operationId))" }
}

/// The `expect` block of a step.
public struct Expectation: Sendable {
    /// The accepted status codes; nil when the step does not say (the runner decides).
    public var status: StatusExpectation?
    /// Assertions on the response body, in file order.
    public var assertions: [Assertion]

    /// Creates an expectation.
    public init(status: StatusExpectation? = nil, assertions: [Assertion] = []) {
        self.status = status
        self.assertions = assertions
    }
}
