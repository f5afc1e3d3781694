// From profile and flags to a plan: flags override the profile, and every flag or value that
// cannot make a run is refused before anything is sent, naming where it is wrong.
import Foundation
import Quantities
import Report
import XCTest

@testable import Load

final class LoadPlannerTests: XCTestCase {
    private var workspace: LoadWorkspace!

    override func setUpWithError() throws {
        workspace = try LoadWorkspace()
    }

    override func tearDown() {
        workspace.remove()
    }

    private let arrivalProfile = """
        executor: constant-arrival-rate
        rate: 50/s
        duration: 10s
        vus: 5
        max_vus: 40
        mix: [{ scenario: list-agents.yaml }]
        """
    private let usersProfile = """
        executor: constant-vus
        vus: 4
        duration: 10s
        mix: [{ scenario: list-agents.yaml }]
        """
    private let rampingProfile = """
        executor: ramping-arrival-rate
        stages: [{ duration: 2s, target: 10/s }]
        mix: [{ scenario: list-agents.yaml }]
        """

    // MARK: Flags override the profile

    func testWithoutFlagsTheProfileDecides() throws {
        let plan = try workspace.plan(arrivalProfile)
        XCTAssertEqual(plan.schedule, .constantArrivalRate(rate: 50, duration: 10))
        XCTAssertEqual(plan.vus, 5)
        XCTAssertEqual(plan.maxVUs, 40)
        XCTAssertEqual(plan.gracefulStop, LoadPlanner.defaultGracefulStop)
        XCTAssertEqual(plan.validateSample, LoadPlanner.defaultValidateSample)
        XCTAssertEqual(plan.shard, 0)
        XCTAssertEqual(plan.shards, 1)
    }

    func testRateVUsAndDurationFlagsOverrideTheProfile() throws {
        let overrides = LoadOverrides(rate: try Rate(parsing: "80/s"), vus: 7, duration: try Duration(parsing: "3s"), threads: 2)
        let plan = try workspace.plan(arrivalProfile, overrides)
        XCTAssertEqual(plan.schedule, .constantArrivalRate(rate: 80, duration: 3))
        XCTAssertEqual(plan.vus, 7)
        XCTAssertEqual(plan.maxVUs, 40, "--vus changes the pre-allocated users, not the ceiling")

        let users = try workspace.plan(usersProfile, LoadOverrides(vus: 9, duration: try Duration(parsing: "1m"), threads: 2))
        XCTAssertEqual(users.schedule, .constantVUs(vus: 9, duration: 60))
        XCTAssertEqual(users.vus, 9)
    }

    func testMoreVUsThanTheCeilingRaiseTheCeiling() throws {
        let plan = try workspace.plan(arrivalProfile, LoadOverrides(vus: 60, threads: 2))
        XCTAssertEqual(plan.vus, 60)
        XCTAssertEqual(plan.maxVUs, 60)
    }

    func testArrivalRateProfilesWithoutUsersGetTheDefaults() throws {
        let plan = try workspace.plan(rampingProfile)
        XCTAssertEqual(plan.vus, LoadPlanner.defaultPreallocatedVUs)
        XCTAssertEqual(plan.maxVUs, LoadPlanner.defaultMaxVUs)
        XCTAssertEqual(plan.schedule, .rampingArrivalRate(start: 0, stages: [PlannedStage(durationSeconds: 2, target: 10)]))
    }

    func testShardsShareTheProfileHashAndSplitTheCeiling() throws {
        let whole = try workspace.plan(arrivalProfile)
        let first = try workspace.plan(arrivalProfile, LoadOverrides(threads: 2, shard: (1, 2)))
        let second = try workspace.plan(arrivalProfile, LoadOverrides(threads: 3, shard: (2, 2)))
        XCTAssertEqual(first.shard, 0)
        XCTAssertEqual(second.shard, 1)
        XCTAssertEqual(first.profileHash, whole.profileHash, "--shard does not change the hash")
        XCTAssertEqual(second.profileHash, whole.profileHash, "--threads does not change the hash")
        XCTAssertEqual(first.maxVUsOfShard + second.maxVUsOfShard, 40)
        let faster = try workspace.plan(arrivalProfile, LoadOverrides(rate: try Rate(parsing: "60/s"), threads: 2))
        XCTAssertNotEqual(faster.profileHash, whole.profileHash, "--rate does")
    }

    func testTheHashCoversTheScenarioTextThatWasRun() throws {
        let before = try workspace.plan(usersProfile)
        XCTAssertEqual(before.mix.entries.map(\.scenario.text), [LoadScenarios.listAgents], "the text read once, at planning, is the text hashed")
        try workspace.write("list-agents.yaml", LoadScenarios.listAgents + "\n# edited\n")
        let after = try workspace.plan(usersProfile)
        XCTAssertNotEqual(after.profileHash, before.profileHash, "an edited scenario is another run to compare and merge")
    }

    func testTheMixFollowsItsWeightsExactlyOverACycle() throws {
        let plan = try workspace.plan("""
            executor: constant-vus
            vus: 1
            duration: 1s
            mix:
              - { scenario: list-agents.yaml, weight: 7 }
              - { scenario: browse-channels.yaml, weight: 3 }
            """)
        XCTAssertEqual(plan.mix.operations, ["getChannel", "listAgents", "listChannels"], "sorted; a step's slot indexes this")
        let entries = (0..<1000).map(plan.mix.entryIndex(forIteration:))
        XCTAssertEqual(entries.filter { $0 == 0 }.count, 700)
        XCTAssertEqual(entries.filter { $0 == 1 }.count, 300)
    }

    // MARK: Refusals

    func testRateOnAUsersExecutorIsRefused() throws {
        let rate = try Rate(parsing: "10/s")
        let message = planError { try workspace.plan(usersProfile, LoadOverrides(rate: rate, threads: 2)) }
        XCTAssertTrue(message.contains("--rate applies to executor constant-arrival-rate"), message)
        XCTAssertTrue(message.contains("constant-vus"), message)
    }

    func testDurationOnARampingExecutorIsRefused() throws {
        let duration = try Duration(parsing: "30s")
        let message = planError { try workspace.plan(rampingProfile, LoadOverrides(duration: duration, threads: 2)) }
        XCTAssertTrue(message.contains("--duration applies to constant executors"), message)
    }

    func testVUsOnRampingVUsAndNoUsersAtAllAreRefused() {
        let ramping = """
            executor: ramping-vus
            stages: [{ duration: 1s, target: 2 }]
            mix: [{ scenario: list-agents.yaml }]
            """
        XCTAssertTrue(planError { try workspace.plan(ramping, LoadOverrides(vus: 3, threads: 2)) }.contains("--vus does not apply to ramping-vus"))
        XCTAssertTrue(planError { try workspace.plan(usersProfile, LoadOverrides(vus: 0, threads: 2)) }.contains("--vus 0"))
    }

    func testAnUnknownBudgetOperationIsRefusedWithADidYouMean() {
        let message = planError {
            try workspace.plan(arrivalProfile + "\nbudgets: { listAgent: 20/s }\n", name: "budget.yaml")
        }
        let path = workspace.folder.appendingPathComponent("budget.yaml").path
        XCTAssertEqual(message, "\(path):7:12: budgets: unknown operation 'listAgent' (did you mean 'listAgents'?)")
    }

    func testABadThresholdIsRefusedAtTheColumnWhereItStopsMakingSense() {
        let path = workspace.folder.appendingPathComponent("threshold.yaml").path
        // `  - "p99 < 300xs"`: the expression starts at column 6; its value at offset 6.
        let unit = planError { try workspace.plan(arrivalProfile + "\nthresholds:\n  - \"p99 < 300xs\"\n", name: "threshold.yaml") }
        XCTAssertTrue(unit.hasPrefix("\(path):8:12: threshold 'p99 < 300xs': "), unit)
        let metric = planError { try workspace.plan(arrivalProfile + "\nthresholds:\n  - { expr: \"p98 < 1s\", abort_on_fail: true }\n", name: "threshold.yaml") }
        XCTAssertTrue(metric.hasPrefix("\(path):8:14: threshold 'p98 < 1s': "), metric)
    }

    /// The loader trims spaces around an expression, but its location still points at the
    /// first space inside the quotes: the column must count the trimmed spaces too.
    func testABadThresholdWithLeadingSpacesIsStillReportedAtItsOwnColumn() {
        let path = workspace.folder.appendingPathComponent("threshold.yaml").path
        // Column 6 is the first space inside the quotes; `p98` starts at column 8.
        let message = planError { try workspace.plan(arrivalProfile + "\nthresholds:\n  - \"  p98 < 1s\"\n", name: "threshold.yaml") }
        XCTAssertTrue(message.hasPrefix("\(path):8:8: "), message)
    }

    func testAShardBeyondTheShardCountIsRefused() {
        let message = planError { try workspace.plan(arrivalProfile, LoadOverrides(threads: 2, shard: (3, 2))) }
        XCTAssertTrue(message.contains("--shard 3/2"), message)
        XCTAssertTrue(planError { try workspace.plan(arrivalProfile, LoadOverrides(threads: 2, shard: (0, 2))) }.contains("--shard 0/2"))
    }

    func testAValidationShareOutside0To1AndAbsurdThreadCountsAreRefused() {
        XCTAssertTrue(planError { try workspace.plan(arrivalProfile, LoadOverrides(threads: 2, validateSample: 1.5)) }.contains("--validate-sample"))
        XCTAssertTrue(planError { try workspace.plan(arrivalProfile, LoadOverrides(threads: 0)) }.contains("--threads 0"))
    }
}
