// `fcharness mock`: serves the mock Freshchat until Ctrl-C or SIGTERM. The first line on stdout
// is `listening on http://HOST:PORT`, so scripts can start it on port 0 and read the port.
import ArgumentParser
import Foundation
import MockServer

struct MockCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mock",
        abstract: "Serve the mock Freshchat: stateful, seeded, spec-true, with fault injection.",
        discussion: """
            All 16 operations under /v2, a seeded directory of agents, groups and channels, Bearer \
            token required. Faults are deterministic for a --seed and combine freely; --fault sets \
            one for a single operation. See docs/mock.md.

            --flavor observed answers the way the live Freshchat API is observed to (pagination \
            objects, link objects, integer error codes with a status, X-RateLimit-* headers, 429 \
            without Retry-After) and accepts what it accepts (the built-in copy of \
            scenarios/overlays/freshchat-observed.yaml is applied to the spec). See docs/overlays.md.

            Examples:
              fcharness mock --port 8080
              fcharness mock --port 0 --latency normal:20ms,5ms --error-rate 0.01
              fcharness mock --rate-limit 100/s --fault sendMessage:error-rate=0.2
              fcharness mock --stall 5s,2s --drop-rate 0.001 --drift
              fcharness mock --max-records 50000
              fcharness mock --flavor observed --rate-limit 5/s
            """
    )

    @Option(name: .long, help: ArgumentHelp("Address to bind.", valueName: "host"))
    var host: String = "127.0.0.1"

    @Option(name: .long, help: ArgumentHelp("Port to bind; 0 picks a free one.", valueName: "port"))
    var port: Int = 8080

    @Option(name: .long, help: ArgumentHelp("The Bearer token clients must send.", valueName: "token"))
    var token: String = "dev-token"

    @Option(name: .long, help: ArgumentHelp("Seed of the data and of every fault's randomness.", valueName: "n"))
    var seed: UInt64 = 1

    @Option(name: .long, help: ArgumentHelp("Added latency: fixed:20ms | uniform:10ms,30ms | normal:20ms,5ms.", valueName: "model"))
    var latency: String?

    @Option(name: .long, help: ArgumentHelp("Share of requests answered 500 with an Error body (0..1).", valueName: "f"))
    var errorRate: String?

    @Option(name: .long, help: ArgumentHelp("Requests per second served; beyond it 429 with Retry-After (e.g. 100/s).", valueName: "rate"))
    var rateLimit: String?

    @Option(name: .long, help: ArgumentHelp("Stop answering for LENGTH, starting AT after the first request (e.g. 5s,2s).", valueName: "at,length"))
    var stall: String?

    @Option(name: .long, help: ArgumentHelp("Share of responses cut off mid-body by closing the connection (0..1).", valueName: "f"))
    var dropRate: String?

    @Option(name: .long, help: ArgumentHelp("A fault for one operation (repeatable): OPERATION_ID:KEY=VALUE, e.g. sendMessage:error-rate=0.2.", valueName: "op:key=value"))
    var fault: [String] = []

    @Flag(name: .long, help: "Break the contract on purpose in several operations (see docs/mock.md).")
    var drift = false

    @Option(name: .long, help: ArgumentHelp(
        "Answer as the seed spec documents (seed) or as the live API is observed to (observed; docs/overlays.md).",
        valueName: "seed|observed"))
    var flavor: MockFlavor = .seed

    @Option(name: .long, help: ArgumentHelp("Event-loop threads (default: one per core).", valueName: "n"))
    var threads: Int?

    @Option(name: .long, help: ArgumentHelp(
        "Users and conversations kept (10 × N messages); beyond them the oldest are evicted and answer 404 (default: 10000).",
        valueName: "n"))
    var maxRecords: Int?

    @OptionGroup var specOptions: SpecOptions

    func run() async throws {
        var configuration = MockConfiguration(host: host, port: port, token: token, seed: seed, drift: drift, flavor: flavor)
        if let threads { configuration.threads = threads }
        if let maxRecords {
            guard maxRecords >= 1 else { throw CommandFailure(.badInput, "--max-records \(maxRecords): expected a whole number of at least 1") }
            configuration.storeLimits = MockStoreLimits(maxRecords: maxRecords)
        }
        configuration.faults = try faultPlan()
        configuration.spec = try specOptions.loadDocument(flavor: flavor)

        let server: MockServer
        do { server = try await MockServer.start(configuration) } catch {
            throw CommandFailure(.badInput, "\(error)")
        }
        // SIGINT / SIGTERM: stop cleanly (close the listener and every connection). Set before
        // saying where it listens, so a client may stop it the moment it reads that.
        InterruptSignals.handle { _ in Task { await server.shutdown() } }
        writeOutput("listening on \(server.address)\n")
        writeOutput("base URL \(server.baseURL), token \(token == "dev-token" ? token : "(as given)"), app id \(server.appID)\n")
        try await server.run()
        await server.shutdown()
        writeOutput("stopped\n")
        writeOutput(Self.statisticsLine(server.statistics))
    }

    /// What the fault injector did, for benchmarks that compare a client's measurements with
    /// the server's own (e.g. the delay the mock measured between a request and its answer).
    static func statisticsLine(_ statistics: MockStatistics) -> String {
        func summary(_ delays: DelaySummary) -> String {
            String(format: "n=%d mean=%.3fms min=%.3fms max=%.3fms sd=%.3fms",
                   delays.count, delays.mean, delays.minimum, delays.maximum, delays.standardDeviation)
        }
        return """
            faults: requests=\(statistics.requests) errors=\(statistics.injectedErrors) \
            rate_limited=\(statistics.rateLimited) dropped=\(statistics.dropped) stalled=\(statistics.stalled)
            measured delay: \(summary(statistics.measuredDelay))

            """
    }

    private func faultPlan() throws(CommandFailure) -> FaultPlan {
        var plan = FaultPlan()
        do {
            let global: [(String, String?)] = [
                ("latency", latency), ("error-rate", errorRate), ("rate-limit", rateLimit), ("stall", stall), ("drop-rate", dropRate),
            ]
            for case let (key, value?) in global { try plan.global.set(key, to: value) }
            for text in fault { try plan.addOverride(parsing: text) }
        } catch {
            throw CommandFailure(.badInput, "\(error)")
        }
        return plan
    }
}
