// The spec as commands use it: read, with overlays applied in the order given, then checked as
// an OpenAPI document, before `OperationIndex` indexes it.

import YAMLSource

/// A spec with overlays applied, and what applying them reported.
///
/// ```swift
/// let overlays = try ["observed.yaml"].map(Overlay.load(path:))
/// let spec = try OverlaidSpec.load(path: "scenarios/freshchat.openapi.yaml", overlays: overlays)
/// for warning in spec.warnings { print("warning: \(warning)") }
/// let index = try OperationIndex(document: spec.document)
/// ```
public struct OverlaidSpec: Sendable {
    /// The resulting document. Locations of content an overlay added or replaced are in the
    /// overlay file; everything else keeps its place in the spec.
    public let document: OpenAPIDocument
    /// One warning per action, of any overlay, whose target selected nothing.
    public let warnings: [OverlayWarning]

    /// Reads the spec at `path` (YAML or JSON) and applies `overlays` in order.
    public static func load(path: String, overlays: [Overlay]) throws(SpecLoadError) -> OverlaidSpec {
        let text: String
        do { text = try OpenAPIDocument.readText(atPath: path) } catch { throw .spec(error) }
        return try load(text: text, name: path, overlays: overlays)
    }

    /// Parses spec text, applies `overlays` in order, and checks the result as an OpenAPI 3.x
    /// document; `name` names the spec in errors, e.g. "<embedded>".
    public static func load(text: String, name: String, overlays: [Overlay]) throws(SpecLoadError) -> OverlaidSpec {
        var tree: YAMLNode
        do { tree = try OpenAPIDocument.readTree(text: text, name: name) } catch { throw .spec(error) }
        var warnings: [OverlayWarning] = []
        for overlay in overlays {
            do { warnings += try overlay.apply(to: &tree) } catch { throw .overlay(error) }
        }
        do {
            return OverlaidSpec(document: try OpenAPIDocument.load(tree: tree, name: name), warnings: warnings)
        } catch {
            throw .spec(error)
        }
    }
}

/// Why a spec with overlays could not be loaded: the spec itself (or what the overlays made
/// of it), or one of the overlays.
public enum SpecLoadError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The spec cannot be read, or the result is not a usable OpenAPI document.
    case spec(SpecError)
    /// An overlay cannot be applied.
    case overlay(OverlayError)

    /// The underlying error's message, starting with file:line:column.
    public var description: String {
        switch self {
        case .spec(let error): return error.description
        case .overlay(let error): return error.description
        }
    }
}
