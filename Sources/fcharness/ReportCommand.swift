// `fcharness report`: renders a results file (`load --out`, `merge --out`) again, as the console
// summary or as HTML, Markdown, JUnit and .hgrm files; it runs nothing and sends nothing.
import ArgumentParser
import Foundation
import Report

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Render a results file: console summary, HTML, Markdown, JUnit XML, .hgrm percentile files.",
        discussion: """
            Without an output flag prints the same summary `load` printed. --markdown writes \
            GitHub-flavoured Markdown (fits $GITHUB_STEP_SUMMARY; `-` for stdout); --junit writes a \
            testsuite of threshold verdicts and one of sampled contract violations; --hgrm writes \
            HdrHistogram's percentile distribution (values in ms) per operation, all.hgrm for every \
            operation together, and for open-model runs OPERATION.service.hgrm with service time, \
            for HdrHistogram's plotter (plotFiles.html). \
            Exit 0 when everything was written, whatever the run's verdict (`load` exits 1 for \
            that); 2 when the results file cannot be read or an output cannot be written.

            Examples:
              fcharness report results.json
              fcharness report results.json --html report.html --junit load-junit.xml
              fcharness report results.json --markdown - >> "$GITHUB_STEP_SUMMARY"
              fcharness report results.json --markdown - | less
              fcharness report results.json --hgrm hgrm/
            """
    )

    @Argument(help: ArgumentHelp("The results file (fcharness-results/1) of `load --out` or `merge --out`.", valueName: "results"))
    var results: String

    @Option(name: .long, help: ArgumentHelp("Write a self-contained HTML page here.", valueName: "file"))
    var html: String?

    @Option(name: .long, help: ArgumentHelp("Write GitHub-flavoured Markdown here (`-`: standard output).", valueName: "file"))
    var markdown: String?

    @Option(name: .long, help: ArgumentHelp("Write JUnit XML here (`-`: standard output).", valueName: "file"))
    var junit: String?

    @Option(name: .long, help: ArgumentHelp("Write .hgrm percentile distributions into this folder (created if needed).", valueName: "dir"))
    var hgrm: String?

    @Flag(name: .long, help: "No colour in the console summary, even on a terminal (also: NO_COLOR).")
    var noColor = false

    func validate() throws {
        if markdown == "-" && junit == "-" { throw ValidationError("only one of --markdown and --junit can write to standard output (-)") }
        if html == "-" { throw ValidationError("--html writes a file; give its path") }
    }

    func run() throws {
        let result: LoadResult
        do { result = try ResultsFile.read(path: results) } catch {
            throw CommandFailure(.badInput, error.description)
        }
        guard html != nil || markdown != nil || junit != nil || hgrm != nil else {
            writeOutput(LoadSummary.render(result, color: useColor))
            return
        }
        // Every output is attempted, so one unwritable path does not cost the others.
        var failures: [ReportWriteError] = []
        func attempt(_ write: () throws(ReportWriteError) -> Void) {
            do { try write() } catch { failures.append(error) }
        }
        if let html { attempt { () throws(ReportWriteError) in try writeText(LoadHTMLReport.page(result), to: html) } }
        if let markdown { attempt { () throws(ReportWriteError) in try writeText(LoadMarkdownReport.markdown(result), to: markdown) } }
        if let junit { attempt { () throws(ReportWriteError) in try writeText(LoadJUnitReport.xml(result), to: junit) } }
        if let hgrm { attempt { () throws(ReportWriteError) in try HgrmFiles.write(result, to: hgrm) } }
        guard failures.isEmpty else {
            throw CommandFailure(.badInput, failures.map(\.description).joined(separator: "\nfcharness: "))
        }
    }

    /// `-` is standard output; anything else a file, written atomically.
    private func writeText(_ text: String, to path: String) throws(ReportWriteError) {
        if path == "-" {
            writeOutput(text)
        } else {
            try writeAtomically(Array(text.utf8), to: path)
        }
    }

    private var useColor: Bool {
        !noColor && ProcessInfo.processInfo.environment["NO_COLOR"] == nil && isatty(1) == 1
    }
}
