// The headers that tell a client where the rate limit stands, in the flavor's manner. The seed
// spec documents none, so the seed flavor sends only `Retry-After` on a 429. The live API is
// observed to send `X-RateLimit-Limit`, `X-RateLimit-Remaining` and `X-RateLimit-Reset` (unix
// seconds) on every response and never `Retry-After`: so does the observed flavor.

enum RateLimitHeaders {
    /// What `X-RateLimit-Limit` and `X-RateLimit-Remaining` say when no `--rate-limit` applies:
    /// the mock limits nothing, and a client reading the headers should never slow down for it.
    /// The live API always sends the headers, so the observed flavor does too.
    static let unlimitedAllowance = 1_000_000

    /// The headers for a response whose request left the limit at `state` (nil: no limit applies).
    static func headers(for state: RateLimitState?, flavor: MockFlavor) -> [(String, String)] {
        switch flavor {
        case .seed:
            guard let seconds = state?.retryAfterSeconds else { return [] }
            return [("Retry-After", String(seconds))]
        case .observed:
            let now = Timestamp.now().millisecondsSinceEpoch
            guard let state else {
                // Nothing to wait for: the next whole second, like a window that never runs out.
                let unlimited = String(unlimitedAllowance)
                return [
                    ("X-RateLimit-Limit", unlimited), ("X-RateLimit-Remaining", unlimited),
                    ("X-RateLimit-Reset", String(now / 1000 + 1)),
                ]
            }
            // Rounded up: a client that waits until the reset finds the bucket full, never
            // a moment early.
            let untilFull = min(max(0, state.nanosecondsUntilFull), Int64.max / 2)
            let fullAt = now + (untilFull + 999_999) / 1_000_000
            return [
                ("X-RateLimit-Limit", String(state.limit)), ("X-RateLimit-Remaining", String(state.remaining)),
                ("X-RateLimit-Reset", String((fullAt + 999) / 1000)),
            ]
        }
    }
}
