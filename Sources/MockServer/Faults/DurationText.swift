// Reads the durations the CLI uses (`250ms`, `10s`, `2m`, also `us` and fractions).

extension Duration {
    /// Reads `250ms`, `1.5s`, `2m`, `800us`; nil when the text is not a non-negative duration.
    ///
    /// A bare number is rejected on purpose: `--latency fixed:20` could mean seconds or
    /// milliseconds, and guessing wrong makes a load test meaningless.
    public init?(mockText text: String) {
        let units: [(suffix: String, nanoseconds: Double)] = [
            ("us", 1e3), ("µs", 1e3), ("ms", 1e6), ("s", 1e9), ("m", 60e9), ("h", 3600e9),
        ]
        for unit in units where text.hasSuffix(unit.suffix) {
            let number = text.dropLast(unit.suffix.count)
            // "ms" also ends in "s": try longer suffixes first by requiring a numeric rest.
            guard let value = Double(number), value >= 0, value.isFinite, number.first != "+" else { continue }
            self = .nanoseconds(Int64((value * unit.nanoseconds).rounded()))
            return
        }
        return nil
    }

    /// The duration in nanoseconds, saturating at `Int64.max`.
    var mockNanoseconds: Int64 {
        let parts = components
        let (fromSeconds, overflow) = parts.seconds.multipliedReportingOverflow(by: 1_000_000_000)
        if overflow { return parts.seconds < 0 ? Int64.min : Int64.max }
        return fromSeconds &+ parts.attoseconds / 1_000_000_000
    }

    /// The duration in (fractional) milliseconds.
    var mockMilliseconds: Double { Double(mockNanoseconds) / 1e6 }
}
