// What applying an overlay reports without failing: an action whose target selected nothing
// (the spec may have changed under the overlay, or the target has a typo).

import YAMLSource

/// An action that changed nothing because its target selected no node.
public struct OverlayWarning: Sendable, Equatable, CustomStringConvertible {
    /// The action's number in its overlay, from 1.
    public let action: Int
    /// The target as written.
    public let target: String
    /// Where the target is written in the overlay.
    public let location: SourceLocation

    /// `overlay.yaml:12:13: action 3 (target $.paths['/x'].get): selected nothing`.
    public var description: String {
        "\(location): action \(action) (target \(target)): selected nothing"
    }
}
