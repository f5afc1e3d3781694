// What scenario and load-profile files add to YAMLSource's positioned YAML tree: reading a file
// (an empty one is an error), the words a "found …" message uses, and where a scalar's text
// starts, which is where template and JSONPath columns count from.

import YAMLSource

extension YAMLReader {
    /// Parses the first document of a scenario or load-profile file; `file` names it in
    /// locations. An empty document is an error here: every such file has required keys.
    static func readDocument(_ text: String, file: String) throws(ScenarioError) -> YAMLNode {
        let root: YAMLNode?
        do {
            root = try read(text, file: file)
        } catch {
            throw ScenarioError(.yamlSyntax(reason: reason(for: error.problem, message: error.message)), at: location(of: error, file: file))
        }
        guard let root else {
            throw ScenarioError(.yamlSyntax(reason: "the file is empty"), at: SourceLocation(file: file, line: 1, column: 1))
        }
        return root
    }

    private static func reason(for problem: YAMLReadError.Problem, message: String) -> String {
        // Almost always `key: {{name}}` written without quotes: YAML reads the braces as a
        // mapping nested in a mapping key.
        problem == .nonScalarKey ? message + "; if this is a template, quote it: \"{{name}}\"" : message
    }

    /// Errors Yams reports without a position concern the file as a whole.
    private static func location(of error: YAMLReadError, file: String) -> SourceLocation {
        if case .other = error.problem { return .wholeFile(file) }
        return error.location
    }
}

extension YAMLNode {
    /// How the node reads in a "found …" message: `a list`, `a mapping`, `the string "x"`.
    var kindDescription: String {
        switch content {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .scalar(let scalar):
            switch scalar.value {
            case .null: return "nothing (null)"
            case .bool(let b): return "the boolean \(b)"
            case .integer(let i): return "the number \(i)"
            case .double(let d): return "the number \(d)"
            case .string(let s): return "the string \"\(s.count > 40 ? String(s.prefix(40)) + "…" : s)\""
            }
        }
    }

    /// The location of the first content character of a scalar (inside its quotes), where
    /// column offsets of templates start counting.
    var contentLocation: SourceLocation {
        guard case .scalar(let scalar) = content else { return location }
        if scalar.isBlock {
            // The content of `|`/`>` starts on the next line; its indentation is not kept by
            // libyaml, so point at the line start and accept that columns there are approximate.
            return SourceLocation(file: location.file, line: location.line + 1, column: 1)
        }
        return location.advanced(byColumns: scalar.isQuoted ? 1 : 0)
    }
}

extension YAMLNode.Member {
    /// Where the key's text starts (after its opening quote, if quoted), where a JSONPath
    /// key's columns count from.
    var keyContentLocation: SourceLocation {
        keyLocation.advanced(byColumns: keyIsQuoted ? 1 : 0)
    }
}
