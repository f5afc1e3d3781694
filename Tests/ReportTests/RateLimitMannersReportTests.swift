// How rate-limit manners are reported (docs/rate-limits.md): in the results file (an optional
// `rate_limit_manners` object, so files of older builds still read), in the load summary, and
// in the contract console and JSON reports (count and total wait by cause).
import Foundation
import JSON
import JSONSchema
import XCTest

@testable import Report

final class RateLimitMannersReportTests: XCTestCase {
    private static let schemaPath = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("docs/results.schema.json").path

    private func manners() -> RateLimitManners {
        var manners = RateLimitManners(enabled: true, maxRequestsPerSecond: 50, cappedProfileRate: 200)
        manners.paced = 4
        manners.pacedWaitSeconds = 3.25
        manners.pacedDropped = 37
        manners.backoffs = 2
        manners.maxRPSDelayed = 120
        manners.maxRPSWaitSeconds = 1.5
        return manners
    }

    // MARK: The results file

    func testMannersReadBackFieldForFieldAndMatchTheSchema() throws {
        var written = try ResultsFileFixtures.openModelRun()
        written.rateLimits.manners = manners()
        let bytes = try ResultsFile.bytes(written)
        let read = try ResultsFile.read(bytes: bytes, path: "results.json")
        XCTAssertEqual(read.rateLimits.manners, manners())
        XCTAssertEqual(try ResultsFile.bytes(read), bytes, "reading then writing gives the same file")

        let schema = try Schema(try JSON.parse(contentsOfFile: Self.schemaPath), formats: .assert)
        XCTAssertEqual(schema.validate(try JSON.parse(bytes)).map(\.description), [])
    }

    func testWithoutMaxRPSItsMembersAreLeftOut() throws {
        var written = try ResultsFileFixtures.closedModelRun()
        written.rateLimits.manners = RateLimitManners(enabled: false)
        let document = try JSON.parse(try ResultsFile.bytes(written))
        XCTAssertEqual(document["rate_limit_manners"]?["enabled"], false)
        XCTAssertNil(document["rate_limit_manners"]?["max_rps"])
        XCTAssertNil(document["rate_limit_manners"]?["capped_profile_rate"])
        XCTAssertEqual(try ResultsFile.read(bytes: try ResultsFile.bytes(written), path: "r.json").rateLimits.manners, RateLimitManners(enabled: false))
    }

    func testAFileFromBeforeMannersReadsWithNone() throws {
        let written = try ResultsFileFixtures.openModelRun()
        XCTAssertNil(written.rateLimits.manners)
        let document = try JSON.parse(try ResultsFile.bytes(written))
        XCTAssertNil(document["rate_limit_manners"], "nothing written when there is nothing to say")
        XCTAssertNil(try ResultsFile.read(json: document, path: "old.json").rateLimits.manners)
    }

    func testAMisspeltOrWrongMemberIsRefusedByTheReaderAndTheSchema() throws {
        var written = try ResultsFileFixtures.openModelRun()
        written.rateLimits.manners = manners()
        let document = try JSON.parse(try ResultsFile.bytes(written))
        let schema = try Schema(try JSON.parse(contentsOfFile: Self.schemaPath), formats: .assert)
        for (pointer, value) in [("/rate_limit_manners/paced_waits", JSON.integer(1)), ("/rate_limit_manners/paced", .integer(-1)),
                                 ("/rate_limit_manners/max_rps", .integer(0))] {
            let edited = ResultsFileFixtures.editing(document, at: pointer, to: value)
            XCTAssertFalse(schema.validate(edited).isEmpty, pointer)
            if pointer != "/rate_limit_manners/max_rps" {
                XCTAssertThrowsError(try ResultsFile.read(json: edited, path: "r.json"), pointer)
            }
        }
    }

    /// Threads of a run and shards of a merge add their counts; the settings are the run's.
    func testAddingCountsKeepsTheSettings() {
        var sum = manners()
        sum.add(manners())
        XCTAssertEqual(sum.paced, 8)
        XCTAssertEqual(sum.maxRPSDelayed, 240)
        XCTAssertEqual(sum.maxRequestsPerSecond, 50, "a setting, not a count")
    }

    // MARK: The load summary

    func testTheSummarySaysWhatPacingAndTheCapDid() {
        var run = browsingRun()
        run.rateLimits.manners = manners()
        let text = LoadSummary.render(run, color: false)
        XCTAssertTrue(text.contains("rate-limit pacing  4 holds until X-RateLimit-Reset, 3.3s in all, 37 arrivals not sent; 2 backoffs after a 429 naming no wait\n"), text)
        XCTAssertTrue(text.contains("max rps            50/s for the whole run (the profile's 200/s capped to it); 120 requests waited for their slot, 1.5s in all\n"), text)
    }

    func testTheSummarySaysWhenMannersWereOffAndIsSilentWhenTheyDidNothing() {
        var run = browsingRun()
        run.rateLimits.manners = RateLimitManners(enabled: false)
        XCTAssertTrue(LoadSummary.render(run, color: false).contains("rate-limit pacing  off (--no-rate-limit-manners)"))
        run.rateLimits.manners = RateLimitManners()
        XCTAssertFalse(LoadSummary.render(run, color: false).contains("rate-limit"))
    }

    // MARK: The contract reports

    private func contractRun(manners: Bool = true) -> ContractRunResult {
        var held = StepResult(index: 1, operation: "listAgents", method: "GET", url: "http://127.0.0.1:1/v2/agents", status: 200, outcome: .passed)
        held.rateLimitWaits.paced = 1
        held.rateLimitWaits.pacedSeconds = 2.1
        held.rateLimitWaits.maxRPS = 1
        held.rateLimitWaits.maxRPSSeconds = 0.25
        var retried = StepResult(index: 2, operation: "listAgents", method: "GET", url: "http://127.0.0.1:1/v2/agents", status: 200, outcome: .passed)
        retried.rateLimitWaits.afterThrottle = 2
        retried.rateLimitWaits.afterThrottleSeconds = 3
        var run = ContractRunResult(
            target: "http://127.0.0.1:1/v2",
            scenarios: [ScenarioResult(name: "agents", file: "agents.yaml", tags: [], steps: [held, retried], durationMilliseconds: 6000)],
            durationMilliseconds: 6000)
        run.rateLimitManners = manners
        run.maxRequestsPerSecond = 4
        return run
    }

    func testTheContractConsoleTotalsTheWaitsBeforeItsLastLine() {
        let lines = ConsoleReport(colour: false).render(contractRun()).split(separator: "\n")
        XCTAssertEqual(lines.last, "1 passed, 0 failed")
        XCTAssertEqual(lines.dropLast().last,
                       "rate limits: 4 waits, 5.4 s in all: 1 paced until X-RateLimit-Reset (2.1 s), 2 after a 429 (3.0 s), 1 for --max-rps (0.3 s)")
    }

    func testTheContractConsoleSaysNothingWithoutWaitsUnlessMannersWereOff() {
        var run = contractRun(manners: false)
        run.scenarios[0].steps = run.scenarios[0].steps.map { step in
            var step = step
            step.rateLimitWaits = ContractRateLimitWaits()
            return step
        }
        XCTAssertTrue(ConsoleReport(colour: false).render(run).contains("\nrate limits: manners off (--no-rate-limit-manners)\n"))
        run.rateLimitManners = true
        XCTAssertFalse(ConsoleReport(colour: false).render(run).contains("rate limits"))
    }

    func testTheContractJSONHasTheWaitsByCause() throws {
        let document = try JSON.parse(ContractJSONReport.bytes(for: contractRun()))
        let limits = try XCTUnwrap(document["rate_limits"])
        XCTAssertEqual(limits["manners"], true)
        XCTAssertEqual(limits["max_rps"]?.doubleValue, 4)
        XCTAssertEqual(limits["waits"], 4)
        XCTAssertEqual(limits["total_wait_s"]?.doubleValue, 5.35)
        XCTAssertEqual(limits["paced"], 1)
        XCTAssertEqual(limits["paced_wait_s"]?.doubleValue, 2.1)
        XCTAssertEqual(limits["after_429"], 2)
        XCTAssertEqual(limits["after_429_wait_s"]?.doubleValue, 3)
        XCTAssertEqual(limits["max_rps_delayed"], 1)
        XCTAssertEqual(limits["max_rps_wait_s"]?.doubleValue, 0.25)
    }
}
