// Numbers as the HTML report prints them: the console summary's rules (MeasurementText), plus
// counts with thousands separators, so the page and the terminal show the same values.

/// Number text for the HTML report; locale-independent, like the console summary.
enum HTMLNumbers {
    /// `1,234,567`.
    static func count(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var grouped = ""
        for (offset, digit) in digits.enumerated() {
            if offset > 0, (digits.count - offset) % 3 == 0 { grouped += "," }
            grouped.append(digit)
        }
        return (value < 0 ? "-" : "") + grouped
    }

    /// Latency in a table cell, in ms: `0.912`, `14.2`, `212` (three significant digits or so).
    static func milliseconds(_ value: Double) -> String {
        guard value != 0 else { return "0" }
        return abs(value) < 1 ? MeasurementText.fixed(value, decimals: 3) : MeasurementText.tableMilliseconds(value)
    }

    /// A rate per second: `103.3`.
    static func perSecond(_ value: Double) -> String {
        MeasurementText.fixed(value, decimals: 1)
    }

    /// A fraction as a percentage: `0.42%`.
    static func percent(_ fraction: Double) -> String {
        MeasurementText.percent(fraction)
    }

    /// A number without trailing zeros: `2.5`, `200`.
    static func plain(_ value: Double) -> String {
        MeasurementText.trimmed(value)
    }

    /// An SVG coordinate: one decimal is finer than a pixel and keeps the page small.
    static func coordinate(_ value: Double) -> String {
        MeasurementText.fixed(value, decimals: 1)
    }
}
