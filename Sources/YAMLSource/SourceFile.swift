// Reading a source file (a spec, an overlay, a scenario, a profile) as UTF-8 text, with a
// reason a person can act on when it cannot be read. Read through a file handle rather than
// `FileManager.contents(atPath:)`, so that a pipe works (`fcharness load <(make-profile)`) and
// a failure names its cause instead of "read error".
import Foundation

/// Why a source file could not be read: "no such file", "it is a folder", the system's
/// reason, or "not UTF-8 text".
public struct SourceFileError: Error, Equatable, Sendable {
    public var reason: String
}

public enum SourceFile {
    /// The whole text of the file at `path`.
    public static func readText(atPath path: String) throws(SourceFileError) -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw SourceFileError(reason: "no such file")
        }
        guard !isDirectory.boolValue else { throw SourceFileError(reason: "it is a folder; expected a file") }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw SourceFileError(reason: "cannot open it (\(String(cString: strerror(errno))))")
        }
        defer { try? handle.close() }
        let data: Data
        do { data = try handle.readToEnd() ?? Data() } catch {
            throw SourceFileError(reason: "cannot read it (\((error as NSError).localizedDescription))")
        }
        guard let text = String(data: data, encoding: .utf8) else { throw SourceFileError(reason: "not UTF-8 text") }
        return text
    }
}
