// The small path language captures and assertions use to pick a value out of a response.
//
// Grammar (no whitespace anywhere):
//
//     path      = "$" segment*
//     segment   = "." name            member of an object; ".length" is the length function
//               | "[" index "]"       element of an array; negative counts from the end (-1 = last)
//               | "[" quoted "]"      member of an object, any name (e.g. ['length'], ['a b'])
//     name      = name-char+          name-char: ASCII letter or digit, "_", "-", "$", or any
//                                     non-ASCII character
//     index     = ["-"] digits        "0" or digits without a leading zero
//     quoted    = "'" char* "'" | '"' char* '"'    a backslash escapes the next character
//
// `.length` of an array or object is its element or member count, of a string its number of
// Unicode scalars (as JSON Schema's maxLength counts), as an integer; of anything else nothing.
// Evaluation yields nil as soon as a segment does not apply (missing member, index out of
// range, member of a non-object, ...).

/// A parsed path such as `$.conversations[0].users.length` or `$['key with space']`.
public struct JSONPath: Sendable, Hashable, CustomStringConvertible {
    /// One step of a path. Member names are compared code point by code point, as the object
    /// keys they select are.
    public enum Component: Sendable, Hashable {
        /// The member with this name of an object.
        case member(String)
        /// The element at this index of an array; negative indexes count from the end.
        case index(Int)
        /// The length of an array, object or string.
        case length

        /// Whether both are the same step (member names by code point).
        public static func == (lhs: Component, rhs: Component) -> Bool {
            switch (lhs, rhs) {
            case (.member(let a), .member(let b)): return a.hasSameCodePoints(as: b)
            case (.index(let a), .index(let b)): return a == b
            case (.length, .length): return true
            default: return false
            }
        }

        /// Hashes consistently with `==`.
        public func hash(into hasher: inout Hasher) {
            switch self {
            case .member(let name):
                hasher.combine(0)
                combineCodePoints(of: name, into: &hasher)
            case .index(let index):
                hasher.combine(1)
                hasher.combine(index)
            case .length:
                hasher.combine(2)
            }
        }
    }

    /// The steps after `$`, outermost first; empty for `$` itself.
    public var components: [Component]

    /// A path made of these steps.
    public init(components: [Component]) {
        self.components = components
    }

    /// Parses the text form (see the grammar at the top of this file).
    ///
    /// - Throws: `JSONPathError` with the 1-based column of the problem and what was expected there.
    public init(_ text: String) throws(JSONPathError) {
        var parser = JSONPathParser(text: text)
        components = try parser.parse()
    }

    /// The value this path selects in `json`, or nil when nothing matches.
    public func evaluate(_ json: JSON) -> JSON? {
        var current = json
        for component in components {
            switch (component, current) {
            case (.member(let name), .object(let object)):
                guard let member = object[name] else { return nil }
                current = member
            case (.index(let index), .array(let elements)):
                let position = index < 0 ? elements.count + index : index
                guard position >= 0, position < elements.count else { return nil }
                current = elements[position]
            case (.length, .array(let elements)):
                current = .integer(Int64(elements.count))
            case (.length, .object(let object)):
                current = .integer(Int64(object.count))
            case (.length, .string(let string)):
                current = .integer(Int64(string.unicodeScalars.count))
            default:
                return nil
            }
        }
        return current
    }

    /// The canonical text form: `.name` where the name allows it, `['name']` otherwise.
    public var description: String {
        var text = "$"
        for component in components {
            switch component {
            case .member(let name):
                if !name.hasSameCodePoints(as: "length"), !name.isEmpty, name.unicodeScalars.allSatisfy(isNameCharacter) {
                    text += "." + name
                } else {
                    text += "['"
                    for scalar in name.unicodeScalars {
                        if scalar == "'" || scalar == "\\" { text += "\\" }
                        text.unicodeScalars.append(scalar)
                    }
                    text += "']"
                }
            case .index(let index):
                text += "[\(index)]"
            case .length:
                text += ".length"
            }
        }
        return text
    }
}

/// Why a text is not a `JSONPath`: the column (1-based, in characters) and what was expected.
public struct JSONPathError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The text that was being parsed.
    public var path: String
    /// The 1-based column (Unicode scalars) of the problem.
    public var column: Int
    /// What the grammar allowed at that column.
    public var expected: String
    /// What was there instead (`'x'` or `end of path`).
    public var found: String

    /// Creates an error about `path` at `column`.
    public init(path: String, column: Int, expected: String, found: String) {
        self.path = path
        self.column = column
        self.expected = expected
        self.found = found
    }

    /// `invalid path "$.a[" at column 5: expected an index or a quoted name after '[', found end of path`.
    public var description: String {
        "invalid path \"\(path)\" at column \(column): expected \(expected), found \(found)"
    }
}

/// Whether a character may appear in a dotted member name.
private func isNameCharacter(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar {
    case "a"..."z", "A"..."Z", "0"..."9", "_", "-", "$": return true
    default: return scalar.value >= 0x80
    }
}

private func isDigit(_ scalar: Unicode.Scalar) -> Bool {
    scalar >= "0" && scalar <= "9"
}

/// A recursive-descent reader over the path's scalars.
private struct JSONPathParser {
    let text: String
    let scalars: [Unicode.Scalar]
    var position = 0

    init(text: String) {
        self.text = text
        scalars = Array(text.unicodeScalars)
    }

    mutating func parse() throws(JSONPathError) -> [JSONPath.Component] {
        guard peek == "$" else { throw error(expected: "'$' at the start of the path") }
        position += 1
        var components: [JSONPath.Component] = []
        while let scalar = peek {
            switch scalar {
            case ".":
                position += 1
                components.append(try parseName())
            case "[":
                position += 1
                components.append(try parseBracket())
            default:
                throw error(expected: "'.' or '[' or end of path")
            }
        }
        return components
    }

    var peek: Unicode.Scalar? { position < scalars.count ? scalars[position] : nil }

    mutating func parseName() throws(JSONPathError) -> JSONPath.Component {
        let start = position
        while let scalar = peek, isNameCharacter(scalar) { position += 1 }
        guard position > start else { throw error(expected: "a member name after '.'") }
        var name = ""
        name.unicodeScalars.append(contentsOf: scalars[start..<position])
        return name.hasSameCodePoints(as: "length") ? .length : .member(name)
    }

    mutating func parseBracket() throws(JSONPathError) -> JSONPath.Component {
        let component: JSONPath.Component
        if peek == "'" || peek == "\"" {
            component = .member(try parseQuoted())
        } else if peek == "-" || peek.map(isDigit) == true {
            component = .index(try parseIndex())
        } else {
            throw error(expected: "an index or a quoted name after '['")
        }
        guard peek == "]" else { throw error(expected: "']'") }
        position += 1
        return component
    }

    mutating func parseQuoted() throws(JSONPathError) -> String {
        guard let quote = peek else { throw error(expected: "a quote") }
        position += 1
        var name = ""
        while true {
            guard let scalar = peek else { throw error(expected: "\(describe(quote)) to end the name") }
            position += 1
            if scalar == quote { return name }
            if scalar == "\\" {
                guard let escaped = peek else { throw error(expected: "a character after '\\'") }
                position += 1
                name.unicodeScalars.append(escaped)
            } else {
                name.unicodeScalars.append(scalar)
            }
        }
    }

    mutating func parseIndex() throws(JSONPathError) -> Int {
        var negative = false
        if peek == "-" {
            negative = true
            position += 1
        }
        let start = position
        var value = 0
        while let scalar = peek, isDigit(scalar) {
            let digit = Int(scalar.value) - 48
            if position > start, scalars[start] == "0" {
                throw JSONPathError(path: text, column: start + 1, expected: "an index without leading zeros", found: "'0'")
            }
            let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(digit)
            guard !overflow1, !overflow2 else {
                throw JSONPathError(path: text, column: start + 1, expected: "an index that fits in 64 bits", found: "a larger number")
            }
            value = sum
            position += 1
        }
        guard position > start else { throw error(expected: "a digit") }
        return negative ? -value : value
    }

    /// An error at the current position.
    func error(expected: String) -> JSONPathError {
        JSONPathError(path: text, column: position + 1, expected: expected, found: peek.map(describe) ?? "end of path")
    }

    func describe(_ scalar: Unicode.Scalar) -> String {
        scalar == "'" ? "\"'\"" : "'\(scalar)'"
    }
}
