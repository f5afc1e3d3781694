// The public ways into the parser: raw bytes (the core), byte arrays, strings and files.
//
// Accepted: exactly RFC 8259. No byte-order mark, comments, trailing commas, NaN/Infinity,
// single quotes, or whitespace other than space, tab, CR and LF. Strings must be valid UTF-8
// and escapes must not leave lone surrogates. Numbers: `-0` and integers that fit `Int64`
// become `.integer` (so `-0` reads as 0); everything else a correctly rounded `.double`,
// where underflow rounds to 0 but overflow to infinity (e.g. `1e400`) is an error.

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension JSON {
    /// The nesting depth (arrays and objects) `parse` accepts unless told otherwise.
    public static let defaultMaxDepth = 512

    /// Parses one JSON text (RFC 8259, UTF-8) from raw bytes.
    ///
    /// - Parameter maxDepth: how deeply arrays and objects may nest; deeper input is an error.
    /// - Throws: `JSONParseError` with the byte offset, line and column of the first problem.
    public static func parse(_ buffer: UnsafeRawBufferPointer, maxDepth: Int = 512) throws(JSONParseError) -> JSON {
        try parse(buffer, maxDepth: maxDepth, buildsSmallStringsDirectly: SmallASCIIString.layoutMatches)
    }

    /// `parse(_:maxDepth:)` with the short-string fast path (`SmallASCIIString`) switched off
    /// (`false`) or left to the platform check (`true`), so json-bench can measure what the
    /// path is worth. The result is the same value either way.
    @_spi(Benchmarks)
    public static func parse(
        _ buffer: UnsafeRawBufferPointer, maxDepth: Int = 512, buildsSmallStringsDirectly: Bool
    ) throws(JSONParseError) -> JSON {
        guard let base = buffer.baseAddress, buffer.count > 0 else {
            throw JSONParseError(offset: 0, line: 1, column: 1, reason: "expected a JSON value, found end of input")
        }
        let workspace = ParserWorkspace.take()
        var parser = JSONParser(
            input: buffer, bytes: base.assumingMemoryBound(to: UInt8.self), maxDepth: maxDepth, workspace: workspace,
            buildsSmallStringsDirectly: buildsSmallStringsDirectly && SmallASCIIString.layoutMatches)
        defer {
            parser.finish(into: workspace)
            workspace.giveBack()
        }
        return try parser.parseDocument()
    }

    /// Parses one JSON text (RFC 8259, UTF-8) from a byte array.
    public static func parse(_ bytes: [UInt8], maxDepth: Int = 512) throws(JSONParseError) -> JSON {
        let result = bytes.withUnsafeBytes { buffer in
            Result { () throws(JSONParseError) -> JSON in try parse(buffer, maxDepth: maxDepth) }
        }
        return try result.get()
    }

    /// Parses one JSON text from a string (its UTF-8 form).
    public static func parse(_ text: String, maxDepth: Int = 512) throws(JSONParseError) -> JSON {
        var text = text
        let result = text.withUTF8 { buffer in
            Result { () throws(JSONParseError) -> JSON in try parse(UnsafeRawBufferPointer(buffer), maxDepth: maxDepth) }
        }
        return try result.get()
    }

    /// Reads and parses the JSON file at `path`.
    ///
    /// - Throws: `JSONFileError.unreadable` when the file cannot be read,
    ///   `JSONFileError.invalidJSON` (carrying the `JSONParseError`) when it is not JSON.
    public static func parse(contentsOfFile path: String, maxDepth: Int = 512) throws(JSONFileError) -> JSON {
        let bytes = try readFile(path)
        do {
            return try parse(bytes, maxDepth: maxDepth)
        } catch {
            throw .invalidJSON(path: path, error)
        }
    }
}

/// The whole content of the file at `path`.
func readFile(_ path: String) throws(JSONFileError) -> [UInt8] {
    let descriptor = open(path, O_RDONLY)
    guard descriptor >= 0 else { throw .unreadable(path: path, reason: systemErrorMessage()) }
    defer { close(descriptor) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 64 * 1024)
    while true {
        let readCount = chunk.withUnsafeMutableBytes { buffer in read(descriptor, buffer.baseAddress, buffer.count) }
        if readCount == 0 { return bytes }
        if readCount < 0 {
            if errno == EINTR { continue }
            throw .unreadable(path: path, reason: systemErrorMessage())
        }
        bytes.append(contentsOf: chunk[0..<readCount])
    }
}

/// The text of the current `errno`.
private func systemErrorMessage() -> String {
    guard let message = strerror(errno) else { return "error \(errno)" }
    return String(cString: message)
}
