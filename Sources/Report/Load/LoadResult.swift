// The result model of a load run: plain values that every rendering (console summary,
// results file, and later HTML, Markdown, compare and merge) reads. Load fills it.
import Histogram

/// Everything a load run measured: the results file (`fcharness-results/1`) in memory.
public struct LoadResult: Sendable {
    /// How the run was set up and when it ran.
    public var run: LoadRunInfo
    /// Per operationId: counts, statuses, errors and latency histograms.
    public var operations: [String: OperationResult]
    /// Every operation together: the sum of `operations`.
    public var overall: OperationResult
    /// What happened to iterations (started, completed, dropped, interrupted).
    public var iterations: IterationCounts
    /// Open model only: how late each iteration's first request went out behind its intended
    /// start, in µs (the generator's own lag; zero-width when it keeps up).
    public var lateness: Histogram<UInt64>
    /// One entry per second of the run, keyed by Unix epoch second, in order.
    public var windows: [SecondWindow]
    /// The verdict of each threshold, in profile order.
    public var thresholds: [ThresholdVerdict]
    /// Each distinct error, with its count and a sample.
    public var errors: [ErrorSummary]
    /// Each distinct failed check (expectation or capture), with its count and a sample.
    public var failedChecks: [CheckFailureSummary]
    /// Contract violations found by sampled validation, per (operation, pointer, keyword).
    public var violations: [ViolationSummary]
    /// Schema patterns sampled validation did not run on some values, per (operation, pattern).
    public var uncheckedPatterns: [UncheckedPatternSummary] = []
    /// Sampled validation: how many responses were sampled, validated and skipped.
    public var validation: ValidationCounts
    /// 429 handling: holds, waits and the waits that hit the cap.
    public var rateLimits: RateLimitCounts
    /// True when Ctrl-C or SIGTERM cut the run short; the results so far are kept.
    public var interrupted: Bool
    /// The threshold expression that stopped the run early (`abort_on_fail`), if any.
    public var abortedBy: String?
    /// Ramping runs: the highest throughput sustained while the thresholds held, per second.
    public var capacity: SustainedCapacity?

    /// Creates a result.
    public init(
        run: LoadRunInfo, operations: [String: OperationResult], overall: OperationResult, iterations: IterationCounts,
        lateness: Histogram<UInt64>, windows: [SecondWindow], thresholds: [ThresholdVerdict], errors: [ErrorSummary],
        failedChecks: [CheckFailureSummary], violations: [ViolationSummary], validation: ValidationCounts,
        rateLimits: RateLimitCounts, interrupted: Bool, abortedBy: String?
    ) {
        self.run = run
        self.operations = operations
        self.overall = overall
        self.iterations = iterations
        self.lateness = lateness
        self.windows = windows
        self.thresholds = thresholds
        self.errors = errors
        self.failedChecks = failedChecks
        self.violations = violations
        self.validation = validation
        self.rateLimits = rateLimits
        self.interrupted = interrupted
        self.abortedBy = abortedBy
    }

    /// Completed requests per second over the run's duration.
    public var requestsPerSecond: Double {
        run.durationSeconds > 0 ? Double(overall.requests) / run.durationSeconds : 0
    }

    /// Completed requests per second for one operation (0 when it has none).
    public func requestsPerSecond(of operation: String) -> Double {
        guard run.durationSeconds > 0, let result = operations[operation] else { return 0 }
        return Double(result.requests) / run.durationSeconds
    }

    /// Whether every threshold held and nothing cut the run short.
    public var passed: Bool {
        thresholds.allSatisfy(\.ok) && !interrupted && abortedBy == nil
    }
}

/// How a load run was set up: the profile, the plan, the target and the machine.
public struct LoadRunInfo: Sendable {
    /// The most shards a run may be split into (`--shard I/N`); `merge` adds up that many files.
    public static let maxShards = 1024

    /// The profile's `name`.
    public var profile: String
    /// The profile file as given.
    public var profileFile: String
    /// A hash of the profile's text and the flags that change the plan: shards of one run and
    /// a baseline and its comparison must share it.
    public var profileHash: String
    /// `constant-vus`, `ramping-vus`, `constant-arrival-rate` or `ramping-arrival-rate`.
    public var executor: String
    /// `open` (arrival rate: latency from the intended start) or `closed` (VUs: from the send).
    public var model: String
    /// When the run started (RFC 3339, UTC, milliseconds).
    public var started: String
    /// The same instant as Unix seconds; per-second windows count from whole seconds of it.
    public var startedEpochSeconds: Double
    /// From the start to the end of the last transfer, in seconds.
    public var durationSeconds: Double
    /// The planned length of the schedule, in seconds (stages summed for ramping executors).
    public var plannedDurationSeconds: Double
    /// The planned arrival rate per second (constant-arrival-rate), if any.
    public var plannedRate: Double?
    /// Iterations the schedule planned for this run or shard (arrival-rate executors).
    public var plannedIterations: Int?
    /// Virtual users: constant-vus' count, or arrival-rate's pre-allocated ones.
    public var vus: Int?
    /// Arrival-rate executors' ceiling of virtual users.
    public var maxVUs: Int?
    /// The stages of a ramping executor: duration in seconds and target.
    public var stages: [PlannedStage]
    /// How long in-flight iterations may finish after the schedule ends, in seconds.
    public var gracefulStopSeconds: Double
    /// The share of responses validated against the spec.
    public var validateSample: Double
    /// The target's base URL, without credentials.
    public var target: String
    /// How many shards the whole run has (1 unless `--shard`).
    public var shards: Int
    /// Which shard this is, 1-based (nil for an unsharded run or a merge of every shard).
    public var shard: Int?
    /// Event-loop threads that generated the load.
    public var threads: Int
    /// The fcharness version that ran.
    public var version: String
    /// The machine that ran it.
    public var machine: MachineInfo
    /// The id the run's creates were tagged with (`fcharness_run_id`): set only for a run
    /// against a live target; a merge of shards that tagged with different ids lists each.
    public var runID: String?

    /// Creates run information.
    public init(
        profile: String, profileFile: String, profileHash: String, executor: String, model: String, started: String,
        startedEpochSeconds: Double, durationSeconds: Double, plannedDurationSeconds: Double, plannedRate: Double?,
        plannedIterations: Int?, vus: Int?, maxVUs: Int?, stages: [PlannedStage], gracefulStopSeconds: Double,
        validateSample: Double, target: String, shards: Int, shard: Int?, threads: Int, version: String, machine: MachineInfo
    ) {
        self.profile = profile
        self.profileFile = profileFile
        self.profileHash = profileHash
        self.executor = executor
        self.model = model
        self.started = started
        self.startedEpochSeconds = startedEpochSeconds
        self.durationSeconds = durationSeconds
        self.plannedDurationSeconds = plannedDurationSeconds
        self.plannedRate = plannedRate
        self.plannedIterations = plannedIterations
        self.vus = vus
        self.maxVUs = maxVUs
        self.stages = stages
        self.gracefulStopSeconds = gracefulStopSeconds
        self.validateSample = validateSample
        self.target = target
        self.shards = shards
        self.shard = shard
        self.threads = threads
        self.version = version
        self.machine = machine
    }

    /// Whether latency is measured from the intended start (arrival-rate executors).
    public var isOpenModel: Bool { model == "open" }
}

/// One stage of a ramping executor, as planned.
public struct PlannedStage: Sendable, Hashable {
    /// How long the stage lasts, in seconds.
    public var durationSeconds: Double
    /// VUs (ramping-vus) or iterations per second (ramping-arrival-rate) at its end.
    public var target: Double

    /// Creates a stage.
    public init(durationSeconds: Double, target: Double) {
        self.durationSeconds = durationSeconds
        self.target = target
    }
}

/// The machine a run came from, so a comparison can warn when two runs' machines differ.
public struct MachineInfo: Sendable, Hashable {
    /// The host name.
    public var hostname: String
    /// Logical CPUs.
    public var cores: Int
    /// Operating system and architecture, e.g. `Linux x86_64`.
    public var system: String

    /// Creates machine information.
    public init(hostname: String, cores: Int, system: String) {
        self.hostname = hostname
        self.cores = cores
        self.system = system
    }
}
