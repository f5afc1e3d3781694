// `fcharness diff-spec`, run as users run it: the shipped overlay against the seed spec (each
// difference issue 13 lists is a line), identical specs, two files with an overlay on the
// second, JSON for scripts, and bad input naming the file.

import Foundation
import JSON
import XCTest

final class DiffSpecCommandTests: XCTestCase {
    var scratch: ScratchFolder!

    override func setUpWithError() throws {
        scratch = try ScratchFolder(name: "fcharness-diff-spec")
    }

    override func tearDownWithError() throws {
        scratch.remove()
    }

    /// Writes `text` to `name` in the scratch folder and returns its path.
    func file(_ name: String, _ text: String) throws -> String {
        try scratch.file(name, text)
    }

    static let observedOverlay = "scenarios/overlays/freshchat-observed.yaml"

    func testTheObservedOverlayListsEachDifferenceItStates() throws {
        let run = try runCLI(["diff-spec", "--overlay", Self.observedOverlay])
        XCTAssertEqual(run.status, 1, "the two specs differ: \(run.stderr)")
        XCTAssertEqual(run.stderr, "")
        let lines = run.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(Array(lines.prefix(2)), [
            "A: scenarios/freshchat.openapi.yaml",
            "B: scenarios/freshchat.openapi.yaml + overlay scenarios/overlays/freshchat-observed.yaml",
        ])
        let expected = [
            // Lists carry pagination, and their links are objects.
            "listUsers  200 application/json  /properties/pagination: only in B — A allows any value there",
            "listChannels  200 application/json  /properties/links: only in B — A allows any value there",
            "listAgents  200 application/json  /properties/links/properties/next_page/type: A string, B object",
            "listAgents  200 application/json  /properties/links/properties/prev_page: only in A — B allows any value there",
            "listAgents  200 application/json  /properties/links/properties/previous_page: only in B — A allows any value there",
            // The messages list has one link, and takes its from_time.
            "listConversationMessages  200 application/json  /properties/links: only in A — B allows any value there",
            "listConversationMessages  200 application/json  /properties/link: only in B — A allows any value there",
            "listConversationMessages  query from_time: only in B",
            // Error bodies: an integer code, and a status.
            "getAgent  404 application/json  /properties/code/type: A string, B integer",
            "getAgent  404 application/json  /properties/status: only in B — A allows any value there",
            // Rate-limit headers, and the 429.
            "getAgent  200 headers: X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset only in B",
            "getAgent  responses: 429 only in B",
            // Two more conversation statuses.
            #"getConversation  200 application/json  /properties/status/enum: A 4 values, B 6 values — B also allows "waiting on customer", "waiting on internal team""#,
            #"updateConversation  request body application/json  /properties/status/enum: A 4 values, B 6 values — B also allows "waiting on customer", "waiting on internal team""#,
            // Page sizes of 100 on users and agents.
            "listUsers  query items_per_page  /maximum: A 50, B 100 — B also allows 51…100",
            "listAgents  query items_per_page  /maximum: A 50, B 100 — B also allows 51…100",
            // Creates may answer 202.
            "createUser  responses: 202 only in B",
            "createConversation  responses: 202 only in B",
            "sendMessage  responses: 202 only in B",
        ]
        for line in expected {
            XCTAssertTrue(lines.contains(line), "missing: \(line)\n\(run.stdout)")
        }
        XCTAssertFalse(run.stdout.contains("listConversations  query items_per_page"), "the other lists keep 50")
        XCTAssertEqual(lines.filter { $0.hasSuffix("responses: 429 only in B") }.count, 16, "every operation may answer 429")
        XCTAssertEqual(lines.last, "156 differences in 16 of 16 operations")
    }

    func testTheSameReportTwiceIsTheSameBytes() throws {
        let first = try runCLI(["diff-spec", "--overlay", Self.observedOverlay])
        let second = try runCLI(["diff-spec", "--overlay", Self.observedOverlay])
        XCTAssertEqual(first.stdout, second.stdout)
    }

    func testIdenticalSpecsHaveNoDifferences() throws {
        let spec = "scenarios/freshchat.openapi.yaml"
        let run = try runCLI(["diff-spec", spec, spec])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(run.stdout, "A: \(spec)\nB: \(spec)\n\nno differences: A and B allow the same (16 operations)\n")
    }

    func testTwoFilesWithTheOverlayAppliedToTheSecond() throws {
        let a = try file("a.yaml", """
            openapi: 3.1.0
            info: { title: A, version: '1' }
            paths:
              /items: { get: { operationId: listItems, responses: { '200': { description: OK } } } }
            """)
        let b = try file("b.yaml", """
            openapi: 3.1.0
            info: { title: B, version: '1' }
            paths:
              /items: { get: { operationId: listItems, responses: { '200': { description: OK }, '202': { description: later } } } }
            """)
        let overlay = try file("adds-429.yaml", """
            overlay: 1.0.0
            info: { title: Adds 429, version: '1' }
            actions:
              - target: $.paths['/items'].get.responses
                update: { '429': { description: slow down } }
            """)
        let run = try runCLI(["diff-spec", a, b, "--overlay", overlay])
        XCTAssertEqual(run.status, 1, run.stderr)
        XCTAssertEqual(run.stdout, """
            A: \(a)
            B: \(b) + overlay \(overlay)

            listItems  responses: 202 only in B
            listItems  responses: 429 only in B

            2 differences in 1 of 1 operations

            """)
    }

    func testJSONForScripts() throws {
        let run = try runCLI(["diff-spec", "--overlay", Self.observedOverlay, "--json"])
        XCTAssertEqual(run.status, 1, run.stderr)
        let report = try JSON.parse(run.stdout)
        XCTAssertEqual(report["format"], "fcharness-diff-spec/1")
        XCTAssertEqual(report["same"], false)
        XCTAssertEqual(report["differences"]?.arrayValue?.count, 156)
        let maximum = report["differences"]?.arrayValue?.first { $0["operation"] == "listAgents" && $0["pointer"] == "/maximum" }
        XCTAssertEqual(maximum, [
            "operation": "listAgents", "method": "GET", "path": "/agents", "place": "query items_per_page",
            "pointer": "/maximum", "a": "50", "b": "100", "allowance": "B also allows 51…100",
            "line": "listAgents  query items_per_page  /maximum: A 50, B 100 — B also allows 51…100",
        ])
    }

    // MARK: - Bad input

    func testAMissingSpecIsBadInputNamingIt() throws {
        let missing = scratch.path("missing.yaml")
        let run = try runCLI(["diff-spec", missing, "scenarios/freshchat.openapi.yaml"])
        XCTAssertEqual(run.status, 2)
        XCTAssertEqual(run.stdout, "")
        XCTAssertTrue(run.stderr.contains("\(missing): cannot read the spec: no such file"), run.stderr)
    }

    func testABrokenOverlayIsBadInputAtItsLineAndColumn() throws {
        let overlay = try file("broken.yaml", "overlay: 1.0.0\ninfo: { title: T, version: '1' }\nactions:\n  - taget: $.info\n    update: { x: 1 }\n")
        let run = try runCLI(["diff-spec", "--overlay", overlay])
        XCTAssertEqual(run.status, 2)
        XCTAssertEqual(run.stdout, "")
        XCTAssertTrue(run.stderr.contains("\(overlay):4:5: unknown key 'taget' in action 1"), run.stderr)
    }

    func testNothingToCompareIsBadInput() throws {
        let alone = try runCLI(["diff-spec"])
        XCTAssertEqual(alone.status, 2)
        XCTAssertTrue(alone.stderr.contains("nothing to compare"), alone.stderr)
        let one = try runCLI(["diff-spec", "scenarios/freshchat.openapi.yaml"])
        XCTAssertEqual(one.status, 2)
        XCTAssertTrue(one.stderr.contains("two specs"), one.stderr)
    }
}
