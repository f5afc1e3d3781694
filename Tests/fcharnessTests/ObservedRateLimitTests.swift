// Rate-limit manners against the mock that answers as Freshchat is observed to: X-RateLimit-*
// on every response and 429s without Retry-After. With a small limit, `contract` and a short
// `load` meet no 429 beyond the first burst, because they hold before the limit runs out; the
// same contract run without manners meets more. The mock itself counts the 429s it sent.
import Foundation
import JSON
import XCTest

final class ObservedRateLimitTests: XCTestCase {
    private var scratch: URL!
    private let overlay = "scenarios/overlays/freshchat-observed.yaml"

    override func setUpWithError() throws {
        scratch = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("fcharness-observed-limit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: scratch)
    }

    func testContractWithMannersMeetsNo429BeyondTheFirstBurstAndFewerThanWithout() throws {
        let withManners = try contractRun(extra: [])
        XCTAssertEqual(withManners.status, 0, withManners.output)
        // Two scenarios at a time: at most one request each before the first answer says the
        // window is nearly spent.
        XCTAssertLessThanOrEqual(withManners.rateLimited, 2, withManners.output)

        let without = try contractRun(extra: ["--no-rate-limit-manners"])
        XCTAssertGreaterThan(without.rateLimited, withManners.rateLimited, without.output)
        print("observed mock at 5/s, shipped scenarios: 429s with manners \(withManners.rateLimited), without \(without.rateLimited)")
    }

    func testAShortLoadRunWithMannersMeetsNo429BeyondTheFirstBurst() throws {
        let mock = try MockProcess(["--flavor", "observed", "--rate-limit", "10/s"])
        let appID = try XCTUnwrap(mock.said.firstMatch(of: /app id ([0-9a-f-]+)/)).1
        let out = scratch.appendingPathComponent("load.json").path
        let run = try runCLI(["load", "scenarios/load/smoke.yaml", "--duration", "3s", "--threads", "1", "--no-progress",
                              "--base-url", mock.baseURL, "--token", "dev-token", "--var", "app_id=\(appID)", "--overlay", overlay,
                              "--out", out])
        let stopped = mock.stop()
        let rateLimited = try Self.rateLimited(in: stopped.stdout)
        XCTAssertLessThanOrEqual(rateLimited, 1, run.stdout + run.stderr)
        print("observed mock at 10/s, smoke profile for 3 s: 429s with manners \(rateLimited)")
        let results = try JSON.parse(contentsOfFile: out)
        XCTAssertEqual(results["rate_limit_manners"]?["enabled"], true)
        XCTAssertGreaterThan(results["totals"]?["requests"]?.integerValue ?? 0, 0, "the run got going")
    }

    // MARK: Helpers

    /// The shipped scenarios against a fresh observed mock limited to 5 requests a second.
    private func contractRun(extra: [String]) throws -> (status: Int32, rateLimited: Int, output: String) {
        let mock = try MockProcess(["--flavor", "observed", "--rate-limit", "5/s"])
        let appID = try XCTUnwrap(mock.said.firstMatch(of: /app id ([0-9a-f-]+)/)).1
        let run = try runCLI(["contract", "--base-url", mock.baseURL, "--token", "dev-token", "--var", "app_id=\(appID)",
                              "--parallel", "2", "--overlay", overlay] + extra)
        let stopped = mock.stop()
        return (run.status, try Self.rateLimited(in: stopped.stdout), run.stdout + run.stderr)
    }

    /// The mock's own count of 429s, from the line it prints when it stops.
    private static func rateLimited(in said: String) throws -> Int {
        let match = try XCTUnwrap(said.firstMatch(of: /rate_limited=([0-9]+)/), said)
        return Int(match.1) ?? -1
    }
}
