// Where a request left the rate limit it counted against: the figures a 429's `Retry-After` and
// the observed flavor's `X-RateLimit-*` headers are written from (`RateLimitHeaders`).

/// The rate limit as one request found it, after taking its token (or failing to).
struct RateLimitState: Sendable, Equatable {
    /// The most requests served at once: the bucket's capacity (one second's worth, at least 1).
    var limit: Int
    /// Whole tokens left after this request.
    var remaining: Int
    /// How long until the bucket is full again, in nanoseconds: from then on `limit` requests
    /// in a row are served, so it is the moment a client that waits "until the reset" needs.
    var nanosecondsUntilFull: Int64
    /// Whole seconds until a token is there (at least 1); nil when this request got one.
    var retryAfterSeconds: Int?

    /// Whether the request was refused (`429`).
    var isExceeded: Bool { retryAfterSeconds != nil }
}
