// Reads YAML text (or JSON, the YAML subset it is) into a `YAMLNode` tree with Yams, turning
// Yams' errors into `YAMLReadError`s that name file:line:column. The one YAML reader of the
// project: specs (`OpenAPIDocument`) and scenario and load-profile files read through it.

import JSON
import Yams

/// Parses YAML text into a positioned `YAMLNode` tree.
public enum YAMLReader {
    /// Parses the first document of `text`; `file` names the input in locations. Nil for a
    /// document with no content at all (empty, or only comments).
    ///
    /// Scalars resolve by the YAML 1.2 core schema (`YAMLNode.ScalarValue`), mapping keys must
    /// be scalars and unique, and aliases are expanded.
    public static func read(_ text: String, file: String) throws(YAMLReadError) -> YAMLNode? {
        let firstSignificant = text.unicodeScalars.first { !$0.properties.isWhitespace }
        let yaml = firstSignificant == "{" || firstSignificant == "[" ? JSONSurrogateEscapes.rewrite(text) : text
        // Before Yams composes: it hashes keys, aliases expanded, and such a key may never end.
        try CollectionKeyCheck.check(yaml, file: file)
        let root: Node?
        do {
            // The basic resolver leaves plain scalars untagged so YAMLCoreSchema decides what they
            // are; an explicit encoding keeps Yams from consulting (and printing about) the
            // environment.
            root = try Yams.compose(yaml: yaml, Resolver.basic, Constructor.default, .utf8)
        } catch let error as YamlError {
            throw readError(error, file: file)
        } catch {
            throw YAMLReadError(.other("\(error)"), at: SourceLocation(file: file, line: 1, column: 1))
        }
        guard let root else { return nil }
        var budget = ExpansionBudget(textBytes: yaml.utf8.count)
        return try node(root, file: file, budget: &budget)
    }

    /// What the aliases of a document may expand to. Yams composes an alias as the anchored
    /// node itself, so a few lines of nested aliases ("billion laughs") stand for billions of
    /// nodes, or a long scalar for gigabytes of text; converting them would never finish.
    /// Without aliases a node takes at least a byte of text and a scalar's text is at most 1.5
    /// times its source (`\L` is 3 bytes of UTF-8), so the budget binds only on expansions.
    private struct ExpansionBudget {
        var nodes: Int
        var scalarBytes: Int

        init(textBytes: Int) {
            nodes = 100_000 + textBytes
            scalarBytes = 100_000 + 2 * textBytes
        }

        /// Spends one node holding `bytes` of scalar text; false when that overdraws.
        mutating func spend(scalarBytes bytes: Int = 0) -> Bool {
            nodes -= 1
            scalarBytes -= bytes
            return nodes >= 0 && scalarBytes >= 0
        }
    }

    private static func location(_ mark: Mark?, file: String) -> SourceLocation {
        SourceLocation(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1)
    }

    private static func node(_ node: Node, file: String, budget: inout ExpansionBudget) throws(YAMLReadError) -> YAMLNode {
        let at = location(node.mark, file: file)
        guard budget.spend(scalarBytes: node.scalar?.string.utf8.count ?? 0) else {
            throw YAMLReadError(.other("aliases expand the document to far more than its text holds (a 'billion laughs'?); not expanding them"), at: at)
        }
        switch node {
        case .scalar(let scalar):
            guard let value = YAMLCoreSchema.value(of: scalar) else {
                throw YAMLReadError(.valueDoesNotFitTag(text: scalar.string, tag: scalar.tag.rawValue), at: at)
            }
            return YAMLNode(content: .scalar(YAMLNode.Scalar(text: scalar.string, value: value, style: style(of: scalar))), location: at)
        case .sequence(let sequence):
            var elements: [YAMLNode] = []
            elements.reserveCapacity(sequence.count)
            for element in sequence { elements.append(try self.node(element, file: file, budget: &budget)) }
            return YAMLNode(content: .sequence(elements), location: at)
        case .mapping(let mapping):
            var members: [YAMLNode.Member] = []
            members.reserveCapacity(mapping.count)
            // Keys become JSON member names, which differ by code point: "é" and "e\u{301}" are two.
            var keys = Set<CodePointString>()
            for (keyNode, valueNode) in mapping {
                let keyAt = location(keyNode.mark, file: file)
                guard case .scalar(let keyScalar) = keyNode else { throw YAMLReadError(.nonScalarKey, at: keyAt) }
                // The key's text, whatever it looks like: an unquoted `200:` is the key "200".
                let key = keyScalar.string
                // Yams catches most duplicates while composing; this catches the rest (e.g. a
                // key tagged `!!str` beside the same key untagged), since JSON cannot hold both.
                guard keys.insert(CodePointString(key)).inserted else { throw YAMLReadError(.duplicateKeys([key]), at: keyAt) }
                let value = try self.node(valueNode, file: file, budget: &budget)
                members.append(YAMLNode.Member(key: key, keyLocation: keyAt, keyIsQuoted: style(of: keyScalar).isQuoted, value: value))
            }
            return YAMLNode(content: .mapping(members), location: at)
        case .alias(let alias):
            // Yams' composer substitutes the anchored node for an alias; this is for completeness.
            throw YAMLReadError(.unresolvedAlias("\(alias.anchor)"), at: at)
        }
    }

    private static func style(of scalar: Node.Scalar) -> YAMLNode.ScalarStyle {
        switch scalar.style {
        case .singleQuoted: return .singleQuoted
        case .doubleQuoted: return .doubleQuoted
        case .literal: return .literal
        case .folded: return .folded
        case .any, .plain: return .plain
        }
    }

    private static func readError(_ error: YamlError, file: String) -> YAMLReadError {
        switch error {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let note = context.map { " (\($0.text) at line \($0.mark.line), column \($0.mark.column))" } ?? ""
            return YAMLReadError(.syntax(problem + note), at: location(mark, file: file))
        case .reader(let problem, let offset, _, let yaml):
            let (line, column) = position(ofCharacterOffset: offset ?? 0, in: yaml)
            return YAMLReadError(.syntax(problem), at: SourceLocation(file: file, line: line, column: column))
        case .duplicatedKeysInMapping(let duplicates, let context):
            return YAMLReadError(.duplicateKeys(duplicates.map { "\($0)" }), at: location(context.mark, file: file))
        default:
            return YAMLReadError(.other("\(error)"), at: SourceLocation(file: file, line: 1, column: 1))
        }
    }

    /// Line and column (from 1) of the `offset`-th character of `text`; columns count Unicode
    /// scalars, as libyaml's do.
    private static func position(ofCharacterOffset offset: Int, in text: String) -> (line: Int, column: Int) {
        var line = 1
        var column = 1
        for character in text.prefix(offset) {
            if character == "\n" || character == "\r\n" {
                line += 1
                column = 1
            } else {
                column += character.unicodeScalars.count
            }
        }
        return (line, column)
    }
}
