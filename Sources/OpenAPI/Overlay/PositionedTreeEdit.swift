// Edits of a positioned YAML tree at a location a JSONPath query found. The tree, not its JSON
// value, is what overlays change: a node moved in from an overlay keeps the overlay's
// file:line:column, so an error found later in added content points into the overlay.

import JSON
import YAMLSource

extension YAMLNode {
    /// Runs `change` on the node at `path`; false when the tree has no node there (an earlier
    /// edit of the same action removed or replaced it).
    mutating func modify<Failure: Error>(
        at path: ArraySlice<NormalizedPath.Element>, _ change: (inout YAMLNode) throws(Failure) -> Void
    ) throws(Failure) -> Bool {
        guard let step = path.first else {
            try change(&self)
            return true
        }
        let rest = path.dropFirst()
        switch (step, content) {
        case (.name(let name), .mapping(var members)):
            guard let index = members.firstIndex(where: { $0.key.hasSameCodePoints(as: name) }) else { return false }
            let found = try members[index].value.modify(at: rest, change)
            content = .mapping(members)
            return found
        case (.index(let index), .sequence(var elements)):
            guard elements.indices.contains(index) else { return false }
            let found = try elements[index].modify(at: rest, change)
            content = .sequence(elements)
            return found
        default:
            return false
        }
    }

    /// Removes the member or element at `path` from its parent; false when there is none (or
    /// `path` is the root, which has no parent).
    mutating func remove(at path: ArraySlice<NormalizedPath.Element>) -> Bool {
        guard let last = path.last else { return false }
        var removed = false
        _ = modify(at: path.dropLast()) { (parent: inout YAMLNode) in
            switch (last, parent.content) {
            case (.name(let name), .mapping(var members)):
                guard let index = members.firstIndex(where: { $0.key.hasSameCodePoints(as: name) }) else { return }
                members.remove(at: index)
                parent.content = .mapping(members)
                removed = true
            case (.index(let index), .sequence(var elements)):
                guard elements.indices.contains(index) else { return }
                elements.remove(at: index)
                parent.content = .sequence(elements)
                removed = true
            default:
                return
            }
        }
        return removed
    }
}
