// Durations and rates as people write them in profiles and flags: `250ms`, `10s`, `2m`,
// `1m30s`; `200/s`, `30/m`, `100/10s`.

/// A duration or rate text that does not parse, with what was expected.
public struct ValueParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The text as given.
    public var text: String
    /// What a valid value looks like.
    public var expected: String

    /// Creates an error.
    public init(text: String, expected: String) {
        self.text = text
        self.expected = expected
    }

    /// `invalid duration '10x': expected …`.
    public var description: String { "'\(text)': expected \(expected)" }
}

extension Duration {
    static let durationGrammar = "a number and a unit (ns, us, ms, s, m, h), e.g. 250ms, 10s, 2m, 1m30s"

    /// Parses `250ms`, `10s`, `2m`, `1.5h`, `1m30s` (parts add up). Units: `ns`, `us`, `ms`,
    /// `s`, `m`, `h`. A bare number is rejected: `10` could mean seconds or milliseconds.
    public init(parsing text: String) throws(ValueParseError) {
        let failure = ValueParseError(text: text, expected: Self.durationGrammar)
        let scalars = Array(text.trimmingSpaces.unicodeScalars)
        guard !scalars.isEmpty else { throw failure }
        var nanoseconds = 0.0
        var index = 0
        while index < scalars.count {
            var number = ""
            while index < scalars.count, (scalars[index] >= "0" && scalars[index] <= "9") || scalars[index] == "." {
                number.unicodeScalars.append(scalars[index])
                index += 1
            }
            var unit = ""
            while index < scalars.count, scalars[index] >= "a" && scalars[index] <= "z" {
                unit.unicodeScalars.append(scalars[index])
                index += 1
            }
            guard let value = Double(number), let scale = Self.nanosecondsPerUnit[unit] else { throw failure }
            nanoseconds += value * scale
        }
        guard nanoseconds < 9.2e18 else { throw failure }
        self = .nanoseconds(Int64(nanoseconds.rounded()))
    }

    private static let nanosecondsPerUnit: [String: Double] = [
        "ns": 1, "us": 1e3, "ms": 1e6, "s": 1e9, "m": 60e9, "h": 3600e9,
    ]

    /// The duration in seconds as a `Double` (for rates and reports).
    public var totalSeconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}

/// A rate of events per time unit, as in `200/s` or `30/m`.
public struct Rate: Sendable, Hashable, CustomStringConvertible {
    /// Events per `period`.
    public var count: Double
    /// The time unit of `count`.
    public var period: Duration

    /// Creates a rate of `count` per `period`.
    public init(count: Double, per period: Duration) {
        self.count = count
        self.period = period
    }

    static let grammar = "a count, '/' and a time unit, e.g. 200/s, 30/m, 100/10s"

    /// Parses `200/s`, `30/m`, `1.5/s`, `100/10s`: a count, `/`, and a unit or duration.
    public init(parsing text: String) throws(ValueParseError) {
        let failure = ValueParseError(text: text, expected: Self.grammar)
        let parts = text.trimmingSpaces.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let count = Double(parts[0].trimmingSpaces), count >= 0, count.isFinite else { throw failure }
        let unit = parts[1].trimmingSpaces
        let periodText = unit.first.map { $0.isNumber } == true ? unit : "1" + unit
        guard let period = try? Duration(parsing: periodText), period > .zero else { throw failure }
        self.init(count: count, per: period)
    }

    /// Events per second.
    public var perSecond: Double { count / period.totalSeconds }

    /// `200/s`, `30/m`, `5/h`, or `100/10s` for other periods.
    public var description: String {
        let periodSeconds = period.totalSeconds
        switch periodSeconds {
        case 1: return "\(Self.format(count))/s"
        case 60: return "\(Self.format(count))/m"
        case 3600: return "\(Self.format(count))/h"
        default: return "\(Self.format(count))/\(Self.format(periodSeconds))s"
        }
    }

    /// `3` rather than `3.0` for whole numbers.
    private static func format(_ value: Double) -> String {
        value.rounded() == value && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        var scalars = Substring(self).unicodeScalars[...]
        while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
        return String(String.UnicodeScalarView(scalars))
    }
}
