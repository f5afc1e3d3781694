// The `.hgrm` files of a load run (`report --hgrm DIR`): HdrHistogram's standard percentile
// distribution text, one file per operation and one for all of them, for HdrHistogram's plotter.
import Foundation
import Histogram

/// One `.hgrm` file: its name inside the output folder and its text.
public struct HgrmFile: Sendable, Hashable {
    /// The file name, e.g. `listAgents.hgrm`: letters, digits, `_` and `-` before the suffix.
    public var name: String
    /// The operationId it describes, or nil for all operations together.
    public var operation: String?
    /// Which histogram it shows: latency, or (open model) service time.
    public var measure: HgrmMeasure
    /// The percentile distribution text.
    public var text: String

    /// Creates a file description.
    public init(name: String, operation: String?, measure: HgrmMeasure, text: String) {
        self.name = name
        self.operation = operation
        self.measure = measure
        self.text = text
    }
}

/// Which of an operation's two histograms a `.hgrm` file shows.
public enum HgrmMeasure: String, Sendable, Hashable {
    /// The latency the summary reports: from the intended start (open model) or from the send.
    case latency
    /// Open model only: from the hand-off to libcurl to completion, without the wait behind
    /// earlier requests. Plotted beside the latency it shows how much of it was queueing.
    case service
}

/// Renders and writes the `.hgrm` files of a load run.
///
/// Files, for operations sorted by operationId:
/// - `all.hgrm`: every operation together (`LoadResult.overall`);
/// - `OPERATION.hgrm`: each operation's latency;
/// - open model only, `all.service.hgrm` and `OPERATION.service.hgrm`: service time, since the
///   latency from the intended start includes the queueing a closed-model tool would hide, and
///   the two curves side by side separate the server's time from the wait.
///
/// A file name is the operationId with every character other than ASCII letters, digits, `_`
/// and `-` replaced by `_` (so no name can leave the folder or hide as a dot file), cut to 100
/// characters. Names that would clash (with `all`, or with each other ignoring case, as macOS
/// file systems do) get `-2`, `-3`, … in operationId order, so a run always gives the same names.
public enum HgrmFiles {
    /// Values are recorded in µs and printed in ms, as the summary prints them.
    public static let unitScalingRatio = 1000.0
    /// Percentile ticks per half-distance to 100 %, HdrHistogram's default.
    public static let ticksPerHalfDistance = 5
    /// The stem of the file for every operation together.
    public static let allOperationsStem = "all"

    /// The standard percentile distribution text of a histogram of µs, values in ms: what Java's
    /// `outputPercentileDistribution(out, 5, 1000.0)` prints, line for line.
    ///
    /// The rows, mean, deviation and maximum come from hdrhistogram-swift (its percentile
    /// iterator and statistics); only the printing is ours. Its own `outputPercentileDistribution`
    /// prints counts with `%d`, which Foundation on Linux reads as 32 bits: a merged run of more
    /// than 2^31 requests would show wrapped, negative counts.
    public static func text(_ histogram: Histogram<UInt64>) -> String {
        let digits = Int(histogram.numberOfSignificantValueDigits.rawValue)
        func value(_ number: Double) -> String { String(format: "%12.\(digits)f", number) }
        func count(_ number: UInt64, width: Int) -> String {
            let text = String(number)
            return String(repeating: " ", count: max(0, width - text.count)) + text
        }

        var text = "       Value     Percentile TotalCount 1/(1-Percentile)\n\n"
        func row(value stepValue: UInt64, percentile: Double, totalCount: UInt64) {
            let level = percentile / 100
            text += value(Double(stepValue) / unitScalingRatio) + " " + String(format: "%2.12f", level) + " "
            text += count(totalCount, width: 10)
            // At 100 % the inverse is infinite: Java leaves the column out.
            if percentile != 100 { text += " " + String(format: "%14.2f", 1 / (1 - level)) }
            text += "\n"
        }
        var previousLevel = -1.0
        for step in histogram.percentiles(ticksPerHalfDistance: ticksPerHalfDistance) {
            // Past about 2^52 counts, the steps toward 100 % grow smaller than a Double can add
            // to the level, and the library's iterator repeats one step for ever (a results file
            // of 2^53 requests hung `report --hgrm`). Stop there, with the final 100 % line.
            guard step.percentileLevelIteratedTo > previousLevel else {
                row(value: histogram.max, percentile: 100, totalCount: histogram.totalCount)
                break
            }
            previousLevel = step.percentileLevelIteratedTo
            row(value: step.value, percentile: step.percentileLevelIteratedTo, totalCount: step.totalCountToThisValue)
        }
        text += "#[Mean    = \(value(histogram.mean / unitScalingRatio)), StdDeviation   = \(value(histogram.stdDeviation / unitScalingRatio))]\n"
        text += "#[Max     = \(value(Double(histogram.max) / unitScalingRatio)), Total count    = \(count(histogram.totalCount, width: 12))]\n"
        text += bucketsLine(histogram)
        return text
    }

    /// `#[Buckets = …, SubBuckets = …]`, from the library's own output for an empty histogram of
    /// the same settings: the two numbers are not public, and they are small enough for `%d`.
    private static func bucketsLine(_ histogram: Histogram<UInt64>) -> String {
        let empty = Histogram<UInt64>(
            lowestDiscernibleValue: histogram.lowestDiscernibleValue, highestTrackableValue: histogram.highestTrackableValue,
            numberOfSignificantValueDigits: histogram.numberOfSignificantValueDigits)
        var text = ""
        empty.outputPercentileDistribution(to: &text, outputValueUnitScalingRatio: unitScalingRatio)
        let line = text.split(separator: "\n").last { $0.hasPrefix("#[Buckets") }
        return line.map { $0 + "\n" } ?? ""
    }

    /// Every file of `result`, `all` first, then by operationId (latency before service time).
    public static func files(for result: LoadResult) -> [HgrmFile] {
        let withService = result.run.isOpenModel
        var names = FileStems()
        var files: [HgrmFile] = []
        func add(stem: String, operation: String?, _ measured: OperationResult) {
            files.append(HgrmFile(name: stem + ".hgrm", operation: operation, measure: .latency, text: text(measured.latency)))
            if withService {
                files.append(HgrmFile(name: stem + ".service.hgrm", operation: operation, measure: .service, text: text(measured.service)))
            }
        }
        add(stem: names.claim(allOperationsStem), operation: nil, result.overall)
        for operation in result.operations.keys.sorted() {
            guard let measured = result.operations[operation] else { continue }
            add(stem: names.claim(safeStem(operation)), operation: operation, measured)
        }
        return files
    }

    /// Writes every file of `result` into `directory`, creating it if needed; each file is
    /// written atomically. Returns the paths written, in the order of ``files(for:)``.
    @discardableResult
    public static func write(_ result: LoadResult, to directory: String) throws(ReportWriteError) -> [String] {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw ReportWriteError(path: directory, reason: (error as NSError).localizedDescription)
        }
        var paths: [String] = []
        for file in files(for: result) {
            let path = URL(fileURLWithPath: directory).appendingPathComponent(file.name).path
            try writeAtomically(Array(file.text.utf8), to: path)
            paths.append(path)
        }
        return paths
    }

    /// The operationId as a file-name stem: ASCII letters, digits, `_` and `-` only (a dot
    /// would let `a.service` pass for the service file of `a`), at most 100 characters.
    static func safeStem(_ operation: String) -> String {
        var stem = ""
        for scalar in operation.unicodeScalars.prefix(100) {
            switch scalar {
            case "a"..."z", "A"..."Z", "0"..."9", "_", "-": stem.unicodeScalars.append(scalar)
            default: stem += "_"
            }
        }
        return stem.isEmpty ? "operation" : stem
    }
}

/// The stems handed out so far; a clash, ignoring case, gets the first free `-N` suffix.
private struct FileStems {
    private var taken: Set<String> = []

    mutating func claim(_ stem: String) -> String {
        var candidate = stem
        var suffix = 2
        while taken.contains(candidate.lowercased()) {
            candidate = "\(stem)-\(suffix)"
            suffix += 1
        }
        taken.insert(candidate.lowercased())
        return candidate
    }
}
