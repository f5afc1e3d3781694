// Merging histograms that came from files (shards, earlier runs). hdrhistogram-swift's `add`
// traps on a settings mismatch or an out-of-range value; a bad shard file must instead give
// an error that names the mismatch, so every condition `add` would trap on is checked first.
import Histogram

/// Why two histograms cannot be merged.
public enum HistogramMergeError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The significant digits differ, so the buckets do not line up.
    case significantDigitsDiffer(destination: Int, other: Int)
    /// The lowest discernible values differ, so the buckets do not line up.
    case lowestDiscernibleValueDiffers(destination: UInt64, other: UInt64)
    /// The other histogram holds a value beyond the destination's range (and the destination
    /// does not auto-resize).
    case valueOutOfRange(otherMax: UInt64, destinationHighestTrackable: UInt64)
    /// Together they would count more than 2^64 − 1 values.
    case totalCountOverflow
    /// Together their counts times values would pass 2^64 − 1, which hdrhistogram-swift's
    /// iterators (percentile output, mean) add up without overflow checks.
    case valueSumOverflow

    /// The reason in words, with what to check.
    public var description: String {
        switch self {
        case .significantDigitsDiffer(let destination, let other):
            return "cannot merge a histogram with \(other) significant digits into one with \(destination): "
                + "every shard must use the same histogram settings"
        case .lowestDiscernibleValueDiffers(let destination, let other):
            return "cannot merge a histogram with lowest discernible value \(other) into one with \(destination): "
                + "every shard must use the same histogram settings (and the same unit)"
        case .valueOutOfRange(let otherMax, let highest):
            return "cannot merge: the other histogram holds \(otherMax), beyond this one's highest trackable value \(highest); "
                + "use the same highest trackable value on every shard"
        case .totalCountOverflow:
            return "cannot merge: the two histograms together count more than 2^64 − 1 values"
        case .valueSumOverflow:
            return "cannot merge: the two histograms' counts times values together pass 2^64 − 1, more than a histogram can hold"
        }
    }
}

extension Histogram where Count == UInt64 {
    /// Adds every count of `other` to this histogram, after checking that nothing in `add`
    /// would trap: same significant digits and lowest discernible value, `other`'s highest
    /// recorded value within this one's range (unless `autoResize` is on), and totals that fit.
    ///
    /// The highest trackable values may differ: a value counts as in range when it has a
    /// bucket here, exactly the rule `record` uses.
    public mutating func merge(_ other: Histogram<UInt64>) throws(HistogramMergeError) {
        guard numberOfSignificantValueDigits == other.numberOfSignificantValueDigits else {
            throw .significantDigitsDiffer(
                destination: Int(numberOfSignificantValueDigits.rawValue), other: Int(other.numberOfSignificantValueDigits.rawValue))
        }
        guard lowestDiscernibleValue == other.lowestDiscernibleValue else {
            throw .lowestDiscernibleValueDiffers(destination: lowestDiscernibleValue, other: other.lowestDiscernibleValue)
        }
        let layout = BucketLayout(of: self)
        guard autoResize || layout.countsIndex(for: other.maxRecorded) < layout.countsLength else {
            throw .valueOutOfRange(otherMax: other.maxRecorded, destinationHighestTrackable: highestTrackableValue)
        }
        // `add` sums with wrapping arithmetic; percentiles and iterators later sum without it
        // and would trap.
        guard !totalCount.addingReportingOverflow(other.totalCount).overflow else { throw .totalCountOverflow }
        // The layouts agree on every index (same lowest and digits), so one serves both.
        guard let ours = layout.valueSum(layout.counts(of: self).enumerated().map { ($0.offset, $0.element) }),
              let theirs = layout.valueSum(layout.counts(of: other).enumerated().map { ($0.offset, $0.element) }),
              !ours.addingReportingOverflow(theirs).overflow
        else { throw .valueSumOverflow }
        add(other)
    }

    /// This histogram with every count of `other` added; see ``merge(_:)`` for the checks.
    public func merging(_ other: Histogram<UInt64>) throws(HistogramMergeError) -> Histogram<UInt64> {
        var merged = self
        try merged.merge(other)
        return merged
    }
}
