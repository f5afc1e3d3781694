// `fcharness contract`: runs scenarios once each and checks every response against the spec.
// Without --base-url it starts the embedded mock in-process (loopback, free port, random token).
import ArgumentParser
import Contract
import Curl
import Foundation
import Load
import MockServer
import OpenAPI
import Report
import Scenario

struct ContractCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "contract",
        abstract: "Run scenarios once each; check every response against the spec.",
        discussion: """
            Every response is validated against the spec for its operation and status (formats \
            asserted); an undocumented status, a body that breaks the schema, or a failed `expect` \
            fails the step. Contract violations do not stop a scenario; a failed expectation or an \
            empty capture does (its later steps are skipped). The last line is `N passed, M failed` \
            (with --coverage, the coverage matrix and its summary line follow it).

            `--shrink`: when the server refuses (4xx) a body the spec calls valid where the step \
            expects a 2xx, smaller valid bodies are re-sent (at most 200) and the smallest one \
            still refused is noted under the step (console and --json `notes`).

            Rate limits (docs/rate-limits.md): when X-RateLimit-Remaining runs low, requests wait \
            for X-RateLimit-Reset instead of running into 429s; a 429 waits for Retry-After, else \
            X-RateLimit-Reset, else backs off (1 s, then doubling with jitter, at most 30 s). Each \
            wait is a note under its step; the totals are printed before the last line. \
            `--max-rps N` spaces all requests of the run; `--no-rate-limit-manners` turns pacing \
            and backoff off, to measure what they save.

            A live target (not this machine, not the embedded mock): the run first prints how many \
            requests it will send, and creates carry `fcharness_run_id` where the spec has room for \
            it (docs/cli.md, "Safety on real accounts"). `--read-only` sends only GET steps.

            `--coverage` prints which documented responses (operation × status) the run exercised; \
            `--min-coverage PCT` exits 1 when fewer than PCT percent of them were (docs/cli.md has \
            how ranges and `default` count).

            Examples:
              fcharness contract                                   # shipped scenarios, embedded mock
              fcharness contract scenarios/contract/users.yaml --json out.json --junit junit.xml
              fcharness contract --base-url https://acme.freshchat.com/v2 --token "$TOKEN" --var app_id=$APP_ID
              fcharness contract --dry-run                         # print the requests, send nothing
              fcharness contract --coverage --min-coverage 90      # coverage matrix; exit 1 below 90%
              fcharness contract scenarios/generated --shrink      # smallest valid body a server refuses
              fcharness contract --base-url https://acme.freshchat.com/v2 --token "$TOKEN" --max-rps 2   # gentle on a live account
              fcharness contract --base-url https://acme.freshchat.com/v2 --token "$TOKEN" --read-only   # GETs only: a production smoke check
            """
    )

    @Argument(help: ArgumentHelp("Scenario files or folders (default: scenarios/contract).", valueName: "path"))
    var paths: [String] = []

    @OptionGroup var target: TargetOptions
    @OptionGroup var specOptions: SpecOptions

    @Option(name: .long, help: ArgumentHelp("Run only scenarios with this tag (repeatable).", valueName: "tag"))
    var tag: [String] = []

    @Option(name: .long, help: ArgumentHelp("Write the JSON report (fcharness-contract/1) here.", valueName: "file"))
    var json: String?

    @Option(name: .long, help: ArgumentHelp("Write a JUnit XML report here.", valueName: "file"))
    var junit: String?

    @Option(name: .long, help: ArgumentHelp("Seed for {{uuid}}, {{random.*}} and the embedded mock's data.", valueName: "n"))
    var seed: UInt64?

    @Flag(name: .long, help: "Stop starting scenarios after the first failure.")
    var failFast = false

    @Option(name: .long, help: ArgumentHelp("Run up to N scenarios at once (output order stays the same).", valueName: "n"))
    var parallel: Int = 4

    @Option(name: .customLong("var"), help: ArgumentHelp("Set a scenario variable (repeatable; beats FCHARNESS_VAR_NAME).", valueName: "name=value"))
    var variables: [String] = []

    @Flag(name: .long, help: "Print the requests that would be sent (token masked) and send nothing.")
    var dryRun = false

    @Flag(name: .long, help: "Let the embedded mock drift from the spec on purpose, to see what the checks catch.")
    var mockDrift = false

    @Flag(name: .long, help: "No colour, even on a terminal (also: NO_COLOR).")
    var noColor = false

    @Flag(name: .customLong("coverage"), help: "After the report, print the matrix of operations × documented statuses the run exercised.")
    var showCoverage = false

    @Option(
        name: .long,
        help: ArgumentHelp("Exit 1 when under PCT% of documented (operation, status) pairs were exercised (e.g. 90 or 90%).", valueName: "pct"),
        transform: MinimumCoverage.init(parsing:))
    var minCoverage: MinimumCoverage?

    @Flag(name: .long, help: ArgumentHelp(
        "Send only GET steps: every other step, and every GET that needs a value one of them would capture, is skipped and listed.",
        discussion: "For smoke checks of a production account. The steps sent decide the exit code."))
    var readOnly = false

    @Flag(name: .long, help: "When a body the spec calls valid is refused (4xx where a 2xx was expected), re-send smaller valid bodies and report the smallest one still refused.")
    var shrink = false

    func validate() throws {
        guard parallel >= 1 else { throw ValidationError("--parallel must be at least 1") }
        if mockDrift && target.resolvedBaseURL != nil {
            throw ValidationError("--mock-drift applies to the embedded mock only; drop --base-url")
        }
        if dryRun && (showCoverage || minCoverage != nil) {
            throw ValidationError("--coverage and --min-coverage need responses; --dry-run sends nothing")
        }
    }

    func run() async throws {
        try checkOutputPaths(json, junit)
        let index = try specOptions.loadIndex()
        let validators: SpecValidators
        do { validators = try SpecValidators(index: index, formats: .assert) } catch {
            throw CommandFailure(.badInput, "\(error)")
        }
        warnAboutPatternsNeverRun(validators.patternsNeverRun)
        let scenarios = try loadScenarios(index: index)
        var flags = try parseVariableFlags(variables)
        let environment = ProcessInfo.processInfo.environment
        let transfer = try target.transferOptions()

        // A live target (not this machine, not the embedded mock) gets its creates tagged.
        let kind = TargetKind(baseURL: target.resolvedBaseURL)
        let runTag = kind.isLive && !readOnly ? RunTag(runID: RunTag.newRunID()) : nil  // read-only creates nothing

        // The target: a live account, or the embedded mock.
        var mock: MockServer?
        let contractTarget: ContractTarget
        if let baseURL = target.resolvedBaseURL {
            contractTarget = ContractTarget(baseURL: baseURL, token: target.resolvedToken)
        } else if dryRun {
            contractTarget = ContractTarget(baseURL: "http://127.0.0.1:PORT/v2", token: "mock-token", label: "the embedded mock")
            flags["app_id"] = flags["app_id"] ?? "<mock app id>"
        } else {
            let started = try await EmbeddedMock.start(seed: seed, drift: mockDrift, spec: index.document)
            mock = started
            contractTarget = ContractTarget(baseURL: started.baseURL, token: started.token, label: "\(started.baseURL) (embedded mock)")
            EmbeddedMock.supplyAppID(of: started, to: &flags, environment: environment)
        }

        let options = ContractOptions(
            parallel: parallel, failFast: failFast, seed: seed, variableFlags: flags, environment: environment,
            transfer: transfer, shrinkRefusedBodies: shrink, rateLimitManners: !target.noRateLimitManners,
            maxRequestsPerSecond: try target.maxRequestsPerSecond(), readOnly: readOnly, runTag: runTag)
        let runner = ContractRunner(validators: validators, client: CurlClient(), target: contractTarget, options: options)
        do { try runner.checkTemplates(of: scenarios) } catch {
            await mock?.shutdown()
            throw CommandFailure(.badInput, "\(error)")
        }

        if kind.isLive, let baseURL = target.resolvedBaseURL {
            LiveTargetNotice.announce(baseURL: baseURL, plan: plannedRequests(runner: runner, scenarios: scenarios), runID: runTag?.runID)
        }

        if dryRun {
            writeOutput(DryRun.describe(scenarios, runner: runner))
            return
        }

        let result = await InterruptibleRun.run { await runner.run(scenarios) }
        await mock?.shutdown()
        let coverage = showCoverage || minCoverage != nil ? CoverageMatrix.coverage(of: result, against: index) : nil
        try writeReports(result, coverage: coverage)
        writeConsoleText(ConsoleReport(colour: useColour).render(result), besideReports: json, junit)
        if showCoverage, let coverage { writeConsoleText(ContractCoverageText(colour: useColour).render(coverage), besideReports: json, junit) }

        if result.interrupted { throw CommandFailure(.interrupted, "") }
        if let unreachable = result.unreachable { throw CommandFailure(.unreachable, "target unreachable: \(unreachable)") }
        let shortfall = coverage.flatMap { coverage in minCoverage.flatMap { $0.shortfall(of: coverage) } }
        if !result.ok {
            // Failed checks decide the exit code; a coverage shortfall is still worth naming.
            if let shortfall { printError("fcharness: \(shortfall)") }
            throw CommandFailure(.checkFailed, "")
        }
        if let shortfall { throw CommandFailure(.checkFailed, shortfall) }
    }

    /// `14 requests (7 scenarios, up to 4 at a time) at most 2/s (--max-rps 2)`: the steps that
    /// will be sent (429 retries and --shrink re-sends not counted).
    private func plannedRequests(runner: ContractRunner, scenarios: [ScenarioFile]) -> String {
        let count = runner.plannedRequestCount(for: scenarios)
        let shape = "\(PlannedRequests.grouped(count)) request\(count == 1 ? "" : "s") (\(scenarios.count) scenario\(scenarios.count == 1 ? "" : "s"), up to \(parallel) at a time\(readOnly ? ", --read-only" : ""))"
        if let cap = target.maxRPS {
            return shape + " at most \(LoadCommand.rateText(cap))/s (--max-rps \(LoadCommand.rateText(cap)))"
        }
        return shape + " as fast as the target answers (no --max-rps; rate-limit manners \(target.noRateLimitManners ? "off" : "on"))"
    }

    private func loadScenarios(index: OperationIndex) throws(CommandFailure) -> [ScenarioFile] {
        let sources = paths.isEmpty ? ["scenarios/contract"] : paths
        var scenarios: [ScenarioFile]
        do { scenarios = try ScenarioLoader.load(paths: sources, index: index) } catch {
            throw CommandFailure(.badInput, "\(error)")
        }
        if !tag.isEmpty { scenarios = scenarios.filter { !Set($0.tags).isDisjoint(with: tag) } }
        if scenarios.isEmpty {
            throw CommandFailure(.badInput, "no scenarios to run in \(sources.joined(separator: ", "))" + (tag.isEmpty ? "" : " with tags \(tag.joined(separator: ", "))"))
        }
        return scenarios
    }

    private func writeReports(_ result: ContractRunResult, coverage: ContractCoverage?) throws(CommandFailure) {
        do {
            if let json { try writeAtomically(ContractJSONReport.bytes(for: result, coverage: coverage), to: json) }
            if let junit { try writeAtomically(Array(ContractJUnitReport.xml(for: result).utf8), to: junit) }
        } catch {
            // The console report still goes out: results are never lost.
            writeOutput(ConsoleReport(colour: useColour).render(result))
            throw CommandFailure(.badInput, "\(error)")
        }
    }

    private var useColour: Bool {
        !noColor && ProcessInfo.processInfo.environment["NO_COLOR"] == nil && isatty(1) == 1
    }
}

/// The `--min-coverage` gate: a percentage of documented (operation, status) pairs.
struct MinimumCoverage {
    /// The least acceptable coverage, 0 to 100.
    var percent: Double
    /// The number as the user wrote it, without `%`, for messages (`87.5`, not `87.49…`).
    var written: String

    /// Reads `90`, `90%` or `87.5`; anything else, or a value outside 0…100, is bad input.
    init(parsing text: String) throws {
        let number = (text.hasSuffix("%") ? String(text.dropLast()) : text).trimmingCharacters(in: .whitespaces)
        guard let percent = Double(number), percent.isFinite, (0...100).contains(percent) else {
            throw ValidationError("expected a percentage from 0 to 100, such as 90 or 90%")
        }
        self.percent = percent
        self.written = number
    }

    /// The line to print when `coverage` falls short, naming the first pairs nothing
    /// exercised; nil when it meets the gate.
    func shortfall(of coverage: ContractCoverage) -> String? {
        if coverage.meets(minimumPercent: percent) { return nil }
        let missing = coverage.missing
        let shown = missing.prefix(5).map { "\($0.operation) \($0.status)" }.joined(separator: ", ")
        let more = missing.count > 5 ? " and \(missing.count - 5) more" : ""
        return "coverage \(coverage.percentText)% is below --min-coverage \(written)%: "
            + "\(coverage.exercisedCount) of \(coverage.documentedCount) documented responses exercised; "
            + "not exercised: \(shown)\(more)"
    }
}
