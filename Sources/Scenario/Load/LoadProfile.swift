// The in-memory form of a load profile (`scenarios/load/*.yaml`): how iterations are
// started, for how long, which scenarios they run, and the thresholds to judge.

import OpenAPI
import Quantities

/// One load profile, parsed and checked (every mixed-in scenario file exists).
public struct LoadProfile: Sendable {
    /// The highest arrival rate a profile or `--rate` may ask for: the `--max-rps` bound, far
    /// above what one machine starts, and low enough that a run's arrival count and times
    /// stay exact integers.
    public static let maxArrivalsPerSecond = 10_000_000.0
    /// What a rate above `maxArrivalsPerSecond` is told, in a profile or `--rate`.
    public static let arrivalRateBound = "expected at most 10000000/s (10 million arrivals a second)"
    /// The most virtual users a profile or `--vus` may ask for (`vus`, `max_vus`, `start_vus`,
    /// a ramping-vus stage's target). Each user may hold a connection, so a file descriptor,
    /// and Linux allows a process at most 1,048,576 by default (`fs.nr_open`).
    public static let maxUsers = 1_000_000
    /// What a user count above `maxUsers` is told, in a profile or `--vus`.
    public static let usersBound = "expected at most 1000000 users (each may hold a connection, and so a file descriptor)"
    /// The most a mix's weights may add up to, once divided by their common factor: a run
    /// cycles through them one iteration each, so the cycle is kept that long in memory.
    public static let maxMixCycle = 100_000

    /// How virtual users or iterations are scheduled.
    public enum Executor: String, Sendable, Hashable, CaseIterable {
        /// A fixed number of looping users for `duration`.
        case constantVUs = "constant-vus"
        /// Looping users whose number follows `stages`.
        case rampingVUs = "ramping-vus"
        /// Iterations started at `rate` for `duration` (open model).
        case constantArrivalRate = "constant-arrival-rate"
        /// Iterations started at a rate that follows `stages` (open model).
        case rampingArrivalRate = "ramping-arrival-rate"

        /// True for the open-model executors, which start iterations at a rate.
        public var isArrivalRate: Bool { self == .constantArrivalRate || self == .rampingArrivalRate }
        /// True for the executors driven by `stages`.
        public var isRamping: Bool { self == .rampingVUs || self == .rampingArrivalRate }
    }

    /// One stage of a ramping executor: move linearly to `target` over `duration`.
    public struct Stage: Sendable, Hashable {
        /// How long the stage lasts.
        public var duration: Duration
        /// Users at the end of the stage (ramping-vus), or iterations per second
        /// (ramping-arrival-rate; `400` and `400/s` mean the same, `30/m` is 0.5).
        public var target: Double
        /// Where the stage stands in the file.
        public var location: SourceLocation
    }

    /// One scenario of the mix and how often it is chosen.
    public struct MixEntry: Sendable, Hashable {
        /// The scenario file, resolved against the profile's folder.
        public var scenarioPath: String
        /// The path as written in the profile.
        public var writtenPath: String
        /// The relative weight (≥ 1).
        public var weight: Int
        /// Where the entry stands in the file.
        public var location: SourceLocation
    }

    /// One threshold expression as written (`p99(listAgents) < 300ms`); the Report module
    /// parses and judges it.
    public struct Threshold: Sendable, Hashable {
        /// The expression text.
        public var expression: String
        /// Whether a failure stops the run at once (`{ expr: ..., abort_on_fail: true }`).
        public var abortOnFail: Bool
        /// Where the expression stands in the file, for messages about it.
        public var location: SourceLocation
    }

    /// A per-operation rate cap (`budgets: { sendMessage: 50/s }`).
    public struct Budget: Sendable, Hashable {
        /// The operationId it caps.
        public var operationId: String
        /// The most requests of the operation the run may send.
        public var rate: Rate
        /// Where the operationId stands in the file.
        public var location: SourceLocation
    }

    /// A pause a virtual user takes after each step (`think: 1s`, or `think: 1s..3s` for a
    /// uniformly random pause).
    public struct ThinkTime: Sendable, Hashable {
        /// The shortest pause.
        public var minimum: Duration
        /// The longest pause (equal to `minimum` for a fixed one).
        public var maximum: Duration
    }

    /// The profile's `name`, or the file name without extension.
    public var name: String
    /// The profile file as given to the loader.
    public var file: String
    /// The profile file's text as read, for the plan's hash (a pipe cannot be read twice).
    public var text = ""
    /// The scheduling model.
    public var executor: Executor
    /// Iterations started per unit of time (constant-arrival-rate).
    public var rate: Rate?
    /// How long the run lasts (constant executors).
    public var duration: Duration?
    /// Users (constant-vus), or pre-allocated users (arrival-rate executors).
    public var vus: Int?
    /// Ceiling of users for arrival-rate executors; iterations beyond it are dropped.
    public var maxVUs: Int?
    /// The stages of ramping executors, in order.
    public var stages: [Stage]
    /// The scenarios run by iterations, chosen by weight.
    public var mix: [MixEntry]
    /// The pass/fail thresholds, in file order.
    public var thresholds: [Threshold]
    /// How long in-flight iterations may finish after the schedule ends (nil: the default).
    public var gracefulStop: Duration?
    /// Per-operation rate caps, in file order.
    public var budgets: [Budget]
    /// The rate a ramping-arrival-rate run starts at, per second (`start_rate`; default 0).
    public var startRate: Double?
    /// The virtual users a ramping-vus run starts with (`start_vus`; default 0).
    public var startVUs: Int?
    /// The pause after each step, if any.
    public var think: ThinkTime?
    /// `target: live`: the profile is meant for a live account, so `load` needs no
    /// `--allow-live-load` for it (nil: the key is absent).
    public var declaredTarget: DeclaredTarget? = nil

    /// What a profile's `target` key may say.
    public enum DeclaredTarget: String, Sendable, Hashable, CaseIterable {
        /// Written for a live account: its rate and duration were chosen with real limits in mind.
        case live
    }

    /// Whether a run of this profile may go to a target of `kind`: anything not live may;
    /// a live target needs `--allow-live-load` (`allowLiveLoad`) or `target: live` here,
    /// since pointing a profile at a real account by accident costs its owner real limits.
    public func permitsLoad(of kind: TargetKind, allowLiveLoad: Bool) -> Bool {
        !kind.isLive || allowLiveLoad || declaredTarget == .live
    }

    /// The length of the run: `duration`, or the sum of the stages.
    public var totalDuration: Duration {
        duration ?? stages.reduce(Duration.zero) { $0 + $1.duration }
    }
}
