// The waits a contract step or run took for the target's rate limit, by cause: held until
// X-RateLimit-Reset because X-RateLimit-Remaining ran low, waiting after a 429, or spaced by
// --max-rps (docs/rate-limits.md). The console and JSON reports show the run's totals; the
// step's notes say what each wait was.

/// Rate-limit waits, counted and summed by cause.
public struct ContractRateLimitWaits: Sendable, Equatable {
    /// Requests held until the window reset because the allowance ran low.
    public var paced = 0
    public var pacedSeconds = 0.0
    /// Waits after a 429 (Retry-After, X-RateLimit-Reset or backoff) before a retry.
    public var afterThrottle = 0
    public var afterThrottleSeconds = 0.0
    /// Requests that waited for their `--max-rps` slot.
    public var maxRPS = 0
    public var maxRPSSeconds = 0.0

    /// No waits.
    public init() {}

    /// Every wait, whatever its cause.
    public var count: Int { paced + afterThrottle + maxRPS }
    /// Every wait summed, in seconds.
    public var totalSeconds: Double { pacedSeconds + afterThrottleSeconds + maxRPSSeconds }

    /// Adds `other`'s waits into these.
    public mutating func add(_ other: ContractRateLimitWaits) {
        paced += other.paced
        pacedSeconds += other.pacedSeconds
        afterThrottle += other.afterThrottle
        afterThrottleSeconds += other.afterThrottleSeconds
        maxRPS += other.maxRPS
        maxRPSSeconds += other.maxRPSSeconds
    }
}

extension ContractRunResult {
    /// The waits of every step of the run.
    public var rateLimitWaits: ContractRateLimitWaits {
        allSteps.reduce(into: ContractRateLimitWaits()) { $0.add($1.rateLimitWaits) }
    }

    /// The console line on rate-limit waits, or nil when there were none and manners were on.
    public var rateLimitWaitsLine: String? {
        let waits = rateLimitWaits
        var parts: [String] = []
        if waits.paced > 0 { parts.append("\(waits.paced) paced until X-RateLimit-Reset (\(Self.seconds(waits.pacedSeconds)))") }
        if waits.afterThrottle > 0 { parts.append("\(waits.afterThrottle) after a 429 (\(Self.seconds(waits.afterThrottleSeconds)))") }
        if waits.maxRPS > 0 { parts.append("\(waits.maxRPS) for --max-rps (\(Self.seconds(waits.maxRPSSeconds)))") }
        var line = parts.isEmpty ? "" : "rate limits: \(waits.count) waits, \(Self.seconds(waits.totalSeconds)) in all: " + parts.joined(separator: ", ")
        if !rateLimitManners {
            line += (line.isEmpty ? "rate limits: " : "; ") + "manners off (--no-rate-limit-manners)"
        }
        return line.isEmpty ? nil : line
    }

    private static func seconds(_ value: Double) -> String {
        "\(MeasurementText.fixed(value, decimals: 1)) s"
    }
}
