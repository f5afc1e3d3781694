// RFC 3986 percent-encoding of query components, for `RenderedRequest.pathAndQuery`. (Path
// values are encoded by OpenAPI's `PathTemplate`.)

/// Percent-encodes query names and values.
enum PercentEncoding {
    /// Unreserved characters plus the sub-delimiters that do not split `name=value&…` pairs.
    private static let queryComponentAllowed: Set<UInt8> =
        Set(Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$'()*,;:@/?".utf8))

    private static let hexDigits = Array("0123456789ABCDEF".utf8)

    /// A query component (name or value), with spaces as `%20`, `&`, `=`, `+` and `#` encoded.
    static func encodeQueryComponent(_ text: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            if queryComponentAllowed.contains(byte) {
                bytes.append(byte)
            } else {
                bytes.append(UInt8(ascii: "%"))
                bytes.append(hexDigits[Int(byte >> 4)])
                bytes.append(hexDigits[Int(byte & 0x0F)])
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
