// How long to wait after a 429 before sending again, and why: the server's `Retry-After`,
// else its `X-RateLimit-Reset`, else an exponential backoff with jitter (docs/rate-limits.md).
// Contract steps and load threads both ask here, so a 429 means the same wait in both.

/// The wait after one 429 and where it came from.
public struct ThrottleWait: Sendable, Equatable {
    /// Where a wait came from.
    public enum Source: Sendable, Equatable {
        /// `Retry-After`, seconds or an HTTP date.
        case retryAfter
        /// `X-RateLimit-Reset`, an epoch time or seconds from now.
        case rateLimitReset
        /// Neither named a usable wait: `ExponentialBackoff`'s wait for this attempt.
        case backoff
        /// Neither named a usable wait and rate-limit manners are off: the 1 s default.
        case fixedDefault
    }

    /// The wait without manners when no header names one.
    public static let defaultSeconds = 1.0

    /// Seconds to wait, at most `RetryAfter.longest` (callers cut it to their own cap).
    public var seconds: Double
    /// Which rule gave it.
    public var source: Source

    /// Creates a wait.
    public init(seconds: Double, source: Source) {
        self.seconds = seconds
        self.source = source
    }

    /// The wait after a 429 that is the `attempt`-th in a row (0 for the first), at wall time
    /// `now` (Unix seconds). `jitter` is a uniform draw from [0, 1) for the backoff.
    ///
    /// With manners, a reset that has already passed (0 s) is not taken at its word — the
    /// server said "limited" and "go now" at once — and the backoff applies; without manners
    /// the 429 is handled as before they existed: any usable value, else 1 s.
    public static func after429(
        retryAfter: String?, rateLimitReset: String?, now: Double, attempt: Int, jitter: Double, mannerly: Bool
    ) -> ThrottleWait {
        if let seconds = RetryAfter.seconds(retryAfter: retryAfter, rateLimitReset: nil, now: now) {
            return ThrottleWait(seconds: seconds, source: .retryAfter)
        }
        if let seconds = RetryAfter.seconds(retryAfter: nil, rateLimitReset: rateLimitReset, now: now), seconds > 0 || !mannerly {
            return ThrottleWait(seconds: seconds, source: .rateLimitReset)
        }
        guard mannerly else { return ThrottleWait(seconds: defaultSeconds, source: .fixedDefault) }
        return ThrottleWait(seconds: ExponentialBackoff.seconds(attempt: attempt, jitter: jitter), source: .backoff)
    }

    /// The wait `headers` of a 429 ask for (see `after429(retryAfter:rateLimitReset:...)`).
    public static func after429(
        _ headers: HTTPHeaders?, now: Double, attempt: Int, jitter: Double, mannerly: Bool
    ) -> ThrottleWait {
        after429(retryAfter: headers?["retry-after"], rateLimitReset: headers?["x-ratelimit-reset"], now: now,
                 attempt: attempt, jitter: jitter, mannerly: mannerly)
    }
}

/// Waits for 429s in a row that name no wait of their own: 1 s, then doubling, with jitter,
/// up to a cap.
public enum ExponentialBackoff {
    /// The first wait: the 1 s a 429 without a usable wait has always meant here, which
    /// reports and scripts already know. It is not jittered; every later one is.
    public static let first = 1.0
    /// No backoff is longer than this (callers may cut it further, to their own cap).
    public static let longest = 30.0

    /// The wait before retry `attempt` (0-based): `first` for 0; for k ≥ 1, between half and
    /// all of `first`·2^k capped at `longest` ("equal jitter"), `jitter` ∈ [0, 1) choosing
    /// where. Senders throttled together then spread out instead of retrying in step.
    public static func seconds(attempt: Int, jitter: Double) -> Double {
        guard attempt > 0 else { return first }
        let ceiling = min(longest, first * Double(UInt64(1) << UInt64(min(attempt, 32))))
        let unit = jitter.isFinite ? min(max(jitter, 0), 1) : 0
        return ceiling * (1 - unit / 2)
    }
}
