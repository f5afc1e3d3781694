// Where the spec comes from: --spec > $FCHARNESS_SPEC > scenarios/freshchat.openapi.yaml in
// the working directory > the copy built into the binary (so the tool works anywhere).
import ArgumentParser
import Foundation
import OpenAPI

/// The `--spec` option shared by every command that reads the spec.
struct SpecOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The OpenAPI spec (YAML or JSON).",
        discussion: "Default: $FCHARNESS_SPEC, else scenarios/freshchat.openapi.yaml, else the built-in copy.",
        valueName: "path"))
    var spec: String?

    /// The conventional place of the spec inside a checkout of the project.
    static let projectSpecPath = "scenarios/freshchat.openapi.yaml"

    /// The path the spec is read from, or nil for the built-in copy.
    var resolvedPath: String? {
        if let spec { return spec }
        if let fromEnvironment = ProcessInfo.processInfo.environment["FCHARNESS_SPEC"], !fromEnvironment.isEmpty {
            return fromEnvironment
        }
        if FileManager.default.fileExists(atPath: Self.projectSpecPath) { return Self.projectSpecPath }
        return nil
    }

    /// A short description of the spec's source for reports.
    var sourceDescription: String { resolvedPath ?? "built-in \(EmbeddedSpec.name)" }

    /// Loads and indexes the spec; a broken spec is bad input (exit 2) with file:line:column.
    func loadIndex() throws(CommandFailure) -> OperationIndex {
        do {
            if let path = resolvedPath { return try OperationIndex.load(path: path) }
            return try OperationIndex.embedded()
        } catch {
            throw CommandFailure(.badInput, "\(error)")
        }
    }
}

/// Prints one `warning:` line on stderr for each schema pattern that is never run (it can
/// backtrack exponentially; docs/reliability.md): the run goes on, without those checks.
func warnAboutPatternsNeverRun(_ lines: [String]) {
    for line in lines { printError("warning: \(line)") }
}
