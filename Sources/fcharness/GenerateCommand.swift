// `fcharness generate`: scenario files derived from the spec alone — one lifecycle per
// resource, optional example variants and negative cases — written where a team can own them.
import ArgumentParser
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import OpenAPI
import Quantities
import Report
import Scenario

struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write scenarios derived from the spec: lifecycles per resource, optional negative cases.",
        discussion: """
            Infers which response yields the ids later requests need (OpenAPI links, then field \
            names and schemas), orders each resource's operations into a lifecycle (create → read \
            → update → list, parents and producers first, existing resources discovered through \
            their lists), fills bodies from the schemas, and writes one scenario file per \
            resource in the format of hand-written ones, a comment above each step saying why \
            it is there. The same seed writes byte-identical files.

            --negative adds <resource>-negative.yaml: per operation, no token and a wrong token \
            (401), an unknown id in each path parameter (404), each required body member \
            missing, each member of the wrong type, each enum and bound violated, each query \
            parameter out of its schema (the 400/422/4XX the spec documents). A case the spec \
            documents no refusal for is a spec gap: printed as a warning and listed at the end \
            of the file, never dropped silently.

            Exit status: 0 written; 1 some resource could not be generated (the others are \
            written; each failure is printed); 2 bad spec, flags or output folder.

            Examples:
              fcharness generate                                  # scenarios/generated/
              fcharness generate --negative --examples 3 --seed 7
              fcharness generate --explain                        # print the inferred graph only
              fcharness contract scenarios/generated --coverage   # run them against the mock
            """
    )

    @OptionGroup var specOptions: SpecOptions

    @Option(name: .long, help: ArgumentHelp("The folder to write into (created if missing).", valueName: "dir"))
    var out = "scenarios/generated"

    @Option(name: .long, help: ArgumentHelp("Seed for every generated value.", valueName: "n"))
    var seed: UInt64 = 1

    @Option(name: .long, help: ArgumentHelp("Body variants per operation with a body: 1 minimal, 2 adds one with every optional member, more sample them.", valueName: "n"))
    var examples = 1

    @Flag(name: .long, help: "Also write negative scenarios (401, 404, invalid bodies and parameters).")
    var negative = false

    @Flag(name: .long, help: "Print the inferred dependency graph, each edge with why it was inferred, and write nothing.")
    var explain = false

    func validate() throws {
        guard (1...100).contains(examples) else {
            throw ValidationError("--examples must be between 1 and 100, got \(examples)")
        }
    }

    func run() throws {
        let index = try specOptions.loadIndex()
        let options = GenerationOptions(seed: seed, examples: examples, negative: negative)
        let started = ContinuousClock.now
        let result = ScenarioGenerator(index: index, options: options).generate()
        if explain {
            writeOutput(result.graph.explanation)
            return
        }
        try write(result.scenarios)
        let elapsed = ContinuousClock.now - started
        // The file list first, then the warnings about it: stdout is buffered, stderr is not.
        fflush(nil)
        for gap in result.specGaps { printError("warning: spec gap: \(gap)") }
        for unfed in result.graph.unsatisfied where unfed.sink.required {
            let name = unfed.sink.location.name
            printError("note: \(unfed.sink): no operation of the spec yields it; the scenarios read it from variable \(name) (--var \(name)=…)")
        }
        for problem in result.problems { printError("error: \(problem)") }
        let steps = result.scenarios.reduce(0) { $0 + $1.steps.count }
        var summary = "wrote \(result.scenarios.count) scenario\(result.scenarios.count == 1 ? "" : "s") (\(steps) steps) to \(out)"
        if negative { summary += "; \(result.specGaps.count) spec gap\(result.specGaps.count == 1 ? "" : "s")" }
        summary += " in \(Int(elapsed.totalMilliseconds)) ms"
        print(summary)
        if !result.problems.isEmpty {
            throw CommandFailure(.checkFailed, "\(result.problems.count) resource\(result.problems.count == 1 ? "" : "s") could not be generated")
        }
    }

    /// Writes each scenario under `out`, creating the folder; a file that cannot be written is
    /// bad input (exit 2), after trying the rest.
    private func write(_ scenarios: [GeneratedScenario]) throws {
        do {
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        } catch {
            throw CommandFailure(.badInput, "generate: cannot create \(out): \(error.localizedDescription)")
        }
        var failures: [String] = []
        for scenario in scenarios {
            let path = (out as NSString).appendingPathComponent(scenario.fileName)
            do {
                try writeAtomically(Array(scenario.yamlText.utf8), to: path)
                print(path)
            } catch {
                failures.append("generate: \(error)")
            }
        }
        if !failures.isEmpty { throw CommandFailure(.badInput, failures.joined(separator: "\n")) }
    }
}
