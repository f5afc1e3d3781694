// What `fcharness generate` writes, before it is text: scenarios in the shape of hand-written
// ones, with the reasons for each step kept as comments, and the spec gaps met on the way.

import JSON

/// One scenario file `generate` writes.
public struct GeneratedScenario: Sendable, Equatable {
    /// The file name under `--out` (`users-lifecycle.yaml`).
    public var fileName: String
    /// The scenario's `name`.
    public var name: String
    /// The `tags`.
    public var tags: [String]
    /// Comment lines for the top of the file (without `# `).
    public var header: [String]
    /// `variables:` defaults, for values no operation of the spec returns.
    public var variables: [GeneratedVariable]
    /// The steps in calling order.
    public var steps: [GeneratedStep]
    /// Comment lines written after the last step (spec gaps met in this file, say).
    public var trailer: [String]
}

/// One `variables:` entry of a generated scenario.
public struct GeneratedVariable: Sendable, Equatable {
    /// The variable's name.
    public var name: String
    /// Its default, a value the spec's schema allows.
    public var value: JSON
    /// Why it is a variable.
    public var comment: String
}

/// One step of a generated scenario: the parts of a hand-written step that `generate` fills.
public struct GeneratedStep: Sendable, Equatable {
    /// Comment lines above the step: why it is there.
    public var comment: [String]
    /// The step's `name`, when it needs one to be told apart.
    public var name: String?
    /// The operation.
    public var operationId: String
    /// Path parameter values (templates like `{{user_id}}` allowed), in path order.
    public var path: [NamedText]
    /// Query parameters, in spec order.
    public var query: [NamedText]
    /// Extra headers (`""` sends none: how a step goes without its token).
    public var headers: [NamedText]
    /// The JSON body; string leaves may be templates.
    public var body: JSON?
    /// The accepted statuses, as the spec writes them (`200`, `4XX`).
    public var expectedStatuses: [String]
    /// Values to keep for later steps: name and JSONPath into the response body.
    public var captures: [NamedText]
}

/// A name and a text value, in file order.
public struct NamedText: Sendable, Equatable {
    /// The name.
    public var name: String
    /// The value.
    public var value: String

    /// A pair.
    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}

/// A negative case the spec documents no refusal for: it cannot be written as a step with an
/// expected status, so it is reported instead of being dropped.
public struct SpecGap: Sendable, Equatable, CustomStringConvertible {
    /// The operation.
    public var operationId: String
    /// What the case sends (`query items_per_page above maximum 50`).
    public var caseName: String
    /// The status class the case called for (`401`, `404`, `400 or 422`).
    public var wanted: String

    /// `listAgents: query items_per_page above maximum 50 — the spec documents no 400 or 422 (nor 4XX)`.
    public var description: String {
        "\(operationId): \(caseName) — the spec documents no \(wanted) (nor 4XX) for it"
    }
}
