// Reads the text of an RFC 9535 JSONPath query into `QuerySegment`s: a recursive descent over
// the RFC's ABNF (section 2 and appendix A), with its well-typedness rules for filters (only
// singular queries and value-returning functions are compared; a literal is never a test).
// Every error names the character where reading stopped and what the grammar allowed there.

/// A recursive-descent reader over the query's Unicode scalars.
struct JSONPathQueryParser {
    let text: String
    private let scalars: [Unicode.Scalar]
    private var position = 0

    /// RFC 9535 section 2.1: indexes and slice bounds are I-JSON integers.
    private static let largestInteger = (1 << 53) - 1

    init(text: String) {
        self.text = text
        scalars = Array(text.unicodeScalars)
    }

    /// The whole text as `$` followed by segments.
    mutating func parseQuery() throws(JSONPathQueryError) -> [QuerySegment] {
        guard peek == "$" else { throw error(expected: "'$' at the start of the query") }
        position += 1
        let segments = try parseSegments()
        guard position == scalars.count else { throw error(expected: "'.', '..', '[' or the end of the query") }
        return segments
    }

    // MARK: - Segments and selectors

    /// Segments, each optionally preceded by blanks; stops before the blanks of anything else.
    private mutating func parseSegments() throws(JSONPathQueryError) -> [QuerySegment] {
        var segments: [QuerySegment] = []
        while true {
            let start = position
            skipBlanks()
            guard peek == "." || peek == "[" else {
                position = start
                return segments
            }
            segments.append(try parseSegment())
        }
    }

    private mutating func parseSegment() throws(JSONPathQueryError) -> QuerySegment {
        if peek == "[" { return QuerySegment(isDescendant: false, selectors: try parseBracketedSelection()) }
        position += 1  // "."
        let isDescendant = peek == "."
        if isDescendant {
            position += 1
            if peek == "[" { return QuerySegment(isDescendant: true, selectors: try parseBracketedSelection()) }
        }
        if peek == "*" {
            position += 1
            return QuerySegment(isDescendant: isDescendant, selectors: [.wildcard])
        }
        guard let first = peek, isNameFirst(first) else {
            throw error(expected: isDescendant ? "a member name, '*' or '[' after '..'" : "a member name or '*' after '.'")
        }
        let start = position
        while let scalar = peek, isNameFirst(scalar) || isDigit(scalar) { position += 1 }
        return QuerySegment(isDescendant: isDescendant, selectors: [.name(string(from: start))])
    }

    /// `[` selector (`,` selector)* `]`, blanks allowed around each selector.
    private mutating func parseBracketedSelection() throws(JSONPathQueryError) -> [QuerySelector] {
        position += 1  // "["
        var selectors: [QuerySelector] = []
        while true {
            skipBlanks()
            let selector = try parseSelector()
            selectors.append(selector)
            skipBlanks()
            switch peek {
            case ",":
                position += 1
            case "]":
                position += 1
                return selectors
            case "=" where isFilter(selector):
                throw error(expected: "a comparison operator (==, !=, <, <=, >, >=)")
            default:
                throw error(expected: isFilter(selector) ? "'&&', '||', a comparison operator, ',' or ']'" : "',' or ']'")
            }
        }
    }

    private func isFilter(_ selector: QuerySelector) -> Bool {
        if case .filter = selector { return true }
        return false
    }

    private mutating func parseSelector() throws(JSONPathQueryError) -> QuerySelector {
        switch peek {
        case "'", "\"":
            return .name(try parseStringLiteral())
        case "*":
            position += 1
            return .wildcard
        case "?":
            position += 1
            skipBlanks()
            return .filter(try parseLogicalOr())
        case let scalar? where scalar == ":" || scalar == "-" || isDigit(scalar):
            return try parseIndexOrSlice()
        default:
            throw error(expected: "a selector: a quoted name, '*', an index, a slice or a '?' filter")
        }
    }

    /// `3`, `-1`, or a slice `start:end:step` with every part optional.
    private mutating func parseIndexOrSlice() throws(JSONPathQueryError) -> QuerySelector {
        let start = peek == ":" ? nil : try parseInteger()
        var afterStart = position
        skipBlanks()
        guard peek == ":" else {
            position = afterStart
            // `start` is non-nil here: a selector beginning with ':' has taken the other path.
            return .index(start ?? 0)
        }
        position += 1
        skipBlanks()
        let end = startsInteger ? try parseInteger() : nil
        afterStart = position
        skipBlanks()
        guard peek == ":" else {
            position = afterStart
            return .slice(start: start, end: end, step: nil)
        }
        position += 1
        skipBlanks()
        let step = startsInteger ? try parseInteger() : nil
        return .slice(start: start, end: end, step: step)
    }

    private var startsInteger: Bool {
        guard let scalar = peek else { return false }
        return scalar == "-" || isDigit(scalar)
    }

    /// `0`, or an optional `-` and digits without a leading zero, within ±(2^53 − 1).
    private mutating func parseInteger() throws(JSONPathQueryError) -> Int {
        let start = position
        let negative = peek == "-"
        if negative { position += 1 }
        guard let first = peek, isDigit(first) else { throw error(expected: "a digit") }
        if first == "0" {
            if negative { throw JSONPathQueryError(query: text, column: start + 1, expected: "an integer ('-0' is not one)", found: "'-0'") }
            position += 1
            if let next = peek, isDigit(next) { throw error(expected: "no digit after a leading '0'") }
            return 0
        }
        var value = 0
        while let scalar = peek, isDigit(scalar) {
            value = value * 10 + Int(scalar.value - 48)
            guard value <= Self.largestInteger else {
                throw JSONPathQueryError(
                    query: text, column: start + 1, expected: "an integer between -(2^53-1) and 2^53-1", found: "a larger number")
            }
            position += 1
        }
        return negative ? -value : value
    }

    // MARK: - Filter expressions

    /// `a || b || …`
    private mutating func parseLogicalOr() throws(JSONPathQueryError) -> FilterExpression {
        var operands = [try parseLogicalAnd()]
        while skipBlanks(before: "||") {
            operands.append(try parseLogicalAnd())
        }
        return operands.count == 1 ? operands[0] : .or(operands)
    }

    /// `a && b && …`
    private mutating func parseLogicalAnd() throws(JSONPathQueryError) -> FilterExpression {
        var operands = [try parseBasicExpression()]
        while skipBlanks(before: "&&") {
            operands.append(try parseBasicExpression())
        }
        return operands.count == 1 ? operands[0] : .and(operands)
    }

    /// When blanks and then `symbol` follow, consumes them and the blanks after; else moves nothing.
    private mutating func skipBlanks(before symbol: String) -> Bool {
        let start = position
        skipBlanks()
        let symbolScalars = Array(symbol.unicodeScalars)
        guard scalars[position...].starts(with: symbolScalars) else {
            position = start
            return false
        }
        position += symbolScalars.count
        skipBlanks()
        return true
    }

    /// A parenthesized expression, a negation, a comparison or an existence test.
    private mutating func parseBasicExpression() throws(JSONPathQueryError) -> FilterExpression {
        if peek == "!" {
            position += 1
            skipBlanks()
            if peek == "(" { return .not(try parseParenthesized()) }
            let start = position
            guard case .query(let query) = try parseOperand() else {
                throw JSONPathQueryError(query: text, column: start + 1, expected: "'(' or a query ('@…' or '$…') after '!'", found: describe(scalars[start]))
            }
            return .not(.exists(query))
        }
        if peek == "(" { return try parseParenthesized() }

        let leftStart = position
        let left = try parseOperand()
        let afterLeft = position
        skipBlanks()
        if let comparison = parseComparisonOperator() {
            skipBlanks()
            let rightStart = position
            let right = try parseOperand()
            return .comparison(try valueExpression(left, at: leftStart), comparison, try valueExpression(right, at: rightStart))
        }
        position = afterLeft
        switch left {
        case .query(let query):
            return .exists(query)
        case .function:
            throw error(expected: "a comparison: functions give values (e.g. length(@.tags) > 0)")
        case .literal:
            throw error(expected: "a comparison operator after a literal")
        }
    }

    private mutating func parseParenthesized() throws(JSONPathQueryError) -> FilterExpression {
        position += 1  // "("
        skipBlanks()
        let expression = try parseLogicalOr()
        skipBlanks()
        guard peek == ")" else { throw error(expected: "')', '&&' or '||'") }
        position += 1
        return expression
    }

    private mutating func parseComparisonOperator() -> ComparisonOperator? {
        for comparison in [ComparisonOperator.equal, .notEqual, .lessOrEqual, .greaterOrEqual, .less, .greater] {
            let symbol = Array(comparison.rawValue.unicodeScalars)
            if scalars[position...].starts(with: symbol) {
                position += symbol.count
                return comparison
            }
        }
        return nil
    }

    /// What a filter compares or tests, before the type rules say what it may be.
    private enum Operand {
        case query(FilterQuery)
        case function(FunctionCall)
        case literal(JSON)
    }

    private mutating func parseOperand() throws(JSONPathQueryError) -> Operand {
        let start = position
        switch peek {
        case "@", "$":
            let isRelative = peek == "@"
            position += 1
            return .query(FilterQuery(isRelative: isRelative, segments: try parseSegments()))
        case "'", "\"":
            return .literal(.string(try parseStringLiteral()))
        case let scalar? where scalar == "-" || isDigit(scalar):
            return .literal(try parseNumber())
        case let scalar? where isLowercaseLetter(scalar):
            while let next = peek, isLowercaseLetter(next) || isDigit(next) || next == "_" { position += 1 }
            let word = string(from: start)
            if peek == "(" { return .function(try parseFunction(named: word, at: start)) }
            switch word {
            case "true": return .literal(.bool(true))
            case "false": return .literal(.bool(false))
            case "null": return .literal(.null)
            default:
                throw JSONPathQueryError(
                    query: text, column: start + 1, expected: "a query ('@…' or '$…'), a literal or a function call", found: "'\(word)'")
            }
        default:
            throw error(expected: "a query ('@…' or '$…'), a literal, a function call, '(' or '!'")
        }
    }

    /// The operand as one side of a comparison: a query there must be singular.
    private func valueExpression(_ operand: Operand, at start: Int) throws(JSONPathQueryError) -> ValueExpression {
        switch operand {
        case .literal(let value):
            return .literal(value)
        case .function(let call):
            return .function(call)
        case .query(let query):
            guard query.isSingular else {
                throw JSONPathQueryError(
                    query: text, column: start + 1,
                    expected: "a singular query (names and indexes only, no '*', '..', slices or filters) where a value is compared",
                    found: "a query that may select several nodes")
            }
            return .singularQuery(query)
        }
    }

    /// `length(value)`, `count(query)`, `value(query)`; `position` is at the `(`.
    private mutating func parseFunction(named name: String, at start: Int) throws(JSONPathQueryError) -> FunctionCall {
        position += 1  // "("
        skipBlanks()
        let argumentStart = position
        let call: FunctionCall
        switch name {
        case "length":
            call = .length(try valueExpression(try parseOperand(), at: argumentStart))
        case "count", "value":
            guard case .query(let query) = try parseOperand() else {
                throw JSONPathQueryError(
                    query: text, column: argumentStart + 1, expected: "a query ('@…' or '$…') as the argument of \(name)()",
                    found: describe(scalars[argumentStart]))
            }
            call = name == "count" ? .count(query) : .value(query)
        case "match", "search":
            throw JSONPathQueryError(
                query: text, column: start + 1, expected: "length(), count() or value(); \(name)() is not supported", found: "'\(name)('")
        default:
            throw JSONPathQueryError(query: text, column: start + 1, expected: "a function: length(), count() or value()", found: "'\(name)('")
        }
        skipBlanks()
        guard peek == ")" else {
            throw error(expected: peek == "," ? "')': \(name)() takes one argument" : "')' to end the arguments of \(name)()")
        }
        position += 1
        return call
    }

    // MARK: - Literals

    /// A `'…'` or `"…"` string with the RFC's escapes (`\b \f \n \r \t \/ \\ \uXXXX` and the quote).
    private mutating func parseStringLiteral() throws(JSONPathQueryError) -> String {
        guard let quote = peek else { throw error(expected: "a quote") }
        position += 1
        var result = String.UnicodeScalarView()
        while true {
            guard let scalar = peek else { throw error(expected: "\(describe(quote)) to end the string") }
            if scalar == quote {
                position += 1
                return String(result)
            }
            if scalar.value < 0x20 { throw error(expected: "a character or an escape (control characters must be escaped)") }
            position += 1
            guard scalar == "\\" else {
                result.append(scalar)
                continue
            }
            guard let escaped = peek else { throw error(expected: "an escaped character after '\\'") }
            switch escaped {
            case "b": result.append("\u{08}")
            case "f": result.append("\u{0C}")
            case "n": result.append("\n")
            case "r": result.append("\r")
            case "t": result.append("\t")
            case "/", "\\": result.append(escaped)
            case "u":
                position += 1
                result.append(try parseUnicodeEscape())
                continue
            default:
                guard escaped == quote else {
                    throw error(expected: "an escape: \\b \\f \\n \\r \\t \\/ \\\\ \\\(quote) or \\uXXXX")
                }
                result.append(escaped)
            }
            position += 1
        }
    }

    /// The scalar of `XXXX` (just after `\u`), or of a surrogate pair `XXXX\uYYYY`.
    private mutating func parseUnicodeEscape() throws(JSONPathQueryError) -> Unicode.Scalar {
        let first = try parseHexQuad()
        switch first {
        case 0xDC00...0xDFFF:
            throw JSONPathQueryError(query: text, column: position - 5, expected: "a high surrogate before a low one", found: "\\u\(hexText(first, width: 4))")
        case 0xD800...0xDBFF:
            guard peek == "\\", position + 1 < scalars.count, scalars[position + 1] == "u" else {
                throw error(expected: "'\\u' and a low surrogate after a high surrogate")
            }
            position += 2
            let second = try parseHexQuad()
            guard (0xDC00...0xDFFF).contains(second) else {
                throw JSONPathQueryError(query: text, column: position - 5, expected: "a low surrogate (DC00-DFFF)", found: "\\u\(hexText(second, width: 4))")
            }
            // Always valid: the pair decodes into U+10000...U+10FFFF.
            return Unicode.Scalar(0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)) ?? "\u{FFFD}"
        default:
            return Unicode.Scalar(first) ?? "\u{FFFD}"
        }
    }

    private mutating func parseHexQuad() throws(JSONPathQueryError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let scalar = peek, scalar.isASCII, let digit = hexDigitValue(UInt8(scalar.value)) else {
                throw error(expected: "four hex digits after '\\u'")
            }
            value = value << 4 | digit
            position += 1
        }
        return value
    }

    /// A JSON number: `-`? int, `.` digits?, `e` sign? digits?. Integers that fit stay exact.
    private mutating func parseNumber() throws(JSONPathQueryError) -> JSON {
        let start = position
        if peek == "-" { position += 1 }
        guard let first = peek, isDigit(first) else { throw error(expected: "a digit") }
        position += 1
        if first == "0", let next = peek, isDigit(next) { throw error(expected: "no digit after a leading '0'") }
        skipDigits()
        var isInteger = true
        if peek == "." {
            isInteger = false
            position += 1
            guard let digit = peek, isDigit(digit) else { throw error(expected: "a digit after '.'") }
            skipDigits()
        }
        if peek == "e" || peek == "E" {
            isInteger = false
            position += 1
            if peek == "+" || peek == "-" { position += 1 }
            guard let digit = peek, isDigit(digit) else { throw error(expected: "a digit in the exponent") }
            skipDigits()
        }
        let literal = string(from: start)
        if isInteger, let integer = Int64(literal) { return .integer(integer) }
        guard let double = Double(literal), double.isFinite else {
            throw JSONPathQueryError(query: text, column: start + 1, expected: "a number a double can hold", found: "'\(literal)'")
        }
        return .double(double)
    }

    // MARK: - Characters

    private var peek: Unicode.Scalar? { position < scalars.count ? scalars[position] : nil }

    private mutating func skipBlanks() {
        while let scalar = peek, scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" { position += 1 }
    }

    private mutating func skipDigits() {
        while let scalar = peek, isDigit(scalar) { position += 1 }
    }

    private func string(from start: Int) -> String {
        String(String.UnicodeScalarView(scalars[start..<position]))
    }

    /// An error at the current position.
    private func error(expected: String) -> JSONPathQueryError {
        JSONPathQueryError(query: text, column: position + 1, expected: expected, found: peek.map(describe) ?? "end of query")
    }

    private func describe(_ scalar: Unicode.Scalar) -> String {
        if scalar.value < 0x20 || scalar.value == 0x7F { return unicodeName(scalar.value) }
        return scalar == "'" ? "\"'\"" : "'\(scalar)'"
    }
}

/// RFC 9535 `name-first`: a letter, `_`, or any character beyond ASCII.
private func isNameFirst(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar {
    case "a"..."z", "A"..."Z", "_": return true
    default: return scalar.value >= 0x80
    }
}

private func isDigit(_ scalar: Unicode.Scalar) -> Bool {
    scalar >= "0" && scalar <= "9"
}

private func isLowercaseLetter(_ scalar: Unicode.Scalar) -> Bool {
    scalar >= "a" && scalar <= "z"
}
