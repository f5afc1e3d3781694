// What a load run against a live target announces before it starts (`PlannedRequests`), and
// the run id its creates carry (issue 13, "Safety on real accounts").
import Foundation
import JSON
import Quantities
import Scenario
import XCTest

@testable import Load

final class PlannedRequestsTests: XCTestCase {
    private var workspace: LoadWorkspace!

    override func setUpWithError() throws {
        workspace = try LoadWorkspace()
    }

    override func tearDown() {
        workspace.remove()
    }

    /// One step and two steps, equally weighted: 1.5 requests per iteration.
    private let mix = "mix: [{ scenario: list-agents.yaml }, { scenario: browse-channels.yaml }]"

    func testAnOpenModelAnnouncesIterationsTimesStepsOfTheMix() throws {
        let plan = try workspace.plan("executor: constant-arrival-rate\nrate: 20/s\nduration: 60s\n\(mix)\n")
        let planned = PlannedRequests(plan)
        XCTAssertEqual(planned.requestsPerIteration, 1.5)
        XCTAssertEqual(planned.count, .about(1_800))
        XCTAssertEqual(planned.summary, "about 1,800 requests over 60 s at 30/s")
    }

    func testMaxRPSBoundsTheCountAndTheRate() throws {
        let overrides = LoadOverrides(threads: 2, maxRequestsPerSecond: 20)
        let plan = try workspace.plan("executor: constant-arrival-rate\nrate: 20/s\nduration: 60s\ngraceful_stop: 5s\n\(mix)\n", overrides)
        let planned = PlannedRequests(plan)
        // 20/s over the 60 s schedule and its 5 s graceful stop.
        XCTAssertEqual(planned.count, .about(1_300))
        XCTAssertEqual(planned.summary, "about 1,300 requests over 60 s at 20/s (--max-rps 20)")
    }

    func testAShardAnnouncesItsOwnPart() throws {
        let overrides = LoadOverrides(threads: 1, shard: (1, 2))
        let plan = try workspace.plan("executor: constant-arrival-rate\nrate: 20/s\nduration: 60s\n\(mix)\n", overrides)
        XCTAssertEqual(PlannedRequests(plan).count, .about(900))
    }

    func testAClosedModelSaysTheCountCannotBeKnownWithoutABound() throws {
        let plan = try workspace.plan("executor: constant-vus\nvus: 4\nduration: 10s\n\(mix)\n")
        let planned = PlannedRequests(plan)
        XCTAssertEqual(planned.count, .unknown)
        XCTAssertEqual(planned.summary, "closed model, up to 4 VUs over 10 s: the count depends on the target's latency "
            + "(1.5 requests per iteration; no --max-rps or think time bounds it)")
    }

    func testAThinkTimeBoundsAClosedModel() throws {
        let plan = try workspace.plan("executor: constant-vus\nvus: 4\nduration: 10s\ngraceful_stop: 2s\nthink: 1s..3s\n\(mix)\n")
        // Each user sends at most one request per second of the 12 s window, plus the first.
        XCTAssertEqual(PlannedRequests(plan).count, .atMost(52, because: "a think time of at least 1 s after each step"))
    }

    func testARunTagGoesIntoTheCompiledCreatesAndThePlan() throws {
        try workspace.write("create-user.yaml", "steps:\n  - operation: createUser\n    body: { first_name: Ada }\n")
        var overrides = LoadOverrides(threads: 1)
        overrides.runTag = RunTag(runID: "fch-test")
        let plan = try workspace.plan("executor: constant-vus\nvus: 1\nduration: 1s\nmix: [{ scenario: create-user.yaml }]\n", overrides)
        XCTAssertEqual(plan.runID, "fch-test")
        let step = try XCTUnwrap(plan.mix.entries.first?.steps.first)
        XCTAssertTrue(step.isStatic, "a literal body with the tag is still prepared once")
        var context = TemplateContext(environment: { _ in nil }, seed: 1, stream: 0)
        XCTAssertEqual(try step.step.body?.render(&context),
                       ["first_name": "Ada", "properties": [["name": "fcharness_run_id", "value": "fch-test"]]])
    }
}
