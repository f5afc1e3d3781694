// A first pass over YAML text with libyaml's event parser, before Yams composes it. Yams hashes
// every mapping key to find duplicates, with aliases expanded: a key that is a collection holding
// nested aliases ("billion laughs") would hash practically forever, and an alias of a long
// scalar used as a key in many small mappings hashes that scalar each time. Collection keys are
// rejected here (JSON has none, and `YAMLReader` rejects them anyway), and aliases used as keys
// may repeat no more text than the document holds, all before anything is expanded.

internal import CYaml

/// Finds collection keys and runaway alias keys by events alone.
enum CollectionKeyCheck {
    /// Throws `nonScalarKey` at the first collection key of `text`, or an error at the alias key
    /// that repeats too much text. Syntax errors are left to Yams, which reports them as before.
    static func check(_ text: String, file: String) throws(YAMLReadError) {
        var text = text
        if let (problem, line, column) = text.withUTF8({ firstProblem(in: $0) }) {
            throw YAMLReadError(problem, at: SourceLocation(file: file, line: line, column: column))
        }
    }

    /// One open collection: a list, or a mapping and whether its next node is a key.
    private enum Frame {
        case sequence
        case mapping(nextIsKey: Bool)
    }

    /// The first problem and its 1-based line and column, nil when there is none.
    private static func firstProblem(in bytes: UnsafeBufferPointer<UInt8>) -> (YAMLReadError.Problem, Int, Int)? {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return nil }
        defer { yaml_parser_delete(&parser) }
        yaml_parser_set_input_string(&parser, bytes.baseAddress, bytes.count)
        yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)

        var frames: [Frame] = []
        var collectionAnchors = Set<String>()
        var scalarAnchorBytes: [String: Int] = [:]
        var aliasKeyBytes = 100_000 + bytes.count
        var event = yaml_event_t()
        // A node is done: in a mapping, keys and values alternate.
        func finishNode() {
            if case .mapping(let nextIsKey) = frames.last { frames[frames.count - 1] = .mapping(nextIsKey: !nextIsKey) }
        }
        var keyExpected: Bool {
            if case .mapping(nextIsKey: true) = frames.last { return true }
            return false
        }
        while yaml_parser_parse(&parser, &event) == 1 {
            defer { yaml_event_delete(&event) }
            let (line, column) = (Int(event.start_mark.line) + 1, Int(event.start_mark.column) + 1)
            switch event.type {
            case YAML_STREAM_END_EVENT:
                return nil
            case YAML_SCALAR_EVENT:
                if let anchor = event.data.scalar.anchor { scalarAnchorBytes[String(cString: anchor)] = event.data.scalar.length }
                finishNode()
            case YAML_ALIAS_EVENT:
                if keyExpected, let anchor = event.data.alias.anchor {
                    let name = String(cString: anchor)
                    if collectionAnchors.contains(name) { return (.nonScalarKey, line, column) }
                    aliasKeyBytes -= scalarAnchorBytes[name] ?? 0
                    if aliasKeyBytes < 0 {
                        return (.other("aliases used as keys repeat far more text than the document holds; not expanding them"), line, column)
                    }
                }
                finishNode()
            case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                if keyExpected { return (.nonScalarKey, line, column) }
                let isSequence = event.type == YAML_SEQUENCE_START_EVENT
                let anchor = isSequence ? event.data.sequence_start.anchor : event.data.mapping_start.anchor
                if let anchor { collectionAnchors.insert(String(cString: anchor)) }
                frames.append(isSequence ? .sequence : .mapping(nextIsKey: true))
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                _ = frames.popLast()
                finishNode()
            default:
                break
            }
        }
        return nil
    }
}
