// The root command: lists the subcommands and maps every failure to the exit codes of
// CLI.md. Commands parse flags and call into the library modules; nothing else lives here.
import ArgumentParser

@main
struct Fcharness: AsyncParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "fcharness",
        abstract: "Contract and load tests for the Freshchat REST API.",
        discussion: """
            Replays scenarios derived from Freshchat's OpenAPI spec against a live account or the \
            embedded mock, validates every response against the spec's schemas, and measures \
            throughput and latency.

            Exit codes: 0 passed, 1 a check failed, 2 bad input, 3 target unreachable, 130 interrupted.

            Example:
              fcharness operations
            """,
        version: "fcharness \(version)",
        subcommands: [
            ContractCommand.self, LoadCommand.self, CompareCommand.self, ReportCommand.self, MergeCommand.self, GenerateCommand.self,
            MockCommand.self, OperationsCommand.self, ValidateCommand.self, SpecCommand.self, DiffSpecCommand.self,
        ]
    )

    /// Runs the CLI with CLI.md's exit codes: argument errors are bad input (2), not
    /// ArgumentParser's default EX_USAGE (64), so scripts can rely on one table.
    static func main() async {
        InterruptSignals.install()  // first: before anything else starts a thread
        let command: ParsableCommand
        do {
            command = try parseAsRoot()
        } catch {
            let code = exitCode(for: error)
            guard code == .success else {
                printError(fullMessage(for: error))
                terminate(ExitStatus.badInput.rawValue)
            }
            exit(withError: error)  // --help, --version: prints and exits 0
        }
        do {
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                var syncCommand = command
                try syncCommand.run()
            }
        } catch let failure as CommandFailure {
            if !failure.message.isEmpty { printError("fcharness: \(failure.message)") }
            terminate(failure.status.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success { exit(withError: error) }
            if code == .validationFailure {
                printError(fullMessage(for: error))
                terminate(ExitStatus.badInput.rawValue)
            }
            printError("fcharness: \(error)")
            terminate(ExitStatus.badInput.rawValue)
        }
    }
}
