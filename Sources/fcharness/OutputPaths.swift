// Output paths are checked before a run sends anything: a typo in `--out` should cost a
// second, not the results of a five-minute run. A report sent to standard output moves the
// console text to standard error, so that standard output holds the report alone.
import Report

/// Fails with exit 2 unless every given path can be written.
func checkOutputPaths(_ paths: String?...) throws(CommandFailure) {
    for case let path? in paths {
        do { try checkWritable(path) } catch { throw CommandFailure(.badInput, "\(error)") }
    }
}

/// Writes a command's console text to standard output, or to standard error when one of
/// `reportPaths` is standard output (`load --out /dev/stdout | jq`).
func writeConsoleText(_ text: String, besideReports reportPaths: String?...) {
    if reportPaths.contains(where: { $0.map(isStandardOutput) ?? false }) {
        writeErrorOutput(text)
    } else {
        writeOutput(text)
    }
}
