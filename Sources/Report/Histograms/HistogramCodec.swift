// HdrHistogram's standard compressed V2 encoding ("HISTFAAA…", as in .hlog files), so that
// our histograms can be read by HdrHistogram's Java, C and Python tools and theirs by us.
// hdrhistogram-swift has no such encoding (only Codable); the bytes follow Java's
// AbstractHistogram.encodeIntoCompressedByteBuffer, the reference the other ports match.
import Foundation
import Histogram

/// Encodes and decodes histograms in HdrHistogram's compressed V2 form, base64 text.
///
/// The form is: an 8-byte wrapper (cookie 0x1c849314, compressed length), then a zlib stream
/// holding a 40-byte header (settings) and the bucket counts as ZigZag LEB128 numbers, runs of
/// empty buckets written as negative lengths. Decoding never traps: whatever the input, it
/// returns a histogram or throws a ``HistogramCodecError``.
public enum HistogramCodec {
    /// The histogram in HdrHistogram's compressed V2 form, as base64 text ("HISTFAAA…").
    ///
    /// Writes the counts as Java does: from the first bucket to the bucket of the highest
    /// recorded value, a single empty bucket as 0, longer runs as −length.
    ///
    /// - Throws: ``HistogramCodecError/countTooLargeToEncode(value:count:)`` or
    ///   ``HistogramCodecError/settingsNotEncodable(highestTrackableValue:)`` when a count or the
    ///   range is above 2^63 − 1 (the format's integers are signed); `.compressionFailed` if
    ///   zlib runs out of memory.
    public static func encode(_ histogram: Histogram<UInt64>) throws(HistogramCodecError) -> String {
        Data(try encodedBytes(histogram)).base64EncodedString()
    }

    /// Decodes base64 text in HdrHistogram's compressed V2 form (surrounding whitespace allowed).
    ///
    /// The result has the encoded lowest, highest and significant digits (no `autoResize`) and
    /// the same count in every bucket. As in Java's and Python's decoders, its minimum is the
    /// lowest value of the first non-empty bucket and its maximum the highest value of the last:
    /// the exact extremes are not in the encoding.
    ///
    /// - Throws: a ``HistogramCodecError`` saying what is wrong with the text.
    public static func decode(_ text: String) throws(HistogramCodecError) -> Histogram<UInt64> {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let data = Data(base64Encoded: trimmed) else { throw .notBase64 }
        return try decode(bytes: [UInt8](data))
    }

    /// The recorded buckets of an encoded histogram, ascending: what
    /// `decode(text).recordedValues()` lists (each bucket's highest equivalent value and its
    /// count), after the same checks as `decode`, but without building a `Histogram` — at the
    /// latency settings that is 139 KB of counts to allocate and clear, for a per-second window
    /// that holds a few dozen buckets. Readers that only check or walk windows use this.
    ///
    /// - Throws: a ``HistogramCodecError`` saying what is wrong with the text.
    public static func recordedBuckets(_ text: String) throws(HistogramCodecError) -> RecordedBuckets {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let data = Data(base64Encoded: trimmed) else { throw .notBase64 }
        let (layout, payload) = try inflatedPayload([UInt8](data))
        let buckets = try nonEmptyBuckets(payload, layout: layout)
        guard layout.valueSum(buckets) != nil else { throw .valueSumOverflow }
        guard SignificantDigits(rawValue: Int8(layout.significantDigits)) != nil else {
            throw .invalidSignificantDigits(Int32(layout.significantDigits))
        }
        var values: [(value: UInt64, count: UInt64)] = []
        values.reserveCapacity(buckets.count)
        for bucket in buckets {
            // The check `decode` makes by recording: the bucket's lowest value maps back to it.
            let value = layout.lowestValue(at: bucket.index)
            guard layout.countsIndex(for: value) == bucket.index else { throw .inconsistentBucket(index: bucket.index, value: value) }
            values.append((layout.highestValue(at: bucket.index), bucket.count))
        }
        return RecordedBuckets(
            lowestDiscernibleValue: layout.lowestDiscernibleValue, highestTrackableValue: layout.highestTrackableValue,
            significantDigits: layout.significantDigits, values: values)
    }

    // MARK: Encoding

    /// The encoding before base64: the wrapper and the zlib stream.
    static func encodedBytes(_ histogram: Histogram<UInt64>) throws(HistogramCodecError) -> [UInt8] {
        guard histogram.highestTrackableValue <= UInt64(Int64.max) else {
            throw .settingsNotEncodable(highestTrackableValue: histogram.highestTrackableValue)
        }
        let payload = try countsPayload(histogram)
        // Both fit: Histogram keeps lowest ≤ 2^63 − 1, and 9 bytes × the counts of any range
        // up to 2^63 − 1 stay far below 2^31.
        let header = EncodedHistogramHeader(
            payloadLength: Int32(payload.count),
            significantDigits: Int32(histogram.numberOfSignificantValueDigits.rawValue),
            lowestDiscernibleValue: Int64(histogram.lowestDiscernibleValue),
            highestTrackableValue: Int64(histogram.highestTrackableValue))
        guard let compressed = Zlib.compress(header.bytes + payload) else { throw .compressionFailed }

        var bytes: [UInt8] = []
        bytes.reserveCapacity(8 + compressed.count)
        appendBigEndian(UInt64(HistogramCookie.v2Compressed), size: 4, to: &bytes)
        appendBigEndian(UInt64(compressed.count), size: 4, to: &bytes)
        bytes += compressed
        return bytes
    }

    /// The counts from bucket 0 to the bucket of the highest recorded value, encoded.
    private static func countsPayload(_ histogram: Histogram<UInt64>) throws(HistogramCodecError) -> [UInt8] {
        let layout = BucketLayout(of: histogram)
        let counts = layout.counts(of: histogram)

        var payload: [UInt8] = []
        payload.reserveCapacity(counts.count)
        var index = 0
        while index < counts.count {
            let count = counts[index]
            guard count != 0 else {
                var zeros = 1
                while index + zeros < counts.count, counts[index + zeros] == 0 { zeros += 1 }
                // Java's choice: a lone empty bucket as 0, a run as −length (C writes −1 for one).
                ZigZagVarint.append(zeros == 1 ? 0 : -Int64(zeros), to: &payload)
                index += zeros
                continue
            }
            guard count <= UInt64(Int64.max) else {
                throw .countTooLargeToEncode(value: layout.lowestValue(at: index), count: count)
            }
            ZigZagVarint.append(Int64(count), to: &payload)
            index += 1
        }
        return payload
    }

    // MARK: Decoding

    /// Decodes the bytes under the base64: the wrapper, then the zlib stream.
    static func decode(bytes: [UInt8]) throws(HistogramCodecError) -> Histogram<UInt64> {
        let (layout, payload) = try inflatedPayload(bytes)
        let buckets = try nonEmptyBuckets(payload, layout: layout)
        guard layout.valueSum(buckets) != nil else { throw .valueSumOverflow }

        guard let digits = SignificantDigits(rawValue: Int8(layout.significantDigits)) else {
            throw .invalidSignificantDigits(Int32(layout.significantDigits))
        }
        var histogram = Histogram<UInt64>(
            lowestDiscernibleValue: layout.lowestDiscernibleValue,
            highestTrackableValue: layout.highestTrackableValue,
            numberOfSignificantValueDigits: digits)
        for bucket in buckets {
            let value = layout.lowestValue(at: bucket.index)
            guard layout.countsIndex(for: value) == bucket.index, histogram.record(value, count: bucket.count) else {
                throw .inconsistentBucket(index: bucket.index, value: value)
            }
        }
        // Recording each bucket at its lowest value leaves the maximum at the last bucket's
        // lowest value; Java and Python take its highest. Recording that value zero times moves
        // the maximum there without changing a count, so percentiles agree with theirs.
        if let last = buckets.last {
            histogram.record(layout.highestValue(at: last.index), count: 0)
        }
        return histogram
    }

    /// The entries of the counts payload as written (counts, and runs as negative lengths), for
    /// tests that check which zero-run style an encoder used.
    static func payloadEntries(_ text: String) throws(HistogramCodecError) -> [Int64] {
        guard let data = Data(base64Encoded: text.trimmingCharacters(in: .whitespacesAndNewlines)) else { throw .notBase64 }
        let (_, payload) = try inflatedPayload([UInt8](data))
        var entries: [Int64] = []
        var offset = 0
        while offset < payload.count {
            let start = offset
            guard let entry = ZigZagVarint.read(payload, at: &offset) else { throw .truncatedCount(offset: start) }
            entries.append(entry)
        }
        return entries
    }

    /// Checks the wrapper, inflates and checks the header, then inflates exactly the counts the
    /// header announces — never more than its range can hold, so a hostile length cannot make
    /// us allocate gigabytes.
    private static func inflatedPayload(_ bytes: [UInt8]) throws(HistogramCodecError) -> (BucketLayout, [UInt8]) {
        guard bytes.count >= 8 else { throw .tooShort(byteCount: bytes.count) }
        var wrapper = BigEndianReader(bytes: bytes)
        let cookie = UInt32(truncatingIfNeeded: wrapper.next(4))
        let compressedLength = Int32(truncatingIfNeeded: wrapper.next(4))
        guard HistogramCookie.base(cookie) == HistogramCookie.base(HistogramCookie.v2Compressed) else {
            if let version = HistogramCookie.unsupportedVersion(cookie) {
                throw .unsupportedEncodingVersion(cookie: cookie, version: version)
            }
            throw .unknownCookie(cookie)
        }
        guard Int(compressedLength) == bytes.count - 8 else {
            throw .compressedLengthMismatch(declared: compressedLength, actual: bytes.count - 8)
        }

        let inflater = ZlibInflater(bytes[8...])
        let headerBytes: [UInt8]
        do {
            headerBytes = try inflater.read(EncodedHistogramHeader.byteCount)
        } catch {
            throw codecError(error, declared: EncodedHistogramHeader.byteCount, isHeader: true)
        }
        let header = EncodedHistogramHeader(headerBytes)
        let layout = try checkedLayout(header)

        // Each bucket takes at most 9 bytes, and a run of empty ones fewer than that.
        let payloadLimit = 9 * layout.countsLength
        guard header.payloadLength >= 0, Int(header.payloadLength) <= payloadLimit else {
            throw .invalidPayloadLength(declared: header.payloadLength, limit: payloadLimit)
        }
        do {
            let payload = try inflater.read(Int(header.payloadLength))
            try inflater.finish()
            return (layout, payload)
        } catch {
            throw codecError(error, declared: Int(header.payloadLength), isHeader: false)
        }
    }

    private static func codecError(_ failure: InflateFailure, declared: Int, isHeader: Bool) -> HistogramCodecError {
        switch failure {
        case .truncated: return .truncatedCompressedData
        case .corrupt(let reason): return .corruptCompressedData(reason)
        case .longerThanExpected: return .payloadLongerThanDeclared(declared: declared)
        case .endedEarly(let produced):
            return isHeader ? .truncatedPayloadHeader(byteCount: produced)
                : .payloadShorterThanDeclared(declared: declared, actual: produced)
        }
    }

    /// The layout the header describes, after checking every field the way a person can act on.
    private static func checkedLayout(_ header: EncodedHistogramHeader) throws(HistogramCodecError) -> BucketLayout {
        guard HistogramCookie.base(header.cookie) == HistogramCookie.base(HistogramCookie.v2Payload) else {
            if let version = HistogramCookie.unsupportedVersion(header.cookie) {
                throw .unsupportedEncodingVersion(cookie: header.cookie, version: version)
            }
            throw .invalidPayloadCookie(header.cookie)
        }
        guard header.normalizingIndexOffset == 0 else { throw .unsupportedNormalizingIndexOffset(header.normalizingIndexOffset) }
        guard header.integerToDoubleConversionRatio == 1.0 else {
            throw .unsupportedConversionRatio(header.integerToDoubleConversionRatio)
        }
        guard (0 ... 5).contains(header.significantDigits) else { throw .invalidSignificantDigits(header.significantDigits) }
        guard header.lowestDiscernibleValue >= 1 else { throw .invalidLowestDiscernibleValue(header.lowestDiscernibleValue) }
        // Signed in the format: a negative highest is one above 2^63 − 1 as Java reads it.
        guard header.highestTrackableValue >= 0 else {
            throw .invalidHighestTrackableValue(highest: header.highestTrackableValue, lowest: header.lowestDiscernibleValue)
        }
        do {
            return try BucketLayout(
                lowestDiscernibleValue: UInt64(header.lowestDiscernibleValue),
                highestTrackableValue: UInt64(header.highestTrackableValue),
                significantDigits: Int(header.significantDigits))
        } catch {
            switch error {
            case .significantDigits: throw .invalidSignificantDigits(header.significantDigits)
            case .lowestDiscernibleValue: throw .invalidLowestDiscernibleValue(header.lowestDiscernibleValue)
            case .highestTrackableValue:
                throw .invalidHighestTrackableValue(highest: header.highestTrackableValue, lowest: header.lowestDiscernibleValue)
            case .unrepresentable:
                throw .unrepresentableRange(lowest: header.lowestDiscernibleValue, significantDigits: header.significantDigits)
            }
        }
    }

    /// The non-empty buckets of a counts payload, in index order, accepting both ways of
    /// writing a lone empty bucket (Java's 0, C's and Python's −1).
    private static func nonEmptyBuckets(
        _ payload: [UInt8], layout: BucketLayout
    ) throws(HistogramCodecError) -> [(index: Int, count: UInt64)] {
        var buckets: [(index: Int, count: UInt64)] = []
        var total: UInt64 = 0
        var index = 0
        var offset = 0
        while offset < payload.count {
            let start = offset
            guard let entry = ZigZagVarint.read(payload, at: &offset) else { throw .truncatedCount(offset: start) }
            if entry < 0 {
                guard entry != .min else { throw .invalidZeroRun(offset: start) }
                let run = Int(-entry)
                guard run <= layout.countsLength - index else {
                    throw .countBeyondRange(index: layout.countsLength, countsLength: layout.countsLength)
                }
                index += run
                continue
            }
            guard index < layout.countsLength else { throw .countBeyondRange(index: index, countsLength: layout.countsLength) }
            if entry > 0 {
                let (sum, overflow) = total.addingReportingOverflow(UInt64(entry))
                // Histogram's percentile arithmetic adds counts without wrapping: it would trap later.
                guard !overflow else { throw .totalCountOverflow }
                total = sum
                buckets.append((index, UInt64(entry)))
            }
            index += 1
        }
        return buckets
    }
}

/// The non-empty buckets of an encoded histogram and the settings it was encoded with.
public struct RecordedBuckets: Sendable {
    /// The encoded lowest discernible value.
    public var lowestDiscernibleValue: UInt64
    /// The encoded highest trackable value.
    public var highestTrackableValue: UInt64
    /// The encoded precision, in significant decimal digits.
    public var significantDigits: Int
    /// Each non-empty bucket's highest equivalent value and count, ascending.
    public var values: [(value: UInt64, count: UInt64)]

    /// Whether the settings are the latency histograms' (`LatencyHistogram`).
    public var hasLatencySettings: Bool {
        lowestDiscernibleValue == LatencyHistogram.lowestDiscernibleValue
            && highestTrackableValue == LatencyHistogram.highestTrackableValue
            && significantDigits == Int(LatencyHistogram.significantDigits.rawValue)
    }
}
