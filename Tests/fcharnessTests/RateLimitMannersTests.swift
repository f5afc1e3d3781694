// Rate-limit manners end to end (issue 13, docs/rate-limits.md): the real binary against a
// loopback server that keeps a rate limit as Freshchat's live API is observed to
// (RateLimitedServer: X-RateLimit-* on every answer, 429 without Retry-After). The same run
// with manners and with `--no-rate-limit-manners` meets the server's limit; the 429s of each
// are counted by the server. Also: backoff after a 429 that names no wait, `--max-rps`,
// hostile X-RateLimit-* values, and Ctrl-C during a pacing hold. Counts and the waits the run
// reports are asserted, never elapsed time.
import Foundation
import JSON
import NIOConcurrencyHelpers
import XCTest

final class RateLimitMannersTests: XCTestCase {
    private var scratch: URL!

    override func setUpWithError() throws {
        scratch = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("fcharness-manners-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        try """
            openapi: 3.1.0
            info: { title: Rate limited, version: 1.0.0 }
            paths:
              /thing:
                get:
                  operationId: getThing
                  responses:
                    '200':
                      description: A thing.
                      content:
                        application/json:
                          schema: { type: object }
                    '429': { description: Slow down. }
            """.write(to: scratch.appendingPathComponent("spec.yaml"), atomically: true, encoding: .utf8)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: scratch)
    }

    // MARK: Helpers

    private var specPath: String { scratch.appendingPathComponent("spec.yaml").path }

    /// Writes a scenario of `steps` calls of getThing, each sending `X-Case: NAME`; returns its path.
    @discardableResult
    private func scenario(_ name: String, steps: Int) throws -> String {
        let path = scratch.appendingPathComponent("\(name).yaml").path
        let step = "  - operation: getThing\n    headers: { X-Case: \"\(name)\" }\n    expect: { status: 200 }\n"
        try ("name: \(name)\nsteps:\n" + String(repeating: step, count: steps)).write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Writes a load profile mixing the one-step scenario `once`; returns its path.
    private func profile(_ executor: String, duration: String = "2s") throws -> String {
        try scenario("once", steps: 1)
        let path = scratch.appendingPathComponent("profile-\(UUID().uuidString).yaml").path
        let load = executor == "constant-vus" ? "vus: 4" : "rate: 40/s\nvus: 5\nmax_vus: 50"
        try """
            executor: \(executor)
            \(load)
            duration: \(duration)
            graceful_stop: 1s
            mix: [{ scenario: once.yaml }]
            """.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// `fcharness contract` on `names` against `baseURL`, with the JSON report parsed.
    private func contract(_ names: [String], baseURL: String, extra: [String] = []) throws -> (run: CLIRun, report: JSON?) {
        let json = scratch.appendingPathComponent("contract-\(UUID().uuidString).json").path
        let paths = names.map { scratch.appendingPathComponent("\($0).yaml").path }
        let run = try runCLI(["contract"] + paths + ["--spec", specPath, "--base-url", baseURL, "--token", "t", "--json", json] + extra)
        return (run, try? JSON.parse(contentsOfFile: json))
    }

    /// `fcharness load` with the results file parsed and checked against docs/results.schema.json.
    private func load(_ profilePath: String, baseURL: String, extra: [String] = []) throws -> (run: CLIRun, results: JSON?) {
        let out = scratch.appendingPathComponent("results-\(UUID().uuidString).json").path
        let run = try runCLI(["load", profilePath, "--no-progress", "--spec", specPath, "--base-url", baseURL,
                              "--token", "t", "--threads", "2", "--out", out] + extra)
        if FileManager.default.fileExists(atPath: out) {
            let check = try runCLI(["validate", out, "--schema", "docs/results.schema.json"])
            XCTAssertEqual(check.status, 0, "the results file matches its schema: \(check.stdout)\(check.stderr)")
        }
        return (run, try? JSON.parse(contentsOfFile: out))
    }

    private func number(_ document: JSON?, _ pointer: String) -> Double? {
        guard let pointer = try? JSONPointer(pointer) else { return nil }
        return document?.value(at: pointer)?.doubleValue
    }

    private func count(_ document: JSON?, _ pointer: String) -> Int {
        number(document, pointer).map { Int($0) } ?? -1
    }

    private func steps(_ report: JSON?) -> [JSON] {
        (report?["scenarios"]?.arrayValue ?? []).flatMap { $0["steps"]?.arrayValue ?? [] }
    }

    private func notes(_ step: JSON?) -> [String] {
        (step?["notes"]?.arrayValue ?? []).compactMap(\.stringValue)
    }

    /// The seconds in a note such as `... waited 1.25 seconds (...)`.
    private func waitedSeconds(_ note: String) -> Double? {
        guard let range = note.range(of: "waited ") else { return nil }
        return Double(note[range.upperBound...].prefix { $0 != " " })
    }

    // MARK: Pacing before the limit: the same run with and without manners

    /// Two scenarios of six steps each, two at a time, against 3 requests a second: 12
    /// requests need four windows. With manners the run holds its requests for each reset and
    /// meets no 429; without, it runs into the limit and waits after each 429.
    func testAContractRunWithMannersMeetsNo429WhereTheSameRunWithoutThemMeetsSome() throws {
        try scenario("first", steps: 6)
        try scenario("second", steps: 6)
        var throttled: [Bool: Int] = [:]
        for manners in [true, false] {
            let server = try XCTUnwrap(RateLimitedServer(limit: 3))
            defer { server.stop() }
            let (run, report) = try contract(["first", "second"], baseURL: server.baseURL,
                                             extra: ["--parallel", "2"] + (manners ? [] : ["--no-rate-limit-manners"]))
            XCTAssertFalse(run.signalled, run.stderr)
            XCTAssertEqual(server.counts.answered - server.counts.throttled, 12, "every step got its 200 in the end")
            throttled[manners] = server.counts.throttled
            XCTAssertEqual(report?["rate_limits"]?["manners"], .bool(manners))
            XCTAssertEqual(count(report, "/rate_limits/after_429"), server.counts.throttled, "every 429 was waited out and counted")
            if manners {
                XCTAssertEqual(run.status, 0, run.stdout)
                XCTAssertGreaterThan(count(report, "/rate_limits/paced"), 0)
                XCTAssertTrue(steps(report).contains { notes($0).contains { $0.hasPrefix("X-RateLimit-Remaining ") && $0.contains(" of 3: waited ") } },
                              "a held step says why: \(steps(report).map(notes))")
                XCTAssertTrue(run.stdout.contains("\nrate limits: "), run.stdout)
            } else {
                XCTAssertEqual(count(report, "/rate_limits/paced"), 0)
                XCTAssertTrue(run.stdout.contains("manners off (--no-rate-limit-manners)"), run.stdout)
            }
        }
        print("rate-limit figure: contract, 12 requests at 3/s, 429s with manners \(throttled[true] ?? -1), without \(throttled[false] ?? -1)")
        XCTAssertEqual(throttled[true], 0, "with manners: no 429")
        XCTAssertGreaterThan(throttled[false] ?? 0, 0, "without: the run meets the limit")
    }

    /// 40 arrivals a second (open model) and 4 looping users (closed model) for 2 s, over two
    /// threads, against 10 requests a second.
    func testALoadRunWithMannersMeetsFewer429sThanWithoutInEitherModel() throws {
        for executor in ["constant-arrival-rate", "constant-vus"] {
            let profilePath = try profile(executor)
            var throttled: [Bool: Int] = [:]
            for manners in [true, false] {
                let server = try XCTUnwrap(RateLimitedServer(limit: 10))
                defer { server.stop() }
                let (run, results) = try load(profilePath, baseURL: server.baseURL, extra: manners ? [] : ["--no-rate-limit-manners"])
                XCTAssertEqual(run.status, 0, "\(executor): \(run.stderr)")
                throttled[manners] = server.counts.throttled
                XCTAssertEqual(count(results, "/totals/throttled"), server.counts.throttled, "\(executor): the run counts what the server refused")
                XCTAssertEqual(results?["rate_limit_manners"]?["enabled"], .bool(manners))
                if manners {
                    XCTAssertGreaterThan(count(results, "/rate_limit_manners/paced"), 0, "\(executor): held before the limit")
                    XCTAssertTrue(run.stdout.contains("rate-limit pacing  "), run.stdout)
                } else {
                    XCTAssertEqual(count(results, "/rate_limit_manners/paced"), 0)
                }
            }
            print("rate-limit figure: load \(executor), 2 s at 10/s over 2 threads, 429s with manners \(throttled[true] ?? -1), without \(throttled[false] ?? -1)")
            XCTAssertLessThan(throttled[true] ?? .max, throttled[false] ?? 0, "\(executor): manners meet fewer 429s")
            XCTAssertLessThanOrEqual(throttled[true] ?? .max, 1, "\(executor): none beyond a first burst")
        }
    }

    // MARK: A 429 that names no wait

    /// Three 429s without Retry-After or X-RateLimit-Reset, then 200: the step waits 1 s, then
    /// between 1 and 2 s, then between 2 and 4 s (seeded jitter), and says so each time.
    func testA429NamingNoWaitBacksOffExponentiallyWithJitter() throws {
        let server = try XCTUnwrap(HostileServer { request in
            request.index < 3 ? .json(429, #"{"code": 429, "status": "TOO_MANY_REQUESTS"}"#) : .json(200, "{}")
        })
        defer { server.stop() }
        try scenario("backoff", steps: 1)
        let (run, report) = try contract(["backoff"], baseURL: server.baseURL, extra: ["--seed", "42"])
        XCTAssertEqual(run.status, 0, run.stdout)
        let notes = notes(steps(report).first)
        XCTAssertEqual(notes.count, 3, "\(notes)")
        XCTAssertEqual(notes.first, "429 Too Many Requests; waited 1.0 seconds (the 1 s default: no usable Retry-After or X-RateLimit-Reset) and retried")
        let waits = notes.compactMap(waitedSeconds)
        XCTAssertEqual(waits.count, 3)
        XCTAssertTrue(notes.count == 3 && notes[1].contains("(backoff before retry 2: no usable Retry-After or X-RateLimit-Reset)"), "\(notes)")
        XCTAssertTrue(waits.count == 3 && (1...2).contains(waits[1]) && (2...4).contains(waits[2]), "\(waits)")
        XCTAssertEqual(count(report, "/rate_limits/after_429"), 3)
        XCTAssertEqual(number(report, "/rate_limits/after_429_wait_s") ?? 0, waits.reduce(0, +), accuracy: 0.01)
    }

    // MARK: --max-rps

    /// Five steps under `--max-rps 4`: each request after the first waits for its slot.
    func testMaxRPSSpacesEveryRequestOfAContractRun() throws {
        let server = try XCTUnwrap(RateLimitedServer(limit: 1_000))
        defer { server.stop() }
        try scenario("spaced", steps: 5)
        let (run, report) = try contract(["spaced"], baseURL: server.baseURL, extra: ["--max-rps", "4"])
        XCTAssertEqual(run.status, 0, run.stdout)
        XCTAssertEqual(number(report, "/rate_limits/max_rps"), 4)
        XCTAssertEqual(count(report, "/rate_limits/max_rps_delayed"), 4)
        XCTAssertEqual(count(report, "/rate_limits/paced"), 0, "far from the limit: nothing to pace")
        XCTAssertTrue(run.stdout.contains("4 for --max-rps"), run.stdout)
    }

    /// A profile of 40/s under `--max-rps 10` for 2 s: planned at 10/s, the server sees at most
    /// 10 a second (plus the first request of each thread), and the run says so.
    func testMaxRPSCapsALoadProfileAndTheRunSaysSo() throws {
        let server = try XCTUnwrap(RateLimitedServer(limit: 1_000))
        defer { server.stop() }
        let (run, results) = try load(try profile("constant-arrival-rate"), baseURL: server.baseURL, extra: ["--max-rps", "10"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stderr.contains("the profile's rate (up to 40/s) is above --max-rps 10: arrivals are capped at 10/s"), run.stderr)
        XCTAssertEqual(number(results, "/run/planned_rate"), 10)
        XCTAssertEqual(number(results, "/rate_limit_manners/max_rps"), 10)
        XCTAssertEqual(number(results, "/rate_limit_manners/capped_profile_rate"), 40)
        XCTAssertLessThanOrEqual(server.counts.answered, 10 * 2 + 2)
        XCTAssertTrue(run.stdout.contains("10/s for the whole run (the profile's 40/s capped to it); "), run.stdout)
    }

    func testAMaxRPSThatIsNoRateIsBadInputAndNothingIsSent() throws {
        let server = try XCTUnwrap(RateLimitedServer(limit: 1_000))
        defer { server.stop() }
        try scenario("never", steps: 1)
        let profilePath = try profile("constant-vus")
        for value in ["0", "-1", "1e-300", "nan", "inf", "fast"] {
            let contractRun = try runCLI(["contract", scratch.appendingPathComponent("never.yaml").path, "--spec", specPath,
                                          "--base-url", server.baseURL, "--token", "t", "--max-rps=\(value)"])
            XCTAssertEqual(contractRun.status, 2, "contract --max-rps \(value): \(contractRun.stderr)")
            let loadRun = try runCLI(["load", profilePath, "--no-progress", "--spec", specPath, "--base-url", server.baseURL,
                                      "--token", "t", "--max-rps=\(value)"])
            XCTAssertEqual(loadRun.status, 2, "load --max-rps \(value): \(loadRun.stderr)")
        }
        XCTAssertEqual(server.counts.answered, 0)
    }

    // MARK: Hostile X-RateLimit-* values

    /// Each case answers its first request 200 with hostile X-RateLimit-* values, then plain
    /// 200s. Only the last, sane case (none left, reset in 1 s) holds the next request; every
    /// other value gives no hold at all, and nothing traps.
    private static let hostileCases: [(name: String, limit: String, remaining: String, reset: String)] = [
        ("negative", "-1", "-1", "-1"),
        ("not-numbers", "nan", "NaN", "soon"),
        ("exponents", "1e3", "0", "1e300"),
        ("huge-remaining", "10", "99999999999999999999", "1"),
        ("overflowing", String(repeating: "9", count: 400), "0", String(repeating: "9", count: 400)),
        ("far-future", "10", "0", "99999999999999999999999"),
        ("past", "10", "0", "1000000001"),
        ("sane", "10", "0", "1"),
    ]

    func testHostileRateLimitHeadersGiveABoundedHoldOrNone() throws {
        let seen = NIOLockedValueBox<[String: Int]>([:])
        let server = try XCTUnwrap(HostileServer { request in
            let attempt = seen.withLockedValue { counts in
                defer { counts[request.testCase, default: 0] += 1 }
                return counts[request.testCase, default: 0]
            }
            guard attempt == 0, let entry = Self.hostileCases.first(where: { $0.name == request.testCase }) else {
                return .json(200, "{}")
            }
            return .json(200, "{}", headers: [("X-RateLimit-Limit", entry.limit), ("X-RateLimit-Remaining", entry.remaining),
                                              ("X-RateLimit-Reset", entry.reset)])
        })
        defer { server.stop() }
        for entry in Self.hostileCases { try scenario(entry.name, steps: 2) }
        let (run, report) = try contract(Self.hostileCases.map(\.name), baseURL: server.baseURL, extra: ["--parallel", "1"])
        XCTAssertFalse(run.signalled, run.stderr)
        XCTAssertEqual(run.status, 0, run.stdout)
        XCTAssertEqual(count(report, "/rate_limits/paced"), 1, "only the sane case holds: \(steps(report).map(notes))")
        let held = (report?["scenarios"]?.arrayValue ?? []).last?["steps"]?[1]
        let note = notes(held).first ?? ""
        XCTAssertTrue(note.hasPrefix("X-RateLimit-Remaining 0 of 10: waited "), note)
        XCTAssertLessThanOrEqual(waitedSeconds(note) ?? 99, 1.2, "the reset, 1 s away, and the margin")
    }

    // MARK: Interrupts

    /// Every answer says none are left until a reset 30 s away: the second step is held.
    private func exhaustedServer() throws -> HostileServer {
        try XCTUnwrap(HostileServer { _ in
            .json(200, "{}", headers: [("X-RateLimit-Limit", "5"), ("X-RateLimit-Remaining", "0"), ("X-RateLimit-Reset", "30")])
        })
    }

    func testCtrlCDuringAContractRunsPacingHoldSendsNothingMore() async throws {
        let server = try exhaustedServer()
        defer { server.stop() }
        try scenario("held", steps: 2)
        let json = scratch.appendingPathComponent("held.json").path
        let run = try SignalledRun(["contract", scratch.appendingPathComponent("held.yaml").path, "--spec", specPath,
                                    "--base-url", server.baseURL, "--token", "t", "--json", json], output: scratch)
        for _ in 0..<400 where server.requests == 0 { try await Task.sleep(for: .milliseconds(25)) }
        XCTAssertEqual(server.requests, 1, "the run never reached the server")
        try await Task.sleep(for: .milliseconds(300))  // the second step is now held

        run.signal(SIGINT)
        let status = try await run.exitStatus()
        XCTAssertEqual(status, 130, run.stderr)
        XCTAssertEqual(server.requests, 1, "a request after the interrupt")
        let report = try JSON.parse(contentsOfFile: json)
        XCTAssertEqual(report["interrupted"], true)
        let held = steps(report).last
        XCTAssertEqual(held?["outcome"], "skipped")
        XCTAssertTrue(notes(held).first?.hasPrefix("interrupted while waiting ") ?? false, "\(notes(held))")
        XCTAssertTrue(notes(held).first?.hasSuffix(" for X-RateLimit-Reset, not sent") ?? false, "\(notes(held))")
    }

    func testCtrlCDuringALoadRunsPacingHoldStopsAtOnce() async throws {
        let server = try exhaustedServer()
        defer { server.stop() }
        let out = scratch.appendingPathComponent("held-results.json").path
        let run = try SignalledRun(["load", try profile("constant-vus", duration: "30s"), "--no-progress", "--spec", specPath,
                                    "--base-url", server.baseURL, "--token", "t", "--threads", "2", "--out", out], output: scratch)
        for _ in 0..<400 where server.requests == 0 { try await Task.sleep(for: .milliseconds(25)) }
        XCTAssertGreaterThan(server.requests, 0, "the run never reached the server")
        try await Task.sleep(for: .milliseconds(300))  // every user is now held for the reset
        let requestsAtSignal = server.requests

        run.signal(SIGINT)
        let status = try await run.exitStatus()
        XCTAssertEqual(status, 130, run.stderr)
        XCTAssertEqual(server.requests, requestsAtSignal, "a request after the interrupt")
        let results = try JSON.parse(contentsOfFile: out)
        XCTAssertEqual(results["interrupted"], true)
        XCTAssertGreaterThan(count(results, "/rate_limit_manners/paced"), 0)
    }
}
