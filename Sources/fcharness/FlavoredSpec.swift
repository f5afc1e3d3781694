// The spec `fcharness mock --flavor F` serves: the one every command reads (--spec, --overlay),
// with the flavor's own overlays applied first (`MockFlavor.overlays()`: for `observed`, the
// copy of scenarios/overlays/freshchat-observed.yaml built into the binary).
import ArgumentParser
import MockServer
import OpenAPI

extension MockFlavor: ExpressibleByArgument {}

extension SpecOptions {
    /// The spec with `flavor`'s overlays and then the `--overlay` files applied, checked as
    /// `loadIndex()` checks it. An `--overlay` with the same `info.title` as a built-in one
    /// takes its place (at its own position), so passing the shipped file again applies it
    /// once, and an edited copy is served as edited.
    func loadDocument(flavor: MockFlavor) throws(CommandFailure) -> OpenAPIDocument {
        let builtIn: [Overlay]
        do { builtIn = try flavor.overlays() } catch {
            throw CommandFailure(.badInput, "the built-in overlay of the \(flavor) flavor does not load: \(error)")
        }
        guard !builtIn.isEmpty else { return try loadIndex().document }
        do {
            let given = try overlays.map { (path) throws(OverlayError) in try Overlay.load(path: path) }
            let applied = builtIn.filter { own in !given.contains { $0.title == own.title } } + given
            let overlaid: OverlaidSpec
            if let path = resolvedPath {
                overlaid = try OverlaidSpec.load(path: path, overlays: applied)
            } else {
                overlaid = try OverlaidSpec.load(text: EmbeddedSpec.yaml, name: EmbeddedSpec.name, overlays: applied)
            }
            for warning in overlaid.warnings { printError("warning: \(warning)") }
            _ = try OperationIndex(document: overlaid.document)
            return overlaid.document
        } catch {
            throw CommandFailure(.badInput, "\(error)")
        }
    }
}
