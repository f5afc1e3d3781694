// `fcharness contract`: runs scenarios once each and checks every response against the spec.
// Without --base-url it starts the embedded mock in-process (loopback, free port, random token).
import ArgumentParser
import Contract
import Curl
import Foundation
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
            empty capture does (its later steps are skipped). The last line is `N passed, M failed`.

            Examples:
              fcharness contract                                   # shipped scenarios, embedded mock
              fcharness contract scenarios/contract/users.yaml --json out.json --junit junit.xml
              fcharness contract --base-url https://acme.freshchat.com/v2 --token "$TOKEN" --var app_id=$APP_ID
              fcharness contract --dry-run                         # print the requests, send nothing
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

    func validate() throws {
        guard parallel >= 1 else { throw ValidationError("--parallel must be at least 1") }
        if mockDrift && target.resolvedBaseURL != nil {
            throw ValidationError("--mock-drift applies to the embedded mock only; drop --base-url")
        }
    }

    func run() async throws {
        let index = try specOptions.loadIndex()
        let validators: SpecValidators
        do { validators = try SpecValidators(index: index, formats: .assert) } catch {
            throw CommandFailure(.badInput, "\(error)")
        }
        let scenarios = try loadScenarios(index: index)
        var flags = try parseVariableFlags(variables)
        let environment = ProcessInfo.processInfo.environment
        let transfer = try target.transferOptions()

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
            transfer: transfer)
        let runner = ContractRunner(validators: validators, client: CurlClient(), target: contractTarget, options: options)
        do { try runner.checkTemplates(of: scenarios) } catch {
            await mock?.shutdown()
            throw CommandFailure(.badInput, "\(error)")
        }

        if dryRun {
            writeOutput(DryRun.describe(scenarios, runner: runner))
            return
        }

        let result = await InterruptibleRun.run { await runner.run(scenarios) }
        await mock?.shutdown()
        try writeReports(result)
        writeOutput(ConsoleReport(colour: useColour).render(result))

        if result.interrupted { throw CommandFailure(.interrupted, "") }
        if let unreachable = result.unreachable { throw CommandFailure(.unreachable, "target unreachable: \(unreachable)") }
        if !result.ok { throw CommandFailure(.checkFailed, "") }
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

    private func writeReports(_ result: ContractRunResult) throws(CommandFailure) {
        do {
            if let json { try writeAtomically(ContractJSONReport.bytes(for: result), to: json) }
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
