// Why `compare` refuses to give a verdict at all: runs that measured different things, or a
// file that lacks what the comparison resamples. Each names the file to look at.

/// A comparison that cannot be made.
public enum CompareError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The two runs come from different profiles (name or hash): their figures measure
    /// different plans, so no change between them means anything.
    case differentProfiles(baselineFile: String, baseline: String, currentFile: String, current: String)
    /// A results file written before windows were split by operation.
    case noPerOperationWindows(file: String)
    /// A per-second, per-operation histogram that cannot be decoded.
    case unreadableWindow(file: String, second: Int64, operation: String, HistogramCodecError)

    /// The reason, naming the file and what to do.
    public var description: String {
        switch self {
        case .differentProfiles(let baselineFile, let baseline, let currentFile, let current):
            return "refusing to compare different profiles: \(baselineFile) ran \(baseline), \(currentFile) ran \(current); "
                + "compare runs of the same profile file with the same plan flags (--rate, --vus, --duration)"
        case .noPerOperationWindows(let file):
            return "\(file): its per-second windows are not split by operation (written by an older fcharness); "
                + "compare resamples each operation's seconds: re-run the load with this version"
        case .unreadableWindow(let file, let second, let operation, let error):
            return "\(file): window \(second), operation \(operation): not a readable histogram: \(error.description)"
        }
    }
}
