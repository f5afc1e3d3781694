// `fcharness load`: runs a load profile against the target (or the embedded mock), shows live
// progress, prints the per-operation summary and the threshold verdicts, writes the results.
import ArgumentParser
import Curl
import Foundation
import Load
import MockServer
import OpenAPI
import Quantities
import Redaction
import Report
import Scenario

struct LoadCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "load",
        abstract: "Run a load profile: paced arrivals or looping users, live progress, thresholds, results.",
        discussion: """
            Open-model executors (constant-arrival-rate, ramping-arrival-rate) start iterations on \
            schedule whatever the server does and measure latency from each request's intended \
            start; closed-model ones (constant-vus, ramping-vus) say so beside their percentiles. \
            Flags override the profile. Without --base-url the embedded mock serves the run. A \
            share of responses (--validate-sample, default 0.01) is validated against the spec. \
            Exit 1 when a threshold fails.

            Rate limits (docs/rate-limits.md): each thread paces by X-RateLimit-Remaining and \
            -Reset (its share of the allowance), holding requests until the reset instead of \
            running into 429s; a 429 naming no wait backs off exponentially with jitter. \
            `--max-rps N` caps the whole run (a profile rate above it is capped, and the run says \
            so); `--no-rate-limit-manners` turns pacing and backoff off, to measure what they save.

            Examples:
              fcharness load scenarios/load/smoke.yaml
              fcharness load scenarios/load/pre-release.yaml --out results.json --html report.html
              fcharness load scenarios/load/smoke.yaml --rate 500/s --duration 30s --threads 2
              fcharness load scenarios/load/pre-release.yaml --dry-run
              fcharness load profile.yaml --shard 1/4 --start-at 2026-12-02T10:00:00Z --out shard-1.json
              fcharness load profile.yaml --base-url https://ACCOUNT.freshchat.com/v2 --token "$TOKEN" --allow-live-load --max-rps 20
            """
    )

    @Argument(help: ArgumentHelp("The load profile (YAML).", valueName: "profile"))
    var profile: String

    @OptionGroup var target: TargetOptions
    @OptionGroup var specOptions: SpecOptions

    @Option(name: .long, help: ArgumentHelp("Iterations per second (constant-arrival-rate), e.g. 500/s.", valueName: "rate"))
    var rate: String?

    @Option(name: .long, help: ArgumentHelp("Users (constant-vus), or pre-allocated users (arrival rate).", valueName: "n"))
    var vus: Int?

    @Option(name: .long, help: ArgumentHelp("How long a constant executor runs: 30s, 5m.", valueName: "duration"))
    var duration: String?

    @Option(name: .long, help: ArgumentHelp("Event-loop threads (default: one per core).", valueName: "n"))
    var threads: Int?

    @Option(name: .long, help: ArgumentHelp("Write the results file (fcharness-results/1) here.", valueName: "file"))
    var out: String?

    @Option(name: .long, help: ArgumentHelp("Write the HTML report (one self-contained page, as `report --html`) here.", valueName: "file"))
    var html: String?

    @Option(name: .long, help: ArgumentHelp("Run the I-th of N equal parts of the profile, e.g. 2/4.", valueName: "i/n"))
    var shard: String?

    @Option(name: .long, help: ArgumentHelp("Start at this time (RFC 3339 or Unix seconds): the shared epoch of all shards.", valueName: "time"))
    var startAt: String?

    @Option(name: .long, help: ArgumentHelp("Share of responses validated against the spec, 0..1 (default 0.01).", valueName: "f"))
    var validateSample: Double?

    @Option(name: .customLong("var"), help: ArgumentHelp("Set a scenario variable (repeatable; beats FCHARNESS_VAR_NAME).", valueName: "name=value"))
    var variables: [String] = []

    @Option(name: .long, help: ArgumentHelp("Seed for {{uuid}}, {{random.*}} and the embedded mock's data.", valueName: "n"))
    var seed: UInt64?

    @Flag(name: .long, help: "No live progress line.")
    var noProgress = false

    @Flag(name: .long, help: "Print the plan the profile and flags resolve to (schedule, mix, requests, thresholds) and send nothing.")
    var dryRun = false

    @Flag(name: .long, help: "No colour, even on a terminal (also: NO_COLOR).")
    var noColor = false

    @Flag(name: .long, help: "Allow a live target: not this machine, not the embedded mock (mind its limits; or `target: live` in the profile).")
    var allowLiveLoad = false

    @Flag(name: .long, help: "Let the embedded mock drift from the spec on purpose, to see sampled validation catch it.")
    var mockDrift = false

    @Option(name: .long, help: ArgumentHelp(
        "Latency the embedded mock adds to every answer: fixed:20ms | uniform:10ms,30ms | normal:20ms,4ms.", valueName: "model"))
    var mockLatency: String?

    func validate() throws {
        if dryRun && (out != nil || html != nil) {
            throw ValidationError("--dry-run sends nothing and writes no results; drop --out and --html")
        }
        if mockDrift && target.resolvedBaseURL != nil {
            throw ValidationError("--mock-drift applies to the embedded mock only; drop --base-url")
        }
        if mockLatency != nil && target.resolvedBaseURL != nil {
            throw ValidationError("--mock-latency applies to the embedded mock only; drop --base-url")
        }
        if let mockLatency {
            do { _ = try LatencyModel(parsing: mockLatency, flag: "--mock-latency") } catch { throw ValidationError("\(error)") }
        }
    }

    func run() async throws {
        try checkOutputPaths(out, html)
        let index = try specOptions.loadIndex()
        let validators: SpecValidators
        do { validators = try SpecValidators(index: index, formats: .assert) } catch {
            throw CommandFailure(.badInput, "\(error)")
        }
        warnAboutPatternsNeverRun(validators.patternsNeverRun)
        let loadProfile: LoadProfile
        do { loadProfile = try LoadProfileLoader.load(path: profile) } catch {
            throw CommandFailure(.badInput, "\(error)")
        }
        var overrides = try parsedOverrides()
        let transfer = try target.transferOptions()

        // The target: a live account (only when allowed), or the embedded mock.
        var mock: MockServer?
        let loadTarget: LoadTarget
        var refusedLive: CommandFailure?
        if let baseURL = target.resolvedBaseURL {
            // A dry run sends nothing, so it may show the plan a live run would be refused.
            do throws(CommandFailure) { try checkLiveLoadAllowed(baseURL, profile: loadProfile) } catch {
                guard dryRun else { throw error }
                refusedLive = error
            }
            if TargetKind(baseURL: baseURL).isLive { overrides.runTag = RunTag(runID: RunTag.newRunID()) }
            loadTarget = LoadTarget(baseURL: baseURL, token: target.resolvedToken, transfer: transfer)
        } else {
            let latency = try mockLatency.map { text throws(CommandFailure) in
                do { return try LatencyModel(parsing: text, flag: "--mock-latency") } catch { throw CommandFailure(.badInput, "\(error)") }
            }
            let started = try await EmbeddedMock.start(seed: seed, drift: mockDrift, latency: latency, spec: index.document)
            mock = started
            let label = dryRun ? "the embedded mock (a run starts it on a free loopback port)" : "\(started.baseURL) (embedded mock)"
            loadTarget = LoadTarget(baseURL: started.baseURL, token: started.token, label: label, transfer: transfer)
            EmbeddedMock.supplyAppID(of: started, to: &overrides.variableFlags, environment: overrides.environment)
            if !dryRun { printError("load: no --base-url, so the embedded mock serves this run at \(started.baseURL)") }
        }

        let plan: LoadPlan
        do {
            plan = try LoadPlanner.plan(profile: loadProfile, overrides: overrides, index: index, validators: validators, target: loadTarget)
        } catch {
            await mock?.shutdown()
            throw CommandFailure(.badInput, "\(error)")
        }

        if let cap = plan.maxRequestsPerSecond, let asked = plan.cappedProfileRate {
            printError("load: the profile's rate (up to \(Self.rateText(asked))/s) is above --max-rps \(Self.rateText(cap)): arrivals are capped at \(Self.rateText(cap))/s")
        }
        if dryRun {
            await mock?.shutdown()
            writeOutput("load profile \(plan.name) (\(plan.file)), dry run: nothing is sent\n" + LoadPlanDescription.text(plan))
            if let refusedLive { writeOutput("  live target: a run is refused: \(refusedLive.message)\n") }
            return
        }
        if let baseURL = target.resolvedBaseURL, TargetKind(baseURL: baseURL).isLive {
            LiveTargetNotice.announce(baseURL: baseURL, plan: PlannedRequests(plan).summary, runID: plan.runID)
        }
        if let startAt = plan.startAt, let text = self.startAt,
           let notice = Self.lateStartNotice(startAt: startAt, text: text, now: Date().timeIntervalSince1970) {
            printError(notice)
        }
        let run = LoadRun(plan: plan, version: Fcharness.version)
        let progress = ProgressPrinter(enabled: !noProgress, color: useColor)
        let outcome = await InterruptibleRun.run { () -> Result<LoadResult, LoadRunError> in
            do throws(LoadRunError) {
                return .success(try await run.run { snapshot in progress.show(snapshot) })
            } catch {
                return .failure(error)
            }
        }
        progress.finish()
        await mock?.shutdown()
        let result: LoadResult
        switch outcome {
        case .success(let finished): result = finished
        case .failure(let error): throw CommandFailure(.badInput, "\(error)")
        }

        // The results file first: a page that cannot be written must not cost the results.
        var writeFailure: ReportWriteError?
        var rescuedTo: String?
        if let out {
            do { try ResultsFile.write(result, to: out) } catch {
                // Checked before the run, yet failed (a full disk, a folder removed meanwhile).
                writeFailure = error
                rescuedTo = try? ResultsFile.writeRescueCopy(result, for: out)
            }
        }
        if let html {
            do { try writeAtomically(Array(LoadHTMLReport.page(result).utf8), to: html) } catch { writeFailure = writeFailure ?? error }
        }
        writeConsoleText(LoadSummary.render(result, color: useColor), besideReports: out, html)
        if let writeFailure {
            throw CommandFailure(.badInput, "\(writeFailure)" + (rescuedTo.map { "; the results file was written to \($0) instead" } ?? ""))
        }
        if result.interrupted { throw CommandFailure(.interrupted, "") }
        if let unreachable = Self.unreachableReason(result) { throw CommandFailure(.unreachable, "target unreachable: \(unreachable)") }
        if !result.passed { throw CommandFailure(.checkFailed, "") }
    }

    /// Every request failed to reach the server (no response at all, only DNS, connect or TLS
    /// failures): the run measured nothing about the target, which is exit 3, not a threshold.
    static func unreachableReason(_ result: LoadResult) -> String? {
        let overall = result.overall
        guard overall.requests > 0, overall.statusCounts.isEmpty else { return nil }
        let unreachableClasses: Set<ErrorClass> = [.dns, .refused, .tls]
        guard overall.errorClasses.keys.allSatisfy({ unreachableClasses.contains($0) }) else { return nil }
        return result.errors.first?.sample ?? "no response"
    }

    // MARK: Flags

    private func parsedOverrides() throws(CommandFailure) -> LoadOverrides {
        var overrides = LoadOverrides(environment: ProcessInfo.processInfo.environment)
        if let rate {
            do { overrides.rate = try Rate(parsing: rate) } catch { throw CommandFailure(.badInput, "--rate \(rate): expected \(error.expected)") }
            if let asked = overrides.rate, asked.perSecond > LoadProfile.maxArrivalsPerSecond {
                throw CommandFailure(.badInput, "--rate \(rate): \(LoadProfile.arrivalRateBound)")
            }
        }
        if let duration {
            do { overrides.duration = try Duration(parsing: duration) } catch {
                throw CommandFailure(.badInput, "--duration \(duration): expected \(error.expected)")
            }
        }
        overrides.vus = vus
        overrides.threads = threads
        overrides.validateSample = validateSample
        overrides.seed = seed
        if let shard {
            let parts = shard.split(separator: "/")
            guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]), count >= 1, index >= 1, index <= count,
                  count <= LoadRunInfo.maxShards else {
                throw CommandFailure(.badInput, "--shard \(shard): expected I/N with 1 ≤ I ≤ N ≤ \(LoadRunInfo.maxShards), e.g. 2/4")
            }
            overrides.shard = (index, count)
        }
        if let startAt {
            guard let seconds = Self.unixSeconds(startAt) else {
                throw CommandFailure(.badInput, "--start-at \(startAt): expected an RFC 3339 time (2026-12-02T10:00:00Z) or Unix seconds")
            }
            let ahead = seconds - Date().timeIntervalSince1970
            guard ahead <= Self.maxStartAtLeadSeconds else {
                throw CommandFailure(.badInput, "--start-at \(startAt): that is \(Self.roughly(ahead)) from now; "
                    + "expected a time within 24 hours (the run sleeps until then)")
            }
            overrides.startAt = seconds
        }
        overrides.variableFlags = try parseVariableFlags(variables)
        overrides.maxRequestsPerSecond = try target.maxRequestsPerSecond()
        overrides.rateLimitManners = !target.noRateLimitManners
        return overrides
    }

    /// `50`, `0.5`: a rate as people write it, without a float's trailing `.0`.
    static func rateText(_ rate: Double) -> String {
        rate == rate.rounded() && abs(rate) < 1e15 ? String(Int64(rate)) : String(rate)
    }

    /// How far ahead `--start-at` may be: shards are started shortly before their shared epoch,
    /// and a time days or years away is a typo that would leave the process asleep.
    static let maxStartAtLeadSeconds = 24 * 3600.0

    /// What a shard that starts after its `--start-at` is told: it runs its whole schedule from
    /// now, shifted from the shards that started on time, so `merge` will refuse it beside them.
    static func lateStartNotice(startAt: Double, text: String, now: Double) -> String? {
        let late = now - startAt
        guard late > ShardMerge.defaultStartSkewToleranceSeconds else { return nil }
        return "load: --start-at \(text) was \(roughly(late)) ago, so this run starts now, \(roughly(late)) after the shared start; "
            + "merge refuses shards whose starts are more than --max-start-skew (default \(roughly(ShardMerge.defaultStartSkewToleranceSeconds))) apart"
    }

    /// `12.3s`, `5.0m`, `3.2h`, `41.7d`: how far a time is, to one decimal.
    static func roughly(_ seconds: Double) -> String {
        let magnitude = abs(seconds)
        if magnitude < 60 { return String(format: "%.1fs", magnitude) }
        if magnitude < 3600 { return String(format: "%.1fm", magnitude / 60) }
        if magnitude < 86400 { return String(format: "%.1fh", magnitude / 3600) }
        return magnitude < 1e12 ? String(format: "%.1fd", magnitude / 86400) : "more than 10 million days"
    }

    /// RFC 3339 (`2026-12-02T10:00:00Z`, fractions and offsets allowed) or Unix seconds.
    static func unixSeconds(_ text: String) -> Double? {
        if let seconds = Double(text), seconds.isFinite, seconds > 0 { return seconds }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        if let date = formatter.date(from: text) { return date.timeIntervalSince1970 }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text)?.timeIntervalSince1970
    }

    /// A load run against a live target (`TargetKind`) needs `--allow-live-load` or `target: live`
    /// in the profile: pointing a profile at a live account by accident costs its owner real
    /// rate limits. Refused before anything is sent.
    private func checkLiveLoadAllowed(_ baseURL: String, profile: LoadProfile) throws(CommandFailure) {
        guard profile.permitsLoad(of: TargetKind(baseURL: baseURL), allowLiveLoad: allowLiveLoad) else {
            throw CommandFailure(.badInput, "--base-url \(redactedURL(baseURL)) is a live target (not this machine, not the embedded mock); "
                + "add --allow-live-load, or `target: live` to the profile, to load it")
        }
    }

    private var useColor: Bool {
        !noColor && ProcessInfo.processInfo.environment["NO_COLOR"] == nil && isatty(1) == 1
    }
}
