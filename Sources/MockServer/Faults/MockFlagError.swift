// The one error type for fault and limit flags: it names the flag, what was given and what
// was expected, so the CLI can print it as is.

/// A mock flag value that could not be read.
public struct MockFlagError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The flag as the user types it, e.g. `--latency`.
    public var flag: String
    /// The text that was given.
    public var value: String
    /// What the flag accepts, with an example.
    public var expected: String

    /// An error for `flag` given `value`, which should have been `expected`.
    public init(flag: String, value: String, expected: String) {
        self.flag = flag
        self.value = value
        self.expected = expected
    }

    /// `--latency "fast": expected fixed:DURATION, uniform:MIN,MAX or normal:MEAN,STDDEV (e.g. uniform:10ms,30ms)`.
    public var description: String { "\(flag) \"\(value)\": expected \(expected)" }
}
