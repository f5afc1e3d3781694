// The exit codes of CLI.md, one table for every command, and the error that carries one.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The process exit codes scripts rely on (CLI.md, "Exit codes").
enum ExitStatus: Int32 {
    case passed = 0
    case checkFailed = 1
    case badInput = 2
    case unreachable = 3
    case interrupted = 130
}

/// A failure a command reports to the user: a message for stderr and the exit status.
struct CommandFailure: Error {
    var status: ExitStatus
    var message: String

    init(_ status: ExitStatus, _ message: String) {
        self.status = status
        self.message = message
    }
}

/// Writes one line to standard error (unbuffered, straight to the descriptor: the C
/// `stderr` global is not concurrency-safe in Swift 6).
func printError(_ line: String) {
    var text = line
    if !text.hasSuffix("\n") { text += "\n" }
    writeAll(text, to: 2)
}

/// Writes text to standard output without Swift's `print` buffering, for large outputs
/// that must be complete before the process exits.
func writeOutput(_ text: String) {
    fflush(nil)
    writeAll(text, to: 1)
}

/// Writes text to standard error as `writeOutput` does to standard output.
func writeErrorOutput(_ text: String) {
    fflush(nil)
    writeAll(text, to: 2)
}

private func writeAll(_ text: String, to descriptor: Int32) {
    var bytes = Array(text.utf8)[...]
    while !bytes.isEmpty {
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        if written <= 0 { return }
        bytes = bytes.dropFirst(written)
    }
}

/// Ends the process with `code` after flushing every C stream (print goes through them).
func terminate(_ code: Int32) -> Never {
    fflush(nil)
    exit(code)
}
