// A whole load run: N event-loop threads, each driving its share of the plan, a validator
// thread for sampled responses, and this coordinator, which once a second adds the threads'
// reports up for progress and abort thresholds, and at the end into the `LoadResult`.
import Curl
import Foundation
import Histogram
import Report
import Scenario
import NIOConcurrencyHelpers

/// Why a load run could not start.
public struct LoadRunError: Error, Sendable, CustomStringConvertible {
    /// What is wrong.
    public var message: String
    /// The message.
    public var description: String { message }
}

/// Runs a `LoadPlan` and returns what it measured.
public final class LoadRun: Sendable {
    private let plan: LoadPlan
    private let version: String
    private let stopReason = NIOLockedValueBox<StopReason?>(nil)

    /// Why a run stops before its end.
    private enum StopReason: Sendable {
        case interrupted
        case aborted(String)
    }

    /// Abort thresholds are not judged before the run has completed this many requests.
    public static let requestsBeforeAbortChecks = 100

    /// Prepares a run of `plan`; `version` is recorded in the results.
    public init(plan: LoadPlan, version: String) {
        self.plan = plan
        self.version = version
    }

    /// Stops the run as if interrupted (Ctrl-C): transfers in flight are cancelled, and the
    /// result so far comes back marked `interrupted`. Any thread.
    public func interrupt() {
        stopReason.withLockedValue { reason in
            if reason == nil { reason = .interrupted }
        }
    }

    /// Runs the plan to its end (or to an interrupt or abort); `progress` is called about once
    /// a second with the run's state. Task cancellation interrupts the run.
    public func run(progress: @Sendable (ProgressSnapshot) -> Void = { _ in }) async throws(LoadRunError) -> LoadResult {
        try ensureDescriptors()
        let (epoch, epochWall) = await waitForStart()
        let validation = plan.validateSample > 0 ? SampledValidation(validators: plan.validators, queueCapacity: plan.validationQueueCapacity) : nil
        let boxes = (0..<plan.threads).map { _ in ThreadReportBox(operationCount: plan.mix.operations.count) }
        // Interrupted while waiting for --start-at: start no thread, so not one request goes out.
        if Task.isCancelled { interrupt() }
        let threads = stopReason.withLockedValue({ $0 }) == nil ? plan.threads : 0
        var loops: [TransferLoop] = []
        for thread in 0..<threads {
            let share = LoadShare(shard: plan.shard, shards: plan.shards, thread: thread, threads: plan.threads)
            let configuration = LoopConfiguration(
                maxConnections: share.count(of: plan.maxVUs),
                reservedHandles: share.count(of: min(plan.vus, plan.maxVUs)),
                idleHandleLimit: share.count(of: plan.maxVUs))
            let plan = self.plan
            let box = boxes[thread]
            do {
                loops.append(try TransferLoop(configuration: configuration) { loop in
                    LoadDriver(plan: plan, thread: thread, epoch: epoch, epochWallSeconds: epochWall, loop: loop,
                               box: box, validation: validation)
                })
            } catch {
                for started in loops { started.requestStop() }
                for started in loops { started.join() }
                _ = validation?.finish()
                throw LoadRunError(message: "\(error)")
            }
        }

        // Coordinate: progress, abort thresholds, interrupts, until every thread has ended.
        let thresholds = ThresholdSet(plan.thresholds)
        var stopped = false
        var nextTick = MonotonicClock.now() &+ 1_000_000_000
        while !loops.allSatisfy(\.hasEnded) {
            try? await Task.sleep(for: .milliseconds(50))
            if Task.isCancelled { interrupt() }
            if !stopped, stopReason.withLockedValue({ $0 }) != nil {
                stopped = true
                for loop in loops { loop.requestStop() }
            }
            let now = MonotonicClock.now()
            guard now >= nextTick else { continue }
            nextTick = now &+ 1_000_000_000
            let reports = boxes.map { $0.read() }
            // Only the latest second's windows: adding every window each second would cost
            // in proportion to the run's length, once a second.
            let partial = assemble(reports, findings: nil, epoch: epoch, epochWall: epochWall, now: now, latestWindowOnly: true)
            progress(snapshot(of: partial, reports: reports, now: now, epoch: epoch))
            // Abort thresholds are judged on the run so far, once it has enough requests for a
            // rate or a percentile to mean something: one early error must not stop a run.
            if !stopped, thresholds.hasAbortThresholds, partial.overall.requests >= Self.requestsBeforeAbortChecks,
               let failing = thresholds.abortingFailure(in: partial) {
                stopReason.withLockedValue { reason in
                    if reason == nil { reason = .aborted(failing.expression) }
                }
            }
        }
        for loop in loops { loop.join() }
        let findings = validation?.finish()
        var result = assemble(boxes.map { $0.read() }, findings: findings, epoch: epoch, epochWall: epochWall, now: MonotonicClock.now())
        result.thresholds = plan.thresholds.map { $0.evaluate(result) }
        if plan.schedule.isRamping {
            result.capacity = CapacitySearch.find(in: result, thresholds: plan.thresholds)
        }
        switch stopReason.withLockedValue({ $0 }) {
        case .interrupted?: result.interrupted = true
        case .aborted(let expression)?: result.abortedBy = expression
        case nil: break
        }
        return result
    }

    // MARK: Starting

    /// Every user may hold a connection, and a few descriptors more are the process's own.
    private func ensureDescriptors() throws(LoadRunError) {
        let needed = plan.maxVUsOfShard + 64
        if case .insufficient(let needed, let soft, let hard) = FileDescriptorLimit.ensure(atLeast: needed) {
            throw LoadRunError(message: """
                the run needs \(needed) file descriptors (max_vus \(plan.maxVUsOfShard) plus the process's own), \
                but the limit is \(soft) and the hard limit \(hard): raise it (ulimit -n \(needed)) or lower max_vus
                """)
        }
    }

    /// Waits for `--start-at` (the shared epoch of every shard), or starts in a moment; returns
    /// the epoch on the monotonic clock and as Unix seconds.
    private func waitForStart() async -> (UInt64, Double) {
        if let startAt = plan.startAt {
            while true {
                let remaining = startAt - Date().timeIntervalSince1970
                if remaining <= 0 || Task.isCancelled || stopReason.withLockedValue({ $0 }) != nil { break }
                try? await Task.sleep(for: .milliseconds(min(200, max(1, Int(remaining * 1000)))))
            }
        }
        // A moment ahead, so every thread is running when arrival 0 is due.
        let lead: UInt64 = 20_000_000
        return (MonotonicClock.now() &+ lead, Date().timeIntervalSince1970 + Double(lead) / 1e9)
    }

    // MARK: Adding up

    private func snapshot(of result: LoadResult, reports: [ThreadReport], now: UInt64, epoch: UInt64) -> ProgressSnapshot {
        let lastWindow = result.windows.last
        return ProgressSnapshot(
            elapsedSeconds: Double(now &- min(now, epoch)) / 1e9,
            plannedSeconds: plan.schedule.durationSeconds,
            requests: result.overall.requests,
            requestsPerSecond: Double(lastWindow?.requests ?? 0),
            p99Milliseconds: result.overall.latency.totalCount > 0 ? result.overall.latency.milliseconds(atPercentile: 99) : nil,
            errors: result.overall.errors, throttled: result.overall.throttled,
            activeVUs: reports.reduce(0) { $0 + $1.activeVUs },
            dropped: result.iterations.dropped,
            interrupted: stopReason.withLockedValue { $0 } != nil)
    }

    /// Adds the threads' reports into one result (thresholds are judged by the caller).
    private func assemble(
        _ reports: [ThreadReport], findings: SampledValidation.Findings?, epoch: UInt64, epochWall: Double, now: UInt64,
        latestWindowOnly: Bool = false
    ) -> LoadResult {
        let latestSecond = latestWindowOnly ? reports.compactMap { $0.windows.last?.second }.max() : nil
        let names = plan.mix.operations
        var operations: [String: OperationResult] = [:]
        var overall = OperationResult(emptyWith: LatencyHistogram.make())
        var iterations = IterationCounts()
        var lateness = LatencyHistogram.make()
        var windowsBySecond: [Int64: SecondWindow] = [:]
        var errors: [ErrorSummary] = []
        var failedChecks: [CheckFailureSummary] = []
        var rateLimits = RateLimitCounts()
        var manners = RateLimitManners(enabled: plan.rateLimitManners, maxRequestsPerSecond: plan.maxRequestsPerSecond,
                                       cappedProfileRate: plan.cappedProfileRate)
        var validation = ValidationCounts()
        var endedAt: UInt64 = 0
        var allFinished = true
        for report in reports {
            for (slot, name) in names.enumerated() where slot < report.operations.count {
                // One process, one histogram setting: adding cannot fail; were it to, the
                // thread's numbers would be missing rather than the run lost.
                var sum = operations[name] ?? OperationResult(emptyWith: LatencyHistogram.make())
                try? sum.add(report.operations[slot])
                operations[name] = sum
                try? overall.add(report.operations[slot])
            }
            iterations.add(report.iterations)
            try? lateness.merge(report.lateness)
            for window in report.windows where latestSecond == nil || window.second == latestSecond {
                if var existing = windowsBySecond[window.second] {
                    try? existing.add(window)
                    windowsBySecond[window.second] = existing
                } else {
                    windowsBySecond[window.second] = window
                }
            }
            errors += report.errors
            failedChecks += report.failedChecks
            rateLimits.add(report.rateLimits)
            manners.add(report.rateLimitManners)
            validation.sampled += report.sampled
            validation.skipped += report.sampleSkipped
            endedAt = max(endedAt, report.endedAt)
            allFinished = allFinished && report.finished
        }
        var violations: [ViolationSummary] = []
        var uncheckedPatterns: [UncheckedPatternSummary] = []
        if let findings {
            uncheckedPatterns = findings.uncheckedSummaries
            validation.validated = findings.validated.values.reduce(0, +)
            validation.violations = findings.violations.values.reduce(0, +)
            for (name, count) in findings.validated { operations[name]?.validated = count }
            for (name, count) in findings.violations { operations[name]?.violations = count }
            overall.validated = validation.validated
            overall.violations = validation.violations
            violations = findings.summaries
        }
        let end = allFinished ? max(endedAt, epoch) : now
        let duration = Double(end &- min(end, epoch)) / 1e9
        rateLimits.manners = manners
        var result = LoadResult(
            run: runInfo(epochWall: epochWall, duration: duration), operations: operations, overall: overall,
            iterations: iterations, lateness: lateness,
            windows: windowsBySecond.keys.sorted().compactMap { windowsBySecond[$0] },
            thresholds: [], errors: errors.combined(), failedChecks: failedChecks.combined(), violations: violations,
            validation: validation, rateLimits: rateLimits, interrupted: false, abortedBy: nil)
        result.uncheckedPatterns = uncheckedPatterns
        return result
    }

    private func runInfo(epochWall: Double, duration: Double) -> LoadRunInfo {
        let schedule = plan.schedule
        var plannedRate: Double?
        var stages: [PlannedStage] = []
        switch schedule {
        case .constantArrivalRate(let rate, _): plannedRate = rate
        case .rampingArrivalRate(_, let planned), .rampingVUs(_, let planned): stages = planned
        case .constantVUs: break
        }
        let plannedIterations = schedule.pacer.map { pacer in
            (0..<plan.threads).reduce(0) { total, thread in
                total + LoadShare(shard: plan.shard, shards: plan.shards, thread: thread, threads: plan.threads).count(of: pacer.plannedArrivals)
            }
        }
        var info = LoadRunInfo(
            profile: plan.name, profileFile: plan.file, profileHash: plan.profileHash,
            executor: schedule.executorName, model: schedule.isOpenModel ? "open" : "closed",
            started: RFC3339.format(Date(timeIntervalSince1970: epochWall)), startedEpochSeconds: epochWall, durationSeconds: duration,
            plannedDurationSeconds: schedule.durationSeconds, plannedRate: plannedRate, plannedIterations: plannedIterations,
            vus: plan.vus, maxVUs: schedule.isOpenModel ? plan.maxVUs : nil, stages: stages,
            gracefulStopSeconds: plan.gracefulStop.totalSeconds, validateSample: plan.validateSample,
            target: plan.target.label, shards: plan.shards, shard: plan.shards > 1 ? plan.shard + 1 : nil,
            threads: plan.threads, version: version, machine: MachineInfo.current)
        info.runID = plan.runID
        return info
    }
}

extension MachineInfo {
    /// This machine: host name, logical CPUs, operating system and architecture.
    static var current: MachineInfo {
        var system = utsname()
        uname(&system)
        func text<T>(_ field: T) -> String {
            withUnsafeBytes(of: field) { bytes in
                String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
            }
        }
        return MachineInfo(
            hostname: ProcessInfo.processInfo.hostName, cores: ProcessInfo.processInfo.activeProcessorCount,
            system: "\(text(system.sysname)) \(text(system.machine))")
    }
}
