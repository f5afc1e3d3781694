// The `enum` keyword compiled: the allowed values, compared with JSON equality (strings code
// point by code point), with a hash set when the list is long enough to pay for it.

import JSON

/// `enum`: the allowed values.
final class EnumValues: Sendable {
    let values: [JSON]
    /// For more than eight values: all of them, hashed.
    private let set: Set<JSON>?
    /// For up to eight values that are all strings (the usual enum): the strings, compared with
    /// the instance's text in place.
    private let strings: [String]?

    init(_ values: [JSON]) {
        self.values = values
        set = values.count > 8 ? Set(values) : nil
        let strings = values.compactMap(\.stringValue)
        self.strings = values.count <= 8 && strings.count == values.count ? strings : nil
    }

    /// Whether the value at `instance` is one of the values.
    @inline(__always)
    func contains(_ instance: InstancePointer) -> Bool {
        guard let strings else { return containsValue(instance.pointee) }
        guard case .string(let text) = instance.pointee else { return false }
        for candidate in strings where candidate.hasSameCodePoints(as: text) { return true }
        return false
    }

    /// `contains` for enums that are not a few strings.
    @inline(never)
    private func containsValue(_ value: JSON) -> Bool {
        if let set { return set.contains(value) }
        for candidate in values where candidate == value { return true }
        return false
    }
}
