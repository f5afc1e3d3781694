// Reads spec text (YAML, or JSON as the YAML subset it is) into a `JSON` value and a `SourceMap`,
// translating Yams' errors into `SpecError`s that name file:line:column.

import JSON
import Yams

/// Converts YAML text to JSON, recording where every value was written.
struct YAMLToJSON {
    /// The name errors are reported under.
    let fileName: String
    private(set) var sourceMap = SourceMap()

    init(fileName: String) {
        self.fileName = fileName
    }

    /// Parses `text`; nil for a document with no content at all.
    mutating func convert(_ text: String) throws(SpecError) -> JSON? {
        let root: Node?
        let firstSignificant = text.unicodeScalars.first { !$0.properties.isWhitespace }
        let yaml = firstSignificant == "{" || firstSignificant == "[" ? JSONSurrogateEscapes.rewrite(text) : text
        do {
            // The basic resolver leaves plain scalars untagged so YAMLCoreSchema decides what they
            // are; an explicit encoding keeps Yams from consulting (and printing about) the
            // environment.
            root = try Yams.compose(yaml: yaml, Resolver.basic, Constructor.default, .utf8)
        } catch let error as YamlError {
            throw syntaxError(error, in: text)
        } catch {
            throw .syntax(location(line: 1, column: 1), message: "\(error)")
        }
        guard let root else { return nil }
        if let mark = root.mark { sourceMap.record([], line: mark.line, column: mark.column) }
        return try value(of: root, at: [])
    }

    private func location(line: Int, column: Int) -> SourceLocation {
        SourceLocation(file: fileName, line: line, column: column)
    }

    private func location(_ mark: Mark?) -> SourceLocation {
        location(line: mark?.line ?? 1, column: mark?.column ?? 1)
    }

    private mutating func value(of node: Node, at tokens: [String]) throws(SpecError) -> JSON {
        switch node {
        case .scalar(let scalar):
            guard let value = YAMLCoreSchema.value(of: scalar) else {
                throw .syntax(location(scalar.mark), message: "'\(scalar.string)' is not a valid \(scalar.tag.rawValue)")
            }
            return value
        case .sequence(let sequence):
            var elements: [JSON] = []
            elements.reserveCapacity(sequence.count)
            for (index, element) in sequence.enumerated() {
                let elementTokens = tokens + [String(index)]
                if let mark = element.mark { sourceMap.record(elementTokens, line: mark.line, column: mark.column) }
                elements.append(try value(of: element, at: elementTokens))
            }
            return .array(elements)
        case .mapping(let mapping):
            var object = JSONObject()
            for (keyNode, valueNode) in mapping {
                guard case .scalar(let keyScalar) = keyNode else {
                    throw .syntax(location(keyNode.mark), message: "a mapping key must be a scalar to be a JSON member name")
                }
                // The key's text, whatever it looks like: an unquoted `200:` is the member "200".
                let key = keyScalar.string
                if object[key] != nil {
                    throw .syntax(location(keyScalar.mark), message: "duplicate key '\(key)' in a mapping")
                }
                let memberTokens = tokens + [key]
                if let mark = keyScalar.mark { sourceMap.record(memberTokens, line: mark.line, column: mark.column) }
                object[key] = try value(of: valueNode, at: memberTokens)
            }
            return .object(object)
        case .alias(let alias):
            // Yams' composer substitutes the anchored node for an alias; this is for completeness.
            throw .syntax(location(alias.mark), message: "unresolved alias '\(alias.anchor)'")
        }
    }

    private func syntaxError(_ error: YamlError, in text: String) -> SpecError {
        switch error {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let contextNote = context.map { " (\($0.text) at \($0.mark.line):\($0.mark.column))" } ?? ""
            return .syntax(location(line: mark.line, column: mark.column), message: problem + contextNote)
        case .reader(let problem, let offset, _, _):
            let (line, column) = Self.lineAndColumn(ofCharacterOffset: offset ?? 0, in: text)
            return .syntax(location(line: line, column: column), message: problem)
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            return .syntax(location(context.mark), message: "duplicate key \(keys) in a mapping")
        default:
            return .syntax(location(line: 1, column: 1), message: "\(error)")
        }
    }

    /// Line and column (from 1) of the `offset`-th character of `text`.
    private static func lineAndColumn(ofCharacterOffset offset: Int, in text: String) -> (Int, Int) {
        var line = 1
        var column = 1
        for character in text.prefix(offset) {
            if character == "\n" || character == "\r\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return (line, column)
    }
}
