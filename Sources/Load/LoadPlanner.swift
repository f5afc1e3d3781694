// Turns a loaded profile and the command line into a LoadPlan: flags override the profile,
// scenarios are loaded and their templates checked, thresholds and budgets are parsed and
// checked against the spec. Every problem is bad input, reported before anything is sent.
import Foundation
import OpenAPI
import Quantities
import Report
import Scenario
import YAMLSource

/// What the command line changes in a profile (`load --rate --vus --duration ...`).
public struct LoadOverrides: Sendable {
    /// `--rate`: constant-arrival-rate's rate.
    public var rate: Rate?
    /// `--vus`: constant-vus' users, or arrival-rate's pre-allocated users.
    public var vus: Int?
    /// `--duration`: a constant executor's duration.
    public var duration: Duration?
    /// `--threads`: event-loop threads (nil: one per core).
    public var threads: Int?
    /// `--shard I/N`: this run's shard, 1-based, and the number of shards.
    public var shard: (index: Int, count: Int)?
    /// `--validate-sample F`.
    public var validateSample: Double?
    /// `--start-at`: the shared start, in Unix seconds.
    public var startAt: Double?
    /// `--seed`.
    public var seed: UInt64?
    /// `--var NAME=VALUE` flags.
    public var variableFlags: [String: String]
    /// The process environment (`FCHARNESS_VAR_*`, `{{env.NAME}}`).
    public var environment: [String: String]
    /// `--max-rps`: requests per second for the whole run (all threads and shards).
    public var maxRequestsPerSecond: Double?
    /// False with `--no-rate-limit-manners`: no pacing by X-RateLimit-*, no backoff.
    public var rateLimitManners: Bool
    /// The tag creates carry into a live target (`fcharness_run_id`); nil for the mock and
    /// loopback targets.
    public var runTag: RunTag?

    /// No overrides.
    public init(
        rate: Rate? = nil, vus: Int? = nil, duration: Duration? = nil, threads: Int? = nil, shard: (index: Int, count: Int)? = nil,
        validateSample: Double? = nil, startAt: Double? = nil, seed: UInt64? = nil, variableFlags: [String: String] = [:],
        environment: [String: String] = [:], maxRequestsPerSecond: Double? = nil, rateLimitManners: Bool = true
    ) {
        self.maxRequestsPerSecond = maxRequestsPerSecond
        self.rateLimitManners = rateLimitManners
        self.rate = rate
        self.vus = vus
        self.duration = duration
        self.threads = threads
        self.shard = shard
        self.validateSample = validateSample
        self.startAt = startAt
        self.seed = seed
        self.variableFlags = variableFlags
        self.environment = environment
    }
}

/// Builds load plans.
public enum LoadPlanner {
    /// The default share of responses validated against the spec.
    public static let defaultValidateSample = 0.01
    /// The default `graceful_stop`.
    public static let defaultGracefulStop = Duration.seconds(10)
    /// Arrival-rate executors without `vus`: users made before the start.
    public static let defaultPreallocatedVUs = 10
    /// Arrival-rate executors without `max_vus`: the ceiling of users.
    public static let defaultMaxVUs = 100
    /// The `--max-rps` values taken: below one request in about 17 minutes, or above what any
    /// run sends, it is a typo.
    public static let maxRequestsPerSecondRange = 0.001...10_000_000.0

    /// Plans a run of `profile` with `overrides` against `target`.
    public static func plan(
        profile: LoadProfile, overrides: LoadOverrides, index: OperationIndex, validators: SpecValidators,
        target: LoadTarget, maxRetryWait: Duration = .seconds(60)
    ) throws(LoadPlanError) -> LoadPlan {
        let (profileSchedule, vus, maxVUs) = try schedule(of: profile, overrides: overrides)
        var schedule = profileSchedule
        var cappedProfileRate: Double?
        if let cap = overrides.maxRequestsPerSecond {
            guard maxRequestsPerSecondRange.contains(cap) else {
                throw LoadPlanError(message: "--max-rps \(cap): expected requests per second from 0.001 to 10000000, e.g. 5 or 0.5")
            }
            (schedule, cappedProfileRate) = ArrivalRateCap.capped(profileSchedule, at: cap)
        }
        let mix = try compileMix(profile, index: index, overrides: overrides)
        let budgets = try checkedBudgets(profile, index: index)
        let thresholds = try parsedThresholds(profile, index: index)

        let validateSample = overrides.validateSample ?? defaultValidateSample
        guard validateSample >= 0, validateSample <= 1 else {
            throw LoadPlanError(message: "--validate-sample \(validateSample): expected a share between 0 and 1, e.g. 0.01")
        }
        let (shard, shards) = overrides.shard ?? (1, 1)
        guard shards >= 1, shard >= 1, shard <= shards else {
            throw LoadPlanError(message: "--shard \(shard)/\(shards): expected I/N with 1 ≤ I ≤ N, e.g. 1/4")
        }
        let threads = overrides.threads ?? ProcessInfo.processInfo.activeProcessorCount
        guard threads >= 1, threads <= 256 else {
            throw LoadPlanError(message: "--threads \(threads): expected 1 to 256")
        }
        return LoadPlan(
            name: profile.name, file: profile.file,
            profileHash: profileHash(profile, mix: mix, schedule: schedule, vus: vus, maxVUs: maxVUs),
            schedule: schedule, vus: vus, maxVUs: maxVUs,
            gracefulStop: profile.gracefulStop ?? defaultGracefulStop, think: profile.think, mix: mix,
            budgets: budgets, thresholds: thresholds, validateSample: validateSample, validators: validators,
            shard: shard - 1, shards: shards, threads: threads, startAt: overrides.startAt, target: target,
            seed: overrides.seed, environment: overrides.environment, maxRetryWait: maxRetryWait,
            rateLimitManners: overrides.rateLimitManners, maxRequestsPerSecond: overrides.maxRequestsPerSecond,
            cappedProfileRate: cappedProfileRate, runID: overrides.runTag?.runID)
    }

    // MARK: The schedule

    private static func schedule(of profile: LoadProfile, overrides: LoadOverrides) throws(LoadPlanError) -> (LoadPlan.Schedule, Int, Int) {
        let executor = profile.executor
        if overrides.rate != nil, executor != .constantArrivalRate {
            throw LoadPlanError(message: "--rate applies to executor constant-arrival-rate; \(profile.file) uses \(executor.rawValue)")
        }
        if overrides.duration != nil, executor.isRamping {
            throw LoadPlanError(message: "--duration applies to constant executors; the stages of \(profile.file) set the duration")
        }
        if overrides.vus != nil, executor == .rampingVUs {
            throw LoadPlanError(message: "--vus does not apply to ramping-vus; the stages of \(profile.file) set the users")
        }
        if let vus = overrides.vus, vus < 1 {
            throw LoadPlanError(message: "--vus \(vus): expected at least 1")
        }
        if let vus = overrides.vus, vus > LoadProfile.maxUsers {
            throw LoadPlanError(message: "--vus \(vus): \(LoadProfile.usersBound)")
        }
        let duration = (overrides.duration ?? profile.duration).map(\.totalSeconds) ?? 0
        if !executor.isRamping, duration <= 0 {
            throw LoadPlanError(message: "\(profile.file): the duration must be longer than zero")
        }
        let stages = profile.stages.map { PlannedStage(durationSeconds: $0.duration.totalSeconds, target: $0.target) }
        switch executor {
        case .constantVUs:
            let vus = overrides.vus ?? profile.vus ?? 1
            return (.constantVUs(vus: vus, duration: duration), vus, vus)
        case .rampingVUs:
            let start = profile.startVUs ?? 0
            let peak = max(start, Int(stages.map(\.target).max() ?? 0))
            return (.rampingVUs(start: start, stages: stages), start, peak)
        case .constantArrivalRate, .rampingArrivalRate:
            let (vus, maxVUs) = arrivalUsers(profile, overrides: overrides)
            if executor == .constantArrivalRate {
                let rate = (overrides.rate ?? profile.rate)?.perSecond ?? 0
                guard rate > 0 else {
                    throw LoadPlanError(message: "\(profile.file): the rate must be above 0/s")
                }
                return (.constantArrivalRate(rate: rate, duration: duration), vus, maxVUs)
            }
            return (.rampingArrivalRate(start: profile.startRate ?? 0, stages: stages), vus, maxVUs)
        }
    }

    /// Pre-allocated users and the ceiling: `--vus` beats `vus`; the ceiling is never below
    /// the pre-allocated count (k6's rule).
    private static func arrivalUsers(_ profile: LoadProfile, overrides: LoadOverrides) -> (Int, Int) {
        let ceiling = profile.maxVUs
        let vus = overrides.vus ?? profile.vus ?? min(ceiling ?? defaultPreallocatedVUs, defaultPreallocatedVUs)
        return (vus, max(vus, ceiling ?? max(vus, defaultMaxVUs)))
    }

    // MARK: Scenarios, budgets, thresholds

    private static func compileMix(_ profile: LoadProfile, index: OperationIndex, overrides: LoadOverrides) throws(LoadPlanError) -> CompiledMix {
        var scenarios: [(scenario: ScenarioFile, weight: Int)] = []
        for entry in profile.mix {
            var scenario: ScenarioFile
            do { scenario = try ScenarioLoader.loadFile(path: entry.scenarioPath, index: index) } catch {
                throw LoadPlanError(message: "\(error)")
            }
            let variables = scenario.variableOverrides(flags: overrides.variableFlags, environment: overrides.environment)
            let environment = overrides.environment
            do { try scenario.checkVariables(defined: Set(variables.keys), environment: { environment[$0] }) } catch {
                throw LoadPlanError(message: "\(error)")
            }
            // Tagged at compile time, so a step without templates is still prepared once.
            if let tag = overrides.runTag {
                scenario.steps = scenario.steps.map { step in
                    index.operation(id: step.operationId).map { tag.tagging(step, operation: $0, root: index.document.root) } ?? step
                }
            }
            scenarios.append((scenario, entry.weight))
        }
        return try CompiledMix(scenarios: scenarios, index: index) { scenario in
            scenario.variableOverrides(flags: overrides.variableFlags, environment: overrides.environment)
        }
    }

    private static func checkedBudgets(_ profile: LoadProfile, index: OperationIndex) throws(LoadPlanError) -> [String: Double] {
        var budgets: [String: Double] = [:]
        let known = index.operations.map(\.id)
        for budget in profile.budgets {
            guard index.operation(id: budget.operationId) != nil else {
                let hint = NearestName.suggestion(for: budget.operationId, among: known).map { " (did you mean '\($0)'?)" } ?? ""
                throw LoadPlanError(message: "\(budget.location): budgets: unknown operation '\(budget.operationId)'\(hint)")
            }
            budgets[budget.operationId] = budget.rate.perSecond
        }
        return budgets
    }

    /// Parses every threshold; one that names an operation the spec does not have is bad input
    /// (with the nearest operationId), like an unknown operationId anywhere else.
    private static func parsedThresholds(_ profile: LoadProfile, index: OperationIndex) throws(LoadPlanError) -> [Threshold] {
        var thresholds: [Threshold] = []
        for written in profile.thresholds {
            let at = written.location
            let threshold: Threshold
            do {
                threshold = try Threshold.parse(written.expression, abortOnFail: written.abortOnFail)
            } catch {
                throw LoadPlanError(message: "\(at.file):\(at.line):\(at.column + error.column): threshold '\(written.expression)': \(error.message)")
            }
            if let operation = threshold.operation, index.operation(id: operation) == nil {
                let hint = NearestName.suggestion(for: operation, among: index.operations.map(\.id)).map { " (did you mean '\($0)'?)" } ?? ""
                throw LoadPlanError(message: "\(at): threshold '\(written.expression)': unknown operation '\(operation)'\(hint)")
            }
            thresholds.append(threshold)
        }
        return thresholds
    }

    // MARK: The profile hash

    /// FNV-1a over the profile's and its scenarios' text and the effective schedule: shards of
    /// one run, and runs a comparison pairs, must agree on it; --threads and --shard do not count.
    private static func profileHash(
        _ profile: LoadProfile, mix: CompiledMix, schedule: LoadPlan.Schedule, vus: Int, maxVUs: Int
    ) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func add(_ text: String) {
            for byte in text.utf8 {
                hash ^= UInt64(byte)
                hash = hash &* 0x0000_0100_0000_01b3
            }
            hash ^= 0xff
            hash = hash &* 0x0000_0100_0000_01b3
        }
        add(profile.text.isEmpty ? profile.name : profile.text)
        // The text each scenario was decoded from, not the file read again: a pipe reads once,
        // and a file edited since would be hashed as it is now rather than as it runs.
        for entry in mix.entries { add(entry.scenario.text) }
        add("\(schedule) vus=\(vus) max=\(maxVUs)")
        return String(hash, radix: 16)
    }
}
