// `fcharness merge`: adds the results files of `load --shard I/N` into one run, prints its
// summary, judges the profile's thresholds on the merged totals, and writes the merged file.
import ArgumentParser
import Foundation
import Quantities
import Report

struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Add the results of every shard of a load run into one, and judge its thresholds on the whole.",
        discussion: """
            Takes the results files of `load --shard I/N` (every shard 1…N exactly once, in any \
            order) and writes the results of the whole run: histograms added bucket by bucket, \
            so percentiles are exactly those of one histogram of every request; counters summed; \
            per-second windows added by Unix epoch second. Each shard judged the thresholds on \
            its own slice only; merge judges them again on the merged totals, and its exit \
            status is the run's: 0 every threshold held, 1 one failed (or a shard was \
            interrupted or stopped by abort_on_fail: the totals are partial), 2 the files are \
            not every shard of one run (different profiles, a shard missing or given twice, \
            starts further apart than --max-start-skew) or cannot be read.

            Examples:
              fcharness merge shard-1.json shard-2.json shard-3.json --out run.json
              fcharness merge shard-*.json --out run.json --max-start-skew 2s
            """
    )

    @Argument(help: ArgumentHelp("The shards' results files (`load --shard I/N --out FILE`).", valueName: "shard"))
    var shards: [String]

    @Option(name: .long, help: ArgumentHelp("Write the merged results file (fcharness-results/1) here.", valueName: "file"))
    var out: String

    @Option(name: .long, help: ArgumentHelp("How far apart shards may have started (default 1s).", valueName: "duration"))
    var maxStartSkew: String?

    @Flag(name: .long, help: "No colour, even on a terminal (also: NO_COLOR).")
    var noColor = false

    func validate() throws {
        if shards.isEmpty { throw ValidationError("give the results file of every shard, e.g. shard-1.json shard-2.json") }
    }

    func run() throws {
        let tolerance = try startSkewTolerance()
        let merged: MergedRun
        do {
            merged = try ShardMerge.merge(try ShardMerge.read(files: shards), startSkewToleranceSeconds: tolerance)
        } catch {
            throw CommandFailure(.badInput, "merge: \(error)")
        }
        let writeFailure: ReportWriteError?
        do {
            try ResultsFile.write(merged.result, to: out)
            writeFailure = nil
        } catch {
            writeFailure = error
        }

        let run = merged.result.run
        writeOutput("merged \(run.shards) shards of \(run.profile) into \(out)\n\n"
            + LoadSummary.render(merged.result, color: useColor))
        for line in notes(on: merged) { printError(line) }
        if let writeFailure { throw CommandFailure(.badInput, "merge: \(writeFailure)") }
        if !merged.passed { throw CommandFailure(.checkFailed, "") }
    }

    /// What the merged summary alone does not say: verdicts a shard got wrong on its slice, and
    /// shards whose numbers are partial.
    private func notes(on merged: MergedRun) -> [String] {
        var lines: [String] = []
        for verdict in merged.overturnedVerdicts {
            let files = verdict.shardFiles.joined(separator: ", ")
            lines.append(verdict.mergedOK
                ? "merge: \(verdict.expression) holds on the whole run, though it failed on the slice of \(files)"
                : "merge: \(verdict.expression) fails on the whole run, though it held on the slice of \(files)")
        }
        for aborted in merged.abortedShards {
            lines.append("merge: \(aborted.file) was stopped early by \(aborted.expression) (abort_on_fail): the totals are partial")
        }
        for file in merged.interruptedShards {
            lines.append("merge: \(file) was interrupted: the totals are partial")
        }
        return lines
    }

    private func startSkewTolerance() throws(CommandFailure) -> Double {
        guard let maxStartSkew else { return ShardMerge.defaultStartSkewToleranceSeconds }
        do {
            return try Duration(parsing: maxStartSkew).totalSeconds
        } catch {
            throw CommandFailure(.badInput, "--max-start-skew \(maxStartSkew): expected \(error.expected)")
        }
    }

    private var useColor: Bool {
        !noColor && ProcessInfo.processInfo.environment["NO_COLOR"] == nil && isatty(1) == 1
    }
}
