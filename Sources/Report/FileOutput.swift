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
