// Writes a JSON value as block-style YAML, for `fcharness spec` to print a spec a team can read
// and review: members in document order, two-space indentation, strings quoted only where a
// YAML reader (1.2, or an older 1.1 one) could read them as something else. The same value
// always gives the same text, and `YAMLReader` reads it back to an equal value.

import JSON

/// Turns JSON values into YAML text.
public enum YAMLWriter {
    /// The YAML text of `value`, ending with a newline.
    ///
    /// Empty objects and arrays are written `{}` and `[]`; strings with line breaks as literal
    /// blocks (`|`) where that keeps every character, else double-quoted with escapes.
    public static func text(of value: JSON) -> String {
        var output = YAMLOutput()
        output.writeDocument(value)
        return output.text
    }
}

/// The text written so far, and how to write the next node.
private struct YAMLOutput {
    var text = ""

    mutating func writeDocument(_ value: JSON) {
        switch value {
        case .object(let object) where !object.isEmpty:
            writeMapping(object, indent: 0, continuingLine: false)
        case .array(let elements) where !elements.isEmpty:
            writeSequence(elements, indent: 0, continuingLine: false)
        default:
            writeValue(value, indent: 0)
        }
    }

    /// One `key: value` line per member at `indent`; when `continuingLine`, the first member
    /// goes on the current line (after a sequence's `- `).
    private mutating func writeMapping(_ object: JSONObject, indent: Int, continuingLine: Bool) {
        for (offset, member) in object.members.enumerated() {
            if offset > 0 || !continuingLine { text += String(repeating: " ", count: indent) }
            text += YAMLScalar.string(member.key) + ":"
            switch member.value {
            case .object(let nested) where !nested.isEmpty:
                text += "\n"
                writeMapping(nested, indent: indent + 2, continuingLine: false)
            case .array(let elements) where !elements.isEmpty:
                text += "\n"
                writeSequence(elements, indent: indent + 2, continuingLine: false)
            default:
                text += " "
                writeValue(member.value, indent: indent + 2)
            }
        }
    }

    /// One `- element` per element at `indent`; nested collections start on the dash's line.
    private mutating func writeSequence(_ elements: [JSON], indent: Int, continuingLine: Bool) {
        for (offset, element) in elements.enumerated() {
            if offset > 0 || !continuingLine { text += String(repeating: " ", count: indent) }
            text += "- "
            switch element {
            case .object(let object) where !object.isEmpty:
                writeMapping(object, indent: indent + 2, continuingLine: true)
            case .array(let nested) where !nested.isEmpty:
                writeSequence(nested, indent: indent + 2, continuingLine: true)
            default:
                writeValue(element, indent: indent + 2)
            }
        }
    }

    /// A scalar or an empty collection, then the end of the line; a multi-line string as a
    /// literal block whose lines are indented by `indent`.
    private mutating func writeValue(_ value: JSON, indent: Int) {
        if case .string(let string) = value, let block = YAMLScalar.literalBlock(string) {
            text += block.header + "\n"
            for line in block.lines {
                if !line.isEmpty { text += String(repeating: " ", count: max(indent, 2)) + line }
                text += "\n"
            }
            return
        }
        text += YAMLScalar.text(of: value) + "\n"
    }
}

/// How one scalar or key is written.
enum YAMLScalar {
    static func text(of value: JSON) -> String {
        switch value {
        case .null: return "null"
        case .bool(let flag): return flag ? "true" : "false"
        case .integer(let integer): return String(integer)
        case .double(let double):
            if double.isNaN { return ".nan" }
            if double.isInfinite { return double < 0 ? "-.inf" : ".inf" }
            // The shortest form that reads back to the same double, always with '.' or 'e'
            // ("5.0", "1e+20"), so it reads back as a float rather than an integer.
            return double.description
        case .string(let string): return self.string(string)
        case .object: return "{}"  // only empty ones reach here
        case .array: return "[]"
        }
    }

    /// `string` plain when every YAML reader reads it back as this string; single-quoted when
    /// it only needs protecting from being read as something else; double-quoted with escapes
    /// when it holds line breaks, tabs or characters YAML does not allow unescaped.
    static func string(_ string: String) -> String {
        if isPlainSafe(string) { return string }
        if string.unicodeScalars.allSatisfy(isInlineSafe) {
            return "'" + string.replacingOccurrences(of: "'", with: "''") + "'"
        }
        return doubleQuoted(string)
    }

    /// A literal block (`|`, `|-` or `|+` by how the string ends) for a multi-line string
    /// whose first line starts with a visible character and whose characters YAML allows
    /// unescaped; nil otherwise.
    static func literalBlock(_ string: String) -> (header: String, lines: [Substring])? {
        guard string.contains("\n"), !string.contains("\r") else { return nil }
        guard let first = string.unicodeScalars.first, first != " ", first != "\t", first != "\n" else { return nil }
        guard string.unicodeScalars.allSatisfy({ $0 == "\n" || $0 == "\t" || isInlineSafe($0) }) else { return nil }
        var body = Substring(string)
        var trailingBreaks = 0
        while body.hasSuffix("\n") {
            body = body.dropLast()
            trailingBreaks += 1
        }
        let lines = body.split(separator: "\n", omittingEmptySubsequences: false)
        switch trailingBreaks {
        case 0: return ("|-", lines)
        case 1: return ("|", lines)
        default: return ("|+", lines + Array(repeating: Substring(""), count: trailingBreaks - 1))
        }
    }

    /// Words that YAML 1.1 or 1.2 readers turn into null or a boolean.
    private static let specialWords: Set<String> = ["null", "~", "true", "false", "yes", "no", "on", "off", "y", "n"]

    /// Characters that cannot start a plain scalar (YAML's indicators), and space.
    private static let indicators = Set("-?:,[]{}#&*!|>'\"%@` ".unicodeScalars)

    /// Whether `string` written plain reads back as the same string.
    private static func isPlainSafe(_ string: String) -> Bool {
        let scalars = Array(string.unicodeScalars)
        guard let first = scalars.first, let last = scalars.last else { return false }
        guard !indicators.contains(first), last != " ", last != ":" else { return false }
        guard scalars.allSatisfy(isInlineSafe) else { return false }
        guard !string.contains(": "), !string.contains(" #") else { return false }
        guard !specialWords.contains(string.lowercased()), string != "<<", !string.hasPrefix("...") else { return false }
        // Anything that starts like a number (`200`, `3.1.0`, `1e3`, `+1`, `.5`, `2024-01-01`)
        // is quoted: readers disagree on which of those are numbers, dates or strings.
        if ("0"..."9").contains(first) { return false }
        if (first == "+" || first == "."), scalars.count > 1, ("0"..."9").contains(scalars[1]) { return false }
        if [".inf", ".nan", "+.inf"].contains(string.lowercased()) { return false }
        return true
    }

    /// Characters YAML allows inside a plain or single-quoted scalar on one line: printable,
    /// and not one of the line breaks YAML 1.1 knows beyond `\n` (U+0085, U+2028, U+2029).
    private static func isInlineSafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20...0x7E: return true
        case 0x2028, 0x2029, 0xFEFF: return false
        case 0xA0...0xD7FF, 0xE000...0xFFFD, 0x10000...: return true
        default: return false
        }
    }

    /// `"…"` with `\\`, `\"`, `\n`, `\t`… and `\uXXXX` for anything not inline-safe.
    private static func doubleQuoted(_ string: String) -> String {
        var text = "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\\": text += "\\\\"
            case "\"": text += "\\\""
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            case "\0": text += "\\0"
            default:
                if isInlineSafe(scalar) {
                    text.unicodeScalars.append(scalar)
                } else {
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    text += "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
                }
            }
        }
        return text + "\""
    }
}
