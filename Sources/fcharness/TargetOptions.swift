// The flags every command that talks to a server shares (CLI.md, "Common to every command
// that talks to a server"): flag > environment > default.
import ArgumentParser
import Curl
import Foundation
import Load
import Quantities

struct TargetOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The API's base URL, e.g. https://ACCOUNT.freshchat.com/v2 (env FRESHCHAT_BASE_URL).",
        discussion: "Without it, the embedded mock starts on 127.0.0.1 on a free port.", valueName: "url"))
    var baseURL: String?

    @Option(name: .long, help: ArgumentHelp("The API token (env FRESHCHAT_TOKEN); never printed.", valueName: "token"))
    var token: String?

    @Option(name: .long, help: ArgumentHelp("Per-request timeout: 250ms, 10s, 2m.", valueName: "duration"))
    var timeout: String = "10s"

    @Flag(name: .long, help: "Do not verify the server's TLS certificate (self-signed test servers only).")
    var insecure = false

    @Option(name: .long, help: ArgumentHelp("Verify the server's TLS certificate against the CA certificates in this PEM file instead of the system's.", valueName: "file"))
    var cacert: String?

    @Option(name: .customLong("max-rps"), help: ArgumentHelp(
        "At most N requests per second for the whole run (every scenario, thread and shard together), e.g. 5 or 0.5.",
        discussion: "A load profile's arrival rate above it is capped to it, and the run says so.", valueName: "n"))
    var maxRPS: Double?

    @Flag(name: .long, help: ArgumentHelp(
        "Do not pace by X-RateLimit-Remaining/-Reset, and wait 1 s after a 429 naming no wait instead of backing off.",
        discussion: "Only to measure what rate-limit manners save (docs/rate-limits.md)."))
    var noRateLimitManners = false

    /// The base URL from the flag or the environment; nil means "start the embedded mock".
    var resolvedBaseURL: String? {
        if let baseURL, !baseURL.isEmpty { return baseURL }
        if let fromEnvironment = ProcessInfo.processInfo.environment["FRESHCHAT_BASE_URL"], !fromEnvironment.isEmpty {
            return fromEnvironment
        }
        return nil
    }

    var resolvedToken: String? {
        if let token, !token.isEmpty { return token }
        if let fromEnvironment = ProcessInfo.processInfo.environment["FRESHCHAT_TOKEN"], !fromEnvironment.isEmpty {
            return fromEnvironment
        }
        return nil
    }

    /// `--max-rps` checked: from 0.001 to 10,000,000 (`nan`, `inf`, `0` and `-1` are bad input).
    func maxRequestsPerSecond() throws(CommandFailure) -> Double? {
        guard let maxRPS else { return nil }
        guard LoadPlanner.maxRequestsPerSecondRange.contains(maxRPS) else {
            throw CommandFailure(.badInput, "--max-rps \(maxRPS): expected requests per second from 0.001 to 10000000, e.g. 5 or 0.5")
        }
        return maxRPS
    }

    /// Transport settings from the flags; a bad duration is bad input, and so is a token no
    /// header can carry (every request would fail to render, so the run would test nothing).
    func transferOptions() throws(CommandFailure) -> TransferOptions {
        if let token = resolvedToken, token.unicodeScalars.contains(where: { $0 == "\r" || $0 == "\n" || $0 == "\0" }) {
            let source = (self.token?.isEmpty ?? true) ? "FRESHCHAT_TOKEN" : "--token"
            throw CommandFailure(.badInput, "\(source): the token contains a line break or NUL, which no HTTP header may carry")
        }
        let duration: Duration
        do {
            duration = try Duration(parsing: timeout)
        } catch {
            throw CommandFailure(.badInput, "--timeout: \(error)")
        }
        var options = TransferOptions()
        options.timeout = duration
        options.connectTimeout = min(duration, .seconds(10))
        options.verifyTLS = !insecure
        if let cacert {
            guard FileManager.default.isReadableFile(atPath: cacert) else {
                throw CommandFailure(.badInput, "--cacert \(cacert): no readable file there")
            }
            options.caCertificatesPath = cacert
        }
        return options
    }
}
