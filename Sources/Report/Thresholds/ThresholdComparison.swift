// The four comparisons a threshold may make. Equality is left out on purpose: a measured
// latency or rate is almost never exactly a round number, so `==` would fail for no reason.

/// How a threshold compares the measured value with its bound.
public enum ThresholdComparison: String, Sendable, Hashable, CaseIterable {
    /// `<`: the value must stay below the bound.
    case lessThan = "<"
    /// `<=`: the value may reach the bound.
    case lessThanOrEqual = "<="
    /// `>`: the value must stay above the bound.
    case greaterThan = ">"
    /// `>=`: the value may equal the bound.
    case greaterThanOrEqual = ">="

    /// Whether `actual` compared with `bound` this way holds.
    public func holds(_ actual: Double, _ bound: Double) -> Bool {
        switch self {
        case .lessThan: actual < bound
        case .lessThanOrEqual: actual <= bound
        case .greaterThan: actual > bound
        case .greaterThanOrEqual: actual >= bound
        }
    }
}
