// What may stand between `{{` and `}}`, and its parser. The grammar is documented in
// Scenario.swift; this file is its single implementation.

import OpenAPI

/// One `{{…}}` expression of a template.
public enum TemplateExpression: Sendable, Hashable, CustomStringConvertible {
    /// `{{name}}`: a scenario variable, an override, or a capture of an earlier step.
    case variable(String)
    /// `{{env.NAME}}`: the environment variable `NAME`.
    case environment(String)
    /// `{{uuid}}`: a random version-4 UUID, lowercase.
    case uuid
    /// `{{now}}`: the current time, RFC 3339 in UTC with milliseconds.
    case now
    /// `{{random.email}}`: a random address under `example.com` (reserved, never delivered).
    case randomEmail
    /// `{{random.int(a, b)}}`: a random integer in `a...b`.
    case randomInt(Int64, Int64)
    /// `{{random.string(n)}}`: `n` random letters and digits.
    case randomString(Int)

    /// Names a template cannot use as variables because expressions own them.
    public static let reservedNames: Set<String> = ["env", "random", "uuid", "now"]

    /// The expression as written in canonical form, e.g. `random.int(1, 9)`.
    public var description: String {
        switch self {
        case .variable(let name): return name
        case .environment(let name): return "env.\(name)"
        case .uuid: return "uuid"
        case .now: return "now"
        case .randomEmail: return "random.email"
        case .randomInt(let low, let high): return "random.int(\(low), \(high))"
        case .randomString(let length): return "random.string(\(length))"
        }
    }

    /// True when `name` can name a variable: a letter or `_`, then letters, digits, `_`.
    public static func isValidVariableName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, isNameStart(first) else { return false }
        return name.unicodeScalars.allSatisfy(isNameContinue)
    }

    static func isNameStart(_ c: Unicode.Scalar) -> Bool {
        (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || c == "_"
    }

    static func isNameContinue(_ c: Unicode.Scalar) -> Bool {
        isNameStart(c) || (c >= "0" && c <= "9")
    }
}

/// Parses the text between `{{` and `}}`; `locate(i)` gives the file position of scalar `i`.
struct TemplateExpressionParser {
    private let scalars: [Unicode.Scalar]
    private let locate: (Int) -> SourceLocation
    private var index = 0

    init(_ scalars: [Unicode.Scalar], locate: @escaping (Int) -> SourceLocation) {
        self.scalars = scalars
        self.locate = locate
    }

    mutating func parse() throws(ScenarioError) -> TemplateExpression {
        skipSpaces()
        guard index < scalars.count else { throw failure("empty '{{}}': expected a variable name, env.NAME, uuid, now or random.…") }
        let name = try identifier(what: "a variable name, env.NAME, uuid, now or random.…")
        let expression: TemplateExpression
        switch name {
        case "env":
            try expect(".")
            expression = .environment(try identifier(what: "an environment variable name after 'env.'"))
        case "random":
            try expect(".")
            expression = try randomFunction()
        case "uuid": expression = .uuid
        case "now": expression = .now
        default:
            expression = .variable(name)
        }
        skipSpaces()
        if index < scalars.count {
            throw failure("unexpected '\(String(scalars[index]))' after '\(expression)'; expected '}}'")
        }
        return expression
    }

    private mutating func randomFunction() throws(ScenarioError) -> TemplateExpression {
        let functionStart = index
        let function = try identifier(what: "email, int(a, b) or string(n) after 'random.'")
        switch function {
        case "email":
            return .randomEmail
        case "int":
            try expect("(")
            let low = try integer()
            try expect(",")
            let high = try integer()
            try expect(")")
            guard low <= high else {
                throw ScenarioError(.invalidTemplate(reason: "random.int(\(low), \(high)): the lower bound is above the upper bound"), at: locate(functionStart))
            }
            return .randomInt(low, high)
        case "string":
            try expect("(")
            let lengthStart = index
            let length = try integer()
            try expect(")")
            guard (1...4096).contains(length) else {
                throw ScenarioError(.invalidTemplate(reason: "random.string(\(length)): the length must be 1 to 4096"), at: locate(lengthStart))
            }
            return .randomString(Int(length))
        default:
            throw ScenarioError(.invalidTemplate(reason: "unknown function 'random.\(function)'; expected random.email, random.int(a, b) or random.string(n)"), at: locate(functionStart))
        }
    }

    private mutating func identifier(what: String) throws(ScenarioError) -> String {
        skipSpaces()
        guard index < scalars.count, TemplateExpression.isNameStart(scalars[index]) else {
            throw failure("expected \(what)")
        }
        var name = String.UnicodeScalarView()
        while index < scalars.count, TemplateExpression.isNameContinue(scalars[index]) {
            name.append(scalars[index])
            index += 1
        }
        return String(name)
    }

    private mutating func integer() throws(ScenarioError) -> Int64 {
        skipSpaces()
        let start = index
        var digits = ""
        if index < scalars.count, scalars[index] == "-" || scalars[index] == "+" {
            digits.unicodeScalars.append(scalars[index])
            index += 1
        }
        while index < scalars.count, scalars[index] >= "0", scalars[index] <= "9" {
            digits.unicodeScalars.append(scalars[index])
            index += 1
        }
        guard let value = Int64(digits) else {
            index = start
            throw failure("expected a whole number")
        }
        return value
    }

    private mutating func expect(_ symbol: Unicode.Scalar) throws(ScenarioError) {
        skipSpaces()
        guard index < scalars.count, scalars[index] == symbol else { throw failure("expected '\(symbol)'") }
        index += 1
    }

    private mutating func skipSpaces() {
        while index < scalars.count, scalars[index] == " " || scalars[index] == "\t" { index += 1 }
    }

    private func failure(_ reason: String) -> ScenarioError {
        var reason = reason
        if index < scalars.count, !reason.contains("unexpected") { reason += ", found '\(String(scalars[index]))'" }
        return ScenarioError(.invalidTemplate(reason: reason), at: locate(index))
    }
}
