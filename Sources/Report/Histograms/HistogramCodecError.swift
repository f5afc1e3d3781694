// Everything that can be wrong with an encoded histogram, each said so that a person reading
// it knows what to look at: the file, the tool that wrote it, or the histogram's settings.

/// Why a histogram could not be decoded from (or, rarely, encoded to) HdrHistogram's
/// compressed V2 form.
public enum HistogramCodecError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The text is not standard base64.
    case notBase64
    /// Fewer bytes than the 8-byte wrapper (cookie and compressed length).
    case tooShort(byteCount: Int)
    /// The first four bytes are no HdrHistogram cookie at all.
    case unknownCookie(UInt32)
    /// An HdrHistogram encoding, but a version or kind this decoder does not read.
    case unsupportedEncodingVersion(cookie: UInt32, version: String)
    /// The wrapper's compressed length differs from the number of bytes that follow it.
    case compressedLengthMismatch(declared: Int32, actual: Int)
    /// The compressed bytes are cut short.
    case truncatedCompressedData
    /// The compressed bytes are not a valid zlib stream (zlib's message).
    case corruptCompressedData(String)
    /// The inflated data is shorter than the 40-byte header.
    case truncatedPayloadHeader(byteCount: Int)
    /// The inflated header does not start with the V2 payload cookie 0x1c849313.
    case invalidPayloadCookie(UInt32)
    /// The header's payload length is negative or more than the counts of its range can take.
    case invalidPayloadLength(declared: Int32, limit: Int)
    /// The counts are shorter than the header's payload length says.
    case payloadShorterThanDeclared(declared: Int, actual: Int)
    /// The counts go on past the header's payload length.
    case payloadLongerThanDeclared(declared: Int)
    /// A normalizing index offset other than 0 (a shifted Java histogram).
    case unsupportedNormalizingIndexOffset(Int32)
    /// An integer-to-double conversion ratio other than 1.0 (the inside of a DoubleHistogram).
    case unsupportedConversionRatio(Double)
    /// Significant digits outside 0...5.
    case invalidSignificantDigits(Int32)
    /// A lowest discernible value below 1.
    case invalidLowestDiscernibleValue(Int64)
    /// A highest trackable value below twice the lowest discernible value (or negative).
    case invalidHighestTrackableValue(highest: Int64, lowest: Int64)
    /// The lowest value and the digits together need more than 64 bits.
    case unrepresentableRange(lowest: Int64, significantDigits: Int32)
    /// The counts end in the middle of a number.
    case truncatedCount(offset: Int)
    /// A count (or a run of empty buckets) lies past the last bucket of the histogram's range.
    case countBeyondRange(index: Int, countsLength: Int)
    /// A run of empty buckets whose length cannot be a length (−2^63).
    case invalidZeroRun(offset: Int)
    /// The counts add up to more than 2^64 − 1.
    case totalCountOverflow
    /// The counts times their values add up past 2^64 − 1, which hdrhistogram-swift's
    /// iterators (percentile output, mean) cannot add up without trapping.
    case valueSumOverflow
    /// A count that did not land in the bucket it was read for (a layout disagreement).
    case inconsistentBucket(index: Int, value: UInt64)
    /// A bucket count above 2^63 − 1, which the format's signed counts cannot hold.
    case countTooLargeToEncode(value: UInt64, count: UInt64)
    /// A highest trackable value above 2^63 − 1, which the format's signed header cannot hold.
    case settingsNotEncodable(highestTrackableValue: UInt64)
    /// zlib failed to compress (out of memory).
    case compressionFailed

    /// The reason in words, with what to check.
    public var description: String {
        switch self {
        case .notBase64:
            return "not base64 text: an encoded histogram is standard base64 (\"HISTFAAA…\"); check the line was not cut or re-wrapped"
        case .tooShort(let count):
            return "only \(count) bytes after base64: an encoded histogram has at least an 8-byte header; the text was cut short"
        case .unknownCookie(let cookie):
            return "not an HdrHistogram encoding (cookie \(hex(cookie)); the compressed V2 form starts with 0x1c849314, \"HISTFAAA\" in base64)"
        case .unsupportedEncodingVersion(let cookie, let version):
            return "unsupported encoding version: \(version) (cookie \(hex(cookie))); only HdrHistogram's compressed V2 form "
                + "(cookie 0x1c849314, written by HdrHistogram 2.x, HdrHistogram_c and Python hdrh) is read: re-encode with a current version"
        case .compressedLengthMismatch(let declared, let actual):
            return "the header says \(declared) compressed bytes follow but \(actual) do: the text was cut short or joined to another"
        case .truncatedCompressedData:
            return "the compressed data is cut short: the text was truncated"
        case .corruptCompressedData(let reason):
            return "the compressed data is corrupt (zlib: \(reason)); the text was altered or is not a histogram"
        case .truncatedPayloadHeader(let count):
            return "the decompressed data has \(count) bytes, fewer than the 40-byte histogram header"
        case .invalidPayloadCookie(let cookie):
            return "the decompressed data starts with cookie \(hex(cookie)), not the V2 payload cookie 0x1c849313"
        case .invalidPayloadLength(let declared, let limit):
            return "the header's payload length \(declared) is impossible: the counts of this histogram's range take 0...\(limit) bytes"
        case .payloadShorterThanDeclared(let declared, let actual):
            return "the header says \(declared) bytes of counts but there are only \(actual): the data was truncated or altered"
        case .payloadLongerThanDeclared(let declared):
            return "the counts go on past the \(declared) bytes the header says: the data was altered"
        case .unsupportedNormalizingIndexOffset(let offset):
            return "normalizing index offset \(offset) is not supported (only 0; the histogram was shifted in Java before encoding)"
        case .unsupportedConversionRatio(let ratio):
            return "integer-to-double conversion ratio \(ratio) is not supported (only 1.0): this is a DoubleHistogram's inner histogram"
        case .invalidSignificantDigits(let digits):
            return "\(digits) significant digits is invalid: HdrHistogram takes 0...5"
        case .invalidLowestDiscernibleValue(let lowest):
            return "lowest discernible value \(lowest) is invalid: it must be at least 1"
        case .invalidHighestTrackableValue(let highest, let lowest):
            return "highest trackable value \(highest) is invalid: it must be at least twice the lowest discernible value (\(lowest)) "
                + "and at most 2^63 − 1"
        case .unrepresentableRange(let lowest, let digits):
            return "lowest discernible value \(lowest) with \(digits) significant digits needs more than 64 bits per value"
        case .truncatedCount(let offset):
            return "the counts end inside a number at byte \(offset) of the payload: the data was truncated"
        case .countBeyondRange(let index, let length):
            return "a count at bucket index \(index) lies past the histogram's range (\(length) buckets); the header's range is wrong "
                + "or the counts were altered"
        case .invalidZeroRun(let offset):
            return "the run of empty buckets at byte \(offset) of the payload has an impossible length"
        case .totalCountOverflow:
            return "the counts add up to more than 2^64 − 1 values: the data was altered"
        case .valueSumOverflow:
            return "the counts times their values add up past 2^64 − 1, more than a histogram can hold: the counts were altered"
        case .inconsistentBucket(let index, let value):
            return "bucket index \(index) (value \(value)) did not land in its own bucket: a bug in fcharness's bucket layout, please report it"
        case .countTooLargeToEncode(let value, let count):
            return "the bucket at \(value) has count \(count), above 2^63 − 1, which the encoding's signed counts cannot hold"
        case .settingsNotEncodable(let highest):
            return "highest trackable value \(highest) is above 2^63 − 1, which the encoding's signed header cannot hold"
        case .compressionFailed:
            return "zlib could not compress the histogram (out of memory)"
        }
    }
}

private func hex(_ value: UInt32) -> String {
    let digits = String(value, radix: 16)
    return "0x" + String(repeating: "0", count: max(0, 8 - digits.count)) + digits
}
