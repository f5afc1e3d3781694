// Reading an instance in place, for the boolean validation path. Passing `JSON` values down the
// evaluation copies them, and every copy of a string, array or object payload is an atomic
// retain and release: one per visited value, most of the validation's time. A pointer into the
// document copies nothing.
//
// Why this is sound: the instance is borrowed for the whole validation (`Schema.isValid` holds
// it) and JSON values are immutable, so every array buffer and string storage inside it stays
// alive and in place until validation returns. The pointers below never outlive that call.

import JSON

/// A value inside the document being validated, reached without copying it.
typealias InstancePointer = UnsafePointer<JSON>

extension UnsafePointer where Pointee == JSON {
    /// The members of an object value, nil for other kinds.
    @inline(__always)
    var objectMembers: UnsafeBufferPointer<JSONObject.Member>? {
        guard case .object(let object) = pointee else { return nil }
        // The buffer belongs to the document, not to the copy made for this pattern: see the
        // file comment for why it stays valid after `withUnsafeBufferPointer` returns.
        return object.members.withUnsafeBufferPointer { $0 }
    }

    /// The elements of an array value, nil for other kinds.
    @inline(__always)
    var arrayElements: UnsafeBufferPointer<JSON>? {
        guard case .array(let elements) = pointee else { return nil }
        return elements.withUnsafeBufferPointer { $0 }
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

    /// Whether some member is named `key`. `hint` is tried first: instances usually list members
    /// in the schema's order.
    @inline(__always)
    func containsKey(_ key: String, hint: Int) -> Bool {
        if hint < count && self[hint].key.hasSameBytes(as: key) { return true }
        for position in indices where self[position].key.hasSameBytes(as: key) { return true }
        return containsKeyByEquality(key)
    }

    /// The slow half of `containsKey`: different bytes can still be equal strings outside ASCII.
    @inline(never)
    private func containsKeyByEquality(_ key: String) -> Bool {
        if key.isASCII && allSatisfy({ $0.key.isASCII }) { return false }
        for position in indices where self[position].key == key { return true }
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
