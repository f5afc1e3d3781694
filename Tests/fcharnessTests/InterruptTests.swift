import Foundation
import JSON
import MockServer
import XCTest

/// Ctrl-C during a contract run: the reports are still written, marked interrupted, exit 130.
final class InterruptTests: XCTestCase {
    func testInterruptWritesPartialResultsAndExits130() async throws {
        var configuration = MockConfiguration.embedded(seed: 5)
        configuration.threads = 1
        configuration.faults.global.latency = try LatencyModel(parsing: "fixed:300ms")
        let mock = try await MockServer.start(configuration)
        let json = NSTemporaryDirectory() + "interrupted-\(UUID().uuidString).json"
        defer { try? FileManager.default.removeItem(atPath: json) }

        let process = Process()
        process.executableURL = try fcharnessBinary()
        process.arguments = ["contract", "--base-url", mock.baseURL, "--token", mock.token, "--var", "app_id=x",
                             "--parallel", "1", "--json", json]
        process.currentDirectoryURL = packageRoot
        process.standardOutput = Pipe()
        process.standardError = Pipe()
        try process.run()

        // Interrupt once the run is under way: the mock has seen its first request.
        for _ in 0..<200 where mock.statistics.requests == 0 { try await Task.sleep(for: .milliseconds(25)) }
        XCTAssertGreaterThan(mock.statistics.requests, 0, "the run never reached the mock")
        process.interrupt()
        for _ in 0..<400 where process.isRunning { try await Task.sleep(for: .milliseconds(25)) }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        await mock.shutdown()

        XCTAssertEqual(process.terminationStatus, 130)
        let report = try JSON.parse(contentsOfFile: json)
        XCTAssertEqual(report["interrupted"], true)
        let outcomes = (report["scenarios"]?.arrayValue ?? []).flatMap { $0["steps"]?.arrayValue ?? [] }.compactMap { $0["outcome"]?.stringValue }
        XCTAssertTrue(outcomes.contains("skipped"), "steps after the interrupt are reported as skipped")
        XCTAssertTrue(outcomes.contains("passed"), "what ran before the interrupt is kept")
    }
}
