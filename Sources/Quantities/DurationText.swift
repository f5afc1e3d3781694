// The one duration grammar of the CLI, used by flags (`--timeout 10s`, `--latency fixed:20ms`,
// `--stall 5s,2s`) and files (`duration: 2m`) alike: `250ms`, `10s`, `1.5s`, `2m`, `1m30s`.

extension Duration {
    /// What a duration looks like, for error messages.
    public static let textGrammar = "a number and a unit (ns, us, ms, s, m, h), e.g. 250ms, 10s, 2m, 1m30s"

    /// Reads `250ms`, `10s`, `2m`, `1.5h`, `800us`, `1m30s` (parts add up). Units: `ns`, `us`
    /// (also `µs`), `ms`, `s`, `m`, `h`; numbers may have a fraction, never a sign or an
    /// exponent. Spaces and tabs around the text are ignored, spaces inside it are not.
    ///
    /// A bare number is rejected on purpose: `10` could mean seconds or milliseconds, and
    /// guessing wrong makes a timeout or a load test meaningless.
    public init(parsing text: String) throws(QuantityParseError) {
        let failure = QuantityParseError(text: text, expected: Self.textGrammar)
        let scalars = Array(text.trimmingSpacesAndTabs.unicodeScalars)
        guard !scalars.isEmpty else { throw failure }
        var nanoseconds = 0.0
        var index = 0
        while index < scalars.count {
            var number = ""
            while index < scalars.count, Self.isNumberScalar(scalars[index]) {
                number.unicodeScalars.append(scalars[index])
                index += 1
            }
            // Everything up to the next digit is the unit, so `1 m` and `10x` fail on their unit.
            var unit = ""
            while index < scalars.count, !Self.isNumberScalar(scalars[index]) {
                unit.unicodeScalars.append(scalars[index])
                index += 1
            }
            guard let value = Double(number), let scale = Self.nanosecondsPerUnit[unit] else { throw failure }
            nanoseconds += value * scale
        }
        // Below Int64.max nanoseconds (292 years), so the conversion cannot trap.
        guard nanoseconds < 9.2e18 else { throw failure }
        self = .nanoseconds(Int64(nanoseconds.rounded()))
    }

    private static func isNumberScalar(_ scalar: Unicode.Scalar) -> Bool {
        (scalar >= "0" && scalar <= "9") || scalar == "."
    }

    /// `µs` is accepted as the micro sign (U+00B5) and as the Greek mu (U+03BC) that some
    /// keyboards produce instead.
    private static let nanosecondsPerUnit: [String: Double] = [
        "ns": 1, "us": 1e3, "\u{B5}s": 1e3, "\u{3BC}s": 1e3, "ms": 1e6, "s": 1e9, "m": 60e9, "h": 3600e9,
    ]
}

extension StringProtocol {
    /// The text without the spaces and tabs around it.
    var trimmingSpacesAndTabs: Substring {
        let text = Substring(self)
        let isBlank: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = text.firstIndex(where: { !isBlank($0) }), let last = text.lastIndex(where: { !isBlank($0) }) else { return "" }
        return text[first...last]
    }
}
