// Secrets never leave the process: every command and output format runs with a canary token
// and canary URL credentials (userinfo, api_key and client_secret in the base URL, secret query
// parameters and headers in a scenario), then every byte of stdout, stderr and every file
// written is searched for them.
import Foundation
import MockServer
import XCTest

final class SecretCanaryTests: XCTestCase {
    private var scratch: URL!
    /// Where the commands write; everything in it is searched. Inputs live beside it.
    private var out: URL!
    private var inputs: URL!
    /// What every command printed, by what was run.
    private var printed: [(label: String, run: CLIRun)] = []

    override func setUpWithError() throws {
        scratch = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("fcharness-canary-\(UUID().uuidString)")
        out = scratch.appendingPathComponent("out")
        inputs = scratch.appendingPathComponent("inputs")
        for folder in [out!, inputs!] { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) }
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: scratch)
    }

    private func output(_ name: String) -> String { out.appendingPathComponent(name).path }

    private func input(_ name: String, _ text: String) throws -> String {
        let path = inputs.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Runs `fcharness ARGS` with the canary token and base URL also in the environment, as CI
    /// sets them, and keeps what it printed for the search.
    @discardableResult
    private func run(_ arguments: [String], environment: [String: String]) throws -> CLIRun {
        let run = try runCLI(arguments, environment: environment)
        printed.append(("fcharness " + arguments.joined(separator: " "), run))
        return run
    }

    func testNoCommandOrOutputShowsTheTokenOrTheURLCredentials() async throws {
        let id = UUID().uuidString.lowercased()
        let token = "canary-token-\(id)"
        let user = "canaryuser\(id.prefix(8))"
        let password = "canarypass-\(id)"
        let apiKey = "canarykey-\(id)"
        let clientSecret = "canarysecret-\(id)"
        let signature = "canarysig-\(id)"
        let cookie = "canarycookie-\(id)"
        let secrets = [token, user, password, apiKey, clientSecret, signature, cookie,
                       Data("\(user):\(password)".utf8).base64EncodedString()]  // as Basic auth would send them

        var configuration = MockConfiguration.embedded(seed: 11)
        configuration.token = token
        configuration.threads = 1
        let mock = try await MockServer.start(configuration)
        configuration.drift = true
        let drifting = try await MockServer.start(configuration)
        defer { Task { await mock.shutdown(); await drifting.shutdown() } }

        // libcurl turns the userinfo into Basic auth, but the Bearer header the harness sets wins.
        func credentialed(_ port: Int) -> String { "http://\(user):\(password)@127.0.0.1:\(port)/v2" }
        func withSecretQuery(_ port: Int) -> String { credentialed(port) + "?api_key=\(apiKey)&client_secret=\(clientSecret)" }
        let environment = ["FRESHCHAT_TOKEN": token, "FRESHCHAT_BASE_URL": withSecretQuery(mock.port)]
        let target = ["--base-url", credentialed(mock.port), "--token", token, "--var", "app_id=\(mock.appID)"]

        // A scenario that itself sends secrets: query parameters and headers named like them.
        let secretStep = try input("secret-params.yaml", """
            name: secret params
            steps:
              - operation: listAgents
                query: { page: 1, api_key: "\(apiKey)", sig: "\(signature)" }
                headers: { X-Api-Key: "\(apiKey)", Cookie: "sid=\(cookie)", X-Auth-Token: "\(token)" }
            """)
        try _ = input("list-agents.yaml", "name: list agents\nsteps:\n  - operation: listAgents\n")
        try _ = input("list-channels.yaml", "name: list channels\nsteps:\n  - operation: listChannels\n")
        let profile = try input("short.yaml", """
            name: canary
            executor: constant-arrival-rate
            rate: 20/s
            duration: 1s
            vus: 5
            max_vus: 50
            graceful_stop: 2s
            mix: [{ scenario: list-agents.yaml }, { scenario: list-channels.yaml }, { scenario: secret-params.yaml }]
            thresholds: ["p99 < 60s"]
            """)

        // contract: console, --json, --junit, --coverage; a target with credentials in its userinfo,
        // then one with secret query parameters too (from the environment), then one nobody answers.
        let contract = try run(["contract", "scenarios/contract", secretStep, "--json", output("contract.json"),
                                "--junit", output("contract.xml"), "--coverage", "--seed", "7"] + target, environment: environment)
        XCTAssertTrue([0, 1].contains(contract.status), contract.stdout + contract.stderr)
        try run(["contract", "scenarios/contract", secretStep, "--json", output("contract-query.json"),
                 "--junit", output("contract-query.xml"), "--coverage", "--min-coverage", "100", "--var", "app_id=\(mock.appID)"],
                environment: environment)
        let dryRun = try run(["contract", "scenarios/contract", secretStep, "--dry-run", "--base-url", withSecretQuery(mock.port),
                              "--token", token, "--var", "app_id=\(mock.appID)"], environment: environment)
        XCTAssertEqual(dryRun.status, 0, dryRun.stderr)
        XCTAssertTrue(dryRun.stdout.contains("Authorization: Bearer ***"), dryRun.stdout)
        let unreachable = try run(["contract", "scenarios/contract/browse-agents.yaml", secretStep,
                                   "--base-url", "http://\(user):\(password)@127.0.0.1:9/v2?api_key=\(apiKey)", "--token", token,
                                   "--json", output("unreachable.json"), "--junit", output("unreachable.xml")], environment: environment)
        XCTAssertEqual(unreachable.status, 3, unreachable.stdout + unreachable.stderr)
        try run(["contract", secretStep, "--base-url", "http://\(user):\(password)@127.0.0.1:port/v2?api_key=\(apiKey)",
                 "--token", token, "--json", output("malformed.json")], environment: environment)

        // load: --out and --html, against the drifting mock with every response validated; then
        // with the secret query in the base URL, nobody answering, and a live target refused.
        let results = output("load.json")
        let load = try run(["load", profile, "--no-progress", "--threads", "1", "--validate-sample", "1", "--out", results,
                            "--html", output("load.html"), "--base-url", credentialed(drifting.port), "--token", token],
                           environment: environment)
        XCTAssertTrue(FileManager.default.fileExists(atPath: results), load.stdout + load.stderr)
        let queryResults = output("load-query.json")
        try run(["load", profile, "--no-progress", "--threads", "1", "--out", queryResults, "--html", output("load-query.html"),
                 "--base-url", withSecretQuery(mock.port), "--token", token], environment: environment)
        let loadUnreachable = try run(["load", profile, "--no-progress", "--duration", "1s", "--out", output("load-unreachable.json"),
                                       "--base-url", "http://\(user):\(password)@127.0.0.1:9/v2?client_secret=\(clientSecret)"],
                                      environment: environment)
        XCTAssertEqual(loadUnreachable.status, 3, loadUnreachable.stdout + loadUnreachable.stderr)
        let live = try run(["load", profile, "--no-progress", "--base-url",
                            "https://\(user):\(password)@canary.invalid/v2?api_key=\(apiKey)", "--token", token], environment: environment)
        XCTAssertEqual(live.status, 2, live.stderr)

        // report: the console summary, every file format, and Markdown and JUnit on stdout.
        for source in [results, queryResults] {
            let name = URL(fileURLWithPath: source).deletingPathExtension().lastPathComponent
            let report = try run(["report", source, "--html", output("\(name)-report.html"), "--markdown", output("\(name).md"),
                                  "--junit", output("\(name)-report.xml"), "--hgrm", output("\(name)-hgrm")], environment: environment)
            XCTAssertEqual(report.status, 0, report.stderr)
            try run(["report", source], environment: environment)
            try run(["report", source, "--markdown", "-"], environment: environment)
            try run(["report", source, "--junit", "-"], environment: environment)
        }

        // compare (both outputs; different targets are named in a warning) and merge.
        try run(["compare", results, queryResults, "--markdown", output("compare.md"), "--json", output("compare.json")],
                environment: environment)
        try run(["compare", results, results, "--markdown", output("compare-same.md"), "--json", output("compare-same.json")],
                environment: environment)
        for shard in 1...2 {
            try run(["load", profile, "--no-progress", "--threads", "1", "--shard", "\(shard)/2", "--out", output("shard-\(shard).json"),
                     "--base-url", credentialed(mock.port), "--token", token], environment: environment)
        }
        let merge = try run(["merge", output("shard-1.json"), output("shard-2.json"), "--out", output("merged.json"),
                             "--max-start-skew", "60s"], environment: environment)
        XCTAssertTrue([0, 1].contains(merge.status), merge.stderr)

        // mock: what it says on start, given the canary as its token.
        printed.append(("fcharness mock --token …", try mockStartup(token: token, environment: environment)))

        // The commands that never talk to a server, with the canaries in their environment.
        try run(["generate", "--out", output("generated"), "--negative"], environment: environment)
        try run(["validate", results, "--schema", "docs/results.schema.json"], environment: environment)
        try run(["validate", output("contract.json"), "--operation", "listAgents"], environment: environment)
        try run(["operations"], environment: environment)
        try run(["operations", "--json"], environment: environment)

        // Search every byte.
        var searched: [(name: String, bytes: Data)] = printed.flatMap { entry in
            [("stdout of \(entry.label)", Data(entry.run.stdout.utf8)), ("stderr of \(entry.label)", Data(entry.run.stderr.utf8))]
        }
        let files = FileManager.default.enumerator(at: out, includingPropertiesForKeys: [.isRegularFileKey])
        while let file = files?.nextObject() as? URL {
            guard (try? file.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            searched.append((file.path, try Data(contentsOf: file)))
        }
        for file in ["contract.json", "contract.xml", "contract-query.json", "unreachable.json", "load.json", "load.html",
                     "load-query.json", "load-report.html", "load.md", "load-report.xml", "load-hgrm/all.hgrm", "compare.md",
                     "compare.json", "merged.json"] {
            XCTAssertTrue(searched.contains { $0.name == output(file) }, "\(file) was not written")
        }
        for (name, bytes) in searched {
            for secret in secrets where bytes.range(of: Data(secret.utf8)) != nil {
                XCTFail("\(name) holds the canary \(secret)")
            }
        }
        let total = searched.reduce(0) { $0 + $1.bytes.count }
        print("searched \(total) bytes in \(searched.count) outputs (\(printed.count) commands, \(searched.count - 2 * printed.count) files)")
    }

    /// What `fcharness mock --token TOKEN` prints until it is listening, and after it is stopped.
    private func mockStartup(token: String, environment: [String: String]) throws -> CLIRun {
        let said = try MockProcess(["--token", token], environment: environment).stop()
        XCTAssertTrue(said.stdout.contains("token (as given)"), said.stdout)
        XCTAssertTrue(said.stdout.contains("stopped"), said.stdout)
        return said
    }
}
