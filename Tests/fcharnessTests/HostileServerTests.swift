// Issue 11 §1, end to end: the real binary against servers that lie, stall, break off, flood
// or cannot be reached (HostileServer.swift). Every header and body a server sends is
// untrusted: the run must end, with the exit code of docs/cli.md, the failure counted under
// its class and a message that names it — never a crash (a signal) or a hang. The table of
// cases and outcomes is in docs/reliability.md.
import Foundation
import JSON
import NIOConcurrencyHelpers
import XCTest

final class HostileServerTests: XCTestCase {
    private var scratch: URL!

    override func setUpWithError() throws {
        scratch = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("fcharness-hostile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        try Self.spec.write(to: scratch.appendingPathComponent("spec.yaml"), atomically: true, encoding: .utf8)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: scratch)
    }

    /// A two-operation API: `getThing` (any JSON object; 429 and 503 documented) and `getName`,
    /// whose `name` must match a pattern that backtracks exponentially, `code` one that
    /// backtracks quadratically (unanchored) and `id` a linear one.
    private static let spec = """
        openapi: 3.1.0
        info: { title: Hostile, version: 1.0.0 }
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
                '503': { description: Unavailable. }
          /name:
            get:
              operationId: getName
              responses:
                '200':
                  description: A name.
                  content:
                    application/json:
                      schema:
                        type: object
                        properties:
                          name: { type: string, pattern: '^(a+)+$' }
                          code: { type: string, pattern: '[0-9]+x' }
                          id: { type: string, pattern: '^[a-z]+$' }
        """

    // MARK: Helpers

    /// Writes a one-step scenario calling `operation` with `X-Case: NAME`; returns its path.
    @discardableResult
    private func scenario(_ name: String, operation: String = "getThing", expect: String = "200") throws -> String {
        let path = scratch.appendingPathComponent("\(name).yaml").path
        try """
            name: \(name)
            steps:
              - operation: \(operation)
                headers: { X-Case: "\(name)" }
                expect: { status: \(expect) }
            """.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Writes a constant-arrival-rate profile mixing the named scenarios equally; returns its path.
    private func profile(_ scenarios: [String], rate: String = "20/s", duration: String = "1s", extra: String = "") throws -> String {
        let path = scratch.appendingPathComponent("profile-\(UUID().uuidString).yaml").path
        let mix = scenarios.map { "{ scenario: \($0).yaml }" }.joined(separator: ", ")
        try """
            executor: constant-arrival-rate
            rate: \(rate)
            duration: \(duration)
            vus: 5
            max_vus: 50
            graceful_stop: 3s
            mix: [\(mix)]
            \(extra)
            """.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    private var specPath: String { scratch.appendingPathComponent("spec.yaml").path }

    /// `fcharness contract` on the scenarios against `baseURL`, with the JSON report parsed.
    private func contract(_ names: [String], baseURL: String, extra: [String] = []) throws -> (run: CLIRun, report: JSON?) {
        let json = scratch.appendingPathComponent("contract-\(UUID().uuidString).json").path
        let paths = names.map { scratch.appendingPathComponent("\($0).yaml").path }
        let run = try runCLI(["contract"] + paths + ["--spec", specPath, "--base-url", baseURL, "--token", "t",
                                                     "--parallel", "16", "--json", json] + extra)
        return (run, try? JSON.parse(contentsOfFile: json))
    }

    /// `fcharness load` with the results file parsed.
    private func load(_ profilePath: String, baseURL: String, extra: [String] = []) throws -> (run: CLIRun, results: JSON?) {
        let out = scratch.appendingPathComponent("results-\(UUID().uuidString).json").path
        let run = try runCLI(["load", profilePath, "--no-progress", "--spec", specPath, "--base-url", baseURL,
                              "--token", "t", "--out", out] + extra)
        return (run, try? JSON.parse(contentsOfFile: out))
    }

    /// The step of the scenario named `name` in a contract report.
    private func step(_ report: JSON?, _ name: String) -> JSON? {
        (report?["scenarios"]?.arrayValue ?? []).first { $0["name"]?.stringValue == name }?["steps"]?[0]
    }

    private func notes(_ step: JSON?) -> [String] {
        (step?["notes"]?.arrayValue ?? []).compactMap(\.stringValue)
    }

    /// The run ended by itself with one of `codes`: a crash shows as a signal, a hang as the
    /// bounded wait of `runCLI` running out.
    private func assertExited(_ run: CLIRun, _ codes: Set<Int32>, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertFalse(run.signalled, "killed by signal \(run.status): \(run.stderr)", file: file, line: line)
        XCTAssertTrue(codes.contains(run.status), "exit \(run.status), expected \(codes.sorted()): \(run.stdout)\(run.stderr)", file: file, line: line)
    }

    private func count(_ results: JSON?, _ pointer: String) -> Int {
        guard let pointer = try? JSONPointer(pointer) else { return -1 }
        return Int(results?.value(at: pointer)?.integerValue ?? 0)
    }

    // MARK: Retry-After and X-RateLimit-* values

    /// What a contract step does with one 429.
    private enum ThrottleOutcome {
        /// The value names a usable wait: waited that long and sent again.
        case waitedAsked
        /// The value names no usable wait: waited the 1 s default and sent again.
        case waitedDefault
        /// The wait is longer than the 60 s budget per step (anything past a day counts as a
        /// day): not waited for; the 429 stands.
        case notRetried
    }

    /// Each case answers its first request with a 429 carrying one hostile value, then 200.
    private static let throttleCases: [(name: String, header: String, value: String, outcome: ThrottleOutcome)] = [
        ("huge", "Retry-After", "99999999999999999999", .notRetried),
        ("overflowing", "Retry-After", String(repeating: "9", count: 400), .waitedDefault),
        ("negative", "Retry-After", "-5", .waitedDefault),
        ("non-numeric", "Retry-After", "soon", .waitedDefault),
        ("infinite", "Retry-After", "inf", .waitedDefault),
        ("nan", "Retry-After", "NaN", .waitedDefault),
        ("exponent", "Retry-After", "1e300", .waitedDefault),
        ("empty", "Retry-After", "", .waitedDefault),
        ("past-date", "Retry-After", "Sun, 06 Nov 1994 08:49:37 GMT", .waitedAsked),
        ("future-date", "Retry-After", "Fri, 31 Dec 9999 23:59:59 GMT", .notRetried),
        ("reset-huge", "X-RateLimit-Reset", "99999999999999999999999", .notRetried),
        ("reset-negative", "X-RateLimit-Reset", "-1", .waitedDefault),
        ("reset-nan", "X-RateLimit-Reset", "nan", .waitedDefault),
    ]

    func testHostileRetryAfterValuesGiveBoundedWaitsInAContractRun() throws {
        let seen = NIOLockedValueBox<[String: Int]>([:])
        let server = try XCTUnwrap(HostileServer { request in
            let attempt = seen.withLockedValue { counts in
                defer { counts[request.testCase, default: 0] += 1 }
                return counts[request.testCase, default: 0]
            }
            guard attempt == 0, let entry = Self.throttleCases.first(where: { $0.name == request.testCase }) else {
                return .json(200, #"{"ok": true}"#)
            }
            return .json(429, #"{"error": "slow down"}"#, headers: [(entry.header, entry.value), ("X-RateLimit-Remaining", "-99999999999")])
        })
        defer { server.stop() }
        for entry in Self.throttleCases { try scenario(entry.name) }

        let (run, report) = try contract(Self.throttleCases.map(\.name), baseURL: server.baseURL)
        assertExited(run, [1])
        for entry in Self.throttleCases {
            let step = step(report, entry.name)
            let notes = notes(step).joined(separator: " | ")
            switch entry.outcome {
            case .waitedAsked:
                XCTAssertEqual(step?["status"], 200, "\(entry.name): \(notes)")
                XCTAssertEqual(notes, "429 Too Many Requests; waited 0.0 seconds (Retry-After) and retried", entry.name)
            case .waitedDefault:
                XCTAssertEqual(step?["status"], 200, "\(entry.name): \(notes)")
                XCTAssertEqual(notes, "429 Too Many Requests; waited 1.0 seconds (the 1 s default: no usable Retry-After or X-RateLimit-Reset) and retried", entry.name)
            case .notRetried:
                XCTAssertEqual(step?["status"], 429, "\(entry.name): \(notes)")
                XCTAssertEqual(notes, "429 Too Many Requests; Retry-After 86400.0 seconds exceeds the wait budget, not retried", entry.name)
            }
        }
        let failed = Self.throttleCases.filter { $0.outcome == .notRetried }.count
        XCTAssertTrue(run.stdout.hasSuffix("\(Self.throttleCases.count - failed) passed, \(failed) failed\n"), run.stdout)
    }

    func testHostileRetryAfterValuesGiveBoundedWaitsInALoadRun() throws {
        let server = try XCTUnwrap(HostileServer { request in
            let entry = Self.throttleCases[request.index % Self.throttleCases.count]
            return .json(429, "{}", headers: [(entry.header, entry.value)])
        })
        defer { server.stop() }
        try scenario("throttled")
        let (run, results) = try load(try profile(["throttled"], rate: "20/s"), baseURL: server.baseURL)
        assertExited(run, [0])
        XCTAssertGreaterThan(count(results, "/totals/throttled"), 0)
        XCTAssertGreaterThan(count(results, "/rate_limits/capped"), 0, "the waits past the cap were cut to it")
        let longest = results?.value(at: try JSONPointer("/rate_limits/longest_wait_s"))?.doubleValue ?? -1
        XCTAssertTrue((0...60).contains(longest), "longest wait \(longest) s")
        XCTAssertEqual(count(results, "/totals/errors"), 0, "a 429 is throttling, not an error")
    }

    // MARK: Bodies

    /// The response cap (`TransferOptions.maxResponseBodyBytes`, 64 MiB).
    private static let bodyCap = 64 << 20

    /// Bodies that are not JSON, stop short, exceed the cap or nest 100,000 deep.
    private static func bodyReply(_ testCase: String) -> HostileReply {
        switch testCase {
        case "not-json":
            // Raw ESC and BEL: a body must not be able to drive the terminal it is shown on.
            return .response(200, headers: [("Content-Type", "application/json")], body: Array("<html>\u{1B}]0;owned\u{07}\u{1B}[2J oops</html>".utf8))
        case "truncated":
            return HostileReply([.send(HostileReply.head(200, [("Content-Type", "application/json"), ("Content-Length", "100")])
                                       + Array(#"{"a": "bc"#.utf8)), .close])
        case "huge-declared":
            return HostileReply([.send(HostileReply.head(200, [("Content-Type", "application/json"), ("Content-Length", "\(1 << 40)")])
                                       + Array("[".utf8)), .pause(.milliseconds(500)), .close])
        case "huge-streamed":
            // No length: the body runs until the connection closes, one byte past the cap.
            return HostileReply([.send(HostileReply.head(200, [("Content-Type", "application/json"), ("Connection", "close")])),
                                 .send([UInt8](repeating: UInt8(ascii: " "), count: bodyCap + 1)), .close])
        case "deep":
            let depth = 100_000
            return .response(200, headers: [("Content-Type", "application/json")],
                             body: [UInt8](repeating: UInt8(ascii: "["), count: depth) + [UInt8](repeating: UInt8(ascii: "]"), count: depth))
        default:
            return .json(200, "{}")
        }
    }

    private static let bodyCases = ["not-json", "truncated", "huge-declared", "huge-streamed", "deep"]

    func testBrokenBodiesFailTheirStepWithAClearMessageInAContractRun() throws {
        let server = try XCTUnwrap(HostileServer { Self.bodyReply($0.testCase) })
        defer { server.stop() }
        for name in Self.bodyCases { try scenario(name) }
        let (run, report) = try contract(Self.bodyCases, baseURL: server.baseURL)
        assertExited(run, [1])
        XCTAssertTrue(run.stdout.hasSuffix("0 passed, 5 failed\n"), run.stdout)
        XCTAssertFalse(run.stdout.contains("\u{1B}") || run.stdout.contains("\u{07}"), "control characters from a body reach the terminal")

        func violation(_ name: String) -> String {
            let first = step(report, name)?["violations"]?[0]
            return "[\(first?["keyword"]?.stringValue ?? "-")] \(first?["message"]?.stringValue ?? "-")"
        }
        func error(_ name: String) -> String { step(report, name)?["error"]?.stringValue ?? "-" }
        let url = server.baseURL + "/thing"
        XCTAssertTrue(violation("not-json").hasPrefix("[content] the spec documents a JSON body for 200; got a body that is not JSON"), violation("not-json"))
        XCTAssertTrue(violation("deep").contains("nesting deeper than the limit of 512 arrays and objects"), violation("deep"))
        XCTAssertEqual(error("truncated"), "connection to \(url) broke: transfer closed with 91 bytes remaining to read")
        XCTAssertEqual(error("huge-declared"), "the response from \(url) is longer than the \(Self.bodyCap)-byte limit")
        XCTAssertEqual(error("huge-streamed"), "the response from \(url) is longer than the \(Self.bodyCap)-byte limit")
    }

    func testBrokenBodiesAreCountedByClassInALoadRun() throws {
        let server = try XCTUnwrap(HostileServer { Self.bodyReply($0.testCase) })
        defer { server.stop() }
        for name in Self.bodyCases { try scenario(name) }

        // Transport failures, with no body kept (the load default): the cap holds all the same.
        let transport = ["truncated", "huge-declared", "huge-streamed"]
        let (run, results) = try load(try profile(transport, rate: "6/s"), baseURL: server.baseURL, extra: ["--validate-sample", "0"])
        assertExited(run, [0])
        XCTAssertEqual(count(results, "/totals/requests"), 6, run.stdout)
        XCTAssertEqual(count(results, "/totals/errors"), 6)
        XCTAssertEqual(count(results, "/totals/error_classes/reset"), 2, "truncated: \(run.stdout)")
        XCTAssertEqual(count(results, "/totals/error_classes/too_large"), 4, "over the cap, declared or streamed: \(run.stdout)")

        // Bodies that arrive whole but are no JSON: contract violations of sampled responses.
        let content = ["not-json", "deep"]
        let (checked, sampled) = try load(try profile(content, rate: "4/s"), baseURL: server.baseURL, extra: ["--validate-sample", "1"])
        assertExited(checked, [0])
        XCTAssertEqual(count(sampled, "/totals/requests"), 4, checked.stdout)
        let violations = sampled?["violations"]?.arrayValue ?? []
        XCTAssertEqual(Set(violations.compactMap { $0["keyword"]?.stringValue }), ["content"], "\(violations)")
        XCTAssertEqual(violations.reduce(0) { $0 + Int($1["count"]?.integerValue ?? 0) }, 4, "\(violations)")
        XCTAssertFalse(checked.stdout.contains("\u{1B}"), "control characters from a body reach the terminal")
    }

    // MARK: Resets, slow drips, bursts of 5xx

    /// A response whose body comes one byte per 100 ms.
    private static func drip(_ bodyBytes: Int) -> HostileReply {
        let body = "{\"a\":\"" + String(repeating: "b", count: max(0, bodyBytes - 8)) + "\"}"
        return HostileReply([.send(HostileReply.head(200, [("Content-Type", "application/json"), ("Content-Length", "\(body.utf8.count)")])),
                             .drip(Array(body.utf8), every: .milliseconds(100))])
    }

    /// Part of a response, then a reset.
    private static let resetMidResponse = HostileReply([
        .send(HostileReply.head(200, [("Content-Type", "application/json"), ("Content-Length", "100")]) + Array(#"{"a": "#.utf8)),
        .pause(.milliseconds(50)), .reset])

    func testResetsDripsAndServerErrorsFailTheirStepsInAContractRun() throws {
        let server = try XCTUnwrap(HostileServer { request in
            switch request.testCase {
            case "reset-mid-response": return Self.resetMidResponse
            case "drip-within-timeout": return Self.drip(12)
            case "drip-beyond-timeout": return Self.drip(100)
            case "burst-503": return .json(503, #"{"error": "unavailable"}"#)
            case "burst-500": return .json(500, #"{"error": "boom"}"#)
            default: return .json(200, "{}")
            }
        })
        defer { server.stop() }
        let cases = ["reset-mid-response", "drip-within-timeout", "drip-beyond-timeout", "burst-503", "burst-500"]
        for name in cases { try scenario(name) }
        let (run, report) = try contract(cases, baseURL: server.baseURL, extra: ["--timeout", "3s"])
        assertExited(run, [1])
        XCTAssertTrue(run.stdout.hasSuffix("1 passed, 4 failed\n"), run.stdout)
        let url = server.baseURL + "/thing"
        XCTAssertEqual(step(report, "drip-within-timeout")?["outcome"], "passed")
        XCTAssertEqual(step(report, "reset-mid-response")?["error"]?.stringValue,
                       "connection to \(url) broke: Recv failure: Connection reset by peer")
        XCTAssertEqual(step(report, "drip-beyond-timeout")?["error"]?.stringValue?.hasPrefix("timed out after 3"), true,
                       "\(step(report, "drip-beyond-timeout") ?? nil)")
        XCTAssertEqual(step(report, "burst-503")?["assertions"]?[0]?["message"], "expected 200, got 503")
        XCTAssertEqual(step(report, "burst-500")?["violations"]?[0]?["keyword"], "status", "500 is not documented for getThing")
    }

    /// One request in four each: reset mid-response, 503, a body dripped past the 1 s timeout, 200.
    private func scriptedFlakyServer() throws -> HostileServer {
        try XCTUnwrap(HostileServer { request in
            switch request.index % 4 {
            case 0: return Self.resetMidResponse
            case 1: return .json(503, #"{"error": "unavailable"}"#)
            case 2: return Self.drip(30)
            default: return .json(200, "{}")
            }
        })
    }

    func testResetsDripsAndServerErrorsAreCountedByClassInALoadRun() throws {
        try scenario("flaky")
        for (threshold, exit) in [("error_rate < 80%", Int32(0)), ("error_rate < 1%", Int32(1))] {
            let server = try scriptedFlakyServer()
            defer { server.stop() }
            let path = try profile(["flaky"], rate: "20/s", extra: "thresholds: [\"\(threshold)\"]")
            let (run, results) = try load(path, baseURL: server.baseURL, extra: ["--timeout", "1s"])
            assertExited(run, [exit])
            XCTAssertEqual(count(results, "/totals/requests"), 20, run.stdout)
            XCTAssertEqual(count(results, "/totals/errors"), 15, run.stdout)
            XCTAssertEqual(count(results, "/totals/error_classes/reset"), 5, run.stdout)
            XCTAssertEqual(count(results, "/totals/error_classes/5xx"), 5, run.stdout)
            XCTAssertEqual(count(results, "/totals/error_classes/timeout"), 5, run.stdout)
            XCTAssertEqual(count(results, "/totals/status/200"), 5, run.stdout)
            XCTAssertEqual(results?["thresholds"]?[0]?["ok"], .bool(exit == 0), threshold)
        }
    }

    // MARK: Targets that cannot be reached

    /// Each unreachable target, by class: its base URL, extra flags, and what the message says.
    private func unreachableTargets(_ authority: TestCertificateAuthority, silent: SilentListener) throws
        -> [(name: String, baseURL: String, flags: [String], message: String)] {
        let expired = try authority.serve(try authority.issue("expired", subjectAltName: "IP:127.0.0.1", expired: true))
        let wrongHost = try authority.serve(try authority.issue("other", subjectAltName: "DNS:other.example"))
        let unknownCA = try authority.serve(try authority.issue("untrusted", subjectAltName: "IP:127.0.0.1"))
        let refused = try XCTUnwrap(unusedLoopbackPort())
        let trust = ["--cacert", authority.certificatePath]
        return [
            ("refused", "http://127.0.0.1:\(refused)/v2", [], "could not connect to http://127.0.0.1:\(refused)/v2/thing: "),
            ("dns", "http://fcharness-test.invalid/v2", ["--allow-live-load"], "could not resolve the host of http://fcharness-test.invalid/v2/thing: "),
            ("silent host", "http://127.0.0.1:\(silent.port)/v2", ["--timeout", "1s"], "could not connect to http://127.0.0.1:\(silent.port)/v2/thing: "),
            ("tls expired", "https://127.0.0.1:\(expired)/v2", trust, "TLS failed for https://127.0.0.1:\(expired)/v2/thing: SSL certificate problem: certificate has expired"),
            ("tls wrong host", "https://127.0.0.1:\(wrongHost)/v2", trust,
             "TLS failed for https://127.0.0.1:\(wrongHost)/v2/thing: SSL: no alternative certificate subject name matches target host name '127.0.0.1'"),
            ("tls unknown CA", "https://127.0.0.1:\(unknownCA)/v2", [],
             "TLS failed for https://127.0.0.1:\(unknownCA)/v2/thing: SSL certificate problem: unable to get local issuer certificate"),
        ]
    }

    func testUnreachableTargetsExit3NamingTheClassInContractAndLoadRuns() throws {
        let authority = try TestCertificateAuthority()
        defer { authority.remove() }
        let silent = try XCTUnwrap(SilentListener())
        defer { silent.stop() }
        try scenario("reach")
        let profilePath = try profile(["reach"], rate: "4/s")
        for target in try unreachableTargets(authority, silent: silent) {
            let contractFlags = target.flags.filter { $0 != "--allow-live-load" }
            let (run, _) = try contract(["reach"], baseURL: target.baseURL, extra: contractFlags)
            assertExited(run, [3])
            XCTAssertTrue(run.stderr.contains("target unreachable: " + target.message), "contract, \(target.name): \(run.stderr)")

            let (loaded, results) = try load(profilePath, baseURL: target.baseURL, extra: target.flags)
            assertExited(loaded, [3])
            XCTAssertTrue(loaded.stderr.contains("target unreachable: "), "load, \(target.name): \(loaded.stderr)")
            XCTAssertEqual(count(results, "/totals/requests"), 4, "load, \(target.name): \(loaded.stdout)")
            XCTAssertEqual(count(results, "/totals/errors"), 4, "load, \(target.name): \(loaded.stdout)")
        }
    }

    /// The same certificate authority trusted with --cacert and a leaf that is in date and
    /// names the host: the TLS handshake succeeds (s_server's HTML page then breaks the contract).
    func testACustomCAIsTrustedWithCacert() throws {
        let authority = try TestCertificateAuthority()
        defer { authority.remove() }
        let port = try authority.serve(try authority.issue("good", subjectAltName: "IP:127.0.0.1"))
        try scenario("trusted")
        let (run, report) = try contract(["trusted"], baseURL: "https://127.0.0.1:\(port)/v2", extra: ["--cacert", authority.certificatePath])
        assertExited(run, [1])
        XCTAssertEqual(step(report, "trusted")?["status"], 200, run.stdout + run.stderr)
        let untrusted = try contract(["trusted"], baseURL: "https://127.0.0.1:\(port)/v2").run
        assertExited(untrusted, [3])
        XCTAssertTrue(untrusted.stderr.contains("SSL certificate problem: unable to get local issuer certificate"), untrusted.stderr)
        let missing = try contract(["trusted"], baseURL: "https://127.0.0.1:\(port)/v2", extra: ["--cacert", "/nonexistent/ca.pem"]).run
        assertExited(missing, [2])
        XCTAssertTrue(missing.stderr.contains("--cacert /nonexistent/ca.pem"), missing.stderr)
    }

    // MARK: A schema pattern against pathological text

    /// `^(a+)+$` against 40 a's and a b would take Swift's Regex longer than the age of the
    /// universe; `[0-9]+x` against 5,000 digits some seconds. The first is never run (the spec
    /// warning says so), the second not on texts over 3,162 characters (the step's notes say
    /// so); what can run still checks (`id`).
    func testAPathologicalPatternNeverHangsTheRun() throws {
        let body = #"{"name": "\#(String(repeating: "a", count: 40))b", "code": "\#(String(repeating: "1", count: 5_000))", "id": "ABC"}"#
        let server = try XCTUnwrap(HostileServer { _ in .json(200, body) })
        defer { server.stop() }
        try scenario("pathological", operation: "getName")

        // runCLI's bounded wait fails the test if the run hangs.
        let (run, report) = try contract(["pathological"], baseURL: server.baseURL)
        assertExited(run, [1])
        XCTAssertTrue(run.stderr.contains("warning: "), run.stderr)
        XCTAssertTrue(run.stderr.contains("/properties/name/pattern: the pattern /^(a+)+$/ is never run, so values are not checked against it: "
                                          + "the repeated part '(a+)+' can split the same text in more than one way, so a failing match backtracks exponentially"),
                      run.stderr)
        let step = step(report, "pathological")
        XCTAssertEqual(notes(step), [
            "/name: not checked: the pattern /^(a+)+$/ is never run: the repeated part '(a+)+' can split the same text in more than one way, so a failing match backtracks exponentially",
            "/code: not checked: the pattern /[0-9]+x/ is not run on text longer than 3162 characters (found 5000): matching can cost n^2 steps (an unanchored search)",
        ])
        let violations = (step?["violations"]?.arrayValue ?? []).map { "\($0["pointer"]?.stringValue ?? "") \($0["keyword"]?.stringValue ?? "")" }
        XCTAssertEqual(violations, ["/id pattern"], "patterns that can run still check")

        let (loaded, results) = try load(try profile(["pathological"], rate: "5/s"), baseURL: server.baseURL, extra: ["--validate-sample", "1"])
        assertExited(loaded, [0])
        XCTAssertTrue(loaded.stderr.contains("/^(a+)+$/ is never run"), loaded.stderr)
        XCTAssertEqual(count(results, "/totals/requests"), 5, loaded.stdout)
        XCTAssertEqual((results?["violations"]?.arrayValue ?? []).compactMap { $0["pointer"]?.stringValue }, ["/id"])
        // Each value not checked is counted per pattern, once per sampled response, with its note.
        let unchecked = (results?["unchecked_patterns"]?.arrayValue ?? []).map {
            "\($0["operation"]?.stringValue ?? "") \($0["pattern"]?.stringValue ?? "") \(count($0, "/count"))"
        }
        XCTAssertEqual(unchecked.sorted(), ["getName [0-9]+x 5", "getName ^(a+)+$ 5"], loaded.stdout)
        XCTAssertTrue((results?["unchecked_patterns"]?.arrayValue ?? []).contains {
            $0["note"]?.stringValue == "/code: not checked: the pattern /[0-9]+x/ is not run on text longer than 3162 characters (found 5000): matching can cost n^2 steps (an unanchored search)"
        }, loaded.stdout)
        XCTAssertTrue(loaded.stdout.contains("sampled responses with values not checked against a pattern (10 in all, 2 distinct)"), loaded.stdout)
    }
}
