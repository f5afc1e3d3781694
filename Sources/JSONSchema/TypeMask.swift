// The `type` keyword compiled to bits: which JSON types a schema admits, tested against an
// instance in place.

import JSON

/// Which JSON types `type` allows, as bits.
struct TypeMask: OptionSet, Sendable {
    let rawValue: UInt8
    static let null = TypeMask(rawValue: 1)
    static let boolean = TypeMask(rawValue: 2)
    static let integer = TypeMask(rawValue: 4)
    static let number = TypeMask(rawValue: 8)
    static let string = TypeMask(rawValue: 16)
    static let array = TypeMask(rawValue: 32)
    static let object = TypeMask(rawValue: 64)
    /// Every kind of value (no `type` keyword).
    static let all = TypeMask(rawValue: 127)

    /// The names in the order the spec lists them, for messages.
    static let names: [(TypeMask, String)] = [
        (.string, "string"), (.number, "number"), (.integer, "integer"), (.object, "object"),
        (.array, "array"), (.boolean, "boolean"), (.null, "null"),
    ]

    init(rawValue: UInt8) { self.rawValue = rawValue }

    /// The type named `name` (exactly, code point by code point), if it is one.
    init?(name: String) {
        guard let entry = Self.names.first(where: { $0.1.hasSameCodePoints(as: name) }) else { return nil }
        self = entry.0
    }

    /// Whether the value at `instance` has one of these types (an integral double counts as an
    /// integer), read in place.
    @inline(__always)
    func admits(_ instance: InstancePointer) -> Bool {
        switch instance.pointee {
        case .null: return contains(.null)
        case .bool: return contains(.boolean)
        case .integer: return !isDisjoint(with: [.integer, .number])
        case .double(let number):
            if contains(.number) { return true }
            return contains(.integer) && number.isFinite && number.rounded(.towardZero) == number
        case .string: return contains(.string)
        case .array: return contains(.array)
        case .object: return contains(.object)
        }
    }

    /// "string or null".
    var listText: String {
        let parts = Self.names.filter { contains($0.0) }.map(\.1)
        if parts.count <= 1 { return parts.first ?? "nothing" }
        return parts.dropLast().joined(separator: ", ") + " or " + (parts.last ?? "")
    }
}
