// Exact number comparisons for the bound keywords (Int64 against Double without rounding
// either), and `multipleOf` done in exact decimal arithmetic so 0.0075 is a multiple of 0.0001.

import JSON

/// A number from a schema keyword, kept as written: integer or double.
enum SchemaNumber: Sendable, CustomStringConvertible {
    case integer(Int64)
    case double(Double)

    init?(_ value: JSON) {
        switch value {
        case .integer(let integer): self = .integer(integer)
        case .double(let double): self = .double(double)
        default: return nil
        }
    }

    var description: String {
        switch self {
        case .integer(let integer): return String(integer)
        case .double(let double): return ValueText.number(double)
        }
    }

    /// -1, 0 or 1 as `value` (a JSON number) is below, equal to or above this number; nil for NaN.
    @inline(__always)
    func compare(_ value: JSON) -> Int? {
        switch (value, self) {
        case (.integer(let a), .integer(let b)):
            return a < b ? -1 : (a == b ? 0 : 1)
        case (.double(let a), .double(let b)):
            if a.isNaN || b.isNaN { return nil }
            return a < b ? -1 : (a == b ? 0 : 1)
        case (.integer(let a), .double(let b)):
            return Self.compare(a, b)
        case (.double(let a), .integer(let b)):
            return Self.compare(b, a).map { -$0 }
        default:
            return nil
        }
    }

    /// Compares an Int64 with a Double exactly (no conversion of the integer to Double).
    static func compare(_ integer: Int64, _ double: Double) -> Int? {
        if double.isNaN { return nil }
        if double >= 9.223372036854775808e18 { return -1 }
        if double < -9.223372036854775808e18 { return 1 }
        let floor = double.rounded(.down)
        let floorInteger = Int64(floor)
        if integer < floorInteger { return -1 }
        if integer > floorInteger { return 1 }
        return floor == double ? 0 : -1
    }
}

/// A `multipleOf` divisor, with its exact decimal form precomputed.
struct Divisor: Sendable {
    let value: SchemaNumber
    private let decimal: Decimal?

    init?(_ json: JSON) {
        guard let number = SchemaNumber(json) else { return nil }
        value = number
        switch number {
        case .integer(let integer): decimal = Decimal(significand: integer.magnitude, exponent: 0)
        case .double(let double): decimal = Decimal(double)
        }
    }

    /// Whether `instance` (a JSON number) is an integer multiple of this divisor.
    func divides(_ instance: JSON) -> Bool {
        if case .integer(let divisor) = value, case .integer(let dividend) = instance {
            guard divisor != 0 else { return false }
            let (remainder, overflow) = dividend.remainderReportingOverflow(dividingBy: divisor)
            return overflow || remainder == 0 // Int64.min % -1 overflows; it is a multiple.
        }
        let instanceDecimal: Decimal?
        switch instance {
        case .integer(let integer): instanceDecimal = Decimal(significand: integer.magnitude, exponent: 0)
        case .double(let double): instanceDecimal = Decimal(double)
        default: return true
        }
        if let divisor = decimal, let dividend = instanceDecimal, let exact = dividend.isMultiple(of: divisor) {
            return exact
        }
        // Out of exact range (huge exponents): fall back to floating division.
        guard let dividend = instance.doubleValue else { return true }
        let divisorDouble: Double
        switch value {
        case .integer(let integer): divisorDouble = Double(integer)
        case .double(let double): divisorDouble = double
        }
        let quotient = dividend / divisorDouble
        guard quotient.isFinite else { return false }
        return quotient.rounded() == quotient
    }

    /// A non-negative decimal `significand × 10^exponent` (signs never matter for multiples).
    private struct Decimal: Sendable {
        var significand: UInt64
        var exponent: Int

        init(significand: UInt64, exponent: Int) {
            self.significand = significand
            self.exponent = exponent
        }

        /// The shortest decimal that round-trips to `double` (Swift's description), or nil.
        init?(_ double: Double) {
            guard double.isFinite else { return nil }
            let text = String(describing: double.magnitude)
            var digits: UInt64 = 0
            var exponent = 0
            var seenPoint = false
            var index = text.startIndex
            while index < text.endIndex {
                let character = text[index]
                if character == "." {
                    seenPoint = true
                } else if character == "e" || character == "E" {
                    guard let power = Int(text[text.index(after: index)...].replacingPlus()) else { return nil }
                    exponent += power
                    break
                } else if let digit = character.wholeNumberValue {
                    let (scaled, overflow1) = digits.multipliedReportingOverflow(by: 10)
                    let (sum, overflow2) = scaled.addingReportingOverflow(UInt64(digit))
                    guard !overflow1, !overflow2 else { return nil }
                    digits = sum
                    if seenPoint { exponent -= 1 }
                } else {
                    return nil
                }
                index = text.index(after: index)
            }
            significand = digits
            self.exponent = exponent
        }

        /// Exact answer when both fit in 64-bit arithmetic after aligning exponents, else nil.
        func isMultiple(of divisor: Decimal) -> Bool? {
            guard divisor.significand != 0 else { return false }
            if significand == 0 { return true }
            let common = min(exponent, divisor.exponent)
            guard let dividend = Self.scale(significand, by: exponent - common),
                  let scaledDivisor = Self.scale(divisor.significand, by: divisor.exponent - common)
            else { return nil }
            return dividend % scaledDivisor == 0
        }

        private static func scale(_ value: UInt64, by power: Int) -> UInt64? {
            var result = value
            for _ in 0..<power {
                let (product, overflow) = result.multipliedReportingOverflow(by: 10)
                if overflow { return nil }
                result = product
            }
            return result
        }
    }
}

extension Substring {
    fileprivate func replacingPlus() -> Substring { first == "+" ? dropFirst() : self }
}
