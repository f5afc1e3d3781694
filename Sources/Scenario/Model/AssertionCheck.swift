// Evaluates an assertion against a response body and says, in one line each, what was
// checked and what was found instead.

import JSON
import OpenAPI

/// The outcome of one assertion, as reports show it.
public struct AssertionResult: Sendable, Equatable {
    /// Whether the assertion held.
    public var ok: Bool
    /// What was checked, e.g. `$.first_name == "Ada"` or `length($.agents) >= 1`.
    public var expression: String
    /// Why it failed, with expected and actual excerpts; nil when it held.
    public var message: String?
    /// Where the assertion stands in the file.
    public var location: SourceLocation

    /// Creates a result.
    public init(ok: Bool, expression: String, message: String?, location: SourceLocation) {
        self.ok = ok
        self.expression = expression
        self.message = message
        self.location = location
    }
}

extension Assertion {
    /// Checks the assertion against `body` (nil: the response had no JSON body), rendering
    /// templates in expected values (`$.id: "{{user_id}}"`) with `context`.
    public func check(_ body: JSON?, context: inout TemplateContext) -> AssertionResult {
        let found = body.flatMap { path.evaluate($0) }
        let missing = body == nil ? "the response has no JSON body" : "\(pathText) found nothing"
        switch predicate {
        case .exists(let expected):
            let expression = expected ? "\(pathText) exists" : "\(pathText) does not exist"
            if (found != nil) == expected { return pass(expression) }
            return fail(expression, expected ? missing : "expected nothing, found \(Excerpt.of(found))")

        case .equals(let template):
            let expected: JSON
            do { expected = try template.render(&context) } catch { return fail("\(pathText) == \(template)", "\(error.problem)") }
            let expression = "\(pathText) == \(Excerpt.of(expected))"
            guard let found else { return fail(expression, missing) }
            return found == expected ? pass(expression) : fail(expression, "expected \(Excerpt.of(expected)), found \(Excerpt.of(found))")

        case .oneOf(let templates):
            var options: [JSON] = []
            for template in templates {
                do { options.append(try template.render(&context)) } catch { return fail("\(pathText) in […]", "\(error.problem)") }
            }
            let expression = "\(pathText) in \(Excerpt.of(.array(options)))"
            guard let found else { return fail(expression, missing) }
            return options.contains(found) ? pass(expression) : fail(expression, "expected one of \(Excerpt.of(.array(options))), found \(Excerpt.of(found))")

        case .type(let type):
            let expression = "\(pathText) is \(type.rawValue)"
            guard let found else { return fail(expression, missing) }
            return type.accepts(found) ? pass(expression) : fail(expression, "expected \(type.rawValue), found \(found.typeName) \(Excerpt.of(found))")

        case .compare(let comparison, let operand):
            let expression = "\(pathText) \(comparison.rawValue) \(Excerpt.number(operand))"
            guard let found else { return fail(expression, missing) }
            guard let number = found.doubleValue else { return fail(expression, "expected a number, found \(found.typeName) \(Excerpt.of(found))") }
            return comparison.holds(number, operand) ? pass(expression) : fail(expression, "found \(Excerpt.of(found))")

        case .length(let comparison, let operand):
            let expression = "length(\(pathText)) \(comparison.rawValue) \(operand)"
            guard let found else { return fail(expression, missing) }
            let length: Int
            switch found {
            case .array(let elements): length = elements.count
            case .string(let text): length = text.unicodeScalars.count
            case .object(let object): length = object.count
            default: return fail(expression, "expected an array, string or object, found \(found.typeName) \(Excerpt.of(found))")
            }
            return comparison.holds(length, operand) ? pass(expression) : fail(expression, "found length \(length): \(Excerpt.of(found))")

        case .matches(let pattern):
            let expression = "\(pathText) matches /\(pattern.source)/"
            guard let found else { return fail(expression, missing) }
            guard case .string(let text) = found else { return fail(expression, "expected a string, found \(found.typeName) \(Excerpt.of(found))") }
            guard let matched = pattern.regex.test(text) else {
                return fail(expression, "not checked: \(pattern.regex.notRunReason(length: text.unicodeScalars.count))")
            }
            return matched ? pass(expression) : fail(expression, "found \(Excerpt.of(found))")
        }
    }

    /// Checks an assertion whose expected values need no variables (no `{{…}}` beyond
    /// `uuid`, `now` and `random`); a template naming a variable fails the assertion.
    public func check(_ body: JSON?) -> AssertionResult {
        var context = TemplateContext(environment: { _ in nil }, seed: 0)
        return check(body, context: &context)
    }

    private func pass(_ expression: String) -> AssertionResult {
        AssertionResult(ok: true, expression: expression, message: nil, location: location)
    }

    private func fail(_ expression: String, _ message: String) -> AssertionResult {
        AssertionResult(ok: false, expression: expression, message: message, location: location)
    }
}

/// Short renderings of values for messages: compact JSON cut at 80 characters.
enum Excerpt {
    static let limit = 80

    static func of(_ value: JSON?) -> String {
        guard let value else { return "nothing" }
        let text = value.serialized()
        guard text.count > limit else { return text }
        return String(text.prefix(limit)) + "…"
    }

    /// `3` rather than `3.0` for whole operands.
    static func number(_ value: Double) -> String {
        if value.rounded() == value, abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }
}

extension BodyTemplate: CustomStringConvertible {
    /// The value as written: literals as compact JSON, templates as their source text.
    public var description: String {
        switch self {
        case .literal(let value): return Excerpt.of(value)
        case .template(let template): return "\"\(template.source)\""
        case .array(let elements): return "[" + elements.map(\.description).joined(separator: ",") + "]"
        case .object(let members): return "{" + members.map { "\"\($0.key)\":\($0.value)" }.joined(separator: ",") + "}"
        }
    }
}
