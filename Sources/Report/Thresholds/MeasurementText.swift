// Numbers as the load summary, the progress line and threshold verdicts print them, without
// Foundation's locale-dependent formatting: the same run prints the same text everywhere.

/// Fixed-point text for measured values.
enum MeasurementText {
    /// `value` rounded to `decimals` places (half away from zero), e.g. `fixed(3.14159, 2)` is
    /// `3.14`; `nan` and `inf` for values that are not numbers.
    static func fixed(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : (value < 0 ? "-inf" : "inf") }
        var scale: Int64 = 1
        for _ in 0..<max(0, decimals) { scale *= 10 }
        let scaled = (abs(value) * Double(scale)).rounded()
        // Beyond Int64 the decimals do not matter; Swift's own text is fine there.
        guard scaled < 9.0e18 else { return String(value) }
        let units = Int64(scaled)
        let sign = value < 0 && units != 0 ? "-" : ""
        let whole = String(units / scale)
        guard decimals > 0 else { return sign + whole }
        let fraction = String(units % scale)
        return sign + whole + "." + String(repeating: "0", count: decimals - fraction.count) + fraction
    }

    /// `287.1ms`; below 1 ms with microsecond detail (`0.045ms`), since one decimal would read 0.0.
    static func milliseconds(_ value: Double) -> String {
        fixed(value, decimals: abs(value) < 1 && value != 0 ? 3 : 1) + "ms"
    }

    /// A fraction as a percentage with two decimals: `0.0042` is `0.42%`.
    static func percent(_ fraction: Double) -> String {
        fixed(fraction * 100, decimals: 2) + "%"
    }

    /// Latency for a table cell: one decimal below 100 ms (`14.2`), whole milliseconds above (`212`).
    static func tableMilliseconds(_ value: Double) -> String {
        fixed(value, decimals: abs(value) < 100 ? 1 : 0)
    }

    /// `12.3 MB`, `840 B`: decimal units, as network tools count bytes.
    static func bytes(_ count: Int) -> String {
        let units = ["B", "kB", "MB", "GB", "TB"]
        var value = Double(count)
        var unit = 0
        while abs(value) >= 1000, unit < units.count - 1 {
            value /= 1000
            unit += 1
        }
        return unit == 0 ? "\(count) B" : fixed(value, decimals: 1) + " " + units[unit]
    }

    /// `45s`, `1m30s`, `5m`, `1h2m`: a planned length as profiles write it; under a minute and
    /// not whole, `300ms` or `1.5s` (a 300 ms run is not a 0 s one).
    static func compactDuration(seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0, seconds < 9.2e18 else { return "?" }
        if seconds > 0, seconds < 1 { return "\(trimmed((seconds * 1000).rounded()))ms" }
        if seconds < 60, seconds != seconds.rounded() { return "\(trimmed(seconds))s" }
        let total = Int64(seconds.rounded())
        let hours = total / 3600
        let minutes = (total % 3600) / 60
        let rest = total % 60
        var text = ""
        if hours > 0 { text += "\(hours)h" }
        if minutes > 0 { text += "\(minutes)m" }
        if rest > 0 || text.isEmpty { text += "\(rest)s" }
        return text
    }

    /// `200`, `2.5`: a number without a trailing `.0`.
    static func trimmed(_ value: Double) -> String {
        let text = fixed(value, decimals: 2)
        guard text.contains(".") else { return text }
        var result = Substring(text)
        while result.hasSuffix("0") { result = result.dropLast() }
        if result.hasSuffix(".") { result = result.dropLast() }
        return String(result)
    }
}
