// Reads an Overlay document from YAML or JSON text into an `Overlay`, checking it against the
// Overlay Specification 1.x: required fields, types, no unknown keys (except x- extensions),
// and every target a valid JSONPath query, each error at the file:line:column to fix.

import JSON
import YAMLSource

enum OverlayReader {
    static let topLevelKeys = ["overlay", "info", "extends", "actions"]
    static let infoKeys = ["title", "version", "description"]
    static let actionKeys = ["target", "description", "update", "remove"]

    static func read(text: String, file: String) throws(OverlayError) -> Overlay {
        let root: YAMLNode?
        do {
            root = try YAMLReader.read(text, file: file)
        } catch {
            throw OverlayError(.syntax(message: error.message), at: error.location)
        }
        let start = SourceLocation(file: file, line: 1, column: 1)
        guard let root else { throw OverlayError(.notOverlay(reason: "the file is empty"), at: start) }
        guard case .mapping(let members) = root.content else {
            throw OverlayError(.notOverlay(reason: "the top level is \(kind(of: root)), not a mapping"), at: root.location)
        }
        if let openapi = members.first(where: { $0.key == "openapi" || $0.key == "swagger" }), !members.contains(where: { $0.key == "overlay" }) {
            throw OverlayError(.notOverlay(reason: "this is an OpenAPI document; give it with --spec"), at: openapi.keyLocation)
        }
        let top = try Mapping(root, context: "the overlay", allowed: topLevelKeys)

        let versionMember = try top.required("overlay")
        let version = try versionText(versionMember)
        guard version.hasPrefix("1.") else { throw OverlayError(.unsupportedVersion(version), at: versionMember.value.location) }

        let info = try Mapping(try top.required("info").value, context: "info", allowed: infoKeys)
        let title = try info.string(try info.required("title"))
        let overlayVersion = try info.string(try info.required("version"))
        let extends = try top.member("extends").map { (member) throws(OverlayError) in try top.string(member) }

        let actionsMember = try top.required("actions")
        guard case .sequence(let items) = actionsMember.value.content else {
            throw OverlayError(
                .wrongType(key: "actions", context: "the overlay", expected: "a list of actions", found: kind(of: actionsMember.value)),
                at: actionsMember.value.location)
        }
        guard !items.isEmpty else { throw OverlayError(.noActions, at: actionsMember.keyLocation) }
        var actions: [OverlayAction] = []
        for (offset, item) in items.enumerated() {
            actions.append(try action(item, number: offset + 1))
        }
        return Overlay(file: file, specificationVersion: version, title: title, version: overlayVersion, extends: extends, actions: actions)
    }

    /// `overlay: 1.0.0` is a string; an unquoted `overlay: 1.0` reads as a number and is taken as written.
    private static func versionText(_ member: YAMLNode.Member) throws(OverlayError) -> String {
        guard case .scalar(let scalar) = member.value.content, scalar.value != .null, scalar.value != .bool(true), scalar.value != .bool(false) else {
            throw OverlayError(
                .wrongType(key: "overlay", context: "the overlay", expected: "a version such as \"1.0.0\"", found: kind(of: member.value)),
                at: member.value.location)
        }
        return scalar.text
    }

    private static func action(_ node: YAMLNode, number: Int) throws(OverlayError) -> OverlayAction {
        let context = "action \(number)"
        let mapping = try Mapping(node, context: context, allowed: actionKeys)
        let targetMember = try mapping.required("target")
        let targetText = try mapping.string(targetMember)
        let target: JSONPathQuery
        do {
            target = try JSONPathQuery(targetText)
        } catch {
            throw OverlayError(.invalidTarget(action: number, error), at: location(ofCharacter: error.column, in: targetMember.value))
        }
        let description = try mapping.member("description").map { (member) throws(OverlayError) in try mapping.string(member) }
        var remove = false
        if let removeMember = mapping.member("remove") {
            guard case .scalar(let scalar) = removeMember.value.content, case .bool(let flag) = scalar.value else {
                throw OverlayError(
                    .wrongType(key: "remove", context: context, expected: "true or false", found: kind(of: removeMember.value)),
                    at: removeMember.value.location)
            }
            remove = flag
        }
        let update = mapping.member("update")?.value
        guard remove || update != nil else { throw OverlayError(.noChange(action: number), at: node.location) }
        return OverlayAction(
            number: number, target: target, description: description, update: update, remove: remove,
            targetLocation: targetMember.value.location)
    }

    /// Where the `column`-th character of a target's text is in the file. Exact for a target
    /// on one line (plain or quoted without escapes); a block scalar points at its start.
    private static func location(ofCharacter column: Int, in node: YAMLNode) -> SourceLocation {
        guard case .scalar(let scalar) = node.content, !scalar.isBlock, !scalar.text.contains("\n") else { return node.location }
        let at = node.location
        return SourceLocation(file: at.file, line: at.line, column: at.column + (scalar.isQuoted ? 1 : 0) + column - 1)
    }

    /// How a node reads in a "found …" message.
    static func kind(of node: YAMLNode) -> String {
        switch node.content {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .scalar(let scalar):
            switch scalar.value {
            case .null: return "nothing (null)"
            case .bool(let flag): return "the boolean \(flag)"
            case .integer, .double: return "the number \(scalar.text)"
            case .string(let text): return "the string \"\(text.count > 40 ? String(text.prefix(40)) + "…" : text)\""
            }
        }
    }
}

/// A mapping of the overlay whose keys have been checked: defined ones and `x-` extensions.
private struct Mapping {
    let context: String
    let node: YAMLNode
    let members: [YAMLNode.Member]

    init(_ node: YAMLNode, context: String, allowed: [String]) throws(OverlayError) {
        guard case .mapping(let members) = node.content else {
            throw OverlayError(
                .wrongType(key: context, context: "the overlay", expected: "a mapping", found: OverlayReader.kind(of: node)), at: node.location)
        }
        for member in members where !allowed.contains(member.key) && !member.key.hasPrefix("x-") {
            throw OverlayError(
                .unknownKey(key: member.key, context: context, allowed: allowed, suggestion: NearestName.suggestion(for: member.key, among: allowed)),
                at: member.keyLocation)
        }
        self.context = context
        self.node = node
        self.members = members
    }

    func member(_ key: String) -> YAMLNode.Member? {
        members.first { $0.key == key }
    }

    func required(_ key: String) throws(OverlayError) -> YAMLNode.Member {
        guard let member = member(key) else { throw OverlayError(.missingKey(key: key, context: context), at: node.location) }
        return member
    }

    /// A string value; a number (`version: 1`) is taken as written, as YAML users rarely quote it.
    func string(_ member: YAMLNode.Member) throws(OverlayError) -> String {
        guard case .scalar(let scalar) = member.value.content, scalar.value != .null else {
            throw OverlayError(
                .wrongType(key: member.key, context: context, expected: "a string", found: OverlayReader.kind(of: member.value)),
                at: member.value.location)
        }
        return scalar.text
    }
}
