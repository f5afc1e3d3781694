// An OpenAPI Overlay document (Overlay Specification 1.0): ordered actions, each a JSONPath
// target and an update to merge there or a removal. Read by `OverlayReader`; applied to a
// positioned YAML tree by `Overlay.apply(to:)`, so that what an overlay adds keeps the
// overlay's file:line:column for every later error.

import Foundation
import JSON
import YAMLSource

/// An Overlay document, read and checked: every target parses as JSONPath.
///
/// ```swift
/// let overlay = try Overlay.load(path: "scenarios/overlays/freshchat-observed.yaml")
/// var spec = try YAMLReader.read(specText, file: "freshchat.openapi.yaml")!
/// let warnings = try overlay.apply(to: &spec)   // "action 3 (target …): selected nothing"
/// ```
public struct Overlay: Sendable {
    /// The file it was read from, as given (errors and warnings name it).
    public let file: String
    /// The `overlay` field: the Overlay Specification version, e.g. "1.0.0".
    public let specificationVersion: String
    /// `info.title`.
    public let title: String
    /// `info.version`: the overlay's own version.
    public let version: String
    /// `extends`: the document the overlay was written for. Informational; the spec it is
    /// applied to is the one the command reads.
    public let extends: String?
    /// The actions, in the order they are applied.
    public let actions: [OverlayAction]

    /// Which merge rules `update` follows: 1.1 concatenates arrays and replaces primitives,
    /// 1.0 replaces arrays and refuses primitive targets.
    var followsVersion1_1: Bool { !specificationVersion.hasPrefix("1.0") }

    /// Reads and checks the overlay at `path` (YAML or JSON).
    public static func load(path: String) throws(OverlayError) -> Overlay {
        try OverlayReader.read(text: readText(atPath: path), file: path)
    }

    /// Reads and checks overlay text; `file` names it in errors and warnings.
    public static func read(text: String, file: String) throws(OverlayError) -> Overlay {
        try OverlayReader.read(text: text, file: file)
    }

    init(file: String, specificationVersion: String, title: String, version: String, extends: String?, actions: [OverlayAction]) {
        self.file = file
        self.specificationVersion = specificationVersion
        self.title = title
        self.version = version
        self.extends = extends
        self.actions = actions
    }

    private static func readText(atPath path: String) throws(OverlayError) -> String {
        do { return try SourceFile.readText(atPath: path) } catch { throw OverlayError(.unreadable(reason: error.reason), file: path) }
    }
}

/// One action of an overlay: what to select, and whether to merge into it or remove it.
public struct OverlayAction: Sendable {
    /// The action's position in `actions`, from 1, as messages count it.
    public let number: Int
    /// The nodes the action changes.
    public let target: JSONPathQuery
    /// `description`, if given.
    public let description: String?
    /// `update`, as written (its positions kept); ignored when `remove` is true, as the
    /// specification says.
    public let update: YAMLNode?
    /// `remove: true`.
    public let remove: Bool
    /// Where the target is written, which warnings and application errors point at.
    public let targetLocation: SourceLocation
}
