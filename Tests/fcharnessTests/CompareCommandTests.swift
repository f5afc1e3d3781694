// `fcharness compare` end to end on results files of real runs: the same run twice exits 0,
// a run against a slower mock exits 1 naming the operation, different profiles exit 2, and
// the Markdown and JSON files are written.
import Foundation
import JSON
import MockServer
import XCTest

final class CompareCommandTests: XCTestCase {
    private var scratch: URL!

    override func setUpWithError() throws {
        scratch = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("fcharness-compare-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        try "name: list agents\nsteps:\n  - operation: listAgents\n".write(
            to: scratch.appendingPathComponent("list-agents.yaml"), atomically: true, encoding: .utf8)
        // 9 s at 100/s: 7 whole seconds compared, ~700 requests, enough for p50 and p90.
        try """
            name: compare-test
            executor: constant-arrival-rate
            rate: 100/s
            duration: 9s
            vus: 10
            max_vus: 100
            graceful_stop: 2s
            mix: [{ scenario: list-agents.yaml }]
            """.write(to: scratch.appendingPathComponent("profile.yaml"), atomically: true, encoding: .utf8)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: scratch)
    }

    /// One run of the profile against an in-process mock answering after `latency`.
    private func results(latency: String, name: String) async throws -> String {
        var configuration = MockConfiguration.embedded(seed: 3)
        configuration.threads = 1
        try configuration.faults.global.set("latency", to: latency)
        let mock = try await MockServer.start(configuration)
        let out = scratch.appendingPathComponent(name).path
        let run = try runCLI(["load", scratch.appendingPathComponent("profile.yaml").path, "--no-progress", "--threads", "1",
                              "--validate-sample", "0", "--out", out, "--base-url", mock.baseURL, "--token", mock.token])
        await mock.shutdown()
        XCTAssertEqual(run.status, 0, run.stdout + run.stderr)
        return out
    }

    func testCompareExits0WithoutRegressionAnd1NamingTheSlowerOperation() async throws {
        let baseline = try await results(latency: "normal:10ms,1ms", name: "baseline.json")
        let slower = try await results(latency: "normal:20ms,2ms", name: "slower.json")
        let markdown = scratch.appendingPathComponent("comment.md").path
        let json = scratch.appendingPathComponent("compare.json").path

        let same = try runCLI(["compare", baseline, baseline])
        XCTAssertEqual(same.status, 0, same.stdout + same.stderr)
        XCTAssertEqual(same.stdout.split(separator: "\n").last, "✅ no regression")

        let regressed = try runCLI(["compare", baseline, slower, "--markdown", markdown, "--json", json])
        XCTAssertEqual(regressed.status, 1, regressed.stdout + regressed.stderr)
        XCTAssertEqual(regressed.stdout.split(separator: "\n").last, "❌ 2 regressions in 1 operation: listAgents")
        XCTAssertTrue(regressed.stderr.contains("regression in listAgents"), regressed.stderr)

        let comment = try String(contentsOfFile: markdown, encoding: .utf8)
        XCTAssertTrue(comment.hasPrefix("### fcharness compare: ❌ 2 regressions in 1 operation: listAgents\n"), comment)
        XCTAssertTrue(comment.contains("| listAgents | p50 |"), comment)
        XCTAssertTrue(comment.contains("▲ worse"), comment)
        let document = try JSON.parse(contentsOfFile: json)
        XCTAssertEqual(document["format"], "fcharness-compare/1")
        XCTAssertEqual(document["verdict"], "regression")
        XCTAssertEqual(document["regressed_operations"], ["listAgents"])
        let p99 = document["rows"]?.arrayValue?.first { $0["metric"] == "p99" }
        XCTAssertEqual(p99?["verdict"], "not_enough_data", "700 latencies hold only 7 above their p99")

        // A threshold far above the change: no regression, whatever the noise says (the
        // injected change is +100%; a slow machine, or a sanitizer build, measures up to +250%).
        let lenient = try runCLI(["compare", baseline, slower, "--threshold", "p50=1000%", "--threshold", "p90=1000%"])
        XCTAssertEqual(lenient.status, 0, lenient.stdout + lenient.stderr)
    }

    func testDifferentProfilesExit2NamingBothFiles() async throws {
        let baseline = try await results(latency: "fixed:5ms", name: "baseline.json")
        let text = try String(contentsOfFile: baseline, encoding: .utf8)
        let other = scratch.appendingPathComponent("other-profile.json").path
        try text.replacing(/"profile_hash": *"[^"]*"/, with: "\"profile_hash\": \"sha256:another\"")
            .write(toFile: other, atomically: true, encoding: .utf8)

        let run = try runCLI(["compare", baseline, other])
        XCTAssertEqual(run.status, 2, run.stdout + run.stderr)
        XCTAssertTrue(run.stderr.contains("refusing to compare different profiles"), run.stderr)
        XCTAssertTrue(run.stderr.contains(other), run.stderr)
        XCTAssertEqual(run.stdout, "", "no table for runs that cannot be compared")
    }

    func testAMissingFileOrABadThresholdExits2NamingIt() throws {
        let missing = scratch.appendingPathComponent("missing.json").path
        let run = try runCLI(["compare", missing, missing])
        XCTAssertEqual(run.status, 2)
        XCTAssertTrue(run.stderr.contains(missing), run.stderr)

        let threshold = try runCLI(["compare", missing, missing, "--threshold", "p95=10%"])
        XCTAssertEqual(threshold.status, 2)
        XCTAssertTrue(threshold.stderr.contains("unknown metric 'p95'"), threshold.stderr)
    }
}
