// Coordinated omission, end to end: an open-model run measures latency from when each request
// was due, so a generator that falls behind (here: the test stops the process for 1.5 s, as a
// VM pause or a swapped-out page would) shows the delay in its percentiles, while the service
// time beside it, from the actual send, does not. Not a speed assertion: arrivals due during
// the pause cannot be sent before it ends, on any machine, so a quarter of the run's requests
// carry between 0.5 and 1.5 s of it (those due in its first second).
import Foundation
import JSON
import MockServer
import XCTest

final class CoordinatedOmissionTests: XCTestCase {
    private var scratch: URL!

    override func setUpWithError() throws {
        scratch = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("fcharness-co-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: scratch)
    }

    func testAPausedGeneratorShowsThePauseInLatencyButNotInServiceTime() async throws {
        var configuration = MockConfiguration.embedded(seed: 9)
        configuration.threads = 1
        // Any fault turns on the mock's request count, which tells the test the run has begun.
        configuration.faults.global.latency = try LatencyModel(parsing: "fixed:1ms")
        let mock = try await MockServer.start(configuration)
        try "name: list agents once\nsteps:\n  - operation: listAgents\n".write(
            to: scratch.appendingPathComponent("list-agents-once.yaml"), atomically: true, encoding: .utf8)
        let profile = scratch.appendingPathComponent("paced.yaml").path
        // 200 arrivals; enough users that none of the 75 due during the pause is dropped.
        try """
            executor: constant-arrival-rate
            rate: 50/s
            duration: 4s
            vus: 10
            max_vus: 300
            mix: [{ scenario: list-agents-once.yaml }]
            """.write(toFile: profile, atomically: true, encoding: .utf8)
        let out = scratch.appendingPathComponent("results.json").path
        let run = try SignalledRun(["load", profile, "--base-url", mock.baseURL, "--token", mock.token,
                                    "--no-progress", "--validate-sample", "0", "--out", out], output: scratch)
        for _ in 0..<400 where mock.statistics.requests < 25 { try await Task.sleep(for: .milliseconds(25)) }
        XCTAssertGreaterThanOrEqual(mock.statistics.requests, 25, "the run never got going")
        run.signal(SIGSTOP)
        try await Task.sleep(for: .milliseconds(1500))
        run.signal(SIGCONT)
        let status = try await run.exitStatus()
        await mock.shutdown()
        XCTAssertEqual(status, 0, run.stderr)

        let totals = try JSON.parse(Array(try Data(contentsOf: URL(fileURLWithPath: out))))["totals"]
        XCTAssertEqual(totals?["requests"]?.integerValue, 200, "every arrival was sent, late or not")
        let latencyP90 = try XCTUnwrap(totals?["latency_ms"]?["p90"]?.doubleValue)
        let serviceP90 = try XCTUnwrap(totals?["service_ms"]?["p90"]?.doubleValue)
        XCTAssertGreaterThanOrEqual(latencyP90, 500, "the arrivals due during the pause carry their wait")
        XCTAssertLessThan(serviceP90, 500, "each was answered promptly once sent")
    }
}
