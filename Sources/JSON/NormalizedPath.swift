// Where a node selected by a JSONPath query sits in its document (RFC 9535 section 2.7), so that
// what a query found can be named in messages and then edited or removed through its pointer.

/// The location of one node in a JSON value: member names and array indexes from the root.
///
/// Its description is the RFC 9535 normalized path (`$['paths']['/users']['get']`, `$['tags'][0]`);
/// `pointer` is the same location as a JSON Pointer, for `JSON.setting(_:at:)` and
/// `JSON.removing(at:)`.
public struct NormalizedPath: Sendable, Hashable, CustomStringConvertible {
    /// One step from a container to a member or element.
    public enum Element: Sendable, Hashable {
        /// The member of an object with this name.
        case name(String)
        /// The element of an array at this (non-negative) index.
        case index(Int)

        /// Whether both name the same step; names by code point, as object keys are compared.
        public static func == (lhs: Element, rhs: Element) -> Bool {
            switch (lhs, rhs) {
            case (.name(let a), .name(let b)): return a.hasSameCodePoints(as: b)
            case (.index(let a), .index(let b)): return a == b
            default: return false
            }
        }

        /// Hashes consistently with `==`.
        public func hash(into hasher: inout Hasher) {
            switch self {
            case .name(let name):
                hasher.combine(0)
                combineCodePoints(of: name, into: &hasher)
            case .index(let index):
                hasher.combine(1)
                hasher.combine(index)
            }
        }
    }

    /// The steps from the root, outermost first; empty for the root itself.
    public private(set) var elements: [Element]

    /// The location of the root value.
    public static let root = NormalizedPath(elements: [])

    /// A location made of these steps.
    public init(elements: [Element]) {
        self.elements = elements
    }

    /// This location and one more step.
    public func appending(_ element: Element) -> NormalizedPath {
        NormalizedPath(elements: elements + [element])
    }

    /// The same location as a JSON Pointer (indexes as decimal tokens).
    public var pointer: JSONPointer {
        JSONPointer(tokens: elements.map { element in
            switch element {
            case .name(let name): return name
            case .index(let index): return String(index)
            }
        })
    }

    /// The normalized path: `$`, then `['name']` or `[index]` per step; in names, `'` and `\`
    /// are escaped with a backslash and control characters as `\b`, `\t`, … or `\u00xx`.
    public var description: String {
        var text = "$"
        for element in elements {
            switch element {
            case .index(let index):
                text += "[\(index)]"
            case .name(let name):
                text += "['"
                for scalar in name.unicodeScalars { appendEscaped(scalar, to: &text) }
                text += "']"
            }
        }
        return text
    }
}

/// Appends `scalar` as a normalized path writes it inside single quotes.
private func appendEscaped(_ scalar: Unicode.Scalar, to text: inout String) {
    switch scalar {
    case "'": text += "\\'"
    case "\\": text += "\\\\"
    case "\u{08}": text += "\\b"
    case "\u{0C}": text += "\\f"
    case "\n": text += "\\n"
    case "\r": text += "\\r"
    case "\t": text += "\\t"
    default:
        if scalar.value < 0x20 {
            text += "\\u" + hexText(scalar.value, width: 4, uppercase: false)
        } else {
            text.unicodeScalars.append(scalar)
        }
    }
}
