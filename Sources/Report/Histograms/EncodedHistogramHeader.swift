// The two fixed headers of HdrHistogram's compressed V2 form, byte for byte: the 8-byte
// wrapper outside the zlib stream and the 40-byte header inside it. All fields are big-endian
// and signed, as Java's ByteBuffer writes them.

/// HdrHistogram's cookies. The 0xf0 nibble marks the word size and is ignored when
/// comparing (as Java's `getCookieBase` does): V2 always uses 9-byte LEB128 words.
enum HistogramCookie {
    /// V2, counts inside (the 40-byte header's first field).
    static let v2Payload: UInt32 = 0x1c84_9313
    /// V2, zlib-compressed (the 8-byte wrapper's first field).
    static let v2Compressed: UInt32 = 0x1c84_9314

    /// The cookie with its word-size nibble cleared.
    static func base(_ cookie: UInt32) -> UInt32 { cookie & ~0xf0 }

    /// A name for a cookie of an HdrHistogram encoding we do not read, nil if unknown.
    static func unsupportedVersion(_ cookie: UInt32) -> String? {
        switch base(cookie) {
        case 0x1c84_9308, 0x1c84_9309: return "V0 (HdrHistogram before 2.0)"
        case 0x1c84_9301, 0x1c84_9302: return "V1 (HdrHistogram 2.0)"
        case base(v2Payload): return "uncompressed V2 (the counts without the zlib wrapper of .hlog files)"
        default: break
        }
        switch cookie {
        case 0x0c72_124e, 0x0c72_124f: return "DoubleHistogram"
        default: return nil
        }
    }
}

/// The 40-byte header in front of the counts.
struct EncodedHistogramHeader: Equatable {
    static let byteCount = 40

    var cookie: UInt32 = HistogramCookie.v2Payload
    var payloadLength: Int32
    var normalizingIndexOffset: Int32 = 0
    var significantDigits: Int32
    var lowestDiscernibleValue: Int64
    var highestTrackableValue: Int64
    var integerToDoubleConversionRatio: Double = 1.0

    init(payloadLength: Int32, significantDigits: Int32, lowestDiscernibleValue: Int64, highestTrackableValue: Int64) {
        self.payloadLength = payloadLength
        self.significantDigits = significantDigits
        self.lowestDiscernibleValue = lowestDiscernibleValue
        self.highestTrackableValue = highestTrackableValue
    }

    /// Reads the fields from exactly 40 bytes; checks nothing (the decoder checks each field
    /// so it can say which one is wrong).
    init(_ bytes: [UInt8]) {
        var reader = BigEndianReader(bytes: bytes)
        cookie = UInt32(truncatingIfNeeded: reader.next(4))
        payloadLength = Int32(truncatingIfNeeded: reader.next(4))
        normalizingIndexOffset = Int32(truncatingIfNeeded: reader.next(4))
        significantDigits = Int32(truncatingIfNeeded: reader.next(4))
        lowestDiscernibleValue = Int64(bitPattern: reader.next(8))
        highestTrackableValue = Int64(bitPattern: reader.next(8))
        integerToDoubleConversionRatio = Double(bitPattern: reader.next(8))
    }

    /// The 40 bytes.
    var bytes: [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Self.byteCount)
        appendBigEndian(UInt64(cookie), size: 4, to: &bytes)
        appendBigEndian(UInt64(UInt32(bitPattern: payloadLength)), size: 4, to: &bytes)
        appendBigEndian(UInt64(UInt32(bitPattern: normalizingIndexOffset)), size: 4, to: &bytes)
        appendBigEndian(UInt64(UInt32(bitPattern: significantDigits)), size: 4, to: &bytes)
        appendBigEndian(UInt64(bitPattern: lowestDiscernibleValue), size: 8, to: &bytes)
        appendBigEndian(UInt64(bitPattern: highestTrackableValue), size: 8, to: &bytes)
        appendBigEndian(integerToDoubleConversionRatio.bitPattern, size: 8, to: &bytes)
        return bytes
    }
}

/// Appends the low `size` bytes of `value`, most significant first.
func appendBigEndian(_ value: UInt64, size: Int, to bytes: inout [UInt8]) {
    for shift in stride(from: 8 * (size - 1), through: 0, by: -8) {
        bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift)))
    }
}

/// Reads big-endian fields from the front of a byte array the caller has sized.
struct BigEndianReader {
    let bytes: [UInt8]
    var offset = 0

    /// The next `size` bytes as an unsigned number (size ≤ 8; the caller checked the length).
    mutating func next(_ size: Int) -> UInt64 {
        var value: UInt64 = 0
        for _ in 0 ..< size {
            value = (value << 8) | UInt64(bytes[offset])
            offset += 1
        }
        return value
    }
}
