// The file every input is written to before it runs: a crash kills the process mid-input, and
// the file left behind is the input that did it. A crash signal prints where it is.

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// `.build/fuzz/current-<target>`: holds the running input; kept when the run finds something.
final class Reproducer: Sendable {
    /// The file's path.
    let path: String
    private let folder: String
    private let descriptor: Int32

    /// Creates (or empties) the file under `folder`.
    init(folder: String, target: String) throws(FuzzSetupError) {
        _ = mkdir(folder, 0o755)
        self.folder = folder
        path = folder + "/current-" + target
        descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { throw FuzzSetupError("cannot write \(path): \(String(cString: strerror(errno)))") }
        CrashNote.install("\nfcharness-fuzz: \(target) crashed; the input that did it is \(path)\n")
    }

    /// Replaces the file's content with `bytes` before they run.
    func record(_ bytes: [UInt8]) {
        _ = ftruncate(descriptor, 0)
        var written = 0
        bytes.withUnsafeBytes { buffer in
            while written < buffer.count {
                let count = pwrite(descriptor, buffer.baseAddress?.advanced(by: written), buffer.count - written, off_t(written))
                if count <= 0 { return }
                written += count
            }
        }
    }

    /// Moves the input to `name` beside the file, so later runs do not overwrite it; its new path.
    func keep(as name: String) -> String {
        let copy = folder + "/" + name
        _ = rename(path, copy)
        return copy
    }

    /// Deletes the file after a run that found nothing.
    func remove() {
        close(descriptor)
        unlink(path)
    }
}

/// A line on standard error when the process dies of a crash signal (Swift traps are SIGILL or
/// SIGTRAP, a stack overflow SIGSEGV), before the signal's earlier handler (Swift's backtracer)
/// or its default action takes over.
enum CrashNote {
    private static let signals = [SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGABRT, SIGFPE]
    nonisolated(unsafe) private static var note: UnsafeMutablePointer<CChar>?
    nonisolated(unsafe) private static var earlier: UnsafeMutablePointer<sigaction>?

    /// Sets the line to print; the first call installs the handlers.
    static func install(_ text: String) {
        let previousNote = note
        note = strdup(text)
        free(previousNote)
        guard earlier == nil else { return }
        let saved = UnsafeMutablePointer<sigaction>.allocate(capacity: 65)
        earlier = saved
        // A stack overflow leaves no stack to run a handler on: give it its own.
        let size = 256 * 1024
        var stack = stack_t()
        stack.ss_sp = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 16)
        stack.ss_size = size
        _ = sigaltstack(&stack, nil)
        for signal in signals {
            var action = sigaction()
            #if canImport(Darwin)
            action.__sigaction_u.__sa_handler = handle
            #else
            action.__sigaction_handler.sa_handler = handle
            #endif
            action.sa_flags = Int32(SA_ONSTACK)
            _ = sigaction(signal, &action, saved + Int(signal))
        }
    }

    private static let handle: @convention(c) (Int32) -> Void = { signal in
        if let note = CrashNote.note { _ = write(2, note, strlen(note)) }
        // Put the earlier handler back: a fault happens again on return and reaches it; an
        // abort is raised again by hand.
        if let earlier = CrashNote.earlier { _ = sigaction(signal, earlier + Int(signal), nil) }
        if signal == SIGABRT { _ = raise(signal) }
    }
}

/// A fuzz run that cannot start: a missing corpus, an unwritable folder, bad arguments.
struct FuzzSetupError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
