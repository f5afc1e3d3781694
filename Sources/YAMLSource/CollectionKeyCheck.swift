// A first pass over YAML text with libyaml's event parser, before Yams composes it, that
// rejects mapping keys which are lists or mappings. Yams hashes every key of a mapping to find
// duplicates, and hashing a collection key walks its whole subtree with aliases expanded: a few
// lines of nested aliases in a key ("billion laughs") would take practically forever. JSON has
// no such keys and `YAMLReader` rejects them anyway; here they are rejected before anything
// has been expanded.

internal import CYaml

/// Finds the first mapping key that is a collection, or an alias of one, by events alone.
enum CollectionKeyCheck {
    /// Throws `nonScalarKey` at the first collection key of `text`. Syntax errors are left to
    /// Yams, which reports them as before.
    static func check(_ text: String, file: String) throws(YAMLReadError) {
        var text = text
        let problem = text.withUTF8 { firstCollectionKey(in: $0) }
        if let (line, column) = problem {
            throw YAMLReadError(.nonScalarKey, at: SourceLocation(file: file, line: line, column: column))
        }
    }

    /// One open collection: a list, or a mapping and whether its next node is a key.
    private enum Frame {
        case sequence
        case mapping(nextIsKey: Bool)
    }

    /// The 1-based line and column of the first collection key, nil when there is none.
    private static func firstCollectionKey(in bytes: UnsafeBufferPointer<UInt8>) -> (Int, Int)? {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return nil }
        defer { yaml_parser_delete(&parser) }
        yaml_parser_set_input_string(&parser, bytes.baseAddress, bytes.count)
        yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)

        var frames: [Frame] = []
        var collectionAnchors = Set<String>()
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
            let mark = (Int(event.start_mark.line) + 1, Int(event.start_mark.column) + 1)
            switch event.type {
            case YAML_STREAM_END_EVENT:
                return nil
            case YAML_SCALAR_EVENT:
                finishNode()
            case YAML_ALIAS_EVENT:
                if keyExpected, let anchor = event.data.alias.anchor, collectionAnchors.contains(String(cString: anchor)) {
                    return mark
                }
                finishNode()
            case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                if keyExpected { return mark }
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
