// What `load --dry-run` prints of a plan (`LoadPlanDescription`): each executor's schedule in
// words, users, think time, budgets and thresholds as the profile and flags resolve them.
import Foundation
import XCTest

@testable import Load

final class LoadPlanDescriptionTests: XCTestCase {
    private var workspace: LoadWorkspace!

    override func setUpWithError() throws {
        workspace = try LoadWorkspace()
    }

    override func tearDown() {
        workspace.remove()
    }

    private let mix = "mix: [{ scenario: list-agents.yaml, weight: 3 }, { scenario: browse-channels.yaml }]"

    func testEachExecutorsScheduleReadsAsWords() throws {
        let cases: [(String, String)] = [
            ("executor: constant-vus\nvus: 4\nduration: 10s", "4 users for 10 s"),
            ("executor: constant-arrival-rate\nrate: 20/s\nduration: 1m", "20/s for 60 s"),
            ("executor: ramping-vus\nstart_vus: 2\nstages: [{ duration: 30s, target: 10 }, { duration: 5s, target: 0 }]",
             "from 2 users: 30 s to 10, 5 s to 0"),
            ("executor: ramping-arrival-rate\nstart_rate: 5/s\nmax_vus: 50\nstages: [{ duration: 1m, target: 300/s }]",
             "from 5/s: 60 s to 300/s"),
        ]
        for (profile, expected) in cases {
            let plan = try workspace.plan("\(profile)\n\(mix)\n")
            XCTAssertEqual(LoadPlanDescription.schedule(plan.schedule), expected, profile)
        }
    }

    func testTheMixThinkTimeBudgetsAndThresholdsAreListed() throws {
        let plan = try workspace.plan("""
            executor: constant-vus
            vus: 4
            duration: 10s
            think: 1s..3s
            budgets: { listChannels: 5/s }
            thresholds: ["p99 < 300ms", { expr: "error_rate < 1%", abort_on_fail: true }]
            \(mix)
            """)
        let lines = LoadPlanDescription.text(plan).split(separator: "\n").map(String.init)
        XCTAssertTrue(lines.contains { $0.hasPrefix("  mix ") && $0.hasSuffix("weight 3 (75%), 1 step: listAgents") }, "\(lines)")
        XCTAssertTrue(lines.contains { $0.hasSuffix("weight 1 (25%), 2 steps: listChannels, getChannel") }, "\(lines)")
        XCTAssertTrue(lines.contains { $0.hasPrefix("  think ") && $0.hasSuffix("1 s to 3 s after each step") }, "\(lines)")
        XCTAssertTrue(lines.contains { $0.hasPrefix("  budgets ") && $0.hasSuffix("listChannels: at most 5/s") }, "\(lines)")
        XCTAssertTrue(lines.contains { $0.hasPrefix("  thresholds ") && $0.hasSuffix("p99 < 300ms") }, "\(lines)")
        XCTAssertTrue(lines.contains { $0.hasSuffix("error_rate < 1% (abort on fail)") }, "\(lines)")
        XCTAssertTrue(lines.contains { $0.hasPrefix("  users ") && $0.hasSuffix(" 4") }, "closed model: just the users: \(lines)")
    }
}
