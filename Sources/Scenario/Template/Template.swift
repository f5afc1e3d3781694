// A string with `{{…}}` expressions, parsed once when the file loads and rendered per
// request. The syntax is documented in Scenario.swift.

import JSON
import OpenAPI

/// A parsed template: literal text and expressions in order.
public struct Template: Sendable, Hashable {
    /// One piece of a template.
    public enum Part: Sendable, Hashable {
        /// Text copied as is (`{{{{` has already become `{{`).
        case literal(String)
        /// An expression and where its `{{` stands in the file.
        case expression(TemplateExpression, SourceLocation)
    }

    /// The pieces in order; adjacent literals are merged.
    public let parts: [Part]
    /// The text as written in the file.
    public let source: String

    /// Parses `text`, whose first character stands at `location`; errors point at the
    /// offending character.
    public init(parsing text: String, at location: SourceLocation) throws(ScenarioError) {
        self.source = text
        self.parts = try TemplateParser.parse(text, at: location)
    }

    /// A template that renders `text` verbatim.
    public init(literal text: String) {
        self.source = text
        self.parts = text.isEmpty ? [] : [.literal(text)]
    }

    /// True when the template has no expressions.
    public var isLiteral: Bool {
        parts.allSatisfy { if case .literal = $0 { true } else { false } }
    }

    /// The expressions with their locations, in order (for static checks).
    public var expressions: [(expression: TemplateExpression, location: SourceLocation)] {
        parts.compactMap { if case .expression(let e, let at) = $0 { (e, at) } else { nil } }
    }

    /// The text with every expression evaluated: strings as they are, other JSON compact.
    public func render(_ context: inout TemplateContext) throws(ScenarioError) -> String {
        if parts.count == 1, case .literal(let text) = parts[0] { return text }
        var text = ""
        for part in parts {
            switch part {
            case .literal(let literal): text += literal
            case .expression(let expression, let location):
                text += try context.evaluate(expression, at: location).templateText
            }
        }
        return text
    }

    /// The value for a JSON body leaf: a template that is exactly one expression yields that
    /// expression's own JSON value (a captured number stays a number); anything else renders
    /// to a string.
    public func renderValue(_ context: inout TemplateContext) throws(ScenarioError) -> JSON {
        if parts.count == 1, case .expression(let expression, let location) = parts[0] {
            return try context.evaluate(expression, at: location)
        }
        return .string(try render(&context))
    }
}

extension JSON {
    /// The text a value contributes to a template: strings raw, everything else compact JSON.
    public var templateText: String {
        if case .string(let text) = self { return text }
        return serialized()
    }
}

/// Splits template text into literal and expression parts.
enum TemplateParser {
    static func parse(_ text: String, at start: SourceLocation) throws(ScenarioError) -> [Template.Part] {
        // Fast path: most values (names, ids, numbers as text) have no braces at all.
        guard text.contains("{{") else { return text.isEmpty ? [] : [.literal(text)] }
        let scalars = Array(text.unicodeScalars)
        // Each lookup scans on from the previous one (they come in order), not from the start:
        // from the start, a long text with many expressions took quadratic time.
        var previous = (index: 0, location: start)
        let locate = { (index: Int) -> SourceLocation in
            if index < previous.index { previous = (0, start) }
            previous = (index, location(of: index, in: scalars, after: previous.index, at: previous.location))
            return previous.location
        }
        var parts: [Template.Part] = []
        var literal = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            guard opensBraces(scalars, at: index) else {
                literal.append(scalars[index])
                index += 1
                continue
            }
            if opensBraces(scalars, at: index + 2) {
                // Scalar by scalar: appending a sequence copies the whole literal each time.
                literal.append("{")
                literal.append("{")
                index += 4
                continue
            }
            var close = index + 2
            while close + 1 < scalars.count, !(scalars[close] == "}" && scalars[close + 1] == "}") { close += 1 }
            guard close + 1 < scalars.count else {
                throw ScenarioError(.invalidTemplate(reason: "'{{' is not closed by '}}' (write '{{{{' for a literal '{{')"), at: locate(index))
            }
            var parser = TemplateExpressionParser(Array(scalars[(index + 2)..<close])) { locate(index + 2 + $0) }
            let expression = try parser.parse()
            if !literal.isEmpty {
                parts.append(.literal(String(literal)))
                literal = String.UnicodeScalarView()
            }
            parts.append(.expression(expression, locate(index)))
            index = close + 2
        }
        if !literal.isEmpty { parts.append(.literal(String(literal))) }
        return parts
    }

    private static func opensBraces(_ scalars: [Unicode.Scalar], at index: Int) -> Bool {
        index + 1 < scalars.count && scalars[index] == "{" && scalars[index + 1] == "{"
    }

    /// The file position of scalar `index`, following line breaks inside the text, counted on
    /// from scalar `base`, which stands at `start`.
    private static func location(of index: Int, in scalars: [Unicode.Scalar], after base: Int, at start: SourceLocation) -> SourceLocation {
        var line = start.line
        var column = start.column
        for scalar in scalars[min(base, scalars.count)..<min(index, scalars.count)] {
            if scalar == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return SourceLocation(file: start.file, line: line, column: column)
    }
}
