// Random UUID text from the seeded generator: template `{{uuid}}`s and the mock's record ids
// both repeat exactly for a seed.

extension SeededRandom {
    private static let hexDigits = Array("0123456789abcdef".unicodeScalars)

    /// A version-4 UUID (RFC 9562) in lowercase text: 122 random bits, version nibble 4,
    /// variant bits 10.
    public mutating func uuidText() -> String {
        var bytes = [UInt8](repeating: 0, count: 16)
        let high = next()
        let low = next()
        for i in 0..<8 {
            bytes[i] = UInt8(truncatingIfNeeded: high >> (8 * UInt64(i)))
            bytes[i + 8] = UInt8(truncatingIfNeeded: low >> (8 * UInt64(i)))
        }
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        var text = String.UnicodeScalarView()
        for (i, byte) in bytes.enumerated() {
            if i == 4 || i == 6 || i == 8 || i == 10 { text.append("-") }
            text.append(Self.hexDigits[Int(byte >> 4)])
            text.append(Self.hexDigits[Int(byte & 0x0F)])
        }
        return String(text)
    }
}
