// Borrowed references for keyword payloads. Keywords are read for every validated value, and
// copying a strong reference out of one is an atomic retain and release; these references are
// plain pointers instead, kept valid by the CompiledProgram that owns every object they name.

/// A reference that neither retains nor releases: keyword payloads hold these so that copying a
/// keyword is a plain memory copy. The program's `retained` list keeps every referenced object
/// alive for as long as the program exists, and nothing reads a payload outside a validation of
/// that program.
///
/// `Sendable` because the object is (`Unmanaged` is Sendable exactly when its object is): sharing
/// the reference shares nothing mutable. Its validity is the program's lifetime, not a threading
/// question.
struct Unretained<Object: AnyObject & Sendable>: Sendable {
    private let reference: Unmanaged<Object>

    init(object: Object) {
        reference = .passUnretained(object)
    }

    /// The object, as a strong reference (the caller's use may retain it).
    var object: Object { reference.takeUnretainedValue() }

    /// Runs `body` with the object borrowed: no retain or release around the calls inside, which
    /// a plain `object` read pays whenever it is passed to a function.
    @inline(__always)
    func withObject<Result>(_ body: (Object) -> Result) -> Result {
        reference._withUnsafeGuaranteedRef(body)
    }
}

/// An immutable box, to hand a value to a keyword as an Unretained reference.
final class Box<Value: Sendable>: Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
