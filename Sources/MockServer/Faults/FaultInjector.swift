// Decides, per request, which faults hit it. Decisions depend only on the seed and the
// request's arrival index (and the clock, for rate limits and stalls), so a run with the
// same seed and request order meets the same faults.
import NIOCore
import Quantities
import NIOConcurrencyHelpers
import Synchronization

/// Applies a `FaultPlan` to requests, per operation.
final class FaultInjector: Sendable {
    /// Effective settings per operation ordinal; the last slot is for unmatched requests.
    private let settings: [FaultSettings]
    private let active: [Bool]
    /// The bucket each slot draws from: the global one, or its own when its override sets a rate.
    private let buckets: [TokenBucket?]
    private let seed: UInt64
    private let requestIndex = Atomic<UInt64>(0)
    /// Uptime nanoseconds of the first request (0: none yet); stalls are measured from it.
    private let firstRequest = Atomic<Int64>(0)
    private let statistics = NIOLockedValueBox(MockStatistics())

    /// `operationIds` in ordinal order, as the route table numbers them.
    init(plan: FaultPlan, operationIds: [String], seed: UInt64) {
        var settings = operationIds.map { plan.settings(for: $0) }
        settings.append(plan.global)
        self.settings = settings
        active = settings.map(\.isActive)
        let globalBucket = plan.global.rateLimit.flatMap { $0.perSecond.isFinite ? TokenBucket(rate: $0) : nil }
        var buckets: [TokenBucket?] = operationIds.map { id in
            guard let own = plan.overrides[id]?.rateLimit else { return globalBucket }
            return own.perSecond.isFinite ? TokenBucket(rate: own) : nil
        }
        buckets.append(globalBucket)
        self.buckets = buckets
        self.seed = seed
    }

    /// Whether any fault applies to the operation with this ordinal (nil: unmatched request).
    func isActive(ordinal: Int?) -> Bool { active[ordinal ?? active.count - 1] }

    /// The fate of one request that arrived (completely) at `now`.
    func decide(ordinal: Int?, now: NIODeadline) -> FaultDecision {
        let slot = ordinal ?? settings.count - 1
        let settings = settings[slot]
        let index = requestIndex.add(1, ordering: .relaxed).newValue
        let first = firstRequestUptime(now: now)
        var random = SeededRandom.stream(seed: seed, salt: 0xFA_017, index: index)
        // Always draw in the same order, so turning one fault on does not reshuffle the others.
        let errorRoll = random.nextUnit()
        let dropRoll = random.nextUnit()
        let latency = settings.latency?.sampleNanoseconds(using: &random) ?? 0

        var decision = FaultDecision()
        var counted = MockStatistics()
        counted.requests = 1
        decision.rateLimit = buckets[slot]?.take(now: now)
        if let retryAfter = decision.rateLimit?.retryAfterSeconds {
            decision.outcome = .rateLimited(retryAfterSeconds: retryAfter)
            counted.rateLimited = 1
        } else if let rate = settings.errorRate, errorRoll < rate.value {
            decision.outcome = .injectedError
            counted.injectedErrors = 1
        } else if let rate = settings.dropRate, dropRoll < rate.value {
            decision.drop = true
            counted.dropped = 1
        }
        decision.sampledLatencyNanoseconds = latency
        decision.delayNanoseconds = latency
        if let stall = settings.stall, stall.length > .zero {
            let start = first + stall.start.totalNanoseconds
            let end = start + stall.length.totalNanoseconds
            let ready = now.uptimeNanoseconds + UInt64(latency)
            if ready >= UInt64(max(0, start)), ready < UInt64(max(0, end)) {
                decision.delayNanoseconds = end - Int64(now.uptimeNanoseconds)
                counted.stalled = 1
            }
        }
        let hasLatency = settings.latency != nil && settings.latency != .fixed(.zero)
        statistics.withLockedValue { total in
            total.requests += counted.requests
            total.rateLimited += counted.rateLimited
            total.injectedErrors += counted.injectedErrors
            total.dropped += counted.dropped
            total.stalled += counted.stalled
            if hasLatency { total.sampledLatency.record(Duration.nanoseconds(latency).totalMilliseconds) }
        }
        return decision
    }

    /// The global rate limit as it stands, nothing taken (nil: none): for answers sent before
    /// any operation is matched (`413`, malformed HTTP).
    func globalRateLimit(now: NIODeadline) -> RateLimitState? {
        buckets[buckets.count - 1]?.peek(now: now)
    }

    /// Records the delay the server really applied to one delayed response.
    func recordMeasuredDelay(nanoseconds: Int64) {
        statistics.withLockedValue { $0.measuredDelay.record(Duration.nanoseconds(nanoseconds).totalMilliseconds) }
    }

    /// A snapshot of the counters.
    var snapshot: MockStatistics { statistics.withLockedValue { $0 } }

    private func firstRequestUptime(now: NIODeadline) -> Int64 {
        let mine = Int64(now.uptimeNanoseconds)
        let (exchanged, original) = firstRequest.compareExchange(expected: 0, desired: mine, ordering: .relaxed)
        return exchanged ? mine : original
    }
}
