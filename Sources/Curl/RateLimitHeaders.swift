// What a response says about the account's rate limit: `X-RateLimit-Limit`,
// `X-RateLimit-Remaining` and `X-RateLimit-Reset`, as Freshchat's live API sends them. The
// values are untrusted: a count that is not plain digits is unknown, a huge one is clamped,
// and the reset is read by `RetryAfter` (the one reading of it), so it is bounded to a day.

/// The rate-limit fields of one response, read and bounded.
public struct RateLimitHeaders: Sendable, Equatable {
    /// Counts above this are taken as this: no account's window allows a billion requests, and
    /// a server's `99999999999999999999` must not overflow anything downstream.
    public static let largestCount = 1_000_000_000

    /// Requests the window allows (`X-RateLimit-Limit`), when given as a count.
    public var limit: Int?
    /// Requests left in the window (`X-RateLimit-Remaining`), when given as a count.
    public var remaining: Int?
    /// Seconds until the window resets (`X-RateLimit-Reset`, an epoch time or seconds from
    /// now), 0 when it has passed, at most `RetryAfter.longest`; nil when unusable.
    public var resetAfterSeconds: Double?
    /// The reset was a moment (an epoch time): every answer of one window names the same one.
    /// Otherwise it was seconds from now, which two answers of one window may round a second
    /// apart.
    public var resetIsAMoment: Bool

    /// The fields as given.
    public init(limit: Int?, remaining: Int?, resetAfterSeconds: Double?, resetIsAMoment: Bool = false) {
        self.limit = limit
        self.remaining = remaining
        self.resetAfterSeconds = resetAfterSeconds
        self.resetIsAMoment = resetIsAMoment
    }

    /// Reads the three header values; `now` is the wall clock (Unix seconds), for an epoch reset.
    public init(limit: String?, remaining: String?, reset: String?, now: Double) {
        self.limit = Self.count(limit)
        self.remaining = Self.count(remaining)
        resetAfterSeconds = RetryAfter.seconds(retryAfter: nil, rateLimitReset: reset, now: now)
        resetIsAMoment = RetryAfter.resetNamesAMoment(reset)
    }

    /// Reads the rate-limit fields of `headers`.
    public init(_ headers: HTTPHeaders, now: Double) {
        self.init(limit: headers["x-ratelimit-limit"], remaining: headers["x-ratelimit-remaining"],
                  reset: headers["x-ratelimit-reset"], now: now)
    }

    /// `42`: digits only, blanks around allowed. Signs, fractions, exponents and words are
    /// not counts; a longer number saturates at `largestCount` instead of overflowing.
    static func count(_ text: String?) -> Int? {
        guard let text else { return nil }
        var value = 0
        var digits = 0
        var trailingBlanks = false
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"):
                if digits > 0 { trailingBlanks = true }
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                guard !trailingBlanks else { return nil }  // "1 2" is not a count
                digits += 1
                value = min(largestCount, value * 10 + Int(byte - UInt8(ascii: "0")))
            default:
                return nil
            }
        }
        return digits > 0 ? value : nil
    }
}
