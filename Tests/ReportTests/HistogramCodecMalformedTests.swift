// A histogram file can be cut short, altered or not a histogram at all: decoding must say
// what is wrong with a HistogramCodecError, never trap, never allocate without bound.
import Foundation
import Histogram
import XCTest

@testable import Report

final class HistogramCodecMalformedTests: XCTestCase {
    // MARK: Building encodings by hand

    /// The counts of the hand-built baseline: 1000 empty buckets, then 5 values of 1000 µs.
    private let baselineCounts: [Int64] = [-1000, 5]
    private var baselineLength: Int { payload(baselineCounts).count }

    /// The latency settings' header, with the given payload length.
    private func header(payloadLength: Int) -> EncodedHistogramHeader {
        EncodedHistogramHeader(payloadLength: Int32(payloadLength), significantDigits: 3, lowestDiscernibleValue: 1, highestTrackableValue: 60_000_000)
    }

    /// Payload entries as the format writes them.
    private func payload(_ entries: [Int64]) -> [UInt8] {
        var bytes: [UInt8] = []
        for entry in entries { ZigZagVarint.append(entry, to: &bytes) }
        return bytes
    }

    /// `inner` (header and counts) compressed and wrapped, as base64 text.
    private func wrapped(_ inner: [UInt8], cookie: UInt32 = HistogramCookie.v2Compressed) throws -> String {
        let compressed = try XCTUnwrap(Zlib.compress(inner))
        var bytes: [UInt8] = []
        appendBigEndian(UInt64(cookie), size: 4, to: &bytes)
        appendBigEndian(UInt64(compressed.count), size: 4, to: &bytes)
        return Data(bytes + compressed).base64EncodedString()
    }

    /// An encoding with `header` (payload length filled in unless given) and these entries.
    private func encoding(_ header: EncodedHistogramHeader? = nil, entries: [Int64]? = nil) throws -> String {
        let counts = payload(entries ?? baselineCounts)
        let header = header ?? self.header(payloadLength: counts.count)
        return try wrapped(header.bytes + counts)
    }

    private func assertDecodeFails(
        _ text: String, with expected: HistogramCodecError, file: StaticString = #filePath, line: UInt = #line
    ) {
        XCTAssertThrowsError(try HistogramCodec.decode(text), file: file, line: line) { error in
            XCTAssertEqual(error as? HistogramCodecError, expected, file: file, line: line)
        }
        // The bucket walk that windows are read with makes the same checks.
        XCTAssertThrowsError(try HistogramCodec.recordedBuckets(text), file: file, line: line) { error in
            XCTAssertEqual(error as? HistogramCodecError, expected, "recordedBuckets", file: file, line: line)
        }
    }

    private func validBytes() throws -> [UInt8] {
        try [UInt8](XCTUnwrap(Data(base64Encoded: HistogramCodec.encode(typicalLatencies(count: 1000)))))
    }

    func testTheHandBuiltEncodingIsValid() throws {
        // The baseline the other tests break one thing of: 5 values of 1000 µs.
        let histogram = try HistogramCodec.decode(encoding())
        XCTAssertEqual(histogram.totalCount, 5)
        XCTAssertEqual(histogram.countForValue(1000), 5)
    }

    // MARK: Text and wrapper

    func testNotBase64() {
        assertDecodeFails("this is not base64!", with: .notBase64)
        assertDecodeFails("HISTFAAA*", with: .notBase64)
    }

    func testTooShortForTheWrapper() {
        assertDecodeFails("", with: .tooShort(byteCount: 0))
        assertDecodeFails("HISTFA==", with: .tooShort(byteCount: 4))
    }

    func testWrongCookie() throws {
        var bytes = try validBytes()
        bytes[0] = 0x7f
        assertDecodeFails(Data(bytes).base64EncodedString(), with: .unknownCookie(0x7f84_9314))
        XCTAssertTrue(HistogramCodecError.unknownCookie(0x7f84_9314).description.contains("not an HdrHistogram encoding"))
    }

    func testOlderAndOtherEncodingsAreNamedAsUnsupported() throws {
        let inner = header(payloadLength: baselineLength).bytes + payload(baselineCounts)
        for (cookie, version) in [(0x1c84_9302, "V1"), (0x1c84_9309, "V0"), (0x0c72_124f, "DoubleHistogram"), (0x1c84_9313, "uncompressed V2")] {
            XCTAssertThrowsError(try HistogramCodec.decode(wrapped(inner, cookie: UInt32(cookie)))) { error in
                guard case .unsupportedEncodingVersion(let seen, let name)? = error as? HistogramCodecError else {
                    return XCTFail("\(error)")
                }
                XCTAssertEqual(seen, UInt32(cookie))
                XCTAssertTrue(name.hasPrefix(version), name)
                XCTAssertTrue("\(error)".contains("unsupported encoding version"), "\(error)")
            }
        }
    }

    func testCompressedLengthThatDisagreesWithTheBytes() throws {
        let bytes = try validBytes()
        assertDecodeFails(Data(bytes.dropLast(3)).base64EncodedString(), with: .compressedLengthMismatch(declared: Int32(bytes.count - 8), actual: bytes.count - 11))
        assertDecodeFails(Data(bytes + [0]).base64EncodedString(), with: .compressedLengthMismatch(declared: Int32(bytes.count - 8), actual: bytes.count - 7))
    }

    // MARK: zlib

    func testTruncatedCompressedData() throws {
        var bytes = try validBytes()
        bytes.removeLast(10)
        bytes.replaceSubrange(4 ..< 8, with: [0, 0, UInt8((bytes.count - 8) >> 8), UInt8((bytes.count - 8) & 0xff)])
        assertDecodeFails(Data(bytes).base64EncodedString(), with: .truncatedCompressedData)
    }

    func testCorruptCompressedData() throws {
        var bytes = try validBytes()
        bytes[bytes.count - 1] ^= 0xff  // the checksum's last byte
        XCTAssertThrowsError(try HistogramCodec.decode(Data(bytes).base64EncodedString())) { error in
            guard case .corruptCompressedData(let reason)? = error as? HistogramCodecError else { return XCTFail("\(error)") }
            XCTAssertTrue(reason.contains("check"), reason)
        }
    }

    func testBytesAfterTheZlibStream() throws {
        let inner = header(payloadLength: baselineLength).bytes + payload(baselineCounts)
        var compressed = try XCTUnwrap(Zlib.compress(inner))
        compressed.append(0x42)
        var bytes: [UInt8] = []
        appendBigEndian(UInt64(HistogramCookie.v2Compressed), size: 4, to: &bytes)
        appendBigEndian(UInt64(compressed.count), size: 4, to: &bytes)
        assertDecodeFails(Data(bytes + compressed).base64EncodedString(), with: .corruptCompressedData("1 bytes follow the end of the zlib stream"))
    }

    // MARK: Header

    func testPayloadLengthThatLies() throws {
        let counts = payload(baselineCounts)
        assertDecodeFails(try wrapped(header(payloadLength: counts.count + 4).bytes + counts),
                          with: .payloadShorterThanDeclared(declared: counts.count + 4, actual: counts.count))
        assertDecodeFails(try wrapped(header(payloadLength: counts.count - 1).bytes + counts),
                          with: .payloadLongerThanDeclared(declared: counts.count - 1))
    }

    func testAbsurdPayloadLengthIsRejectedBeforeAllocating() throws {
        // 17,408 buckets take at most 9 bytes each: 2 GB is a lie, and is not allocated.
        assertDecodeFails(try encoding(header(payloadLength: Int(Int32.max))), with: .invalidPayloadLength(declared: .max, limit: 156_672))
        assertDecodeFails(try encoding(header(payloadLength: -1)), with: .invalidPayloadLength(declared: -1, limit: 156_672))
    }

    func testHeaderCutShort() throws {
        assertDecodeFails(try wrapped(Array(header(payloadLength: 0).bytes.prefix(30))), with: .truncatedPayloadHeader(byteCount: 30))
    }

    func testWrongPayloadCookie() throws {
        var header = header(payloadLength: baselineLength)
        header.cookie = 0x1234_5678
        assertDecodeFails(try encoding(header), with: .invalidPayloadCookie(0x1234_5678))
    }

    func testSignificantDigitsNine() throws {
        var header = header(payloadLength: baselineLength)
        header.significantDigits = 9
        assertDecodeFails(try encoding(header), with: .invalidSignificantDigits(9))
        header.significantDigits = -1
        assertDecodeFails(try encoding(header), with: .invalidSignificantDigits(-1))
    }

    func testLowestZero() throws {
        var header = header(payloadLength: baselineLength)
        header.lowestDiscernibleValue = 0
        assertDecodeFails(try encoding(header), with: .invalidLowestDiscernibleValue(0))
        header.lowestDiscernibleValue = -5
        assertDecodeFails(try encoding(header), with: .invalidLowestDiscernibleValue(-5))
    }

    func testHugeOrTooSmallHighestTrackable() throws {
        var header = header(payloadLength: baselineLength)
        header.highestTrackableValue = -1  // 2^64 − 1 as unsigned: beyond the format's signed range
        assertDecodeFails(try encoding(header), with: .invalidHighestTrackableValue(highest: -1, lowest: 1))
        header.highestTrackableValue = 1
        assertDecodeFails(try encoding(header), with: .invalidHighestTrackableValue(highest: 1, lowest: 1))
        header.lowestDiscernibleValue = 1 << 50
        header.highestTrackableValue = 1 << 62
        header.significantDigits = 5
        assertDecodeFails(try encoding(header), with: .unrepresentableRange(lowest: 1 << 50, significantDigits: 5))
    }

    func testTheLargestValidRangeDecodes() throws {
        var header = header(payloadLength: baselineLength)
        header.highestTrackableValue = .max
        let histogram = try HistogramCodec.decode(encoding(header))
        XCTAssertEqual(histogram.highestTrackableValue, UInt64(Int64.max))
        XCTAssertEqual(histogram.totalCount, 5)
    }

    func testShiftedOrDoubleHistograms() throws {
        var shifted = header(payloadLength: baselineLength)
        shifted.normalizingIndexOffset = 3
        assertDecodeFails(try encoding(shifted), with: .unsupportedNormalizingIndexOffset(3))
        var double = header(payloadLength: baselineLength)
        double.integerToDoubleConversionRatio = 0.001
        assertDecodeFails(try encoding(double), with: .unsupportedConversionRatio(0.001))
    }

    // MARK: Counts

    func testTruncatedNumber() throws {
        // 0x80 promises another byte that never comes.
        let counts: [UInt8] = [0x02, 0x80]
        assertDecodeFails(try wrapped(header(payloadLength: counts.count).bytes + counts), with: .truncatedCount(offset: 1))
    }

    func testNegativeCountThatCannotBeARun() throws {
        assertDecodeFails(try encoding(entries: [4, .min]), with: .invalidZeroRun(offset: 1))
    }

    func testCountsPastTheLastBucket() throws {
        assertDecodeFails(try encoding(entries: [-17_408, 1]), with: .countBeyondRange(index: 17_408, countsLength: 17_408))
        assertDecodeFails(try encoding(entries: [1, -17_408]), with: .countBeyondRange(index: 17_408, countsLength: 17_408))
        // Up to the last bucket is fine.
        XCTAssertEqual(try HistogramCodec.decode(encoding(entries: [-17_407, 1])).totalCount, 1)
    }

    func testCountsThatOverflowTheTotal() throws {
        assertDecodeFails(try encoding(entries: [.max, .max, .max]), with: .totalCountOverflow)
        assertDecodeFails(try encoding(entries: [0, .max, .max]), with: .valueSumOverflow)
    }

    func testBothZeroRunStylesDecodeTheSame() throws {
        // Java: a lone empty bucket is 0; C and Python: −1.
        let java = try HistogramCodec.decode(encoding(entries: [0, 3, 0, 4, -10, 5]))
        let c = try HistogramCodec.decode(encoding(entries: [-1, 3, -1, 4, -10, 5]))
        XCTAssertEqual(java, c)
        XCTAssertEqual(bucketList(java), [[1, 3], [3, 4], [14, 5]])
    }

    // MARK: Random damage

    func testThousandsOfMutatedEncodingsThrowOrDecodeButNeverTrap() throws {
        var random = TestRandom(seed: 2024)
        var span = LatencyHistogram.make()
        for value: UInt64 in [0, 1, 5, 999, 2048, 123_456, 59_999_999] { span.record(value, count: 3) }
        let sources = [typicalLatencies(count: 2000), span, LatencyHistogram.make()]
        let inners: [[UInt8]] = try sources.map { histogram in
            // The inflated header and counts, so mutations reach the checks behind zlib's checksum.
            let entries = try HistogramCodec.payloadEntries(HistogramCodec.encode(histogram))
            let counts = payload(entries)
            return header(payloadLength: counts.count).bytes + counts
        }
        let outers: [[UInt8]] = try sources.map { try [UInt8](XCTUnwrap(Data(base64Encoded: HistogramCodec.encode($0)))) }

        var thrown = 0, decoded = 0
        for round in 0 ..< 3000 {
            let text: String
            if round % 3 == 0 {
                // Damage the compressed bytes (most fail zlib's checks, as they should).
                var bytes = outers[round % outers.count]
                mutate(&bytes, using: &random)
                text = Data(bytes).base64EncodedString()
            } else {
                // Damage the header or the counts and compress again: the decoder's own checks.
                var bytes = inners[round % inners.count]
                mutate(&bytes, using: &random)
                text = try wrapped(bytes)
            }
            do {
                let histogram = try HistogramCodec.decode(text)
                decoded += 1
                // Whatever decoded is a usable histogram: its numbers add up and it encodes again.
                XCTAssertEqual(histogram.recordedValues().reduce(0) { $0 + $1.count }, histogram.totalCount)
                _ = histogram.valueAtPercentile(99.9)
                XCTAssertEqual(try HistogramCodec.decode(HistogramCodec.encode(histogram)), histogram)
            } catch {  // typed: always a HistogramCodecError
                thrown += 1
            }
        }
        XCTAssertGreaterThan(thrown, 1000)
        XCTAssertGreaterThan(decoded, 20, "some damage (a changed count) still decodes")
    }

    /// One to four random changes: flipped bits, overwritten, inserted or removed bytes, a cut.
    private func mutate(_ bytes: inout [UInt8], using random: inout TestRandom) {
        for _ in 0 ..< Int.random(in: 1 ... 4, using: &random) {
            guard !bytes.isEmpty else { return }
            let position = Int.random(in: 0 ..< bytes.count, using: &random)
            switch Int.random(in: 0 ..< 5, using: &random) {
            case 0: bytes[position] ^= UInt8(1) << UInt8.random(in: 0 ..< 8, using: &random)
            case 1: bytes[position] = UInt8.random(in: 0 ... 255, using: &random)
            case 2: bytes.insert(UInt8.random(in: 0 ... 255, using: &random), at: position)
            case 3: bytes.remove(at: position)
            default: bytes.removeSubrange(position...)
            }
        }
    }
}
