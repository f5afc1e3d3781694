// A YAML document as a small Sendable tree whose every node and key knows its file:line:column.
// Yams' own `Node` is not Sendable and resolves YAML 1.1 types (`no` → false, `0123` → octal);
// scenario files want YAML 1.2 core types, so values are resolved here.

import OpenAPI
import Yams

/// One node of a parsed YAML document, with the position where it starts.
struct YAMLNode: Sendable {
    /// A scalar with its source text, resolved type and layout (for columns inside it).
    struct Scalar: Sendable {
        /// The scalar's text after YAML unquoting and folding.
        var text: String
        /// The value under YAML 1.2 core-schema rules (quoted scalars are always strings).
        var value: ScalarValue
        /// Columns between the node's start and its first content character (1 for quoted).
        var contentOffset: Int
        /// True for literal `|` and folded `>` block scalars, whose content starts on a later line.
        var isBlock: Bool
    }

    /// A resolved scalar value.
    enum ScalarValue: Sendable, Equatable {
        case null
        case bool(Bool)
        case integer(Int64)
        case double(Double)
        case string(String)
    }

    /// One `key: value` pair of a mapping, in document order.
    struct Member: Sendable {
        var key: String
        /// Where the key starts (at its opening quote, if quoted).
        var keyLocation: SourceLocation
        /// Where the key's text starts (after its opening quote, if quoted).
        var keyContentLocation: SourceLocation
        var value: YAMLNode
    }

    enum Content: Sendable {
        case scalar(Scalar)
        case mapping([Member])
        case sequence([YAMLNode])
    }

    var content: Content
    var location: SourceLocation

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
        return location.advanced(byColumns: scalar.contentOffset)
    }
}

/// Parses YAML text into a `YAMLNode` tree, turning libyaml errors into `ScenarioError`s.
enum YAMLReader {
    /// YAML 1.2 core schema: only `true`/`false` are booleans, no octal `0123`, no timestamps.
    private static let resolver: Resolver = {
        var resolver = Resolver.basic
        if let null = try? Resolver.Rule(.null, "^(?:~|null|Null|NULL|)$") { resolver = resolver.appending(null) }
        if let bool = try? Resolver.Rule(.bool, "^(?:true|True|TRUE|false|False|FALSE)$") { resolver = resolver.appending(bool) }
        if let int = try? Resolver.Rule(.int, "^[-+]?[0-9]+$") { resolver = resolver.appending(int) }
        if let float = try? Resolver.Rule(.float, "^[-+]?(?:\\.[0-9]+|[0-9]+(?:\\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$") {
            resolver = resolver.appending(float)
        }
        return resolver
    }()

    /// Parses the first document of `text`; `file` names the input in locations.
    static func read(_ text: String, file: String) throws(ScenarioError) -> YAMLNode {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text, resolver)
        } catch let error as YamlError {
            throw convert(error, file: file, text: text)
        } catch {
            throw ScenarioError(.yamlSyntax(reason: "\(error)"), at: .wholeFile(file))
        }
        guard let root else {
            throw ScenarioError(.yamlSyntax(reason: "the file is empty"), at: SourceLocation(file: file, line: 1, column: 1))
        }
        return try convert(root, file: file)
    }

    private static func location(_ mark: Mark?, file: String) -> SourceLocation {
        guard let mark else { return SourceLocation(file: file, line: 1, column: 1) }
        return SourceLocation(file: file, line: mark.line, column: mark.column)
    }

    private static func convert(_ node: Node, file: String) throws(ScenarioError) -> YAMLNode {
        let at = location(node.mark, file: file)
        switch node {
        case .scalar(let scalar):
            return YAMLNode(content: .scalar(convert(scalar)), location: at)
        case .alias:
            // compose() dereferences aliases; an alias left here would be a Yams change.
            throw ScenarioError(.yamlSyntax(reason: "unresolved alias"), at: at)
        case .sequence(let sequence):
            var elements: [YAMLNode] = []
            elements.reserveCapacity(sequence.count)
            for element in sequence { elements.append(try convert(element, file: file)) }
            return YAMLNode(content: .sequence(elements), location: at)
        case .mapping(let mapping):
            var members: [Member] = []
            members.reserveCapacity(mapping.count)
            for (key, value) in mapping {
                let keyAt = location(key.mark, file: file)
                guard case .scalar(let keyScalar) = key else {
                    // Almost always `key: {{name}}` written without quotes: YAML reads the
                    // braces as a mapping nested in a mapping key.
                    throw ScenarioError(
                        .yamlSyntax(reason: "a mapping or list cannot be a key; if this is a template, quote it: \"{{name}}\""),
                        at: keyAt)
                }
                let quoted = keyScalar.style == .singleQuoted || keyScalar.style == .doubleQuoted
                members.append(Member(
                    key: keyScalar.string, keyLocation: keyAt, keyContentLocation: keyAt.advanced(byColumns: quoted ? 1 : 0),
                    value: try convert(value, file: file)))
            }
            return YAMLNode(content: .mapping(members), location: at)
        }
    }

    private typealias Member = YAMLNode.Member

    private static func convert(_ scalar: Node.Scalar) -> YAMLNode.Scalar {
        let text = scalar.string
        let quoted = scalar.style == .singleQuoted || scalar.style == .doubleQuoted
        let block = scalar.style == .literal || scalar.style == .folded
        var value = YAMLNode.ScalarValue.string(text)
        if !quoted && !block {
            switch resolver.resolveTag(of: Node.scalar(scalar)) {
            case .null: value = .null
            case .bool: value = .bool(text.lowercased() == "true")
            case .int: value = Int64(text.hasPrefix("+") ? String(text.dropFirst()) : text).map { .integer($0) } ?? .string(text)
            case .float: value = Double(text).map { .double($0) } ?? .string(text)
            default: break
            }
        }
        return YAMLNode.Scalar(text: text, value: value, contentOffset: quoted ? 1 : 0, isBlock: block)
    }

    private static func convert(_ error: YamlError, file: String, text: String) -> ScenarioError {
        switch error {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let reason = context.map { "\(problem) (\($0.text) at line \($0.mark.line), column \($0.mark.column))" } ?? problem
            return ScenarioError(.yamlSyntax(reason: reason), at: location(mark, file: file))
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            return ScenarioError(.yamlSyntax(reason: "duplicate key \(keys) in a mapping"), at: location(context.mark, file: file))
        case .reader(let problem, let offset, _, _):
            var at = SourceLocation(file: file, line: 1, column: 1)
            if let offset {
                let prefix = text.prefix(offset)
                let line = prefix.reduce(1) { $1 == "\n" ? $0 + 1 : $0 }
                let column = prefix.split(separator: "\n", omittingEmptySubsequences: false).last.map { $0.unicodeScalars.count + 1 } ?? 1
                at = SourceLocation(file: file, line: line, column: column)
            }
            return ScenarioError(.yamlSyntax(reason: problem), at: at)
        default:
            return ScenarioError(.yamlSyntax(reason: "\(error)"), at: .wholeFile(file))
        }
    }
}
