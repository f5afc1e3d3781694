// Output paths are checked before a run sends anything: a typo in `--out` should cost a
// second, not the results of a five-minute run.
import Report

/// Fails with exit 2 unless every given path can be written.
func checkOutputPaths(_ paths: String?...) throws(CommandFailure) {
    for case let path? in paths {
        do { try checkWritable(path) } catch { throw CommandFailure(.badInput, "\(error)") }
    }
}
