// Rates as people write them in profiles and flags: `200/s`, `30/m`, `100/10s`.

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

    /// What a rate looks like, for error messages.
    public static let textGrammar = "a count, '/' and a time unit, e.g. 200/s, 30/m, 100/10s"

    /// Reads `200/s`, `30/m`, `1.5/s`, `100/10s`: a count (zero or more), `/`, and a unit or
    /// a positive duration in the `Duration(parsing:)` grammar.
    public init(parsing text: String) throws(QuantityParseError) {
        let failure = QuantityParseError(text: text, expected: Self.textGrammar)
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let count = Double(parts[0].trimmingSpacesAndTabs), count >= 0, count.isFinite else { throw failure }
        let unit = String(parts[1].trimmingSpacesAndTabs)
        // `/s` is short for `/1s`.
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
