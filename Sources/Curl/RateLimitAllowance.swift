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

    /// The window being paced by: the answer that left the least of it, with what was sent since.
    public struct Window: Sendable, Equatable {
        /// Requests the server said were left.
        public var remaining: Int
        /// The window's limit, when the server said it.
        public var limit: Int?
        /// When requests may go again (monotonic ns): the reset plus `arrivalMargin`.
        public var reopensAt: UInt64
        /// Requests of this sender the window's remaining count may not include: those still
        /// unanswered when that answer came, and those sent since; less those answered since
        /// within the window, which the server counted before it.
        public var spent: Int
        /// The ticket of the answer naming the fewest remaining.
        public var ticket: Int
        /// The tickets of the answers seen naming this window: the `seenKept` highest. Forgetting
        /// the lowest keeps the highest exact, and can only leave `spent` higher than the truth
        /// for an answer arriving later than 64 others (an early hold, never a 429).
        public var seen: [Int]

        /// Creates a window.
        public init(remaining: Int, limit: Int?, reopensAt: UInt64, spent: Int, ticket: Int = 0) {
            self.remaining = remaining
            self.limit = limit
            self.reopensAt = reopensAt
            self.spent = spent
            self.ticket = ticket
            seen = [ticket]
        }

        /// Adds the ticket of one more answer naming the window, forgetting the lowest beyond
        /// `seenKept`, so a long window with many answers costs the same per answer as a short one.
        mutating func see(_ ticket: Int) {
            seen.append(ticket)
            if seen.count > RateLimitAllowance.seenKept, let lowest = seen.indices.min(by: { seen[$0] < seen[$1] }) {
                seen.remove(at: lowest)
            }
        }
    }

    /// How many answers' tickets a window keeps (see `Window.seen`).
    public static let seenKept = 64

    /// Two answers whose reopening moments are this close name one window when the reset was a
    /// moment (an epoch time): they differ only by when each was read against our clock.
    public static let sameMomentTolerance: UInt64 = 250_000_000
    /// The same for a reset in seconds from now: each answer rounds it anew, so two answers of
    /// one window may name moments a second apart.
    public static let roundedSecondsTolerance: UInt64 = 1_100_000_000

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
    /// `now` while `unansweredBefore` requests of this sender sent before it were still in
    /// flight (more than the truth only holds early: a load thread gives all it has in flight).
    ///
    /// Within one window the server's remaining count only falls, so the answer naming the
    /// fewest is the latest the server counted, whatever order our requests went in. The
    /// window keeps that count, and as spent every request it may not include: those sent
    /// after it and those sent before it but still unanswered — less those whose answers, seen,
    /// name more (the server counted them first). An answer naming more than the window's
    /// count leaves spent for the same reason. (Taking the answer to the later-sent request as
    /// the newer word instead let a contract run go past a limit of 3 when two requests in
    /// flight reached the server in the other order.)
    /// - An answer of a later window replaces the window. A reset that has passed ends the
    ///   window it names: the server says it has turned.
    /// - One of an earlier window changes nothing when its request went before one whose
    ///   answer named the window (an answer arriving late) or its reset has passed (a request
    ///   that reached the server just before the turn). Otherwise it is the server's newer word, and replaces
    ///   the window: one absurd reset must not outweigh every answer after it.
    /// Without both a remaining count and a reset there is nothing to pace by: when to come
    /// back is unknown.
    public mutating func observe(_ headers: RateLimitHeaders, now: UInt64, ticket: Int, unansweredBefore: Int) {
        guard let remaining = headers.remaining, let reset = headers.resetAfterSeconds else { return }
        // `reset` is at most a day (RetryAfter.longest): the nanoseconds fit easily.
        let answered = Window(remaining: remaining, limit: headers.limit,
                              reopensAt: now &+ UInt64(max(0, reset) * 1e9) &+ Self.arrivalMargin,
                              spent: max(0, sent - ticket) + max(0, unansweredBefore), ticket: ticket)
        guard var current = window, now < current.reopensAt else {
            window = reset > 0 ? answered : nil
            return
        }
        let tolerance = headers.resetIsAMoment ? Self.sameMomentTolerance : Self.roundedSecondsTolerance
        if answered.reopensAt &+ tolerance < current.reopensAt {
            // Newer than every answer naming the window: the server's newer word.
            if ticket > current.seen.max() ?? current.ticket, reset > 0 {
                window = answered
            } else {
                current.spent = max(0, current.spent - 1)  // counted in its own window, not this one
                window = current
            }
        } else if answered.reopensAt > current.reopensAt &+ tolerance {
            window = answered
        } else if reset <= 0 {
            window = nil
        } else if remaining < current.remaining {
            var fewer = answered
            fewer.spent = max(0, answered.spent - current.seen.count(where: { $0 > ticket }))
            fewer.seen = current.seen
            fewer.see(ticket)
            fewer.reopensAt = max(answered.reopensAt, current.reopensAt)
            fewer.limit = answered.limit ?? current.limit
            window = fewer
        } else {
            current.spent = max(0, current.spent - 1)
            current.see(ticket)
            current.reopensAt = max(answered.reopensAt, current.reopensAt)
            window = current
        }
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
