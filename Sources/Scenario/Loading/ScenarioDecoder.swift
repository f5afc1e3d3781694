// Turns a scenario file's YAML tree into a ScenarioFile: the top-level keys and variables.
// Steps are decoded in StepDecoder.swift, expectations in ExpectationDecoder.swift.

import OpenAPI
import YAMLSource

/// Decodes one scenario document, checking operations against `index`.
struct ScenarioDecoder {
    static let keys = ["name", "description", "tags", "variables", "steps"]

    let file: String
    let index: OperationIndex

    func decode(_ root: YAMLNode) throws(ScenarioError) -> ScenarioFile {
        let mapping = try MappingReader(root, key: "scenario", context: "scenario", allowed: Self.keys)
        let name = try mapping.member("name")?.value.string(key: "name") ?? Self.defaultName(for: file)
        if let description = mapping.member("description") { _ = try description.value.string(key: "description") }
        let tags = try mapping.member("tags").map { member throws(ScenarioError) in try decodeTags(member.value) } ?? []
        let variables = try mapping.member("variables").map { member throws(ScenarioError) in try decodeVariables(member.value) } ?? []

        let stepsMember = try mapping.required("steps")
        let stepNodes = try stepsMember.value.sequenceElements(key: "steps")
        guard !stepNodes.isEmpty else {
            throw ScenarioError(.wrongType(key: "steps", expected: "a list of at least one step", found: "an empty list"), at: stepsMember.value.location)
        }
        var steps: [Step] = []
        for (position, node) in stepNodes.enumerated() {
            steps.append(try StepDecoder(file: file, index: index).decode(node, position: position))
        }
        return ScenarioFile(name: name, file: file, tags: tags, variables: variables, steps: steps)
    }

    private func decodeTags(_ node: YAMLNode) throws(ScenarioError) -> [String] {
        if case .scalar = node.content { return [try node.string(key: "tags")] }
        var tags: [String] = []
        for element in try node.sequenceElements(key: "tags") { tags.append(try element.string(key: "tags")) }
        return tags
    }

    private func decodeVariables(_ node: YAMLNode) throws(ScenarioError) -> [VariableDefault] {
        var variables: [VariableDefault] = []
        for member in try node.mappingMembers(key: "variables") {
            try Self.checkVariableName(member.key, at: member.keyLocation, role: "variable name")
            variables.append(VariableDefault(name: member.key, value: try BodyTemplate.from(member.value), location: member.keyLocation))
        }
        return variables
    }

    /// Variables and captures share one namespace with template expressions.
    static func checkVariableName(_ name: String, at location: SourceLocation, role: String) throws(ScenarioError) {
        guard TemplateExpression.isValidVariableName(name) else {
            throw ScenarioError(.invalidValue(key: role, value: name, reason: "use letters, digits and '_', starting with a letter or '_'"), at: location)
        }
        guard !TemplateExpression.reservedNames.contains(name) else {
            throw ScenarioError(.invalidValue(key: role, value: name, reason: "'\(name)' is reserved for template expressions; choose another name"), at: location)
        }
    }

    /// `browse-agents` for `scenarios/contract/browse-agents.yaml`.
    static func defaultName(for file: String) -> String {
        let base = file.split(separator: "/").last.map(String.init) ?? file
        for suffix in [".yaml", ".yml"] where base.hasSuffix(suffix) {
            return String(base.dropLast(suffix.count))
        }
        return base
    }
}
