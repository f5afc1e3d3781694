// Record ids: version-4 UUID text drawn from the store's seeded generator, so a seed gives
// the same ids every run.

import Quantities

extension SeededRandom {
    /// A random (version 4, RFC 9562 variant) UUID in lowercase text form.
    mutating func uuidText() -> String {
        var high = next(), low = next()
        high = (high & 0xFFFF_FFFF_FFFF_0FFF) | 0x0000_0000_0000_4000
        low = (low & 0x3FFF_FFFF_FFFF_FFFF) | 0x8000_0000_0000_0000
        let hex = Self.hex(high, 16) + Self.hex(low, 16)
        var chars = Array(hex)
        for position in [20, 16, 12, 8] { chars.insert("-", at: position) }
        return String(chars)
    }

    /// An element of `choices`, which must not be empty.
    mutating func pick<T>(_ choices: [T]) -> T {
        choices[Int(next() % UInt64(choices.count))]
    }

    /// An integer in `range`.
    mutating func int(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }

    private static func hex(_ value: UInt64, _ width: Int) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: width - digits.count) + digits
    }
}
