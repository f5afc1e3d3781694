// The error a parse reports: where in the input it stopped and why, in words a person can act on.

/// Why and where a JSON text was rejected.
///
/// `offset` is the 0-based byte offset of the offending byte (or the input length when the
/// input ended too early); `line` and `column` are 1-based, lines split at LF and columns
/// counted in Unicode scalars so they match what an editor shows.
public struct JSONParseError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The 0-based byte offset of the offending byte.
    public var offset: Int
    /// The 1-based line of the offending byte.
    public var line: Int
    /// The 1-based column (in Unicode scalars) of the offending byte.
    public var column: Int
    /// What was expected and what was found instead.
    public var reason: String

    /// Creates an error at a known position.
    public init(offset: Int, line: Int, column: Int, reason: String) {
        self.offset = offset
        self.line = line
        self.column = column
        self.reason = reason
    }

    /// Creates an error at `offset` in `input`, computing line and column from the bytes.
    init(offset: Int, in input: UnsafeRawBufferPointer, reason: String) {
        var line = 1
        var column = 1
        let end = min(offset, input.count)
        var index = 0
        while index < end {
            let byte = input[index]
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                // Continuation bytes belong to the scalar already counted.
                column += 1
            }
            index += 1
        }
        self.init(offset: offset, line: line, column: column, reason: reason)
    }

    /// `line 3, column 14 (byte 52): expected ',' or '}' after object member, found 'x'`.
    public var description: String {
        "line \(line), column \(column) (byte \(offset)): \(reason)"
    }
}

/// Why `JSON.parse(contentsOfFile:)` failed, naming the file.
public enum JSONFileError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The file could not be opened or read; `reason` is the system's explanation.
    case unreadable(path: String, reason: String)
    /// The file was read but is not valid JSON.
    case invalidJSON(path: String, JSONParseError)

    /// The file the error is about.
    public var path: String {
        switch self {
        case .unreadable(let path, _), .invalidJSON(let path, _): return path
        }
    }

    /// `path:line:column: reason` for parse errors (the form editors jump to), or
    /// `path: cannot read: reason`.
    public var description: String {
        switch self {
        case .unreadable(let path, let reason):
            return "\(path): cannot read: \(reason)"
        case .invalidJSON(let path, let error):
            return "\(path):\(error.line):\(error.column): \(error.reason) (byte \(error.offset))"
        }
    }
}

/// How a byte at an error position reads in a message: `'x'`, `end of input`, `U+000A`,
/// `'é'` or `invalid UTF-8 byte 0xFF`.
func describeFound(at offset: Int, in input: UnsafeRawBufferPointer) -> String {
    guard offset < input.count else { return "end of input" }
    let byte = input[offset]
    if byte < 0x20 || byte == 0x7F {
        return "control character " + unicodeName(UInt32(byte))
    }
    if byte < 0x80 {
        return "'" + String(UnicodeScalar(byte)) + "'"
    }
    if let (scalar, _) = decodeScalar(at: offset, in: input) {
        return "'" + String(Character(scalar)) + "' (" + unicodeName(scalar.value) + ")"
    }
    return "invalid UTF-8 byte 0x" + hexText(UInt32(byte), width: 2)
}
