// Reading an instance in place, for validation. Passing `JSON` values down the evaluation
// copies them, and every copy of a string, array or object payload is an atomic retain and
// release: one per visited value, most of the validation's time. A pointer into the document
// copies nothing.
//
// Why this is sound: the instance is borrowed for the whole validation (`Schema.isValid` and
// `validate` hold it in `withUnsafePointer`), and the members or elements of a container are
// read only inside `withObjectMembers` / `withArrayElements`, whose closures run while the
// container's storage is held by the copy those functions make. No pointer is kept after its
// closure returns.

import JSON

/// A value inside the document being validated, reached without copying it.
typealias InstancePointer = UnsafePointer<JSON>

extension UnsafePointer where Pointee == JSON {
    /// Runs `body` over the members of an object value, in place; nil for other kinds.
    @inline(__always)
    func withObjectMembers<Result>(_ body: (UnsafeBufferPointer<JSONObject.Member>) -> Result) -> Result? {
        guard case .object(let object) = pointee else { return nil }
        return object.members.withUnsafeBufferPointer(body)
    }

    /// Runs `body` over the elements of an array value, in place; nil for other kinds.
    @inline(__always)
    func withArrayElements<Result>(_ body: (UnsafeBufferPointer<JSON>) -> Result) -> Result? {
        guard case .array(let elements) = pointee else { return nil }
        return elements.withUnsafeBufferPointer(body)
    }
}

extension UnsafePointer where Pointee == JSONObject.Member {
    /// Where the member's value is stored, without copying it.
    @inline(__always)
    var valuePointer: InstancePointer {
        (UnsafeRawPointer(self) + Self.valueOffset).assumingMemoryBound(to: JSON.self)
    }

    /// The byte offset of `value` in a member; the key path is folded to a constant at compile
    /// time. A stored property always has an offset, so the fallback (value after the key, the
    /// declaration order) is never taken.
    @inline(__always)
    private static var valueOffset: Int {
        MemoryLayout<JSONObject.Member>.offset(of: \JSONObject.Member.value) ?? MemoryLayout<String>.stride
    }
}

extension UnsafeBufferPointer where Element == JSONObject.Member {
    /// The member at `position` (which must be in range), in place.
    @inline(__always)
    func member(at position: Int) -> UnsafePointer<JSONObject.Member> {
        // Positions come from `indices`, so the buffer is not empty and has a base address.
        baseAddress.unsafelyUnwrapped + position
    }

    /// Whether some member is named `key` (code point by code point). `hint` is tried first:
    /// instances usually list members in the schema's order.
    @inline(__always)
    func containsKey(_ key: String, hint: Int) -> Bool {
        if hint < count && self[hint].key.hasSameCodePoints(as: key) { return true }
        for position in indices where self[position].key.hasSameCodePoints(as: key) { return true }
        return false
    }
}

extension UnsafeBufferPointer where Element == JSON {
    /// The element at `position` (which must be in range), in place.
    @inline(__always)
    func element(at position: Int) -> InstancePointer {
        // Positions come from `indices`, so the buffer is not empty and has a base address.
        baseAddress.unsafelyUnwrapped + position
    }
}
