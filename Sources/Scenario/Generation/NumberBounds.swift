// The numeric keywords of one schema (minimum, maximum, their exclusive forms, multipleOf)
// turned into the grid of values a generator may pick from.

import JSON
import Quantities

/// The numbers a schema allows, as multiples `k × step` for `k` in `lowest…highest`.
struct NumberBounds {
    /// The grid spacing: `multipleOf`, else 1 for integers and the coarsest of 0.5, 0.1, 0.01, …
    /// that leaves a value inside the bounds for numbers.
    let step: Double
    /// Decimal places of `step`, so that `k × step` is written as the schema author wrote it
    /// (0.1 × 3 is 0.3, not 0.30000000000000004, which exact `multipleOf` checks reject).
    let decimals: Int
    let lowest: Double
    let highest: Double

    /// Values drawn when a side is unbounded stay within this many steps of the other side
    /// (or of 0), so that bodies hold readable numbers.
    static let window = 1000.0

    /// Reads the keywords of `schema`; throws when no grid point lies inside the bounds.
    init(schema: JSONObject, integer: Bool, pointer: JSONPointer) throws(BodyGenerationError) {
        var lower = schema["minimum"]?.doubleValue
        var upper = schema["maximum"]?.doubleValue
        var lowerExclusive = false
        var upperExclusive = false
        // 2020-12 writes exclusive bounds as numbers; OpenAPI 3.0 wrote them as booleans.
        switch schema["exclusiveMinimum"] {
        case .bool(let flag)?: lowerExclusive = flag
        case let value? where value.doubleValue != nil:
            if let bound = value.doubleValue, lower.map({ bound >= $0 }) ?? true { lower = bound; lowerExclusive = true }
        default: break
        }
        switch schema["exclusiveMaximum"] {
        case .bool(let flag)?: upperExclusive = flag
        case let value? where value.doubleValue != nil:
            if let bound = value.doubleValue, upper.map({ bound <= $0 }) ?? true { upper = bound; upperExclusive = true }
        default: break
        }
        // Without multipleOf a number may be any decimal: refine the grid until one fits.
        var steps = integer ? [1.0] : [0.5] + (1...12).map { 1 / Double.pow10($0) }
        if let divisor = schema["multipleOf"]?.doubleValue {
            guard divisor > 0, divisor.isFinite else {
                throw .unsatisfiable(pointer: pointer, reason: "multipleOf must be a positive number")
            }
            // An integer that is a multiple of 0.5 is any integer: keep the grid on integers.
            steps = [integer && divisor < 1 && (1 / divisor).rounded() == 1 / divisor ? 1 : divisor]
            if integer && steps[0].rounded() != steps[0] {
                throw .unsupported(pointer: pointer, keyword: "multipleOf",
                                   reason: "an integer multiple of \(divisor) (only integral or 1/n divisors are supported)")
            }
        }
        var grid: (step: Double, low: Double, high: Double)?
        for step in steps {
            var low = lower.map { ($0 / step).rounded(.up) } ?? -Double.infinity
            var high = upper.map { ($0 / step).rounded(.down) } ?? Double.infinity
            if let lower, lowerExclusive, low * step <= lower { low += 1 }
            if let upper, upperExclusive, high * step >= upper { high -= 1 }
            if low <= high {
                grid = (step, low, high)
                break
            }
        }
        guard let grid else {
            let bounds = "\(lower.map { "\(lowerExclusive ? ">" : "≥") \($0)" } ?? "")"
                + " \(upper.map { "\(upperExclusive ? "<" : "≤") \($0)" } ?? "")"
            throw .unsatisfiable(pointer: pointer, reason: "no multiple of \(steps[steps.count - 1]) is \(bounds.trimmingSpaces)")
        }
        let step = grid.0
        var (low, high) = (grid.1, grid.2)
        if low.isInfinite && high.isInfinite {
            low = 0
            high = Self.window
        } else if low.isInfinite {
            low = min(high, 0) - (high > 0 ? 0 : Self.window)
        } else if high.isInfinite {
            high = max(low, 0) + Self.window
        }
        self.step = step
        decimals = Self.decimalPlaces(of: step)
        lowest = low
        highest = high
    }

    /// The allowed value nearest zero: the minimal variant's choice.
    var nearestZero: JSON { value(at: min(max(0, lowest), highest)) }

    /// A seeded pick from the grid (at most `window` steps wide).
    func random(using random: inout SeededRandom) -> JSON {
        let top = min(highest, lowest + Self.window)
        let offset = Double(UInt64.random(in: 0...UInt64(top - lowest), using: &random))
        return value(at: lowest + offset)
    }

    private func value(at k: Double) -> JSON {
        let scale = Double.pow10(decimals)
        let number = (k * step * scale).rounded() / scale
        if number.rounded() == number, abs(number) < 9.0e15 { return .integer(Int64(number)) }
        return .double(number)
    }

    private static func decimalPlaces(of step: Double) -> Int {
        var places = 0
        var scaled = step
        while scaled.rounded() != scaled && places < 12 {
            places += 1
            scaled = step * Double.pow10(places)
        }
        return places
    }
}

extension Double {
    fileprivate static func pow10(_ exponent: Int) -> Double {
        var result = 1.0
        for _ in 0..<max(0, exponent) { result *= 10 }
        return result
    }
}

extension String {
    fileprivate var trimmingSpaces: String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
