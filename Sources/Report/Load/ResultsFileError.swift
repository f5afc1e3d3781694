// Why a results file (`fcharness-results/1`) could not be read: the file, the JSON Pointer of
// the offending member, what was expected and what was found, so a person can fix it in place.
import JSON

/// A results file that cannot be read back into a `LoadResult`.
public enum ResultsFileError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file could not be opened or read; `reason` is the system's explanation.
    case unreadable(path: String, reason: String)
    /// The file is not JSON; the parse error keeps its line and column.
    case notJSON(path: String, JSONParseError)
    /// `/format` is not `fcharness-results/1`; `found` is the value as it reads in JSON.
    case unsupportedFormat(path: String, found: String)
    /// A member the format requires is not there.
    case missingMember(path: String, pointer: JSONPointer, expected: String)
    /// A member the format does not have (often a typo: the reader would otherwise ignore it).
    case unexpectedMember(path: String, pointer: JSONPointer, allowed: [String])
    /// A member holds the wrong kind of value, or a value out of range.
    case invalidValue(path: String, pointer: JSONPointer, expected: String, found: String)
    /// An encoded histogram that HdrHistogram's codec cannot read.
    case invalidHistogram(path: String, pointer: JSONPointer, HistogramCodecError)

    /// The file the error is about.
    public var path: String {
        switch self {
        case .unreadable(let path, _), .notJSON(let path, _), .unsupportedFormat(let path, _),
             .missingMember(let path, _, _), .unexpectedMember(let path, _, _), .invalidValue(let path, _, _, _),
             .invalidHistogram(let path, _, _):
            return path
        }
    }

    /// The member the error is about (nil when the file could not be read or parsed).
    public var pointer: JSONPointer? {
        switch self {
        case .unreadable, .notJSON: return nil
        case .unsupportedFormat: return JSONPointer(tokens: ["format"])
        case .missingMember(_, let pointer, _), .unexpectedMember(_, let pointer, _), .invalidValue(_, let pointer, _, _),
             .invalidHistogram(_, let pointer, _):
            return pointer
        }
    }

    /// `results.json: /operations/listAgents/requests: expected a non-negative integer, found "x"`,
    /// or `results.json:3:14: reason (byte 52)` for JSON syntax (the form editors jump to).
    public var description: String {
        switch self {
        case .unreadable(let path, let reason):
            return "\(path): cannot read: \(reason)"
        case .notJSON(let path, let error):
            return "\(path):\(error.line):\(error.column): not JSON: \(error.reason) (byte \(error.offset))"
        case .unsupportedFormat(let path, let found):
            return "\(path): /format: expected \"\(ResultsFile.format)\", found \(found)\(Self.formatHint(found))"
        case .missingMember(let path, let pointer, let expected):
            return "\(path): \(Self.text(pointer)): missing; expected \(expected)"
        case .unexpectedMember(let path, let pointer, let allowed):
            return "\(path): \(Self.text(pointer)): unexpected member; expected one of \(allowed.joined(separator: ", "))"
        case .invalidValue(let path, let pointer, let expected, let found):
            return "\(path): \(Self.text(pointer)): expected \(expected), found \(found)"
        case .invalidHistogram(let path, let pointer, let error):
            return "\(path): \(Self.text(pointer)): not a readable histogram: \(error.description)"
        }
    }

    /// The pointer as people read it: the whole document shows as `/`, as `validate` prints it.
    private static func text(_ pointer: JSONPointer) -> String {
        pointer.tokens.isEmpty ? "/" : pointer.description
    }

    /// What a wrong format most likely means, so the fix is obvious.
    private static func formatHint(_ found: String) -> String {
        if found.hasPrefix("\"fcharness-contract/") { return " (a `contract --json` report, not load results)" }
        if found.hasPrefix("\"fcharness-results/") { return " (written by another version of fcharness; re-run or convert with it)" }
        return ""
    }
}
