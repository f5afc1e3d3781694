// A loopback server that keeps a rate limit the way Freshchat's live API is observed to
// (issue 13): a fixed window of `limit` requests, aligned to whole seconds; every answer
// carries X-RateLimit-Limit, -Remaining and -Reset (the window's end, Unix seconds); past the
// limit, 429 with Freshchat's error body and no Retry-After. It counts what it answered, so
// that a test can compare the 429s of two runs. Built on HostileServer.
import Foundation
import NIOConcurrencyHelpers

final class RateLimitedServer: Sendable {
    /// What the server answered so far.
    struct Counts: Equatable {
        var answered = 0
        var throttled = 0
    }

    private struct State {
        var windowStart = 0
        var used = 0
        var counts = Counts()
    }

    let limit: Int
    let windowSeconds: Int
    private let server: HostileServer
    private let state: NIOLockedValueBox<State>

    /// `http://127.0.0.1:PORT/v2`.
    var baseURL: String { server.baseURL }

    /// What the server answered so far.
    var counts: Counts { state.withLockedValue { $0.counts } }

    /// Starts a server allowing `limit` requests per window of `windowSeconds`; nil when no
    /// loopback socket could be bound.
    init?(limit: Int, windowSeconds: Int = 1) {
        let state = NIOLockedValueBox(State())
        guard let server = HostileServer(script: { _ in
            let now = Date().timeIntervalSince1970
            let (used, windowStart) = state.withLockedValue { state in
                let start = Int(now) / windowSeconds * windowSeconds
                if start != state.windowStart {
                    state.windowStart = start
                    state.used = 0
                }
                state.used += 1
                state.counts.answered += 1
                if state.used > limit { state.counts.throttled += 1 }
                return (state.used, start)
            }
            let headers = [("X-RateLimit-Limit", "\(limit)"), ("X-RateLimit-Remaining", "\(max(0, limit - used))"),
                           ("X-RateLimit-Reset", "\(windowStart + windowSeconds)")]
            guard used <= limit else {
                return .json(429, #"{"code": 429, "status": "TOO_MANY_REQUESTS", "message": "Rate limit exceeded"}"#, headers: headers)
            }
            return .json(200, #"{"ok": true}"#, headers: headers)
        }) else { return nil }
        self.limit = limit
        self.windowSeconds = windowSeconds
        self.server = server
        self.state = state
    }

    func stop() {
        server.stop()
    }
}
