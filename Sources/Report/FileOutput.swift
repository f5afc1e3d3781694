// Writing result files atomically: a reader (or a CI upload) never sees half a report.
import Foundation

/// A result file could not be written.
public struct ReportWriteError: Error, CustomStringConvertible, Sendable {
    public var path: String
    public var reason: String
    public var description: String { "cannot write \(path): \(reason)" }
}

/// Writes `bytes` to `path` through a temporary file in the same folder and a rename.
///
/// Every file fcharness writes goes through here. Foundation's `.atomic` writes a hidden
/// temporary file beside `path`, syncs it and renames it over `path` (one filesystem, so the
/// rename is atomic); on failure it removes the temporary file. A run killed mid-write leaves
/// the old file or the new one, never part of one.
public func writeAtomically(_ bytes: [UInt8], to path: String) throws(ReportWriteError) {
    do {
        try Data(bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
    } catch {
        throw ReportWriteError(path: path, reason: (error as NSError).localizedDescription)
    }
}

/// Fails unless a file can be created or replaced at `path`. Commands that run for minutes
/// check their output paths first, so a typo in `--out` costs a second, not a run's results.
public func checkWritable(_ path: String) throws(ReportWriteError) {
    let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
        throw ReportWriteError(path: path, reason: "it is a folder")
    }
    guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
        throw ReportWriteError(path: path, reason: "the folder \(folder) does not exist")
    }
    guard access(folder, W_OK | X_OK) == 0 else {
        throw ReportWriteError(path: path, reason: "the folder \(folder) is not writable")
    }
}

/// Writes `bytes` to a new file named `name` in the temporary folder and returns its path:
/// where a run's results go when the path asked for failed after the run (a full disk, a
/// folder removed mid-run), so they are not lost.
public func writeRescueCopy(_ bytes: [UInt8], name: String) throws(ReportWriteError) -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent(name).path
    try writeAtomically(bytes, to: path)
    return path
}
