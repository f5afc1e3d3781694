// Everything a template needs to render: variable values, the environment, a seeded random
// source and a clock. One context per virtual user: it is a value, mutated as it renders
// (the random source advances) and as captures arrive.

import Foundation
import JSON
import OpenAPI
import Quantities

/// The values templates render with, owned by one scenario run (one virtual user).
public struct TemplateContext: Sendable {
    /// Variables by name: defaults, overrides and captures. Strings render raw; other JSON
    /// values render compact, and keep their type where a body leaf is a single expression.
    public var variables: [String: JSON]
    /// Reads an environment variable for `{{env.NAME}}`.
    public var environment: @Sendable (String) -> String?
    /// The source of `uuid`, `random.*`.
    public var random: SeededRandom
    /// The clock of `{{now}}`.
    public var clock: @Sendable () -> Date

    /// Creates a context. `seed` fixes the random sequence (nil: a fresh system seed);
    /// `stream` separates sequences from one seed, e.g. one per virtual user.
    public init(
        variables: [String: JSON] = [:],
        environment: @escaping @Sendable (String) -> String? = TemplateContext.processEnvironment,
        seed: UInt64? = nil,
        stream: UInt64 = 0,
        clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.variables = variables
        self.environment = environment
        self.random = seed.map { SeededRandom(seed: $0, stream: stream) } ?? SeededRandom()
        self.clock = clock
    }

    /// Looks a name up in this process's environment.
    public static let processEnvironment: @Sendable (String) -> String? = { name in
        ProcessInfo.processInfo.environment[name]
    }

    /// The value of one expression (strings for generated text, integers for random.int).
    mutating func evaluate(_ expression: TemplateExpression, at location: SourceLocation) throws(ScenarioError) -> JSON {
        switch expression {
        case .variable(let name):
            guard let value = variables[name] else {
                throw ScenarioError(.undefinedVariable(name: name, defined: variables.keys.sorted()), at: location)
            }
            return value
        case .environment(let name):
            guard let value = environment(name) else {
                throw ScenarioError(.undefinedEnvironmentVariable(name: name), at: location)
            }
            return .string(value)
        case .uuid:
            return .string(RandomText.uuid(using: &random))
        case .now:
            return .string(RFC3339.format(clock()))
        case .randomEmail:
            return .string("user-" + RandomText.alphanumeric(10, using: &random, lowercase: true) + "@example.com")
        case .randomInt(let low, let high):
            return .integer(Int64.random(in: low...high, using: &random))
        case .randomString(let length):
            return .string(RandomText.alphanumeric(length, using: &random, lowercase: false))
        }
    }
}
