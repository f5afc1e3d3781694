// Ctrl-C (SIGINT) or SIGTERM during `contract` or `load`: sending stops at once — no retry, no
// new request, transfers in flight end — the reports so far are written marked interrupted,
// and the exit code is 130. A second Ctrl-C exits at once.
import Foundation
import JSON
import MockServer
import NIOConcurrencyHelpers
import XCTest

final class InterruptTests: XCTestCase {
    private var scratch: URL!

    override func setUpWithError() throws {
        scratch = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("fcharness-interrupt-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        try "name: list agents\nsteps:\n  - operation: listAgents\n  - operation: listAgents\n".write(
            to: scratch.appendingPathComponent("list-agents.yaml"), atomically: true, encoding: .utf8)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: scratch)
    }

    // MARK: contract

    func testInterruptWritesPartialResultsAndExits130() async throws {
        var configuration = MockConfiguration.embedded(seed: 5)
        configuration.threads = 1
        configuration.faults.global.latency = try LatencyModel(parsing: "fixed:300ms")
        let mock = try await MockServer.start(configuration)
        let json = scratch.appendingPathComponent("interrupted.json").path
        let run = try SignalledRun(["contract", "--base-url", mock.baseURL, "--token", mock.token, "--var", "app_id=x",
                                    "--parallel", "1", "--json", json], output: scratch)

        // Interrupt once the run is under way: with one scenario at a time, a second request
        // means the first has its answer.
        for _ in 0..<400 where mock.statistics.requests < 2 { try await Task.sleep(for: .milliseconds(25)) }
        XCTAssertGreaterThanOrEqual(mock.statistics.requests, 2, "the run never reached the mock")
        run.signal(SIGINT)
        let status = try await run.exitStatus()
        await mock.shutdown()

        XCTAssertEqual(status, 130, run.stderr)
        let report = try JSON.parse(contentsOfFile: json)
        XCTAssertEqual(report["interrupted"], true)
        let outcomes = (report["scenarios"]?.arrayValue ?? []).flatMap { $0["steps"]?.arrayValue ?? [] }.compactMap { $0["outcome"]?.stringValue }
        XCTAssertTrue(outcomes.contains("skipped"), "steps after the interrupt are reported as skipped")
        XCTAssertTrue(outcomes.contains("passed"), "what ran before the interrupt is kept")
        XCTAssertFalse(outcomes.contains("failed"), "the step the interrupt cut off is not a failure: \(outcomes)")
    }

    func testCtrlCWhileWaitingOutA429RetriesNothing() async throws {
        try await assertThrottledContractRunStops(on: SIGINT)
    }

    func testSIGTERMWhileWaitingOutA429IsAnInterruptToo() async throws {
        try await assertThrottledContractRunStops(on: SIGTERM)
    }

    /// A server that answers nothing: only the interrupt can end the transfer within the
    /// 60 s timeout.
    func testAnInterruptEndsATransferTheServerNeverAnswers() async throws {
        let server = try XCTUnwrap(SilentHTTPServer())
        defer { server.stop() }
        let json = scratch.appendingPathComponent("silent.json").path
        let run = try SignalledRun(contract(server.port, json: json, extra: ["--timeout", "60s"]), output: scratch)
        for _ in 0..<400 where server.requests == 0 { try await Task.sleep(for: .milliseconds(25)) }
        XCTAssertEqual(server.requests, 1, "the run never reached the server")

        run.signal(SIGINT)
        let status = try await run.exitStatus()
        XCTAssertEqual(status, 130, run.stderr)
        XCTAssertEqual(server.requests, 1)
        let report = try JSON.parse(contentsOfFile: json)
        XCTAssertEqual(report["interrupted"], true)
        let steps = report["scenarios"]?[0]?["steps"]?.arrayValue ?? []
        XCTAssertEqual(steps.compactMap { $0["outcome"]?.stringValue }, ["skipped", "skipped"])
        XCTAssertEqual(steps.first?["notes"], ["interrupted before a response"])
    }

    func testASecondCtrlCExitsAtOnce() async throws {
        let server = try XCTUnwrap(SilentHTTPServer())
        defer { server.stop() }
        let run = try SignalledRun(contract(server.port, json: scratch.appendingPathComponent("twice.json").path,
                                            extra: ["--timeout", "60s"]), output: scratch)
        for _ in 0..<400 where server.requests == 0 { try await Task.sleep(for: .milliseconds(25)) }
        XCTAssertEqual(server.requests, 1, "the run never reached the server")

        // The second arrives while the first is being handled (or just after: 130 either way).
        run.signal(SIGINT)
        run.signal(SIGINT)
        let status = try await run.exitStatus()
        XCTAssertEqual(status, 130, run.stderr)
        XCTAssertEqual(run.terminationReason, .exit, "exits with 130, not killed by the signal")
    }

    // MARK: load

    func testCtrlCDuringLoadWritesTheResultsSoFar() async throws {
        try await assertLoadRunStops(on: SIGINT)
    }

    func testSIGTERMDuringLoadWritesTheResultsSoFar() async throws {
        try await assertLoadRunStops(on: SIGTERM)
    }

    // MARK: mock, and commands that are not runs

    /// A client may stop the mock the moment it says where it listens. (A DispatchSource-based
    /// handler dropped a signal that came that early, and the mock never stopped.)
    func testTheMockStopsOnASIGTERMSentTheMomentItSaysItListens() throws {
        for round in 1...20 {
            let stopped = try MockProcess().stop(with: round.isMultiple(of: 2) ? SIGTERM : SIGINT)
            XCTAssertEqual(stopped.status, 0, "round \(round): \(stopped.stderr)")
            XCTAssertFalse(stopped.signalled, "round \(round): killed by the signal instead of stopping")
            XCTAssertTrue(stopped.stdout.contains("stopped\nfaults: requests=0"), "round \(round): \(stopped.stdout)")
        }
    }

    /// A command with nothing to save ends as the signal's default action would: killed by it.
    func testCtrlCBeforeAnyRunEndsTheProcessAsKilledBySIGINT() async throws {
        let fifo = scratch.appendingPathComponent("never-written").path
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        // Opening a FIFO nobody writes blocks: the command is still reading its input.
        let run = try SignalledRun(["validate", fifo, "--operation", "listAgents"], output: scratch)
        try await Task.sleep(for: .milliseconds(300))
        run.signal(SIGINT)
        let status = try await run.exitStatus()
        XCTAssertEqual(run.terminationReason, .uncaughtSignal, run.stderr)
        XCTAssertEqual(status, SIGINT)
    }

    // MARK: Helpers

    /// Every request is answered 429 with `Retry-After: 5`; the signal comes while the first
    /// step waits. No retry may follow it.
    private func assertThrottledContractRunStops(on signalNumber: Int32, file: StaticString = #filePath, line: UInt = #line) async throws {
        let server = try XCTUnwrap(CannedHTTPServer(response:
            "HTTP/1.1 429 Too Many Requests\r\nRetry-After: 5\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}"))
        defer { server.stop() }
        let json = scratch.appendingPathComponent("throttled.json").path
        let run = try SignalledRun(contract(server.port, json: json), output: scratch)
        for _ in 0..<400 where server.requests == 0 { try await Task.sleep(for: .milliseconds(25)) }
        XCTAssertEqual(server.requests, 1, "the run never reached the server", file: file, line: line)
        // The server counts a request before it answers; a moment later the step is waiting.
        try await Task.sleep(for: .milliseconds(300))
        let requestsAtSignal = server.requests

        run.signal(signalNumber)
        let status = try await run.exitStatus()
        XCTAssertEqual(status, 130, run.stderr, file: file, line: line)
        XCTAssertEqual(server.requests, requestsAtSignal, "a request after the interrupt", file: file, line: line)
        let report = try JSON.parse(contentsOfFile: json)
        XCTAssertEqual(report["interrupted"], true, file: file, line: line)
        let steps = report["scenarios"]?[0]?["steps"]?.arrayValue ?? []
        XCTAssertEqual(steps.compactMap { $0["outcome"]?.stringValue }, ["skipped", "skipped"], file: file, line: line)
        let notes = steps.first?["notes"]?.arrayValue?.compactMap(\.stringValue) ?? []
        XCTAssertEqual(notes, ["429 Too Many Requests; interrupted while waiting 5.0 seconds (Retry-After), not retried"],
                       file: file, line: line)
    }

    /// A constant arrival rate against a mock that takes 500 ms per answer, so transfers are in
    /// flight when the signal comes.
    private func assertLoadRunStops(on signalNumber: Int32, file: StaticString = #filePath, line: UInt = #line) async throws {
        var configuration = MockConfiguration.embedded(seed: 5)
        configuration.threads = 1
        configuration.faults.global.latency = try LatencyModel(parsing: "fixed:500ms")
        let mock = try await MockServer.start(configuration)
        try "name: list agents once\nsteps:\n  - operation: listAgents\n".write(
            to: scratch.appendingPathComponent("list-agents-once.yaml"), atomically: true, encoding: .utf8)
        let profile = scratch.appendingPathComponent("slow.yaml").path
        try """
            executor: constant-arrival-rate
            rate: 40/s
            duration: 30s
            vus: 5
            max_vus: 100
            mix: [{ scenario: list-agents-once.yaml }]
            """.write(toFile: profile, atomically: true, encoding: .utf8)
        let out = scratch.appendingPathComponent("results.json").path
        let run = try SignalledRun(["load", profile, "--base-url", mock.baseURL, "--token", mock.token,
                                    "--no-progress", "--out", out], output: scratch)
        // After a second, the first half second's requests have their answers.
        for _ in 0..<400 where mock.statistics.requests < 40 { try await Task.sleep(for: .milliseconds(25)) }
        XCTAssertGreaterThanOrEqual(mock.statistics.requests, 40, "the run never got going", file: file, line: line)

        let requestsAtSignal = mock.statistics.requests
        run.signal(signalNumber)
        let status = try await run.exitStatus()
        let requestsAtExit = mock.statistics.requests
        await mock.shutdown()

        XCTAssertEqual(status, 130, run.stderr, file: file, line: line)
        // Only requests already sent when the signal came may be counted after it (a busy
        // machine's mock counts them late); a run that went on for a second would add about 40.
        XCTAssertLessThanOrEqual(requestsAtExit - requestsAtSignal, 10, "requests after the interrupt", file: file, line: line)
        let results = try JSON.parse(contentsOfFile: out)
        XCTAssertEqual(results["interrupted"], true, file: file, line: line)
        XCTAssertGreaterThan(results["iterations"]?["completed"]?.integerValue ?? 0, 0, "what finished is kept", file: file, line: line)
        let check = try runCLI(["validate", out, "--schema", "docs/results.schema.json"])
        XCTAssertEqual(check.status, 0, "the results file must match docs/results.schema.json: \(check.stdout)\(check.stderr)",
                       file: file, line: line)
    }

    /// `contract` of the two-step scenario against 127.0.0.1:`port`, one scenario at a time.
    private func contract(_ port: Int, json: String, extra: [String] = []) -> [String] {
        ["contract", scratch.appendingPathComponent("list-agents.yaml").path,
         "--base-url", "http://127.0.0.1:\(port)/v2", "--token", "t", "--parallel", "1", "--json", json] + extra
    }
}

/// Accepts HTTP/1.1 connections on 127.0.0.1 and reads requests, counting their heads, but
/// never answers: a server that hangs.
private final class SilentHTTPServer: Sendable {
    var port: Int { connections.port }
    private let connections: LoopbackConnections
    private let requestCount = NIOLockedValueBox(0)

    /// Request heads received so far.
    var requests: Int { requestCount.withLockedValue { $0 } }

    init?() {
        guard let connections = LoopbackConnections(backlog: 64) else { return nil }
        self.connections = connections
        connections.start { [self] connection in drain(connection) }
    }

    /// Stops accepting and ends the open connections.
    func stop() {
        connections.stop()
    }

    private func drain(_ connection: Int32) {
        var buffer = [UInt8](repeating: 0, count: 16 << 10)
        var pending: [UInt8] = []
        let end: [UInt8] = Array("\r\n\r\n".utf8)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(connection, $0.baseAddress, $0.count) }
            if count <= 0 { break }
            pending += buffer[0..<count]
            while let range = pending.firstRange(of: end) {
                pending.removeSubrange(pending.startIndex..<range.upperBound)
                requestCount.withLockedValue { $0 += 1 }
            }
        }
    }
}
