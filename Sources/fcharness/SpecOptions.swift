// Where the spec comes from: --spec > $FCHARNESS_SPEC > scenarios/freshchat.openapi.yaml in
// the working directory > the copy built into the binary (so the tool works anywhere); then the
// --overlay files, applied in the order given, before anything reads an operation.
import ArgumentParser
import Foundation
import OpenAPI

/// The `--spec` and `--overlay` options shared by every command that reads the spec.
struct SpecOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The OpenAPI spec (YAML or JSON).",
        discussion: "Default: $FCHARNESS_SPEC, else scenarios/freshchat.openapi.yaml, else the built-in copy.",
        valueName: "path"))
    var spec: String?

    @Option(name: .customLong("overlay"), help: ArgumentHelp(
        "An OpenAPI Overlay 1.0 file to apply to the spec (repeatable; applied in the order given).",
        discussion: "See docs/overlays.md. An action that selects nothing is a warning on stderr, not an error.",
        valueName: "file"))
    var overlays: [String] = []

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

    /// Loads and indexes the spec with the overlays applied; a broken spec or overlay is bad
    /// input (exit 2) with file:line:column. Actions that selected nothing are `warning:` lines.
    func loadIndex() throws(CommandFailure) -> OperationIndex {
        let document = try loadDocument()
        do {
            return try OperationIndex(document: document)
        } catch {
            throw CommandFailure(.badInput, "\(error)")
        }
    }

    /// The spec with the overlays applied, not yet indexed.
    func loadDocument() throws(CommandFailure) -> OpenAPIDocument {
        do {
            let overlays = try self.overlays.map { (path) throws(OverlayError) in try Overlay.load(path: path) }
            let overlaid: OverlaidSpec
            if let path = resolvedPath {
                overlaid = try OverlaidSpec.load(path: path, overlays: overlays)
            } else {
                overlaid = try OverlaidSpec.load(text: EmbeddedSpec.yaml, name: EmbeddedSpec.name, overlays: overlays)
            }
            for warning in overlaid.warnings { printError("warning: \(warning)") }
            return overlaid.document
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
