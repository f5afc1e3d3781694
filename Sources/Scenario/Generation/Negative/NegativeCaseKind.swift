// The kinds of negative request a planner derives from a spec, one per way of breaking a request.

/// What a negative case breaks.
public enum NegativeCaseKind: String, Sendable, Hashable, CaseIterable {
    /// The credential is left out.
    case noToken
    /// A credential of the right shape that no server issued.
    case wrongToken
    /// A path id that fits its schema but names nothing.
    case unknownId
    /// A required body member is left out.
    case missingRequired
    /// A query or body value of a type the schema does not allow.
    case wrongType
    /// A value outside its schema's `enum` (or `const`).
    case enumViolated
    /// A length, numeric or item-count bound overstepped.
    case boundExceeded
}
