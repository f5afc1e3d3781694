// The text of a generated scenario: the layout of the hand-written files (block mappings,
// a comment above each step), so a team can read, own and edit what `generate` wrote.

import JSON

extension GeneratedScenario {
    /// The YAML file, ending in a newline. The same scenario always gives the same bytes.
    public var yamlText: String {
        var out = YAMLLines()
        for line in header { out.comment(line, indent: 0) }
        out.line("name: \(YAMLScalarText.string(name))", indent: 0)
        out.line("tags: [\(tags.map(YAMLScalarText.string).joined(separator: ", "))]", indent: 0)
        if !variables.isEmpty {
            out.line("variables:", indent: 0)
            for variable in variables {
                out.comment(variable.comment, indent: 2)
                out.value(variable.value, key: variable.name, indent: 2)
            }
        }
        out.line("steps:", indent: 0)
        for (number, step) in steps.enumerated() {
            if number > 0 { out.blank() }
            for line in step.comment { out.comment(line, indent: 2) }
            step.write(to: &out)
        }
        if !trailer.isEmpty {
            out.blank()
            for line in trailer { out.comment(line, indent: 0) }
        }
        return out.text
    }
}

extension GeneratedStep {
    fileprivate func write(to out: inout YAMLLines) {
        out.line("- operation: \(YAMLScalarText.string(operationId))", indent: 2)
        if let name { out.line("name: \(YAMLScalarText.string(name))", indent: 4) }
        out.flowMap("path", path, indent: 4)
        out.flowMap("query", query, indent: 4)
        out.flowMap("headers", headers, indent: 4)
        if let body { out.value(body, key: "body", indent: 4) }
        // Status keys (`200`, `4XX`) read back plain; classes are written the way hand-written files do.
        let statuses = expectedStatuses.map { Int($0).map(String.init) ?? $0.lowercased() }
        let status = statuses.count == 1 ? statuses[0] : "[\(statuses.joined(separator: ", "))]"
        out.line("expect: { status: \(status) }", indent: 4)
        out.flowMap("capture", captures, indent: 4)
    }
}

/// Lines of YAML being written, two spaces per level.
struct YAMLLines {
    private(set) var text = ""

    mutating func line(_ content: String, indent: Int) {
        text += String(repeating: " ", count: indent) + content + "\n"
    }

    mutating func comment(_ content: String, indent: Int) {
        line(content.isEmpty ? "#" : "# \(content)", indent: indent)
    }

    mutating func blank() { text += "\n" }

    /// `key: { a: x, b: y }`, or nothing when `pairs` is empty.
    mutating func flowMap(_ key: String, _ pairs: [NamedText], indent: Int) {
        guard !pairs.isEmpty else { return }
        let members = pairs.map { "\(YAMLScalarText.string($0.name)): \(YAMLScalarText.string($0.value))" }
        line("\(key): { \(members.joined(separator: ", ")) }", indent: indent)
    }

    /// `key: value` in block style: scalars and empty containers on the key's line, objects and
    /// arrays below it.
    mutating func value(_ value: JSON, key: String, indent: Int) {
        let keyText = YAMLScalarText.string(key)
        if let inline = Self.inline(value) {
            line("\(keyText): \(inline)", indent: indent)
            return
        }
        line("\(keyText):", indent: indent)
        block(value, indent: indent + 2)
    }

    /// The members or items of a non-empty container, each on its own lines at `indent`.
    private mutating func block(_ value: JSON, indent: Int) {
        switch value {
        case .object(let object):
            for member in object.members { self.value(member.value, key: member.key, indent: indent) }
        case .array(let items):
            for item in items { arrayItem(item, indent: indent) }
        case .null, .bool, .integer, .double, .string:
            line(YAMLScalarText.scalar(value), indent: indent)
        }
    }

    /// `- item`: a scalar on the dash's line; an object's first member there and the rest
    /// aligned under it; a nested array below.
    private mutating func arrayItem(_ item: JSON, indent: Int) {
        if let inline = Self.inline(item) {
            line("- \(inline)", indent: indent)
            return
        }
        switch item {
        case .object(let object):
            var nested = YAMLLines()
            for member in object.members { nested.value(member.value, key: member.key, indent: indent + 2) }
            // The first member moves onto the dash's line: "    key: v" becomes "  - key: v".
            var lines = nested.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            if lines.last == "" { lines.removeLast() }
            lines[0] = String(repeating: " ", count: indent) + "- " + lines[0].dropFirst(indent + 2)
            text += lines.joined(separator: "\n") + "\n"
        default:
            line("-", indent: indent)
            block(item, indent: indent + 2)
        }
    }

    /// The one-line form of scalars and empty containers; nil for the rest.
    private static func inline(_ value: JSON) -> String? {
        switch value {
        case .object(let object) where object.isEmpty: return "{}"
        case .array(let items) where items.isEmpty: return "[]"
        case .object, .array: return nil
        case .null, .bool, .integer, .double, .string: return YAMLScalarText.scalar(value)
        }
    }
}
