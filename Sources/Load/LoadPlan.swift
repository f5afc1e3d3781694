// A load run, fully decided: the profile with the flags applied, its scenarios compiled, the
// target, the shard and the threads. Everything the engine needs, checked before it starts.
import Curl
import OpenAPI
import Quantities
import Redaction
import Report
import Scenario

/// Where a load run sends its requests.
public struct LoadTarget: Sendable {
    /// The base URL and the token.
    public var requests: RequestTarget
    /// How reports name it (no credentials), e.g. `http://127.0.0.1:PORT/v2 (embedded mock)`.
    public var label: String
    /// Per-request transport settings.
    public var transfer: TransferOptions

    /// Creates a target.
    public init(baseURL: String, token: String?, label: String? = nil, transfer: TransferOptions) {
        requests = RequestTarget(baseURL: baseURL, token: token)
        self.label = label ?? redactedURL(requests.baseURL)
        self.transfer = transfer
    }
}

/// A load run, decided and checked.
public struct LoadPlan: Sendable {
    /// How iterations are scheduled.
    public enum Schedule: Sendable, Equatable {
        /// `vus` looping users for `duration` seconds.
        case constantVUs(vus: Int, duration: Double)
        /// Looping users moving from `start` through `stages` (seconds, users).
        case rampingVUs(start: Int, stages: [PlannedStage])
        /// `rate` iterations per second for `duration` seconds.
        case constantArrivalRate(rate: Double, duration: Double)
        /// Iterations per second moving from `start` through `stages` (seconds, per second).
        case rampingArrivalRate(start: Double, stages: [PlannedStage])

        /// The executor's name, as profiles write it.
        public var executorName: String {
            switch self {
            case .constantVUs: return "constant-vus"
            case .rampingVUs: return "ramping-vus"
            case .constantArrivalRate: return "constant-arrival-rate"
            case .rampingArrivalRate: return "ramping-arrival-rate"
            }
        }

        /// Whether iterations start on a schedule whatever the server does (latency from the
        /// intended start), as opposed to users waiting for their responses.
        public var isOpenModel: Bool {
            switch self {
            case .constantArrivalRate, .rampingArrivalRate: return true
            case .constantVUs, .rampingVUs: return false
            }
        }

        /// Whether the load moves through stages (a capacity search reads its seconds).
        public var isRamping: Bool {
            switch self {
            case .rampingVUs, .rampingArrivalRate: return true
            case .constantVUs, .constantArrivalRate: return false
            }
        }

        /// How long the schedule lasts, in seconds.
        public var durationSeconds: Double {
            switch self {
            case .constantVUs(_, let duration), .constantArrivalRate(_, let duration): return duration
            case .rampingVUs(_, let stages), .rampingArrivalRate(_, let stages):
                return stages.reduce(0) { $0 + $1.durationSeconds }
            }
        }

        /// The schedule's pacer, for the arrival-rate executors.
        var pacer: (any Pacer)? {
            switch self {
            case .constantArrivalRate(let rate, let duration): return ConstantPacer(rate: rate, duration: duration)
            case .rampingArrivalRate(let start, let stages):
                return RampingPacer(startRate: start, stages: stages.map { ($0.durationSeconds, $0.target) })
            case .constantVUs, .rampingVUs: return nil
            }
        }
    }

    /// The profile's name.
    public var name: String
    /// The profile file as given.
    public var file: String
    /// A hash of the profile, its scenarios and the flags that change the plan.
    public var profileHash: String
    /// The schedule.
    public var schedule: Schedule
    /// constant-vus: its users; arrival-rate: users made before the start.
    public var vus: Int
    /// Arrival-rate: the ceiling of users; arrivals beyond it are dropped.
    public var maxVUs: Int
    /// How long in-flight iterations may finish after the schedule ends.
    public var gracefulStop: Duration
    /// The pause after each step.
    public var think: LoadProfile.ThinkTime?
    /// The scenarios, compiled.
    public var mix: CompiledMix
    /// Per-operation rate caps, per second, for the whole run.
    public var budgets: [String: Double]
    /// The thresholds, parsed.
    public var thresholds: [Threshold]
    /// The share of responses validated against the spec (0...1).
    public var validateSample: Double
    /// The compiled response validators of the spec.
    public var validators: SpecValidators
    /// Samples that may wait for the validator; more are skipped and counted. Not a flag: the
    /// default holds a second of 1% sampling at 100k req/s, and tests set 0 to fill it at once.
    var validationQueueCapacity = SampledValidation.defaultQueueCapacity
    /// This run's shard, 0-based, and how many there are.
    public var shard: Int
    /// How many shards the whole run has.
    public var shards: Int
    /// Event-loop threads.
    public var threads: Int
    /// A shared start time (Unix seconds) for all shards; nil starts at once.
    public var startAt: Double?
    /// Where requests go.
    public var target: LoadTarget
    /// Fixes `{{uuid}}` and `{{random.*}}` so a run repeats.
    public var seed: UInt64?
    /// The process environment, for `{{env.NAME}}`.
    public var environment: [String: String]
    /// The longest wait honoured after a 429; longer `Retry-After`s are cut to it (and counted).
    /// Also the longest pacing hold: a reset further away is not waited for.
    public var maxRetryWait: Duration
    /// Pace by X-RateLimit-* and back off after a 429 that names no wait (docs/rate-limits.md).
    public var rateLimitManners: Bool
    /// `--max-rps`: requests per second for the whole run, split between threads and shards.
    public var maxRequestsPerSecond: Double?
    /// The profile's highest arrival rate, when `--max-rps` was lower and the schedule was cut to it.
    public var cappedProfileRate: Double?
    /// The id creates are tagged with (`fcharness_run_id`), for a live target only.
    public var runID: String?

    /// Users this process may run at most (its shard's share of the ceiling).
    public var maxVUsOfShard: Int {
        (0..<threads).reduce(0) { total, thread in
            total + LoadShare(shard: shard, shards: shards, thread: thread, threads: threads).count(of: maxVUs)
        }
    }
}
