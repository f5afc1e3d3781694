// What a load run did to stay under the target's rate limit before it answered 429: pacing
// by X-RateLimit-Remaining and -Reset, exponential backoff after a 429 that named no wait, and
// the --max-rps cap (docs/rate-limits.md). The 429s themselves and their waits stay in
// `RateLimitCounts`; this is what the run did so that there would be fewer of them.

/// The settings and counts of a load run's rate-limit manners.
public struct RateLimitManners: Sendable, Hashable {
    /// Whether pacing and backoff were on (off with `--no-rate-limit-manners`).
    public var enabled: Bool
    /// `--max-rps`: requests per second for the whole run, when given.
    public var maxRequestsPerSecond: Double?
    /// The profile's highest arrival rate, when `--max-rps` was lower and capped it.
    public var cappedProfileRate: Double?
    /// Holds begun because X-RateLimit-Remaining ran low: requests held (closed model) or
    /// holds of the thread's arrivals (open model), each until X-RateLimit-Reset.
    public var paced: Int = 0
    /// Those holds, summed, in seconds.
    public var pacedWaitSeconds: Double = 0
    /// Open model: arrivals not sent because they fell in a pacing hold (they are also counted
    /// as throttled-dropped iterations).
    public var pacedDropped: Int = 0
    /// 429 waits that came from the exponential backoff (no usable Retry-After or reset).
    public var backoffs: Int = 0
    /// Requests that waited for their `--max-rps` slot.
    public var maxRPSDelayed: Int = 0
    /// Those waits, summed, in seconds.
    public var maxRPSWaitSeconds: Double = 0

    /// Manners on or off, no cap, nothing counted.
    public init(enabled: Bool = true, maxRequestsPerSecond: Double? = nil, cappedProfileRate: Double? = nil) {
        self.enabled = enabled
        self.maxRequestsPerSecond = maxRequestsPerSecond
        self.cappedProfileRate = cappedProfileRate
    }

    /// Adds `other`'s counts into these (threads of a run, shards of a merge); the settings
    /// stay this one's, as every part of one run has the same.
    public mutating func add(_ other: RateLimitManners) {
        paced += other.paced
        pacedWaitSeconds += other.pacedWaitSeconds
        pacedDropped += other.pacedDropped
        backoffs += other.backoffs
        maxRPSDelayed += other.maxRPSDelayed
        maxRPSWaitSeconds += other.maxRPSWaitSeconds
    }
}
