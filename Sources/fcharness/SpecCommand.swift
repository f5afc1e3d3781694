// `fcharness spec`: the spec the other commands would use, overlays applied, printed for review.
import ArgumentParser
import JSON
import OpenAPI
import YAMLSource

struct SpecCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "spec",
        abstract: "Print the spec after applying --overlay files, as YAML (or JSON), for review.",
        discussion: """
            The result is checked as every command checks it (it must index), then printed: YAML \
            with members in document order, or JSON with --json. Actions whose target selected \
            nothing are named by `warning:` lines on stderr.

            Examples:
              fcharness spec --overlay scenarios/overlays/freshchat-observed.yaml
              fcharness spec --overlay a.yaml --overlay b.yaml > reviewed.yaml   # a, then b
              fcharness spec --json | jq '.paths | keys'
            """
    )

    @OptionGroup var specOptions: SpecOptions

    @Flag(name: .long, help: "Print JSON instead of YAML.")
    var json = false

    func run() throws {
        let root = try specOptions.loadIndex().document.root
        writeOutput(json ? root.serialized(pretty: true) + "\n" : YAMLWriter.text(of: root))
    }
}
