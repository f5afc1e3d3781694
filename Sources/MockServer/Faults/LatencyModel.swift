// Added response latency: a distribution the fault injector samples once per request.

import Quantities

/// How long the mock waits before answering, drawn per request (`--latency`).
public enum LatencyModel: Sendable, Equatable, CustomStringConvertible {
    /// Always the same delay (`fixed:20ms`).
    case fixed(Duration)
    /// Uniform between two bounds, inclusive (`uniform:10ms,30ms`).
    case uniform(min: Duration, max: Duration)
    /// Normal with a mean and a standard deviation, cut at zero (`normal:20ms,5ms`).
    case normal(mean: Duration, standardDeviation: Duration)

    /// The expected syntax, shown in errors and help.
    public static let syntax = "fixed:DURATION, uniform:MIN,MAX or normal:MEAN,STDDEV (e.g. uniform:10ms,30ms)"

    /// Reads the `--latency` syntax: `fixed:20ms`, `uniform:10ms,30ms`, `normal:20ms,5ms`.
    public init(parsing text: String, flag: String = "--latency") throws(MockFlagError) {
        let error = MockFlagError(flag: flag, value: text, expected: Self.syntax)
        guard let colon = text.firstIndex(of: ":") else { throw error }
        let kind = text[..<colon]
        let arguments = text[text.index(after: colon)...].split(separator: ",", omittingEmptySubsequences: false)
        var durations: [Duration] = []
        for argument in arguments {
            guard let duration = try? Duration(parsing: String(argument)) else { throw error }
            durations.append(duration)
        }
        switch (kind, durations.count) {
        case ("fixed", 1):
            self = .fixed(durations[0])
        case ("uniform", 2):
            guard durations[0] <= durations[1] else {
                throw MockFlagError(flag: flag, value: text, expected: "uniform:MIN,MAX with MIN <= MAX")
            }
            self = .uniform(min: durations[0], max: durations[1])
        case ("normal", 2):
            self = .normal(mean: durations[0], standardDeviation: durations[1])
        default:
            throw error
        }
    }

    /// The flag syntax that reads back as this model.
    public var description: String {
        switch self {
        case .fixed(let d): return "fixed:\(Self.text(d))"
        case .uniform(let lo, let hi): return "uniform:\(Self.text(lo)),\(Self.text(hi))"
        case .normal(let mean, let sd): return "normal:\(Self.text(mean)),\(Self.text(sd))"
        }
    }

    /// The mean of the distribution in milliseconds (before the cut at zero for `normal`).
    public var meanMilliseconds: Double {
        switch self {
        case .fixed(let d): return d.totalMilliseconds
        case .uniform(let lo, let hi): return (lo.totalMilliseconds + hi.totalMilliseconds) / 2
        case .normal(let mean, _): return mean.totalMilliseconds
        }
    }

    /// One delay in nanoseconds, never negative.
    func sampleNanoseconds(using random: inout SeededRandom) -> Int64 {
        switch self {
        case .fixed(let d):
            return max(0, d.totalNanoseconds)
        case .uniform(let lo, let hi):
            let low = lo.totalNanoseconds, high = hi.totalNanoseconds
            guard high > low else { return max(0, low) }
            return low + Int64(random.nextUnit() * Double(high - low + 1))
        case .normal(let mean, let sd):
            // Box-Muller: two uniforms give one standard normal; 1 - u keeps log away from 0.
            let u1 = 1 - random.nextUnit(), u2 = random.nextUnit()
            let z = (-2 * naturalLogarithm(u1)).squareRoot() * cosine(2 * Double.pi * u2)
            let value = Double(mean.totalNanoseconds) + z * Double(sd.totalNanoseconds)
            return value <= 0 ? 0 : Int64(value.rounded())
        }
    }

    private static func text(_ duration: Duration) -> String {
        let ns = duration.totalNanoseconds
        if ns % 1_000_000 == 0 { return "\(ns / 1_000_000)ms" }
        if ns % 1_000 == 0 { return "\(ns / 1_000)us" }
        return "\(duration.totalMilliseconds)ms"
    }
}
