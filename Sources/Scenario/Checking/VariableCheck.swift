// The static check that every `{{name}}` is defined before anything is sent: variables in
// file order, overrides, and captures of earlier steps only.

import OpenAPI

extension ScenarioFile {
    /// Checks every template of the scenario against the names defined where it stands.
    ///
    /// `defined` holds the override names (`--var`, `FCHARNESS_VAR_*`, see
    /// `variableOverrides(flags:environment:)`). Walking in order: each default of
    /// `variables` may use overrides and earlier defaults (an overridden default is never
    /// rendered, so its template is not checked); each step may use all variables and the
    /// captures of the steps before it. With `environment`, `{{env.NAME}}` must be set too.
    /// The error names the first undefined use, with the names defined at that point.
    public func checkVariables(defined: Set<String>, environment: ((String) -> String?)? = nil) throws(ScenarioError) {
        var known = defined
        for variable in variables {
            if !defined.contains(variable.name) {
                try Self.check(variable.value.expressions, known: known, environment: environment)
            }
            known.insert(variable.name)
        }
        for step in steps {
            try Self.check(step.expressions, known: known, environment: environment)
            for capture in step.captures { known.insert(capture.name) }
        }
    }

    private static func check(
        _ expressions: [(expression: TemplateExpression, location: SourceLocation)],
        known: Set<String>, environment: ((String) -> String?)?
    ) throws(ScenarioError) {
        for (expression, location) in expressions {
            switch expression {
            case .variable(let name) where !known.contains(name):
                throw ScenarioError(.undefinedVariable(name: name, defined: known.sorted()), at: location)
            case .environment(let name):
                if let environment, environment(name) == nil {
                    throw ScenarioError(.undefinedEnvironmentVariable(name: name), at: location)
                }
            default:
                break
            }
        }
    }
}

extension Step {
    /// Every expression of the step's templates, in file order: path, query, headers, body,
    /// then expected values of assertions.
    public var expressions: [(expression: TemplateExpression, location: SourceLocation)] {
        var all = (path + query + headers).flatMap(\.template.expressions)
        if let body { all += body.expressions }
        for assertion in expect.assertions {
            switch assertion.predicate {
            case .equals(let expected): all += expected.expressions
            case .oneOf(let options): all += options.flatMap(\.expressions)
            default: break
            }
        }
        return all
    }
}
