// The in-memory form of one scenario file: a named, tagged list of steps with variable
// defaults. Built by ScenarioLoader; read by the runner in Contract and Load.

import OpenAPI

/// One scenario file, parsed and checked against the spec's operations.
public struct ScenarioFile: Sendable {
    /// The scenario's `name`, or the file name without extension when the file has none.
    public var name: String
    /// The file path as given to the loader (or the name given to `load(text:name:index:)`).
    public var file: String
    /// The `tags`, for `contract --tag`.
    public var tags: [String]
    /// The `variables` defaults, in file order; later ones may use earlier ones.
    public var variables: [VariableDefault]
    /// The steps, in order.
    public var steps: [Step]
    /// The text the scenario was decoded from ("" when built from parts): a load run's profile
    /// hash covers it, so the file is read once.
    public var text: String

    /// Creates a scenario from parts (the loader is the usual way in).
    public init(name: String, file: String, tags: [String], variables: [VariableDefault], steps: [Step], text: String = "") {
        self.name = name
        self.file = file
        self.tags = tags
        self.variables = variables
        self.steps = steps
        self.text = text
    }
}

/// One entry of `variables:` — a default value that overrides may replace.
public struct VariableDefault: Sendable {
    /// The variable's name.
    public var name: String
    /// The value: any YAML value, whose strings may hold templates (`"{{env.APP_ID}}"`).
    public var value: BodyTemplate
    /// Where the name stands in the file.
    public var location: SourceLocation

    /// Creates a default.
    public init(name: String, value: BodyTemplate, location: SourceLocation) {
        self.name = name
        self.value = value
        self.location = location
    }
}

/// A `name: template` entry of a step's `path`, `query` or `headers`, in file order.
public struct NamedTemplate: Sendable {
    /// The parameter or header name.
    public var name: String
    /// The value to render.
    public var template: Template
    /// Where the name stands in the file.
    public var location: SourceLocation

    /// Creates an entry.
    public init(name: String, template: Template, location: SourceLocation) {
        self.name = name
        self.template = template
        self.location = location
    }
}
