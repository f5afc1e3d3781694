// Pacing before the limit: one sender's view of the account's allowance, from the latest
// answer's X-RateLimit-Remaining and -Reset and what the sender has sent since. When the
// sender's share of what remains is low, requests are held until the window resets instead of
// running into 429s (docs/rate-limits.md). Pure state: callers pass the monotonic time, so a
// contract run, a load thread and a test all plan the same holds.

/// When a sender should hold its next request for the rate-limit window to reset.
public struct RateLimitAllowance: Sendable {
    /// The part of a sender's share of the limit kept in reserve (5 %): other clients of the
    /// account, and answers that arrive out of order, spend from the same allowance.
    public static let reserveShare = 0.05
    /// A held request goes this long after the reset: resets are whole seconds, and the
    /// server's clock is not ours.
    public static let arrivalMargin: UInt64 = 100_000_000

    /// The latest answer's window, with what was sent since.
    public struct Window: Sendable, Equatable {
        /// Requests the server said were left.
        public var remaining: Int
        /// The window's limit, when the server said it.
        public var limit: Int?
        /// When requests may go again (monotonic ns): the reset plus `arrivalMargin`.
        public var reopensAt: UInt64
        /// Requests of this sender the answer may not count: those started after the answered
        /// one, and those still unanswered when it came.
        public var spent: Int
        /// The answered request's ticket, so that an older answer arriving late is not taken.
        public var ticket: Int

        /// Creates a window.
        public init(remaining: Int, limit: Int?, reopensAt: UInt64, spent: Int, ticket: Int = 0) {
            self.remaining = remaining
            self.limit = limit
            self.reopensAt = reopensAt
            self.spent = spent
            self.ticket = ticket
        }
    }

    /// How many senders split the allowance evenly (a load run's threads × shards; 1 for a
    /// contract run, whose scenarios share one gate).
    public let senders: Int
    /// The longest hold (ns). A reset further away is not waited for: the run goes on, and a
    /// 429, if it comes, is handled by its own rule with its own cap.
    public let longestHold: UInt64
    /// The window being paced by; nil before any answer named one, and after it reset.
    public private(set) var window: Window?
    /// Requests sent so far: the last ticket given.
    public private(set) var sent = 0

    /// An allowance split between `senders`, holding at most `longestHold` ns at a time.
    public init(senders: Int, longestHold: UInt64) {
        self.senders = max(1, senders)
        self.longestHold = longestHold
    }

    /// Takes the rate-limit fields of the answer to the request with `ticket`, received at
    /// `now` while `unanswered` other requests of this sender were in flight. Every request
    /// sent after that one, and every one still in flight, counts as spent: the server may have
    /// counted it or not, and counting it errs on the side of no 429 (one both sent after and
    /// in flight counts twice; a run with many in flight holds a little early). Without both a
    /// remaining count and a reset there is nothing to pace by (when to come back is unknown),
    /// an answer older than the one the window came from changes nothing, and a reset that has
    /// passed ends the window: the server says it has turned.
    public mutating func observe(_ headers: RateLimitHeaders, now: UInt64, ticket: Int, unanswered: Int) {
        guard let remaining = headers.remaining, let reset = headers.resetAfterSeconds else { return }
        if let window, ticket < window.ticket, now < window.reopensAt { return }
        guard reset > 0 else {
            window = nil
            return
        }
        // `reset` is at most a day (RetryAfter.longest): the nanoseconds fit easily.
        let reopensAt = now &+ UInt64(max(0, reset) * 1e9) &+ Self.arrivalMargin
        window = Window(remaining: remaining, limit: headers.limit, reopensAt: reopensAt,
                        spent: max(0, sent - ticket) + max(0, unanswered), ticket: ticket)
    }

    /// Counts a request about to be sent; returns its ticket, to give `observe` with its answer.
    public mutating func recordSend() -> Int {
        sent += 1
        window?.spent += 1
        return sent
    }

    /// When the next request may go: nil for now, else the moment the window reopens. A window
    /// whose moment has passed is forgotten, so each window holds requests once.
    public mutating func holdUntil(now: UInt64) -> UInt64? {
        guard let current = window else { return nil }
        guard now < current.reopensAt else {
            window = nil
            return nil
        }
        return Self.hold(current, now: now, senders: senders, longestHold: longestHold)
    }

    /// The rule, as a pure function. A sender's share is the remaining count divided evenly
    /// between the senders, less what it has spent since; it is *low* when at most the reserve,
    /// `reserveShare` of the sender's part of the limit, rounded down (0 for limits under 20 per
    /// sender, so a small limit is used in full). Low means: hold until the window reopens —
    /// unless that is further away than `longestHold`.
    public static func hold(_ window: Window, now: UInt64, senders: Int, longestHold: UInt64) -> UInt64? {
        let senders = max(1, senders)
        let share = window.remaining / senders - window.spent
        let reserve = Int(Double(window.limit ?? 0) / Double(senders) * reserveShare)
        guard share <= reserve, window.reopensAt > now, window.reopensAt - now <= longestHold else { return nil }
        return window.reopensAt
    }
}
