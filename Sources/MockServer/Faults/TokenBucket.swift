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

    /// Takes a token if there is one; the state says whether it did, and when one will be
    /// there if not (whole seconds, at least 1, as `Retry-After` counts).
    func take(now: NIODeadline) -> RateLimitState {
        state.withLockedValue { state in
            refill(&state, now: now)
            var retryAfter: Int?
            if state.tokens >= 1 {
                state.tokens -= 1
            } else {
                let wait = (1 - state.tokens) / perSecond
                retryAfter = max(1, Int(wait.rounded(.up)))
            }
            return reading(state, retryAfter: retryAfter)
        }
    }

    /// The state without taking a token: for answers no operation was counted for (a `413`,
    /// malformed HTTP), which still say where the limit stands.
    func peek(now: NIODeadline) -> RateLimitState {
        state.withLockedValue { state in
            refill(&state, now: now)
            return reading(state, retryAfter: nil)
        }
    }

    private func refill(_ state: inout State, now: NIODeadline) {
        let elapsed = Duration.nanoseconds((now - state.lastRefill).nanoseconds).totalSeconds
        if elapsed > 0 {
            state.tokens = min(capacity, state.tokens + elapsed * perSecond)
            state.lastRefill = now
        }
    }

    private func reading(_ state: State, retryAfter: Int?) -> RateLimitState {
        let untilFull = Duration.seconds((capacity - state.tokens) / perSecond).totalNanoseconds
        return RateLimitState(
            limit: Int(capacity), remaining: Int(state.tokens.rounded(.down)), nanosecondsUntilFull: untilFull,
            retryAfterSeconds: retryAfter)
    }
}
