// `fcharness load --dry-run`, end to end: the plan a profile and its flags resolve to is printed
// and nothing is sent — not to a loopback server that counts what it receives, and no results
// are written.
import Foundation
import XCTest

final class LoadDryRunTests: XCTestCase {
    func testTheSmokeProfilesPlanIsPrintedAndNothingIsSent() throws {
        let server = try XCTUnwrap(CannedHTTPServer(response: "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}"))
        defer { server.stop() }
        let run = try runCLI(["load", "scenarios/load/smoke.yaml", "--dry-run", "--base-url", "http://127.0.0.1:\(server.port)/v2",
                              "--token", "t", "--var", "app_id=A", "--threads", "2"], timeout: 30)
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(server.requests, 0, "a dry run sends nothing")
        let lines = run.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.first, "load profile smoke (scenarios/load/smoke.yaml), dry run: nothing is sent")
        for expected in [
            "  target       http://127.0.0.1:\(server.port)/v2",
            "  executor     constant-arrival-rate: 20/s for 10 s; graceful stop 5 s",
            "  users        5 pre-allocated, up to 50",
            "  threads      2",
            "  requests     about 1,033 requests over 10 s at 103.33/s",
            "  thresholds   p99 < 500ms",
            "  rate limits  manners on (pace by X-RateLimit-*, back off after 429s)",
        ] {
            XCTAssertTrue(lines.contains(expected), "missing \(expected):\n\(run.stdout)")
        }
        XCTAssertTrue(run.stdout.contains("browse agents (scenarios/load/../contract/browse-agents.yaml): weight 3 (50%), 4 steps: "
            + "listAgents, listAgents, listAgents, getAgent"), run.stdout)
    }

    func testFlagsOverrideTheProfileInThePlan() throws {
        let run = try runCLI(["load", "scenarios/load/smoke.yaml", "--dry-run", "--rate", "50/s", "--duration", "4s", "--max-rps", "40",
                              "--no-rate-limit-manners"], timeout: 60)
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.contains("  target       the embedded mock (a run starts it on a free loopback port)"), run.stdout)
        XCTAssertTrue(run.stdout.contains("  executor     constant-arrival-rate: 40/s for 4 s"), "--max-rps caps the rate: \(run.stdout)")
        XCTAssertTrue(run.stderr.contains("the profile's rate (up to 50/s) is above --max-rps 40: arrivals are capped at 40/s"), run.stderr)
        XCTAssertTrue(run.stdout.contains("  rate limits  manners off (--no-rate-limit-manners); --max-rps 40"), run.stdout)
        XCTAssertFalse(run.stderr.contains("embedded mock serves this run"), "nothing is served in a dry run: \(run.stderr)")
    }

    func testADryRunWithAResultsFileIsBadInput() throws {
        for flag in ["--out", "--html"] {
            let run = try runCLI(["load", "scenarios/load/smoke.yaml", "--dry-run", flag, "x"], timeout: 30)
            XCTAssertEqual(run.status, 2, run.stderr)
            XCTAssertTrue(run.stderr.contains("--dry-run sends nothing and writes no results"), run.stderr)
        }
    }
}
