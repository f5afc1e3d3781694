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
///
/// Two kinds of path are not replaced: a symbolic link to a file is followed (the file it
/// names is replaced, the link stays), and a FIFO, terminal or other device (`/dev/stdout`)
/// is written into, as a shell's `>` would. Renaming over those would leave a plain file
/// where the pipe or device was (as root, in place of `/dev/stdout` for every process).
public func writeAtomically(_ bytes: [UInt8], to path: String) throws(ReportWriteError) {
    switch OutputTarget(path) {
    case .file(let file):
        do {
            try Data(bytes).write(to: URL(fileURLWithPath: file), options: .atomic)
        } catch {
            throw ReportWriteError(path: path, reason: (error as NSError).localizedDescription)
        }
    case .descriptor(let descriptor):
        // The process's own stdout or stderr: written through the descriptor it has, so that
        // `--out /dev/stdout > file` shares the shell's file offset instead of opening the
        // file again at offset 0.
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: false)
        do { try handle.write(contentsOf: Data(bytes)) } catch {
            throw ReportWriteError(path: path, reason: (error as NSError).localizedDescription)
        }
    case .stream:
        guard let handle = FileHandle(forWritingAtPath: path) else {
            throw ReportWriteError(path: path, reason: String(cString: strerror(errno)))
        }
        do {
            try handle.write(contentsOf: Data(bytes))
            try handle.close()
        } catch {
            try? handle.close()
            throw ReportWriteError(path: path, reason: (error as NSError).localizedDescription)
        }
    }
}

/// What an output path leads to.
enum OutputTarget: Equatable {
    /// A regular file, or nothing yet: replaced atomically at this path (the link's target
    /// when the path given is a symbolic link).
    case file(String)
    /// A FIFO, terminal, socket or other device: written into.
    case stream
    /// The process's standard output (1) or error (2), named as `/dev/stdout`, `/dev/fd/1`
    /// or `/proc/self/fd/1` (and likewise 2).
    case descriptor(Int32)

    init(_ path: String) {
        if let descriptor = Self.standardDescriptors[path] {
            self = .descriptor(descriptor)
            return
        }
        var target = stat()
        guard stat(path, &target) == 0 else {
            self = .file(path)  // nothing there yet; a link to nothing is replaced
            return
        }
        switch target.st_mode & S_IFMT {
        case S_IFREG:
            var link = stat()
            if lstat(path, &link) == 0, link.st_mode & S_IFMT == S_IFLNK {
                self = .file(URL(fileURLWithPath: path).resolvingSymlinksInPath().path)
            } else {
                self = .file(path)
            }
        case S_IFDIR:
            self = .file(path)  // the write fails, naming the path
        default:
            self = .stream
        }
    }

    private static let standardDescriptors: [String: Int32] = [
        "/dev/stdout": 1, "/dev/fd/1": 1, "/proc/self/fd/1": 1,
        "/dev/stderr": 2, "/dev/fd/2": 2, "/proc/self/fd/2": 2,
    ]
}

/// Whether `path` names the process's standard output (`/dev/stdout` and its aliases): a
/// command that writes a report there sends its console text to standard error instead, so
/// that standard output holds the report alone (`load --out /dev/stdout | jq`).
public func isStandardOutput(_ path: String) -> Bool {
    OutputTarget(path) == .descriptor(1)
}

/// Fails unless a file can be created or replaced at `path`, or, for a FIFO or device, be
/// opened for writing. Commands that run for minutes check their output paths first, so a
/// typo in `--out` costs a second, not a run's results.
public func checkWritable(_ path: String) throws(ReportWriteError) {
    let file: String
    switch OutputTarget(path) {
    case .descriptor:
        return
    case .stream:
        guard access(path, W_OK) == 0 else { throw ReportWriteError(path: path, reason: "it cannot be opened for writing") }
        return
    case .file(let resolved):
        file = resolved
    }
    let folder = URL(fileURLWithPath: file).deletingLastPathComponent().path
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory), isDirectory.boolValue {
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
