// `fcharness load` end to end, as users and CI run it: exit codes, the summary's last line,
// the results file (validated with `fcharness validate` against docs/results.schema.json),
// Ctrl-C, and shards against one external mock.
import Foundation
import JSON
import MockServer
import XCTest

final class LoadCommandTests: XCTestCase {
    private var scratch: URL!

    override func setUpWithError() throws {
        scratch = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("fcharness-load-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        try "name: list agents\nsteps:\n  - operation: listAgents\n".write(
            to: scratch.appendingPathComponent("list-agents.yaml"), atomically: true, encoding: .utf8)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: scratch)
    }

    /// Writes a profile mixing `list-agents.yaml` into the scratch folder; returns its path.
    private func profile(_ name: String, _ text: String) throws -> String {
        let path = scratch.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    private func shortProfile(rate: String = "20/s", duration: String = "1s", extra: String = "") throws -> String {
        try profile("short.yaml", """
            executor: constant-arrival-rate
            rate: \(rate)
            duration: \(duration)
            vus: 5
            max_vus: 50
            graceful_stop: 2s
            mix: [{ scenario: list-agents.yaml }]
            \(extra)
            """)
    }

    /// 20 s at 20/s: a run the test stops (Ctrl-C) once requests reach the mock.
    private func longProfile() throws -> String {
        try shortProfile(duration: "20s")
    }

    private func assertValidResultsFile(_ path: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let check = try runCLI(["validate", path, "--schema", "docs/results.schema.json"])
        XCTAssertEqual(check.status, 0, "the results file must match docs/results.schema.json: \(check.stdout)\(check.stderr)", file: file, line: line)
    }

    private func lastLine(_ text: String) -> String {
        text.split(separator: "\n").last.map(String.init) ?? ""
    }

    private func isRequestsPerSecondLine(_ line: String) -> Bool {
        line.wholeMatch(of: /Requests\/sec: [0-9]+(\.[0-9]+)?/) != nil
    }

    // MARK: Exit codes

    func testTheSmokeProfileRunsAgainstTheEmbeddedMockAndWritesAValidResultsFile() throws {
        let out = scratch.appendingPathComponent("smoke.json").path
        // As shipped, shortened from 10 s to 3 s to keep the test set quick.
        let run = try runCLI(["load", "scenarios/load/smoke.yaml", "--no-progress", "--out", out, "--duration", "3s"])
        XCTAssertTrue(isRequestsPerSecondLine(lastLine(run.stdout)), "last line: \(lastLine(run.stdout))")
        XCTAssertEqual(run.stdout.components(separatedBy: "Requests/sec:").count, 2, "the line benchmark scripts grep for, once")
        try assertValidResultsFile(out)
        let results = try JSON.parse(contentsOfFile: out)
        XCTAssertEqual(results["format"], "fcharness-results/1")
        XCTAssertEqual(results["interrupted"], false)
        XCTAssertEqual(results["run"]?["executor"], "constant-arrival-rate")
        XCTAssertEqual(results["run"]?["planned_iterations"], 60)
        XCTAssertGreaterThan(results["totals"]?["requests"]?.integerValue ?? 0, 0)
        XCTAssertEqual(results["totals"]?["errors"], 0)
        // The exit code follows the thresholds. Which way the latency one goes depends on the
        // machine (a sanitizer build misses p99 < 500ms), so only the others must hold here.
        let thresholds = results["thresholds"]?.arrayValue ?? []
        XCTAssertEqual(thresholds.count, 4)
        let allHold = thresholds.allSatisfy { $0["ok"] == true }
        XCTAssertEqual(run.status, allHold ? 0 : 1, run.stdout + run.stderr)
        for threshold in thresholds where threshold["expr"]?.stringValue?.hasPrefix("p99") == false {
            XCTAssertEqual(threshold["ok"], true, "\(threshold)")
        }
        XCTAssertFalse(try String(contentsOfFile: out, encoding: .utf8).contains("mock-"), "the embedded mock's token is never written")
    }

    func testMockLatencyMakesTheEmbeddedMockAnswerThatSlowly() throws {
        let out = scratch.appendingPathComponent("slow.json").path
        let run = try runCLI(["load", try shortProfile(), "--no-progress", "--out", out, "--mock-latency", "fixed:40ms"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let results = try JSON.parse(contentsOfFile: out)
        let p50 = try XCTUnwrap(results.value(at: try JSONPointer("/operations/listAgents/service_ms/p50"))?.doubleValue, "\(results)")
        XCTAssertGreaterThanOrEqual(p50, 40, "every answer waits the 40 ms it was given")

        let live = try runCLI(["load", try shortProfile(), "--no-progress", "--mock-latency", "fixed:40ms", "--base-url", "http://127.0.0.1:9/v2"])
        XCTAssertEqual(live.status, 2, "--mock-latency is for the embedded mock only")
        let bad = try runCLI(["load", try shortProfile(), "--no-progress", "--mock-latency", "soon"])
        XCTAssertEqual(bad.status, 2)
        XCTAssertTrue(bad.stderr.contains("--mock-latency"), bad.stderr)
    }

    func testAFailingThresholdExits1() throws {
        let out = scratch.appendingPathComponent("failed.json").path
        let path = try shortProfile(extra: "thresholds: [\"rps > 1000000\", \"error_rate < 1%\"]")
        let run = try runCLI(["load", path, "--no-progress", "--out", out])
        XCTAssertEqual(run.status, 1, run.stdout + run.stderr)
        XCTAssertTrue(isRequestsPerSecondLine(lastLine(run.stdout)), "the summary is printed as always")
        let verdicts = (try JSON.parse(contentsOfFile: out)["thresholds"]?.arrayValue ?? []).map { $0["ok"] }
        XCTAssertEqual(verdicts, [false, true])
    }

    func testABadProfileExits2NamingFileLineAndColumn() throws {
        let path = try profile("bad.yaml", "executor: constant-arrival-rate\nrate: 200\nduration: 1s\nmix: [{ scenario: list-agents.yaml }]\n")
        let run = try runCLI(["load", path, "--no-progress"])
        XCTAssertEqual(run.status, 2, run.stdout + run.stderr)
        XCTAssertTrue(run.stderr.contains("\(path):2:7: invalid rate '200'"), run.stderr)
        XCTAssertFalse(run.stdout.contains("Requests/sec"), "nothing ran")
    }

    func testResultsToStandardOutputLeaveItToThemAlone() throws {
        // `--out /dev/stdout | jq`: the summary moves to stderr, and /dev/stdout (a symbolic
        // link to the process's descriptor) is written through, not renamed over.
        let run = try runCLI(["load", try shortProfile(duration: "300ms"), "--no-progress", "--out", "/dev/stdout"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let results = try JSON.parse(Array(run.stdout.utf8))
        XCTAssertEqual(results["format"], "fcharness-results/1")
        XCTAssertTrue(isRequestsPerSecondLine(lastLine(run.stderr)), "the summary, on stderr: \(lastLine(run.stderr))")
        var link = stat()
        XCTAssertEqual(lstat("/dev/stdout", &link), 0)
        XCTAssertEqual(link.st_mode & S_IFMT, S_IFLNK, "/dev/stdout is still a link")
    }

    func testATokenWithALineBreakExits2BeforeTheRun() throws {
        // No header may carry it: every request would fail to render, and the run test nothing.
        let run = try runCLI(["load", try shortProfile(), "--no-progress", "--token", "abc\r\nX-Injected: 1"])
        XCTAssertEqual(run.status, 2, run.stdout + run.stderr)
        XCTAssertTrue(run.stderr.contains("--token: the token contains a line break or NUL"), run.stderr)
        XCTAssertFalse(run.stderr.contains("X-Injected"), "the token is never printed")
        XCTAssertFalse(run.stdout.contains("Requests/sec"), "nothing ran")
    }

    func testARateFlagBeyondTenMillionASecondExits2InsteadOfCrashing() throws {
        let run = try runCLI(["load", try shortProfile(), "--no-progress", "--rate", "99999999999999999999/s"])
        XCTAssertEqual(run.status, 2, run.stdout + run.stderr)
        XCTAssertTrue(run.stderr.contains("--rate 99999999999999999999/s: expected at most 10000000/s"), run.stderr)
    }

    func testAStartDaysAheadExits2InsteadOfSleeping() throws {
        // A typo in the year would leave the process asleep; 1e17 s also overflowed the wait.
        for startAt in ["2099-01-01T00:00:00Z", "1e17"] {
            let run = try runCLI(["load", try shortProfile(), "--no-progress", "--start-at", startAt])
            XCTAssertEqual(run.status, 2, startAt + ": " + run.stdout + run.stderr)
            XCTAssertTrue(run.stderr.contains("--start-at \(startAt): that is "), run.stderr)
            XCTAssertTrue(run.stderr.contains("expected a time within 24 hours"), run.stderr)
        }
    }

    func testAStartAlreadyPastRunsNowAndSaysMergeWillRefuseIt() throws {
        let past = String(Int(Date().timeIntervalSince1970) - 30)
        let run = try runCLI(["load", try shortProfile(duration: "300ms"), "--no-progress", "--start-at", past])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stderr.contains("load: --start-at \(past) was "), run.stderr)
        XCTAssertTrue(run.stderr.contains("merge refuses shards whose starts are more than --max-start-skew"), run.stderr)
        XCTAssertTrue(isRequestsPerSecondLine(lastLine(run.stdout)), "the run still ran: \(run.stdout)")
    }

    func testMoreUsersThanDescriptorsCouldEverServeExit2BeforeTheRun() throws {
        // Int.max users overflowed the descriptor count the run needs (a crash); now every user
        // count is held to a million, in the profile and in --vus alike.
        let run = try runCLI(["load", try shortProfile(), "--no-progress", "--vus", "9223372036854775807"])
        XCTAssertEqual(run.status, 2, run.stdout + run.stderr)
        XCTAssertTrue(run.stderr.contains("--vus 9223372036854775807: expected at most 1000000 users"), run.stderr)
        let manyUsers = try profile("many-users.yaml", """
            executor: ramping-vus
            stages: [{ duration: 1s, target: 9223372036854775807 }]
            mix: [{ scenario: list-agents.yaml }]
            """)
        let ramping = try runCLI(["load", manyUsers, "--no-progress"])
        XCTAssertEqual(ramping.status, 2, ramping.stdout + ramping.stderr)
        XCTAssertTrue(ramping.stderr.contains("many-users.yaml:2:"), ramping.stderr)
        XCTAssertTrue(ramping.stderr.contains("invalid target '9223372036854775807': expected at most 1000000 users"), ramping.stderr)
    }

    func testANonLoopbackTargetWithoutAllowLiveLoadExits2BeforeSendingAnything() throws {
        let out = scratch.appendingPathComponent("live.json").path
        let run = try runCLI(["load", try shortProfile(), "--no-progress", "--out", out,
                              "--base-url", "https://acme.freshchat.com/v2", "--token", "secret-token"])
        XCTAssertEqual(run.status, 2, run.stdout + run.stderr)
        XCTAssertTrue(run.stderr.contains("--allow-live-load"), run.stderr)
        XCTAssertFalse(run.stderr.contains("secret-token"), "the token is never printed")
        XCTAssertFalse(run.stdout.contains("Requests/sec"), "nothing ran")
        XCTAssertFalse(FileManager.default.fileExists(atPath: out), "no results: nothing was sent")
    }

    /// A host name that merely starts with `127.` is a name, resolved by DNS, not a loopback
    /// address: it needs --allow-live-load like any other host.
    func testAHostNameThatStartsWith127IsNotLoopback() throws {
        let out = scratch.appendingPathComponent("named.json").path
        let run = try runCLI(["load", try shortProfile(rate: "2/s"), "--no-progress", "--out", out,
                              "--base-url", "http://127.example.invalid/v2", "--token", "t", "--timeout", "2s"])
        XCTAssertEqual(run.status, 2, "refused as not loopback; got: " + run.stdout + run.stderr)
        XCTAssertTrue(run.stderr.contains("--allow-live-load"), run.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out), "no results: nothing was sent")
    }

    func testALoopbackPortNobodyListensOnExits3() throws {
        let port = try XCTUnwrap(unusedLoopbackPort())
        let run = try runCLI(["load", try shortProfile(rate: "5/s"), "--no-progress",
                              "--base-url", "http://127.0.0.1:\(port)/v2", "--token", "t"])
        XCTAssertEqual(run.status, 3, run.stdout + run.stderr)
        XCTAssertTrue(run.stderr.contains("unreachable"), run.stderr)
    }

    // MARK: Ctrl-C

    func testCtrlCExits130AndStillWritesTheResultsMarkedInterrupted() async throws {
        var configuration = MockConfiguration.embedded(seed: 5)
        configuration.threads = 1
        try configuration.faults.global.set("latency", to: "fixed:200ms")
        let mock = try await MockServer.start(configuration)
        let out = scratch.appendingPathComponent("interrupted.json").path
        let path = try longProfile()
        let process = Process()
        process.executableURL = try fcharnessBinary()
        process.arguments = ["load", path, "--no-progress", "--out", out, "--base-url", mock.baseURL, "--token", mock.token]
        process.currentDirectoryURL = packageRoot
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()

        for _ in 0..<400 where mock.statistics.requests < 5 { try await Task.sleep(for: .milliseconds(25)) }
        XCTAssertGreaterThanOrEqual(mock.statistics.requests, 5, "the run never reached the mock")
        process.interrupt()
        for _ in 0..<400 where process.isRunning { try await Task.sleep(for: .milliseconds(25)) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        await mock.shutdown()

        XCTAssertEqual(process.terminationStatus, 130)
        let results = try JSON.parse(contentsOfFile: out)
        XCTAssertEqual(results["interrupted"], true)
        XCTAssertGreaterThan(results["iterations"]?["interrupted"]?.integerValue ?? 0, 0, "transfers in flight were cut off")
        XCTAssertEqual(results["totals"]?["errors"], 0, "cancelling is not an error")
        try assertValidResultsFile(out)
    }

    func testAnOutPathInAMissingFolderExits2BeforeTheRun() throws {
        let out = scratch.appendingPathComponent("no-such-folder/results.json").path
        let run = try runCLI(["load", try shortProfile(), "--no-progress", "--out", out])
        XCTAssertEqual(run.status, 2)
        XCTAssertTrue(run.stderr.contains("cannot write \(out): the folder"), run.stderr)
        XCTAssertFalse(run.stderr.contains("embedded mock serves this run"), "no mock started, nothing sent: \(run.stderr)")
        XCTAssertFalse(run.stdout.contains("Requests/sec"), run.stdout)
    }

    func testResultsThatCannotBeWrittenAfterTheRunGoToTheTemporaryFolder() async throws {
        var configuration = MockConfiguration.embedded(seed: 5)
        configuration.threads = 1
        try configuration.faults.global.set("latency", to: "fixed:50ms")  // the mock counts requests in its fault layer
        let mock = try await MockServer.start(configuration)
        let folder = scratch.appendingPathComponent("removed-mid-run")
        let rescue = scratch.appendingPathComponent("tmp")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: rescue, withIntermediateDirectories: true)
        let out = folder.appendingPathComponent("results.json").path
        let path = try longProfile()
        let stderrPath = scratch.appendingPathComponent("run.err").path
        _ = FileManager.default.createFile(atPath: stderrPath, contents: nil)
        let process = Process()
        process.executableURL = try fcharnessBinary()
        process.arguments = ["load", path, "--no-progress", "--out", out, "--base-url", mock.baseURL, "--token", mock.token]
        process.currentDirectoryURL = packageRoot
        process.environment = ProcessInfo.processInfo.environment.merging(["TMPDIR": rescue.path]) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle(forWritingAtPath: stderrPath)
        try process.run()

        // Requests reaching the mock mean the paths were checked; then the folder goes away.
        for _ in 0..<400 where mock.statistics.requests < 5 { try await Task.sleep(for: .milliseconds(25)) }
        XCTAssertGreaterThanOrEqual(mock.statistics.requests, 5, "the run never reached the mock")
        try FileManager.default.removeItem(at: folder)
        process.interrupt()
        for _ in 0..<400 where process.isRunning { try await Task.sleep(for: .milliseconds(25)) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        await mock.shutdown()

        let stderr = (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? ""
        XCTAssertEqual(process.terminationStatus, 2, stderr)
        XCTAssertTrue(stderr.contains("cannot write \(out)"), stderr)
        let rescued = try FileManager.default.contentsOfDirectory(atPath: rescue.path).filter { $0.hasPrefix("fcharness-results-") }
        XCTAssertEqual(rescued.count, 1, "one rescued results file in TMPDIR: \(rescued)")
        let rescuedPath = rescue.appendingPathComponent(rescued.first ?? "none").path
        XCTAssertTrue(stderr.contains("written to \(rescuedPath) instead"), stderr)
        try assertValidResultsFile(rescuedPath)
        XCTAssertEqual(try JSON.parse(contentsOfFile: rescuedPath)["interrupted"], true)
    }

    // MARK: Shards

    func testShardsAgainstOneExternalMockAddUpToASingleRun() throws {
        let mock = try MockProcess()
        defer { mock.stop() }
        let baseURL = mock.baseURL

        let path = try profile("sharded.yaml", """
            executor: constant-arrival-rate
            rate: 60/s
            duration: 1s
            vus: 5
            max_vus: 50
            mix: [{ scenario: list-agents.yaml }]
            """)
        func run(_ extra: [String], _ name: String) throws -> JSON {
            let out = scratch.appendingPathComponent(name).path
            let run = try runCLI(["load", path, "--no-progress", "--out", out, "--threads", "2",
                                  "--base-url", baseURL, "--token", "dev-token"] + extra)
            XCTAssertEqual(run.status, 0, "\(extra): " + run.stdout + run.stderr)
            return try JSON.parse(contentsOfFile: out)
        }
        let whole = try run([], "whole.json")
        let first = try run(["--shard", "1/2"], "shard-1.json")
        let second = try run(["--shard", "2/2"], "shard-2.json")

        func count(_ document: JSON, _ member: String, _ field: String) -> Int {
            Int(document[member]?[field]?.integerValue ?? -1)
        }
        XCTAssertEqual(count(whole, "run", "planned_iterations"), 60)
        XCTAssertEqual(count(first, "run", "planned_iterations") + count(second, "run", "planned_iterations"), 60)
        XCTAssertEqual(count(first, "run", "shard"), 1)
        XCTAssertEqual(count(second, "run", "shard"), 2)
        XCTAssertEqual(count(first, "iterations", "started") + count(second, "iterations", "started"), 60)
        XCTAssertEqual(count(first, "totals", "requests") + count(second, "totals", "requests"), count(whole, "totals", "requests"))
    }

    // MARK: Hostile or odd values that must not crash a run

    /// A 429 whose Retry-After is a valid HTTP date far in the future: the wait is capped
    /// (60 s by default), the run ends normally with the 429s counted as throttled.
    func testARetryAfterFarInTheFutureDoesNotCrashTheRun() throws {
        let server = try XCTUnwrap(CannedHTTPServer(response:
            "HTTP/1.1 429 Too Many Requests\r\nRetry-After: Fri, 31 Dec 9999 23:59:59 GMT\r\nContent-Type: application/json\r\n"
            + "Content-Length: 2\r\n\r\n{}"))
        defer { server.stop() }
        let out = scratch.appendingPathComponent("throttled.json").path
        let run = try runCLI(["load", try shortProfile(rate: "5/s"), "--no-progress", "--out", out,
                              "--base-url", "http://127.0.0.1:\(server.port)/v2", "--token", "t"])
        XCTAssertEqual(run.status, 0, "exit \(run.status) (a crash shows as a signal number): " + run.stderr)
        XCTAssertGreaterThan(server.requests, 0)
        let results = try? JSON.parse(contentsOfFile: out)
        XCTAssertGreaterThan(results?["totals"]?["throttled"]?.integerValue ?? 0, 0)
        XCTAssertGreaterThan(results?["rate_limits"]?["capped"]?.integerValue ?? 0, 0, "the wait is cut to the cap")
    }

    /// A budget far below one request per run (1e-12/s is a valid rate): the first request of
    /// each thread goes, the others wait until the graceful stop; or the plan is refused. It
    /// must never crash.
    func testAVanishinglySmallBudgetDoesNotCrashTheRun() throws {
        let path = try shortProfile(rate: "5/s", extra: "budgets: { listAgents: 1e-12/s }")
        let run = try runCLI(["load", path, "--no-progress", "--duration", "1s"])
        XCTAssertTrue(run.status == 0 || run.status == 2, "exit \(run.status) (a crash shows as a signal number): " + run.stderr)
    }
}
