// Reads a threshold expression, `METRIC[(OPERATION)] OP VALUE`, left to right over its UTF-8
// bytes, so every error can point at the byte where the expression stopped making sense.
import Quantities

extension Threshold {
    /// Parses `p99(listAgents) < 300ms`, `error_rate < 1%`, `checks >= 99.5%`, `rps > 200`,
    /// `dropped <= 0`. Spaces (and tabs) around tokens are optional.
    ///
    /// - Parameters:
    ///   - text: the expression; it is kept as written in `expression`.
    ///   - abortOnFail: whether the run should stop as soon as the threshold fails.
    /// - Throws: `ThresholdParseError` with the column where the text stopped making sense and
    ///   what was expected there.
    public static func parse(_ text: String, abortOnFail: Bool = false) throws(ThresholdParseError) -> Threshold {
        var parser = ThresholdParser(text: text)
        return try parser.parse(abortOnFail: abortOnFail)
    }
}

/// One pass over an expression's bytes; `index` is always the column of the next byte.
private struct ThresholdParser {
    let text: String
    let bytes: [UInt8]
    var index = 0

    init(text: String) {
        self.text = text
        self.bytes = Array(text.utf8)
    }

    mutating func parse(abortOnFail: Bool) throws(ThresholdParseError) -> Threshold {
        skipSpaces()
        let metric = try parseMetric()
        skipSpaces()
        let operation = try parseOperation(of: metric)
        skipSpaces()
        let subject = String(decoding: bytes[bytesBeforeSpaces(upTo: index)], as: UTF8.self)
        let comparison = try parseComparison(after: subject)
        skipSpaces()
        let bound = try parseValue(for: metric, after: comparison)
        skipSpaces()
        if index < bytes.count {
            throw failure(at: index, "unexpected '\(token(at: index))' after the value")
        }
        return Threshold(
            expression: text, metric: metric, operation: operation, comparison: comparison, bound: bound,
            abortOnFail: abortOnFail)
    }

    // MARK: - Tokens

    private mutating func parseMetric() throws(ThresholdParseError) -> ThresholdMetric {
        let start = index
        // Read `-` and `.` too, so `error-rate` and `p99.9` are reported whole, with a suggestion.
        let word = readWhile { Self.isIdentifierByte($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") }
        if let metric = ThresholdMetric(rawValue: word) { return metric }
        var message = "expected one of \(ThresholdMetric.namesForMessages)"
        if word.isEmpty {
            message += start < bytes.count ? "; found '\(token(at: start))'" : "; found nothing"
        } else {
            message += "; found '\(word)'"
            if let suggestion = ThresholdMetric.suggestion(for: word) {
                message += " (did you mean '\(suggestion.rawValue)'?)"
            }
        }
        throw failure(at: start, message)
    }

    private mutating func parseOperation(of metric: ThresholdMetric) throws(ThresholdParseError) -> String? {
        guard peek == UInt8(ascii: "(") else { return nil }
        let open = index
        guard metric.takesOperation else {
            throw failure(at: open, "'\(metric.rawValue)' takes no operation: it counts arrivals for the whole run")
        }
        index += 1
        skipSpaces()
        let nameStart = index
        let name = readWhile(Self.isIdentifierByte)
        guard !name.isEmpty else {
            throw failure(at: nameStart, "expected an operationId after '('")
        }
        skipSpaces()
        guard peek == UInt8(ascii: ")") else {
            if index >= bytes.count {
                throw failure(at: index, "expected ')' after the operationId '\(name)'")
            }
            throw failure(at: index, "expected ')' after the operationId '\(name)' (an operationId has only letters, digits and '_')")
        }
        index += 1
        return name
    }

    private mutating func parseComparison(after subject: String) throws(ThresholdParseError) -> ThresholdComparison {
        let start = index
        let expected = "expected one of <, <=, >, >= after '\(subject)'"
        var symbol = ""
        if peek == UInt8(ascii: "<") || peek == UInt8(ascii: ">") {
            symbol.unicodeScalars.append(Unicode.Scalar(bytes[index]))
            index += 1
            if peek == UInt8(ascii: "=") {
                symbol += "="
                index += 1
            }
        }
        // `<==` or `=<` would otherwise be read as `<=` followed by a value of `=…`.
        if let comparison = ThresholdComparison(rawValue: symbol), peek != UInt8(ascii: "="), peek != UInt8(ascii: "<"), peek != UInt8(ascii: ">") {
            return comparison
        }
        index = start
        if start >= bytes.count { throw failure(at: start, expected + "; found nothing") }
        let found = readWhile { $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") || $0 == UInt8(ascii: "=") || $0 == UInt8(ascii: "!") }
        throw failure(at: start, expected + "; found '\(found.isEmpty ? token(at: start) : found)'")
    }

    private mutating func parseValue(for metric: ThresholdMetric, after comparison: ThresholdComparison) throws(ThresholdParseError) -> Double {
        let start = index
        let value = readWhile { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") }
        let expected = "expected \(metric.expectedValue) after '\(comparison.rawValue)'"
        guard !value.isEmpty else { throw failure(at: start, expected) }
        let found = "; found '\(value)'"
        switch metric.kind {
        case .latency:
            if Self.plainNumber(value) != nil {
                throw failure(at: start, expected + "; '\(value)' needs a unit (ms, s or m)")
            }
            guard let duration = try? Duration(parsing: value) else { throw failure(at: start, expected + found) }
            return duration.totalMilliseconds
        case .proportion:
            if value.hasSuffix("%") {
                guard let percent = Self.plainNumber(String(value.dropLast())) else { throw failure(at: start, expected + found) }
                guard percent <= 100 else { throw failure(at: start, expected + "; '\(value)' is above 100%") }
                return percent / 100
            }
            guard let fraction = Self.plainNumber(value) else { throw failure(at: start, expected + found) }
            guard fraction <= 1 else {
                throw failure(at: start, expected + "; '\(value)' is above 1 (write \(value)% for a percentage)")
            }
            return fraction
        case .throughput:
            if let number = Self.plainNumber(value) { return number }
            guard value.contains("/"), let rate = try? Rate(parsing: value) else { throw failure(at: start, expected + found) }
            return rate.perSecond
        case .count:
            guard !value.isEmpty, value.allSatisfy(ThresholdMetric.isDigit) else { throw failure(at: start, expected + found) }
            guard let count = Int(value) else { throw failure(at: start, expected + "; '\(value)' is above \(Int.max)") }
            return Double(count)
        }
    }

    // MARK: - Bytes

    private var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

    private mutating func skipSpaces() {
        while let byte = peek, byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") { index += 1 }
    }

    private mutating func readWhile(_ accept: (UInt8) -> Bool) -> String {
        let start = index
        while let byte = peek, accept(byte) { index += 1 }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    /// The range from the start of the expression to `end`, without the spaces before `end`.
    private func bytesBeforeSpaces(upTo end: Int) -> Range<Int> {
        var stop = end
        while stop > 0, bytes[stop - 1] == UInt8(ascii: " ") || bytes[stop - 1] == UInt8(ascii: "\t") { stop -= 1 }
        var begin = 0
        while begin < stop, bytes[begin] == UInt8(ascii: " ") || bytes[begin] == UInt8(ascii: "\t") { begin += 1 }
        return begin..<stop
    }

    /// The text from `position` to the next space, for "found '…'" in messages.
    private func token(at position: Int) -> String {
        var end = position
        while end < bytes.count, bytes[end] != UInt8(ascii: " "), bytes[end] != UInt8(ascii: "\t") { end += 1 }
        // Cut inside a multi-byte character is repaired by the decoder; expressions are ASCII.
        return String(decoding: bytes[position..<end], as: UTF8.self)
    }

    private func failure(at column: Int, _ message: String) -> ThresholdParseError {
        ThresholdParseError(text: text, column: column, message: message)
    }

    private static func isIdentifierByte(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "_")
    }

    /// `12`, `0.5`, `1.25`: digits with at most one point, no sign or exponent (which
    /// `Double(_:)` alone would accept, along with `nan` and `inf`).
    static func plainNumber(_ text: String) -> Double? {
        var digits = 0
        var points = 0
        for character in text {
            if ThresholdMetric.isDigit(character) {
                digits += 1
            } else if character == "." {
                points += 1
            } else {
                return nil
            }
        }
        guard digits > 0, points <= 1 else { return nil }
        return Double(text)
    }
}
