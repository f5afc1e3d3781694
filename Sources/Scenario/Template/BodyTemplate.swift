// A JSON request body (or an expected value) whose string leaves may hold templates.

import JSON
import OpenAPI
import YAMLSource

/// A JSON tree whose string leaves are templates, rendered into a `JSON` per request.
///
/// A string leaf that is exactly one `{{…}}` keeps the expression's own JSON type: with
/// `id` captured as the number 42, `{ user: "{{id}}" }` renders `{"user":42}`, and
/// `"{{random.int(1,9)}}"` renders a number. Text around the braces (`"n-{{id}}"`) makes
/// the leaf a string.
public indirect enum BodyTemplate: Sendable, Hashable {
    /// A value with no templates (numbers, booleans, null, and strings without `{{`).
    case literal(JSON)
    /// A string leaf with at least one expression.
    case template(Template)
    /// An array of templated elements.
    case array([BodyTemplate])
    /// An object of templated members, in file order.
    case object([(key: String, value: BodyTemplate)])

    /// The expressions of every leaf with their locations, in document order.
    public var expressions: [(expression: TemplateExpression, location: SourceLocation)] {
        switch self {
        case .literal: return []
        case .template(let template): return template.expressions
        case .array(let elements): return elements.flatMap(\.expressions)
        case .object(let members): return members.flatMap(\.value.expressions)
        }
    }

    /// The JSON value with every template rendered.
    public func render(_ context: inout TemplateContext) throws(ScenarioError) -> JSON {
        switch self {
        case .literal(let value):
            return value
        case .template(let template):
            return try template.renderValue(&context)
        case .array(let elements):
            var values: [JSON] = []
            values.reserveCapacity(elements.count)
            for element in elements { values.append(try element.render(&context)) }
            return .array(values)
        case .object(let members):
            // The keys are unique (the YAML reader rejects duplicates), so no member needs a
            // lookup: setting them one by one scanned the object each time, n² for n members.
            var rendered: [JSONObject.Member] = []
            rendered.reserveCapacity(members.count)
            for member in members { rendered.append(.init(key: member.key, value: try member.value.render(&context))) }
            return .object(JSONObject(uniqueMembers: rendered))
        }
    }

    /// Builds the tree from YAML, parsing string leaves as templates.
    static func from(_ node: YAMLNode) throws(ScenarioError) -> BodyTemplate {
        switch node.content {
        case .scalar(let scalar):
            guard case .string(let text) = scalar.value, text.contains("{{") else { return .literal(scalar.value.json) }
            let template = try Template(parsing: text, at: node.contentLocation)
            // `{{{{` alone yields a literal: keep it a plain string.
            if let literal = template.literalText { return .literal(.string(literal)) }
            return .template(template)
        case .sequence(let elements):
            var templates: [BodyTemplate] = []
            for element in elements { templates.append(try from(element)) }
            return allLiteral(templates) ? .literal(node.json) : .array(templates)
        case .mapping(let members):
            var templates: [(key: String, value: BodyTemplate)] = []
            for member in members { templates.append((member.key, try from(member.value))) }
            return allLiteral(templates.map(\.value)) ? .literal(node.json) : .object(templates)
        }
    }

    private static func allLiteral(_ templates: [BodyTemplate]) -> Bool {
        templates.allSatisfy { if case .literal = $0 { true } else { false } }
    }

    /// Structural equality; object members compare in order.
    public static func == (lhs: BodyTemplate, rhs: BodyTemplate) -> Bool {
        switch (lhs, rhs) {
        case (.literal(let a), .literal(let b)): return a == b
        case (.template(let a), .template(let b)): return a == b
        case (.array(let a), .array(let b)): return a == b
        case (.object(let a), .object(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.key.hasSameCodePoints(as: $1.key) && $0.value == $1.value }
        default: return false
        }
    }

    /// Hashes the structure, consistent with `==`.
    public func hash(into hasher: inout Hasher) {
        switch self {
        case .literal(let value): hasher.combine(value)
        case .template(let template): hasher.combine(template)
        case .array(let elements): hasher.combine(elements)
        case .object(let members):
            for member in members {
                hasher.combine(CodePointString(member.key))
                hasher.combine(member.value)
            }
        }
    }
}

extension Template {
    /// The text of a template without expressions (`{{{{` already unescaped); nil when it has any.
    var literalText: String? {
        var text = ""
        for part in parts {
            guard case .literal(let literal) = part else { return nil }
            text += literal
        }
        return text
    }
}
