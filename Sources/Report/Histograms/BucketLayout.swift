// Where each value lives in an HdrHistogram's counts array. hdrhistogram-swift keeps its
// counts and index functions internal, so the codec and the merge check compute the same
// layout here, with the same formulas (HdrHistogram's Java original and its C, Python and
// Swift ports all agree on them; the encoding is only portable because they do).
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

import Histogram

/// The counts-array layout of a histogram with given settings: the index of a value, the
/// values of an index, and the length of the array.
///
/// Bucket 0 holds `subBucketCount` values at unit resolution; each further bucket holds the
/// top half of twice the previous range at twice the step, so one index covers every value
/// that the histogram cannot tell apart.
struct BucketLayout: Equatable, Sendable {
    /// The histogram's settings, as given.
    let lowestDiscernibleValue: UInt64
    let highestTrackableValue: UInt64
    let significantDigits: Int

    /// log2 of the step of bucket 0 (lowestDiscernibleValue rounded down to a power of two).
    let unitMagnitude: Int
    /// log2 of half the number of sub-buckets per bucket.
    let subBucketHalfCountMagnitude: Int
    /// How many buckets it takes to reach `highestTrackableValue`.
    let bucketCount: Int

    var subBucketCount: Int { 1 << (subBucketHalfCountMagnitude + 1) }
    var subBucketHalfCount: Int { 1 << subBucketHalfCountMagnitude }
    /// The bits a value may use and still fall in bucket 0.
    var subBucketMask: UInt64 { UInt64(subBucketCount - 1) << UInt64(unitMagnitude) }
    /// Number of entries in the counts array; an index at or past it cannot be recorded.
    var countsLength: Int { (bucketCount + 1) * subBucketHalfCount }

    /// Why a set of histogram settings has no layout; the codec turns these into its errors.
    enum Invalid: Error, Equatable {
        case significantDigits
        case lowestDiscernibleValue
        case highestTrackableValue
        case unrepresentable
    }

    /// The layout for these settings, or why they are invalid. Checks every precondition of
    /// `Histogram.init`, so a layout that exists can always become a `Histogram` without a trap.
    init(lowestDiscernibleValue: UInt64, highestTrackableValue: UInt64, significantDigits: Int) throws(Invalid) {
        guard (0 ... 5).contains(significantDigits) else { throw .significantDigits }
        guard lowestDiscernibleValue >= 1, lowestDiscernibleValue <= UInt64.max / 2 else { throw .lowestDiscernibleValue }
        guard highestTrackableValue >= 2 * lowestDiscernibleValue else { throw .highestTrackableValue }

        // Exactly Histogram.init's floating-point formulas: an integer log2 would differ from
        // them for a few huge lowest values, and then our indexes would not be the library's.
        let largestValueWithSingleUnitResolution = 2 * pow(10.0, Double(significantDigits))
        let subBucketCountMagnitude = Int(log2(largestValueWithSingleUnitResolution).rounded(.up))
        let unitMagnitude = Int(log2(Double(lowestDiscernibleValue)))
        let subBucketHalfCountMagnitude = max(subBucketCountMagnitude, 1) - 1
        guard unitMagnitude + subBucketHalfCountMagnitude <= 61 else { throw .unrepresentable }

        self.lowestDiscernibleValue = lowestDiscernibleValue
        self.highestTrackableValue = highestTrackableValue
        self.significantDigits = significantDigits
        self.unitMagnitude = unitMagnitude
        self.subBucketHalfCountMagnitude = subBucketHalfCountMagnitude
        bucketCount = Self.bucketsNeeded(
            toCover: highestTrackableValue, subBucketCount: 1 << (subBucketHalfCountMagnitude + 1), unitMagnitude: unitMagnitude)
    }

    /// The layout of an existing histogram. Its settings passed `Histogram.init`, which checks
    /// the same conditions, so this cannot fail for any histogram that exists.
    init<Count>(of histogram: Histogram<Count>) {
        do {
            try self.init(
                lowestDiscernibleValue: histogram.lowestDiscernibleValue,
                highestTrackableValue: histogram.highestTrackableValue,
                significantDigits: Int(histogram.numberOfSignificantValueDigits.rawValue))
        } catch {
            // Unreachable: Histogram.init traps on exactly these conditions before we see it.
            preconditionFailure("hdrhistogram-swift accepted settings BucketLayout rejects: \(error)")
        }
    }

    /// The index of the counts entry that `value` is counted in (may be ≥ `countsLength`
    /// for a value the histogram cannot hold).
    func countsIndex(for value: UInt64) -> Int {
        let leadingZeroCountBase = 64 - unitMagnitude - (subBucketHalfCountMagnitude + 1)
        let bucketIndex = leadingZeroCountBase - (value | subBucketMask).leadingZeroBitCount
        let subBucketIndex = Int(truncatingIfNeeded: value >> UInt64(bucketIndex + unitMagnitude))
        return ((bucketIndex + 1) << subBucketHalfCountMagnitude) + subBucketIndex - subBucketHalfCount
    }

    /// The lowest value counted at `index` (`valueFromIndex` in every implementation).
    func lowestValue(at index: Int) -> UInt64 {
        let (bucketIndex, subBucketIndex) = position(of: index)
        return UInt64(subBucketIndex) << UInt64(bucketIndex + unitMagnitude)
    }

    /// The highest value counted at `index`; `recordedValues()` reports buckets by this value.
    func highestValue(at index: Int) -> UInt64 {
        let (bucketIndex, _) = position(of: index)
        // lowest + (size − 1), not (lowest + size) − 1: the top bucket may end at 2^64 − 1.
        return lowestValue(at: index) + ((UInt64(1) << UInt64(bucketIndex + unitMagnitude)) - 1)
    }

    /// The histogram's counts from index 0 to the bucket of its highest recorded value.
    ///
    /// The array is internal to hdrhistogram-swift. `recordedValues()` visits only the non-empty
    /// buckets and is specialized here (inlinable), but it adds up `count × value` without an
    /// overflow check; so it is used only when totalCount × the highest value bounds that sum,
    /// which every latency histogram satisfies by far. Otherwise each bucket is read through
    /// the public `countForValue` (a generic call per bucket: ~50× slower, and only for
    /// histograms with counts in the billions of billions).
    func counts(of histogram: Histogram<UInt64>) -> [UInt64] {
        let length = countsIndex(for: histogram.maxRecorded) + 1
        let top = highestValue(at: length - 1)
        guard histogram.totalCount.multipliedReportingOverflow(by: top).overflow == false else {
            return (0 ..< length).map { histogram.countForValue(lowestValue(at: $0)) }
        }
        var counts = [UInt64](repeating: 0, count: length)
        for bucket in histogram.recordedValues() {
            let index = countsIndex(for: bucket.value)
            if index < length { counts[index] = bucket.count }
        }
        return counts
    }

    /// Σ count × (highest value of its bucket), or nil past 2^64 − 1. hdrhistogram-swift's
    /// iterators (recordedValues, percentiles, the .hgrm output, mean) add up exactly this
    /// without overflow checks, so a histogram whose sum does not fit would trap in them.
    func valueSum(_ counts: some Sequence<(index: Int, count: UInt64)>) -> UInt64? {
        var sum: UInt64 = 0
        for (index, count) in counts where count != 0 {
            let (product, productOverflow) = count.multipliedReportingOverflow(by: highestValue(at: index))
            let (next, sumOverflow) = sum.addingReportingOverflow(product)
            guard !productOverflow, !sumOverflow else { return nil }
            sum = next
        }
        return sum
    }

    private func position(of index: Int) -> (bucket: Int, subBucket: Int) {
        let bucketIndex = (index >> subBucketHalfCountMagnitude) - 1
        let subBucketIndex = (index & (subBucketHalfCount - 1)) + subBucketHalfCount
        // Bucket 0 also owns the lower half of the sub-buckets (values below subBucketHalfCount).
        return bucketIndex < 0 ? (0, subBucketIndex - subBucketHalfCount) : (bucketIndex, subBucketIndex)
    }

    private static func bucketsNeeded(toCover value: UInt64, subBucketCount: Int, unitMagnitude: Int) -> Int {
        var smallestUntrackableValue = UInt64(subBucketCount) << UInt64(unitMagnitude)
        var bucketsNeeded = 1
        while smallestUntrackableValue <= value {
            // One more doubling would overflow: one more bucket covers the rest, as in Histogram.
            if smallestUntrackableValue > UInt64.max / 2 { return bucketsNeeded + 1 }
            smallestUntrackableValue <<= 1
            bucketsNeeded += 1
        }
        return bucketsNeeded
    }
}
