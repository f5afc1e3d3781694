// Counters of what the fault injector did, readable while the server runs (tests compare
// them with the plan; the CLI may print them at shutdown).

/// Summary statistics of a set of delays, in milliseconds.
public struct DelaySummary: Sendable, Equatable {
    /// How many delays were recorded.
    public var count: Int = 0
    /// The smallest, or 0 when none.
    public var minimum: Double = 0
    /// The largest, or 0 when none.
    public var maximum: Double = 0
    private var sum: Double = 0
    private var sumOfSquares: Double = 0

    /// An empty summary.
    public init() {}

    /// The mean, or 0 when none.
    public var mean: Double { count == 0 ? 0 : sum / Double(count) }

    /// The population standard deviation, or 0 when fewer than two.
    public var standardDeviation: Double {
        guard count > 1 else { return 0 }
        let variance = sumOfSquares / Double(count) - mean * mean
        return variance > 0 ? variance.squareRoot() : 0
    }

    mutating func record(_ milliseconds: Double) {
        minimum = count == 0 ? milliseconds : min(minimum, milliseconds)
        maximum = count == 0 ? milliseconds : max(maximum, milliseconds)
        count += 1
        sum += milliseconds
        sumOfSquares += milliseconds * milliseconds
    }
}

/// What the fault injector has done since the server started.
public struct MockStatistics: Sendable, Equatable {
    /// Requests that went through fault injection (operations with any fault configured).
    public var requests = 0
    /// Requests answered `500` by `--error-rate`.
    public var injectedErrors = 0
    /// Requests answered `429` by `--rate-limit`.
    public var rateLimited = 0
    /// Responses cut off by `--drop-rate`.
    public var dropped = 0
    /// Responses held back by `--stall`.
    public var stalled = 0
    /// The latencies drawn from `--latency`, per request.
    public var sampledLatency = DelaySummary()
    /// The delay the server measured between a request's end and the write of its response,
    /// for requests with a latency or stall (what a client sees, less the network).
    public var measuredDelay = DelaySummary()

    /// Empty counters.
    public init() {}
}
