// Number parsing for `JSONParser`: exact Int64 for integers, Clinger's fast path for short
// decimals, and the standard library's correctly rounded conversion for everything else.

extension JSONParser {
    /// Parses the number at `index`: `.integer` when it has no fraction or exponent and fits
    /// `Int64`, otherwise a correctly rounded `.double`; overflow to infinity is an error.
    mutating func parseNumber() throws(JSONParseError) -> JSON {
        let start = index
        var position = index
        let negative = bytes[position] == UInt8(ascii: "-")
        if negative { position += 1 }
        // Up to 19 significant digits accumulate exactly; `digitCount` counts them all.
        var significand: UInt64 = 0
        var digitCount = 0
        guard position < count, bytes[position] &- 0x30 <= 9 else {
            throw expected("a digit after '-'", at: position, ofTokenAt: start)
        }
        if bytes[position] == UInt8(ascii: "0") {
            position += 1
            if position < count, bytes[position] &- 0x30 <= 9 {
                throw JSONParseError(
                    offset: position, in: input, reason: "leading zeros are not allowed in numbers")
            }
        } else {
            while position < count {
                let digit = bytes[position] &- 0x30
                if digit > 9 { break }
                if digitCount < 19 { significand = significand &* 10 &+ UInt64(digit) }
                digitCount += 1
                position += 1
            }
        }
        var isInteger = true
        var fractionDigits = 0
        if position < count, bytes[position] == UInt8(ascii: ".") {
            isInteger = false
            position += 1
            guard position < count, bytes[position] &- 0x30 <= 9 else {
                throw expected("a digit after '.'", at: position, ofTokenAt: start)
            }
            while position < count {
                let digit = bytes[position] &- 0x30
                if digit > 9 { break }
                if significand != 0 || digit != 0 {
                    if digitCount < 19 { significand = significand &* 10 &+ UInt64(digit) }
                    digitCount += 1
                }
                fractionDigits += 1
                position += 1
            }
        }
        var exponent = 0
        if position < count, bytes[position] | 0x20 == UInt8(ascii: "e") {
            isInteger = false
            position += 1
            var exponentNegative = false
            if position < count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") {
                exponentNegative = bytes[position] == UInt8(ascii: "-")
                position += 1
            }
            guard position < count, bytes[position] &- 0x30 <= 9 else {
                throw expected("a digit in the exponent", at: position, ofTokenAt: start)
            }
            while position < count {
                let digit = bytes[position] &- 0x30
                if digit > 9 { break }
                if exponent < 1_000_000 { exponent = exponent * 10 + Int(digit) }
                position += 1
            }
            if exponentNegative { exponent = -exponent }
        }
        index = position

        if isInteger {
            if digitCount <= 18 {
                let magnitude = Int64(significand)
                return .integer(negative ? -magnitude : magnitude)
            }
            if digitCount == 19 {
                if !negative, significand <= UInt64(Int64.max) { return .integer(Int64(significand)) }
                if negative, significand <= UInt64(Int64.max) + 1 {
                    return .integer(Int64(truncatingIfNeeded: 0 &- significand))
                }
            }
        } else if digitCount <= 19, significand <= 1 << 53 {
            // Clinger's fast path: both operands exact, so one IEEE operation rounds correctly.
            let scale = exponent - fractionDigits
            if scale >= -22, scale <= 22 {
                var result = Double(significand)
                if scale < 0 { result /= exactPowerOfTen(-scale) } else { result *= exactPowerOfTen(scale) }
                return .double(negative ? -result : result)
            }
        }
        return .double(try parseDoubleSlowly(from: start, to: position))
    }

    /// Correctly rounded conversion through the standard library (strtod) for the literals
    /// the fast paths cannot do exactly.
    @inline(never)
    func parseDoubleSlowly(from start: Int, to end: Int) throws(JSONParseError) -> Double {
        let literal = String(decoding: UnsafeBufferPointer(start: bytes + start, count: end - start), as: UTF8.self)
        guard let value = Double(literal), value.isFinite else {
            throw JSONParseError(
                offset: start, in: input,
                reason: "number \(literal) is too large to represent (beyond ±1.8e308)")
        }
        return value
    }
}

/// 10^power for 0...22, the powers of ten a Double holds exactly.
@inline(__always)
func exactPowerOfTen(_ power: Int) -> Double {
    return exactPowersOfTen[power]
}

private let exactPowersOfTen: [Double] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
]
