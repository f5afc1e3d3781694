// How many requests a load run plans to send and how fast, known before it starts: what a run
// against a live account announces first, so its owner sees the cost before paying it.
import Foundation
import Quantities

/// The requests a plan will send from this process (its shard), as far as they can be known.
public struct PlannedRequests: Sendable, Equatable {
    /// How sure the count is.
    public enum Count: Sendable, Equatable {
        /// Open model: iterations start on schedule, so the count follows from the plan
        /// (fewer when steps fail and end their iteration early, or arrivals are dropped).
        case about(Int)
        /// Closed model with a bound: `--max-rps` or a think time caps what users can send.
        case atMost(Int, because: String)
        /// Closed model without a bound: users send as fast as the target answers.
        case unknown
    }

    /// The count, or what is known of it.
    public var count: Count
    /// The schedule's length in seconds (graceful stop not included).
    public var durationSeconds: Double
    /// Requests per iteration: the steps of each scenario, averaged over the mix's weights.
    public var requestsPerIteration: Double
    /// Open model: the highest request rate the schedule asks for; closed model: nil.
    public var peakRate: Double?
    /// Closed model: the most users at once; open model: nil.
    public var peakVUs: Int?
    /// `--max-rps` for this process (the run's cap divided among its shards), if given.
    public var maxRequestsPerSecond: Double?
    /// Whether the schedule moves through stages (the rate shown is then its peak).
    public var isRamping: Bool

    /// What `plan` will send from this process.
    public init(_ plan: LoadPlan) {
        let entries = plan.mix.entries
        let totalWeight = entries.reduce(0) { $0 + $1.weight }
        requestsPerIteration = totalWeight == 0 ? 0
            : Double(entries.reduce(0) { $0 + $1.weight * $1.steps.count }) / Double(totalWeight)
        durationSeconds = plan.schedule.durationSeconds
        isRamping = plan.schedule.isRamping
        maxRequestsPerSecond = plan.maxRequestsPerSecond.map { $0 / Double(plan.shards) }
        // The cap holds requests back, never drops them: what it bounds is requests sent in
        // the schedule plus the graceful stop.
        let window = plan.schedule.durationSeconds + plan.gracefulStop.totalSeconds
        let cap = plan.maxRequestsPerSecond.map { $0 / Double(plan.shards) }
        let capBound = cap.map { Int(($0 * window).rounded(.up)) }

        if let pacer = plan.schedule.pacer {
            let iterations = Self.shareOfProcess(pacer.plannedArrivals, plan: plan)
            let planned = Int((Double(iterations) * requestsPerIteration).rounded())
            count = .about(capBound.map { min($0, planned) } ?? planned)
            let peakArrivals: Double
            switch plan.schedule {
            case .constantArrivalRate(let rate, _): peakArrivals = rate
            case .rampingArrivalRate(let start, let stages): peakArrivals = stages.map(\.target).reduce(start, max)
            case .constantVUs, .rampingVUs: peakArrivals = 0
            }
            let peak = peakArrivals / Double(plan.shards) * requestsPerIteration
            peakRate = cap.map { min($0, peak) } ?? peak
            peakVUs = nil
        } else {
            let users: Int
            switch plan.schedule {
            case .rampingVUs(let start, let stages): users = stages.map { Int($0.target.rounded(.up)) }.reduce(start, max)
            default: users = plan.vus
            }
            let share = Self.shareOfProcess(users, plan: plan)
            peakVUs = share
            peakRate = nil
            // A think time after every step bounds each user to one request per pause.
            let thinkBound = plan.think.flatMap { think -> Int? in
                let pause = think.minimum.totalSeconds
                guard pause > 0 else { return nil }
                return share * (Int((window / pause).rounded(.down)) + 1)
            }
            switch (capBound, thinkBound) {
            case let (cap?, think?) where cap <= think: count = .atMost(cap, because: "--max-rps")
            case let (_, think?): count = .atMost(think, because: "a think time of at least \(Self.seconds(plan.think?.minimum.totalSeconds ?? 0)) after each step")
            case let (cap?, nil): count = .atMost(cap, because: "--max-rps")
            case (nil, nil): count = .unknown
            }
        }
    }

    /// The announcement's text after `live target URL: `, e.g. `about 1,200 requests over 60 s
    /// at 20/s (--max-rps 20)` or `closed model, up to 50 VUs for 5m: the count depends on the
    /// target's latency (about 2.5 requests per iteration)`.
    public var summary: String {
        let over = "over \(Self.seconds(durationSeconds))"
        let cap = maxRequestsPerSecond.map { " (--max-rps \(Self.number($0)))" } ?? ""
        switch count {
        case .about(let requests):
            let rate = peakRate.map { " at \(isRamping ? "up to " : "")\(Self.number($0))/s" } ?? ""
            return "about \(Self.grouped(requests)) requests \(over)\(rate)\(cap)"
        case .atMost(let requests, let reason):
            return "closed model, up to \(peakVUs ?? 0) VUs \(over): at most \(Self.grouped(requests)) requests (bound by \(reason))\(cap)"
        case .unknown:
            return "closed model, up to \(peakVUs ?? 0) VUs \(over): the count depends on the target's latency "
                + "(\(Self.number(requestsPerIteration)) requests per iteration; no --max-rps or think time bounds it)"
        }
    }

    /// This process's part of `total` (arrivals or users): its shard's, over all its threads.
    private static func shareOfProcess(_ total: Int, plan: LoadPlan) -> Int {
        (0..<plan.threads).reduce(0) { sum, thread in
            sum + LoadShare(shard: plan.shard, shards: plan.shards, thread: thread, threads: plan.threads).count(of: total)
        }
    }

    /// `1,200`: counts people read at a glance.
    public static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (position, digit) in digits.enumerated() {
            if position > 0 && (digits.count - position) % 3 == 0 { out += "," }
            out.append(digit)
        }
        return (value < 0 ? "-" : "") + out
    }

    /// `20`, `0.5`, `2.33`: a rate or ratio without a float's trailing `.0`.
    static func number(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        return rounded == rounded.rounded() && abs(rounded) < 1e15 ? String(Int64(rounded)) : String(rounded)
    }

    /// `60 s`, `4.5 s`.
    static func seconds(_ value: Double) -> String { "\(number(value)) s" }
}
