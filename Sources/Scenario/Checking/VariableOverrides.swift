// Where variable values come from, in order of precedence: `--var NAME=VALUE` flags, then
// `FCHARNESS_VAR_NAME` environment variables, then the scenario's `variables` defaults.

import JSON

extension ScenarioFile {
    /// The prefix of environment variables that override scenario variables.
    public static let environmentOverridePrefix = "FCHARNESS_VAR_"

    /// The overrides that apply to this scenario, flags winning over the environment.
    ///
    /// `environment` is the whole process environment; only `FCHARNESS_VAR_*` entries count.
    /// Environment names are matched to the scenario's declared variables ignoring case
    /// (`FCHARNESS_VAR_APP_ID` sets `app_id`), since environment names are upper case by
    /// custom; an undeclared name is kept as written. Flags use the name as written.
    public func variableOverrides(flags: [String: String], environment: [String: String]) -> [String: String] {
        var overrides: [String: String] = [:]
        let declared = variables.map(\.name)
        for (key, value) in environment where key.hasPrefix(Self.environmentOverridePrefix) {
            let name = String(key.dropFirst(Self.environmentOverridePrefix.count))
            guard !name.isEmpty else { continue }
            let match = declared.first { $0 == name } ?? declared.first { $0.lowercased() == name.lowercased() } ?? name
            overrides[match] = value
        }
        for (name, value) in flags { overrides[name] = value }
        return overrides
    }

    /// Sets the starting variables of one run in `context`: `overrides` as strings (they are
    /// values, not templates), then each default not overridden, rendered in file order so
    /// it may use the ones before it, the environment and the random source.
    public func applyVariables(overrides: [String: String], to context: inout TemplateContext) throws(ScenarioError) {
        for (name, value) in overrides { context.variables[name] = .string(value) }
        for variable in variables where overrides[variable.name] == nil {
            context.variables[variable.name] = try variable.value.render(&context)
        }
    }

    /// Splits a `--var NAME=VALUE` flag at its first `=`; nil when there is none or the
    /// name is not a valid variable name.
    public static func parseVariableAssignment(_ text: String) -> (name: String, value: String)? {
        guard let equals = text.firstIndex(of: "=") else { return nil }
        let name = String(text[..<equals])
        guard TemplateExpression.isValidVariableName(name) else { return nil }
        return (name, String(text[text.index(after: equals)...]))
    }
}
