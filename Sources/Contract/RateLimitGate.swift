// The door every request of a contract run goes through: it holds a request while the
// account's allowance is low (until X-RateLimit-Reset) and spaces requests by --max-rps, for
// all scenarios together (docs/rate-limits.md). An actor, since parallel scenarios share it;
// a contract run sends at the pace of people reading its report, so one hop per request is
// no cost worth saving.
import Curl
import Foundation
import Report

/// What the gate decided for one request, before it goes.
struct GateAdmission: Equatable, Sendable {
    /// Held until the rate-limit window reopens, in ns (0: not held).
    var pacedNanoseconds: UInt64 = 0
    /// The window that made it low: what the server said remained, and its limit.
    var remaining: Int?
    var limit: Int?
    /// Then waited for its `--max-rps` slot, in ns.
    var spacedNanoseconds: UInt64 = 0
    /// The request's place in the run's order of sends, to hand back with its answer.
    var ticket = 0

    /// The whole wait, in ns.
    var totalNanoseconds: UInt64 { pacedNanoseconds + spacedNanoseconds }
}

/// The rate-limit state of one contract run, shared by its scenarios.
actor RateLimitGate {
    /// The allowance the answers name; nil with rate-limit manners off.
    private var allowance: RateLimitAllowance?
    /// `--max-rps`: the spacing between requests (ns) and the next free slot.
    private let spacing: UInt64?
    private var nextSlot: UInt64 = 0
    /// The tickets of requests admitted and not yet answered (or given up).
    private var unanswered: Set<Int> = []

    /// A gate that paces by X-RateLimit-* when `manners` (holding at most `longestHold`) and
    /// spaces requests `1 / maxRequestsPerSecond` apart when given.
    init(manners: Bool, maxRequestsPerSecond: Double?, longestHold: Duration) {
        allowance = manners ? RateLimitAllowance(senders: 1, longestHold: UInt64(max(0, longestHold.totalNanoseconds))) : nil
        // A rate under one request in 146 years is as good as none: no trap on 1e-300.
        spacing = maxRequestsPerSecond.map { rate in
            rate > 0 && 1 / rate < 4.6e9 ? UInt64((1e9 / rate).rounded()) : UInt64(1) << 62
        }
    }

    /// Plans the request about to go at `now` (monotonic ns) and counts it as sent: held while
    /// the allowance is low (unless `paced` is false: a step that expects the 429 itself), then
    /// spaced from the previous request by `--max-rps`.
    func admit(now: UInt64, paced: Bool) -> GateAdmission {
        var admission = GateAdmission()
        var start = now
        if paced, let until = allowance?.holdUntil(now: now), until > now {
            admission.pacedNanoseconds = until - now
            admission.remaining = allowance?.window?.remaining
            admission.limit = allowance?.window?.limit
            start = until
        }
        if let spacing {
            let slot = max(start, nextSlot)
            nextSlot = slot &+ spacing
            admission.spacedNanoseconds = slot - start
        }
        admission.ticket = allowance?.recordSend() ?? 0
        unanswered.insert(admission.ticket)
        return admission
    }

    /// The request admitted with `ticket` ended at `now`: answered with these headers, or not
    /// sent or answered at all (nil). `wallNow` is the wall clock (Unix seconds), for an epoch
    /// X-RateLimit-Reset.
    func answered(_ headers: HTTPHeaders?, ticket: Int, now: UInt64, wallNow: Double) {
        unanswered.remove(ticket)
        guard let headers else { return }
        allowance?.observe(RateLimitHeaders(headers, now: wallNow), now: now, ticket: ticket,
                           unansweredBefore: unanswered.count(where: { $0 < ticket }))
    }
}

extension ContractRunner {
    /// Waits at the gate before a request: notes a pacing hold on the step (a `--max-rps`
    /// slot is only counted) and adds both to `waits`. The request's ticket, for `leaveGate`;
    /// nil when interrupted (Ctrl-C) while waiting: the request must not go.
    func passGate(paced: Bool, notes: inout [String], waits: inout ContractRateLimitWaits) async -> Int? {
        let admission = await gate.admit(now: MonotonicClock.now(), paced: paced)
        guard admission.totalNanoseconds > 0 else { return admission.ticket }
        let held = Self.readable(admission.pacedNanoseconds)
        do {
            try await Task.sleep(for: .nanoseconds(Int64(admission.totalNanoseconds)))
        } catch {
            await gate.answered(nil, ticket: admission.ticket, now: MonotonicClock.now(), wallNow: Date().timeIntervalSince1970)
            notes.append(admission.pacedNanoseconds > 0
                ? "interrupted while waiting \(held) for X-RateLimit-Reset, not sent"
                : "interrupted while waiting for the --max-rps slot, not sent")
            return nil
        }
        if admission.pacedNanoseconds > 0 {
            // Only parsed counts are echoed: server text is untrusted.
            let left = admission.remaining.map { remaining in admission.limit.map { "\(remaining) of \($0)" } ?? "\(remaining)" } ?? "low"
            notes.append("X-RateLimit-Remaining \(left): waited \(held) for X-RateLimit-Reset before sending")
            waits.paced += 1
            waits.pacedSeconds += Double(admission.pacedNanoseconds) / 1e9
        }
        if admission.spacedNanoseconds > 0 {
            waits.maxRPS += 1
            waits.maxRPSSeconds += Double(admission.spacedNanoseconds) / 1e9
        }
        return admission.ticket
    }

    /// Tells the gate the request with `ticket` has ended, and what its answer (if any) said
    /// of the rate limit.
    func leaveGate(_ headers: HTTPHeaders?, ticket: Int) async {
        await gate.answered(headers, ticket: ticket, now: MonotonicClock.now(), wallNow: Date().timeIntervalSince1970)
    }

    /// A wait as notes show it: whole milliseconds, as a Duration prints them (`1.25 seconds`).
    static func readable(_ nanoseconds: UInt64) -> Duration {
        .milliseconds(Int64(min(nanoseconds, UInt64(Int64.max / 2)) / 1_000_000))
    }
}
