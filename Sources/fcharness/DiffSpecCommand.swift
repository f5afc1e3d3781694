// `fcharness diff-spec`: what one spec allows that another does not, per operation and JSON
// Pointer — the spec against itself with --overlay files, or two spec files.
import ArgumentParser
import OpenAPI

struct DiffSpecCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff-spec",
        abstract: "List what one spec allows that the other does not, per operation and JSON Pointer.",
        discussion: """
            With --overlay and no SPEC arguments, A is the spec every command reads (--spec, \
            $FCHARNESS_SPEC, scenarios/freshchat.openapi.yaml, the built-in copy) and B is the same \
            spec with the overlays applied. With two SPEC arguments, A is the first file and B the \
            second, with the --overlay files (if any) applied to B.

            One line per difference, grouped by operation: operation, place (a parameter, the \
            request body, a status and media type), the JSON Pointer inside the schema, what each \
            side says, and after the dash what one side also allows. Exit 0 when A and B allow the \
            same, 1 when they differ, 2 for a spec or overlay that cannot be read (file:line:column).

            Examples:
              fcharness diff-spec --overlay scenarios/overlays/freshchat-observed.yaml
              fcharness diff-spec old.openapi.yaml new.openapi.yaml
              fcharness diff-spec --overlay team.yaml --json | jq '.differences[].line'
            """
    )

    @Argument(help: ArgumentHelp(
        "Two specs to compare, A then B (--overlay files apply to B); none to compare the spec with itself plus --overlay.",
        valueName: "spec"))
    var specs: [String] = []

    @OptionGroup var specOptions: SpecOptions

    @Flag(name: .long, help: "Print JSON (fcharness-diff-spec/1) instead of text.")
    var json = false

    func run() throws {
        let (a, nameA, b, nameB) = try loadSides()
        let comparison: SpecComparison
        do {
            comparison = try SpecComparison(a, b)
        } catch {
            throw CommandFailure(.badInput, "\(error)")
        }
        if json {
            writeOutput(comparison.json(describingA: nameA, b: nameB).serialized(pretty: true) + "\n")
        } else {
            writeOutput(comparison.text(describingA: nameA, b: nameB))
        }
        if !comparison.allowTheSame { throw CommandFailure(.checkFailed, "") }
    }

    /// A and B, indexed, with the names the report gives them.
    private func loadSides() throws(CommandFailure) -> (OperationIndex, String, OperationIndex, String) {
        var optionsA = specOptions
        var optionsB = specOptions
        optionsA.overlays = []
        switch specs.count {
        case 0:
            guard !specOptions.overlays.isEmpty else {
                throw CommandFailure(.badInput, "diff-spec: nothing to compare; give --overlay FILE (the spec against itself with the overlays) or two specs (diff-spec A.yaml B.yaml)")
            }
        case 2:
            guard specOptions.spec == nil else {
                throw CommandFailure(.badInput, "diff-spec: --spec and two SPEC arguments; give one or the other")
            }
            optionsA.spec = specs[0]
            optionsB.spec = specs[1]
        default:
            throw CommandFailure(.badInput, "diff-spec takes two specs (A and B) or none (with --overlay); got \(specs.count)")
        }
        let a = try optionsA.loadIndex()
        let b = try optionsB.loadIndex()
        let overlays = optionsB.overlays.isEmpty ? "" : " + overlay " + optionsB.overlays.joined(separator: " + overlay ")
        return (a, optionsA.sourceDescription, b, optionsB.sourceDescription + overlays)
    }
}
