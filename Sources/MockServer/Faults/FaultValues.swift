// The small values behind the fault flags: a probability, a request rate and a stall window,
// each with the parser for its flag syntax. Durations and rates read the CLI's one grammar
// (Quantities); what is mock-specific (`off`, a bare rate number) is handled here.

import Quantities

/// A probability in [0, 1] (`--error-rate 0.05`, also `5%`).
public struct FaultProbability: Sendable, Equatable, CustomStringConvertible {
    /// The probability, 0 ... 1.
    public let value: Double

    /// A probability; values outside [0, 1] are clamped.
    public init(_ value: Double) { self.value = min(1, max(0, value.isNaN ? 0 : value)) }

    /// Reads `0.05` or `5%`; `flag` names the flag in the error.
    public init(parsing text: String, flag: String) throws(MockFlagError) {
        let error = MockFlagError(flag: flag, value: text, expected: "a probability between 0 and 1, or a percentage (e.g. 0.05 or 5%)")
        let isPercent = text.hasSuffix("%")
        guard let number = Double(isPercent ? String(text.dropLast()) : text), number.isFinite else { throw error }
        let value = isPercent ? number / 100 : number
        guard value >= 0, value <= 1 else { throw error }
        self.value = value
    }

    /// The probability as typed back (`0.05`).
    public var description: String { "\(value)" }
}

/// A request rate (`--rate-limit 100/s`, `30/m`; a bare number is per second).
public struct RequestRate: Sendable, Equatable, CustomStringConvertible {
    /// Requests allowed per second; `.infinity` means no limit.
    public let perSecond: Double

    /// A rate of `perSecond` requests per second (positive, or `.infinity` for none).
    public init(perSecond: Double) { self.perSecond = perSecond }

    /// No limit: the value `off` turns an inherited limit off for one operation.
    public static let unlimited = RequestRate(perSecond: .infinity)

    /// Reads `100/s`, `30/m`, `100/10s` (the `Rate(parsing:)` grammar), `100` (per second)
    /// or `off`.
    public init(parsing text: String, flag: String = "--rate-limit") throws(MockFlagError) {
        if text == "off" { self = .unlimited; return }
        let error = MockFlagError(flag: flag, value: text, expected: "a positive rate such as 100/s, 30/m or 100/10s (or off)")
        // The flag has always read a bare number as per second; rate files never do.
        let rateText = Double(text) != nil ? text + "/s" : text
        guard let rate = try? Rate(parsing: rateText), rate.perSecond > 0, rate.perSecond.isFinite else { throw error }
        perSecond = rate.perSecond
    }

    /// The rate as typed back (`100.0/s`).
    public var description: String { perSecond.isInfinite ? "off" : "\(perSecond)/s" }
}

/// A server-wide pause (`--stall AT,LENGTH`): starting AT after the first request, the mock
/// answers nothing for LENGTH, like a long garbage-collection pause; requests that arrive or
/// are due meanwhile are answered when it ends.
public struct StallWindow: Sendable, Equatable, CustomStringConvertible {
    /// When the stall starts, measured from the first request the server received.
    public let start: Duration
    /// How long it lasts; zero means no stall.
    public let length: Duration

    /// A stall of `length` starting `start` after the first request.
    public init(start: Duration, length: Duration) {
        self.start = start
        self.length = length
    }

    /// Reads `5s,2s` (start, length) or `off`.
    public init(parsing text: String, flag: String = "--stall") throws(MockFlagError) {
        if text == "off" { self.init(start: .zero, length: .zero); return }
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
        guard parts.count == 2, let start = try? Duration(parsing: String(parts[0])),
              let length = try? Duration(parsing: String(parts[1]))
        else { throw MockFlagError(flag: flag, value: text, expected: "AT,LENGTH as two durations (e.g. 5s,2s)") }
        self.init(start: start, length: length)
    }

    /// The window as typed back (`5000ms,2000ms`).
    public var description: String { "\(start.totalMilliseconds)ms,\(length.totalMilliseconds)ms" }
}
