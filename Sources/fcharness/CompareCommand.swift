// `fcharness compare`: reads two results files of one profile, judges every operation's
// change against its threshold and the runs' own noise, prints the table, writes Markdown
// and JSON on request, and exits 1 when anything regressed.
import ArgumentParser
import Foundation
import Report

struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare two load runs of one profile: a regression must pass its threshold and the runs' noise.",
        discussion: """
            For each operation and metric (p50, p90, p99, req/s, error rate) prints the \
            baseline, the current figure, the change, its 95% interval and a verdict: \
            ▲ worse (a regression), ▼ better, ≈ under threshold, ≈ within noise, or not enough \
            data. A regression is a change past its threshold whose interval lies wholly on the \
            worse side of zero. The interval comes from a circular block bootstrap over each \
            run's per-second windows (blocks of consecutive seconds, since neighbouring seconds \
            are alike), seeded, so the same files always give the same verdict. See \
            docs/compare.md for the method, the defaults and their calibration.

            Default thresholds: p50=10% p90=10% p99=15% rps=10% (a drop) error_rate=1pp.
            Exit status: 0 no regression, 1 a regression (the operations are named), 2 the \
            files cannot be read or are runs of different profiles. Different machines, \
            fcharness versions or targets are compared with a warning.

            Examples:
              fcharness compare baseline.json current.json
              fcharness compare main.json pr.json --threshold p99=20% --markdown comment.md --json compare.json
            """
    )

    @Argument(help: ArgumentHelp("The baseline's results file (`load --out`).", valueName: "baseline"))
    var baseline: String

    @Argument(help: ArgumentHelp("The current run's results file, of the same profile.", valueName: "current"))
    var current: String

    @Option(name: .customLong("threshold"), help: ArgumentHelp(
        "The least change that counts, e.g. p99=20% or error_rate=0.5pp (repeatable; metrics: p50, p90, p99, rps, error_rate).",
        valueName: "metric=pct"))
    var thresholds: [String] = []

    @Option(name: .long, help: ArgumentHelp("Write the comparison as Markdown (a PR comment) here.", valueName: "file"))
    var markdown: String?

    @Option(name: .long, help: ArgumentHelp("Write the comparison as JSON (fcharness-compare/1) here.", valueName: "file"))
    var json: String?

    @Option(name: .long, help: ArgumentHelp("Seed of the resampling (fixed by default, so verdicts repeat).", valueName: "n"))
    var seed: UInt64 = CompareSettings.defaultSeed

    @Option(name: .long, help: ArgumentHelp("Bootstrap replicates per operation and run.", valueName: "n"))
    var replicates: Int = 2000

    @Flag(name: .long, help: "No colour, even on a terminal (also: NO_COLOR).")
    var noColor = false

    func validate() throws {
        if replicates < 100 { throw ValidationError("--replicates \(replicates): use at least 100 for a 95% interval") }
    }

    func run() throws {
        let settings: CompareSettings
        do {
            settings = CompareSettings(thresholds: try CompareThresholds.defaults.applying(thresholds), seed: seed, replicates: replicates)
        } catch {
            throw CommandFailure(.badInput, "compare: \(error)")
        }
        let comparison: Comparison
        do {
            let before = try ResultsFile.read(path: baseline)
            let after = try ResultsFile.read(path: current)
            comparison = try Comparison(
                baseline: before, current: after, baselineFile: baseline, currentFile: current, settings: settings)
        } catch {
            throw CommandFailure(.badInput, "compare: \(error)")
        }

        var writeFailures: [String] = []
        if let markdown {
            do { try writeAtomically(Array(CompareMarkdown.text(for: comparison).utf8), to: markdown) } catch {
                writeFailures.append("compare: \(error)")
            }
        }
        if let json {
            do { try writeAtomically(CompareJSON.bytes(for: comparison), to: json) } catch {
                writeFailures.append("compare: \(error)")
            }
        }
        writeOutput(CompareConsole.text(for: comparison, color: useColor))
        if !writeFailures.isEmpty { throw CommandFailure(.badInput, writeFailures.joined(separator: "\n")) }
        if comparison.hasRegression {
            throw CommandFailure(.checkFailed, "regression in \(comparison.regressedOperations.joined(separator: ", "))")
        }
    }

    private var useColor: Bool {
        !noColor && ProcessInfo.processInfo.environment["NO_COLOR"] == nil && isatty(1) == 1
    }
}
