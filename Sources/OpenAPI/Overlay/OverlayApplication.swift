// Applies an overlay's actions, in order, to a positioned YAML tree (Overlay Specification 1.0,
// "Action Object"): `remove: true` takes every selected node out of its parent; otherwise
// `update` merges into each selected object (recursively: a member replaces a scalar or array
// of the same name, merges into an object) or is appended to each selected array. Overlays
// that say `overlay: 1.1.x` get 1.1's rules instead: arrays concatenate and a primitive target
// is replaced.

import JSON
import YAMLSource

extension Overlay {
    /// Applies the actions in order to `document`, each to the result of the ones before.
    ///
    /// - Returns: a warning for each action whose target selected nothing (not an error: the
    ///   document may simply not have what the overlay targets).
    /// - Throws: `OverlayError` when an `update` does not fit a selected node, or a removal
    ///   targets the whole document.
    public func apply(to document: inout YAMLNode) throws(OverlayError) -> [OverlayWarning] {
        var warnings: [OverlayWarning] = []
        for action in actions {
            // The same node may be selected twice (`$[0,0]`); it is changed once.
            var seen = Set<NormalizedPath>()
            let locations = action.target.select(in: document.json).map(\.location).filter { seen.insert($0).inserted }
            guard !locations.isEmpty else {
                warnings.append(OverlayWarning(action: action.number, target: action.target.text, location: action.targetLocation))
                continue
            }
            if action.remove {
                try remove(locations, for: action, from: &document)
            } else if let update = action.update {
                for location in locations {
                    _ = try document.modify(at: location.elements[...]) { (node: inout YAMLNode) throws(OverlayError) in
                        try self.update(&node, at: location, with: update, for: action)
                    }
                }
            }
        }
        return warnings
    }

    /// Removes the nodes at `locations`, later array elements and deeper nodes first, so that
    /// no removal shifts the index of one still to come.
    private func remove(_ locations: [NormalizedPath], for action: OverlayAction, from document: inout YAMLNode) throws(OverlayError) {
        if locations.contains(where: { $0.elements.isEmpty }) {
            throw OverlayError(.removesRoot(action: action.number, target: action.target.text), at: action.targetLocation)
        }
        for location in locations.sorted(by: removesBefore) {
            _ = document.remove(at: location.elements[...])
        }
    }

    /// The order of removals: descending, comparing indexes as numbers, a path after its prefix.
    private func removesBefore(_ a: NormalizedPath, _ b: NormalizedPath) -> Bool {
        for (x, y) in zip(a.elements, b.elements) where x != y {
            switch (x, y) {
            case (.index(let i), .index(let j)): return i > j
            case (.name(let m), .name(let n)): return n.unicodeScalars.lexicographicallyPrecedes(m.unicodeScalars)
            case (.index, .name): return true
            case (.name, .index): return false
            }
        }
        return a.elements.count > b.elements.count
    }

    /// Merges `update` into the selected `node`, or appends it when `node` is an array.
    private func update(_ node: inout YAMLNode, at location: NormalizedPath, with update: YAMLNode, for action: OverlayAction) throws(OverlayError) {
        switch node.content {
        case .mapping(var members):
            guard case .mapping(let updates) = update.content else {
                throw doesNotFit(
                    action, location,
                    "it is an object, and 'update' is \(OverlayReader.kind(of: update)); expected a mapping of members to merge", at: update.location)
            }
            try merge(updates, into: &members, at: location, for: action)
            node.content = .mapping(members)
        case .sequence(let elements):
            if followsVersion1_1, case .sequence(let more) = update.content {
                node.content = .sequence(elements + more)
            } else {
                node.content = .sequence(elements + [update])
            }
        case .scalar:
            guard followsVersion1_1 else {
                throw doesNotFit(
                    action, location,
                    "it is \(OverlayReader.kind(of: node)); Overlay 1.0 updates objects and arrays only (target the object that holds it and update the member)",
                    at: action.targetLocation)
            }
            guard case .scalar = update.content else {
                throw doesNotFit(
                    action, location, "it is \(OverlayReader.kind(of: node)), and 'update' is \(OverlayReader.kind(of: update)); expected a single value",
                    at: update.location)
            }
            node = update
        }
    }

    /// Merges `updates` into `members`: new names are appended; an object merges into an
    /// object; otherwise (1.0) the update's member replaces the existing one. Under 1.1, arrays
    /// concatenate, a primitive replaces a primitive, and other pairs do not fit.
    private func merge(
        _ updates: [YAMLNode.Member], into members: inout [YAMLNode.Member], at location: NormalizedPath, for action: OverlayAction
    ) throws(OverlayError) {
        for update in updates {
            guard let index = members.firstIndex(where: { $0.key.hasSameCodePoints(as: update.key) }) else {
                members.append(update)
                continue
            }
            let here = location.appending(.name(update.key))
            switch (members[index].value.content, update.value.content) {
            case (.mapping(var existing), .mapping(let more)):
                try merge(more, into: &existing, at: here, for: action)
                members[index].value.content = .mapping(existing)
            case (.sequence(let existing), .sequence(let more)) where followsVersion1_1:
                members[index].value.content = .sequence(existing + more)
            case (.scalar, .scalar):
                members[index] = update
            default:
                guard followsVersion1_1 else {
                    members[index] = update
                    continue
                }
                throw doesNotFit(
                    action, here,
                    "it is \(OverlayReader.kind(of: members[index].value)), and 'update' has \(OverlayReader.kind(of: update.value)) (Overlay 1.1 merges only like with like)",
                    at: update.keyLocation)
            }
        }
    }

    private func doesNotFit(_ action: OverlayAction, _ location: NormalizedPath, _ reason: String, at position: SourceLocation) -> OverlayError {
        OverlayError(.updateDoesNotFit(action: action.number, target: action.target.text, node: location.description, reason: reason), at: position)
    }
}
