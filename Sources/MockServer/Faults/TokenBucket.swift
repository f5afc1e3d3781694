// The rate limiter behind `--rate-limit`: a token bucket holding at most one second's worth
// of requests (at least one), refilled continuously.
import NIOCore
import Quantities
import NIOConcurrencyHelpers

/// A thread-safe token bucket.
final class TokenBucket: Sendable {
    private struct State {
        var tokens: Double
        var lastRefill: NIODeadline
    }

    let perSecond: Double
    private let capacity: Double
    private let state: NIOLockedValueBox<State>

    init(rate: RequestRate) {
        perSecond = rate.perSecond
        capacity = max(1, rate.perSecond.rounded(.down))
        state = NIOLockedValueBox(State(tokens: max(1, rate.perSecond.rounded(.down)), lastRefill: .now()))
    }

    /// Takes a token; when none is left, returns the whole seconds until one will be
    /// (at least 1, as `Retry-After` counts in whole seconds).
    func take(now: NIODeadline) -> Int? {
        state.withLockedValue { state in
            let elapsed = Duration.nanoseconds((now - state.lastRefill).nanoseconds).totalSeconds
            if elapsed > 0 {
                state.tokens = min(capacity, state.tokens + elapsed * perSecond)
                state.lastRefill = now
            }
            if state.tokens >= 1 {
                state.tokens -= 1
                return nil
            }
            let wait = (1 - state.tokens) / perSecond
            return max(1, Int(wait.rounded(.up)))
        }
    }
}
