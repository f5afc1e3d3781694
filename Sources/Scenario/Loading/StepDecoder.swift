// Decodes one step: resolves its operationId against the spec, checks its path parameters
// against the operation's path template, and parses its templates, body and captures.

import JSON
import OpenAPI
import YAMLSource

/// Decodes the steps of one scenario file.
struct StepDecoder {
    static let keys = ["name", "operation", "path", "query", "headers", "body", "expect", "capture"]

    let file: String
    let index: OperationIndex

    func decode(_ node: YAMLNode, position: Int) throws(ScenarioError) -> Step {
        let context = "step \(position + 1)"
        let mapping = try MappingReader(node, key: context, context: context, allowed: Self.keys)
        let operationMember = try mapping.required("operation")
        let operationId = try operationMember.value.string(key: "operation")
        guard let operation = index.operation(id: operationId) else {
            throw ScenarioError(
                .unknownOperation(operationId: operationId, suggestions: index.suggestions(for: operationId, limit: 3)),
                at: operationMember.value.location)
        }

        let path = try mapping.member("path").map { member throws(ScenarioError) in try namedTemplates(member, allowLists: false) } ?? []
        try checkPathParameters(path, of: operation, operationId: operationId, pathMember: mapping.member("path"), step: node)
        let query = try mapping.member("query").map { member throws(ScenarioError) in try namedTemplates(member, allowLists: true) } ?? []
        let headers = try mapping.member("headers").map { member throws(ScenarioError) in try namedTemplates(member, allowLists: false) } ?? []
        let body = try mapping.member("body").map { member throws(ScenarioError) in try BodyTemplate.from(member.value) }
        let expect = try mapping.member("expect").map { member throws(ScenarioError) in try ExpectationDecoder.decode(member.value) } ?? Expectation()
        let captures = try mapping.member("capture").map { member throws(ScenarioError) in try decodeCaptures(member.value) } ?? []
        let name = try mapping.member("name")?.value.string(key: "name")

        return Step(
            index: position, name: name, operationId: operationId, location: node.location,
            operationLocation: operationMember.value.location, path: path, query: query, headers: headers,
            body: body, expect: expect, captures: captures)
    }

    /// `name: value` entries whose values are templates; with `allowLists`, a list value
    /// gives one entry per element (repeated query parameters).
    private func namedTemplates(_ member: YAMLNode.Member, allowLists: Bool) throws(ScenarioError) -> [NamedTemplate] {
        var entries: [NamedTemplate] = []
        for entry in try member.value.mappingMembers(key: member.key) {
            let key = "\(member.key).\(entry.key)"
            if allowLists, case .sequence(let elements) = entry.value.content {
                for element in elements {
                    entries.append(NamedTemplate(name: entry.key, template: try Self.template(element, key: key), location: entry.keyLocation))
                }
            } else {
                entries.append(NamedTemplate(name: entry.key, template: try Self.template(entry.value, key: key), location: entry.keyLocation))
            }
        }
        return entries
    }

    /// A scalar as a template: strings are parsed, numbers and booleans kept as written.
    static func template(_ node: YAMLNode, key: String) throws(ScenarioError) -> Template {
        let scalar = try node.scalar(key: key)
        switch scalar.value {
        case .null:
            throw ScenarioError(.wrongType(key: key, expected: "a value", found: node.kindDescription), at: node.location)
        case .string(let text):
            return try Template(parsing: text, at: node.contentLocation)
        default:
            return Template(literal: scalar.text)
        }
    }

    private func checkPathParameters(
        _ values: [NamedTemplate], of operation: Operation, operationId: String, pathMember: YAMLNode.Member?, step: YAMLNode
    ) throws(ScenarioError) {
        let declared = PathTemplate(operation.pathTemplate).variableNames
        for value in values where !declared.contains(value.name) {
            throw ScenarioError(.unexpectedPathParameter(name: value.name, operationId: operationId, declared: declared), at: value.location)
        }
        for name in declared where !values.contains(where: { $0.name == name }) {
            throw ScenarioError(
                .missingPathParameter(name: name, operationId: operationId, pathTemplate: operation.pathTemplate),
                at: pathMember?.keyLocation ?? step.location)
        }
    }

    private func decodeCaptures(_ node: YAMLNode) throws(ScenarioError) -> [Capture] {
        var captures: [Capture] = []
        for member in try node.mappingMembers(key: "capture") {
            try ScenarioDecoder.checkVariableName(member.key, at: member.keyLocation, role: "capture name")
            let text = try member.value.string(key: "capture.\(member.key)")
            let path = try JSONPathReader.compile(text, at: member.value.contentLocation)
            captures.append(Capture(name: member.key, path: path, pathText: text, location: member.keyLocation))
        }
        return captures
    }
}

/// Compiles JSONPath text from a file, placing syntax errors at their column in the file.
enum JSONPathReader {
    static func compile(_ text: String, at location: SourceLocation) throws(ScenarioError) -> JSONPath {
        do {
            return try JSONPath(text)
        } catch {
            throw ScenarioError(.invalidJSONPath(path: text, reason: "expected \(error.expected), found \(error.found)"), at: location.advanced(byColumns: max(0, error.column - 1)))
        }
    }
}
