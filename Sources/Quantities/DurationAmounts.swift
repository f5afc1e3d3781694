// A `Duration` as the plain numbers that timers, token buckets and reports compute with.

extension Duration {
    /// The duration in whole nanoseconds, saturating at `Int64.min` / `Int64.max` (a duration
    /// can hold more than 292 years; a timer cannot).
    public var totalNanoseconds: Int64 {
        let parts = components
        let (fromSeconds, overflow) = parts.seconds.multipliedReportingOverflow(by: 1_000_000_000)
        if overflow { return parts.seconds < 0 ? Int64.min : Int64.max }
        let (total, sumOverflow) = fromSeconds.addingReportingOverflow(parts.attoseconds / 1_000_000_000)
        if sumOverflow { return parts.seconds < 0 ? Int64.min : Int64.max }
        return total
    }

    /// The duration in whole microseconds (truncated toward zero), saturating like
    /// `totalNanoseconds`; histograms and libcurl's timings count in microseconds.
    public var totalMicroseconds: Int64 {
        let parts = components
        let (fromSeconds, overflow) = parts.seconds.multipliedReportingOverflow(by: 1_000_000)
        if overflow { return parts.seconds < 0 ? Int64.min : Int64.max }
        let (total, sumOverflow) = fromSeconds.addingReportingOverflow(parts.attoseconds / 1_000_000_000_000)
        if sumOverflow { return parts.seconds < 0 ? Int64.min : Int64.max }
        return total
    }

    /// Whole milliseconds clamped to `0...Int32.max`, the range a C `long` millisecond option
    /// (libcurl's timeouts) accepts on every platform; a negative duration is zero.
    public var clampedMilliseconds: Int {
        let milliseconds = totalMicroseconds / 1000
        return Int(Swift.min(Swift.max(milliseconds, 0), Int64(Int32.max)))
    }

    /// The duration in (fractional) milliseconds, from its whole nanoseconds.
    public var totalMilliseconds: Double { Double(totalNanoseconds) / 1e6 }

    /// The duration in (fractional) seconds, for rates and reports.
    public var totalSeconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
