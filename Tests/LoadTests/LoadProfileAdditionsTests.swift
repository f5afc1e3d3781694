// The load profile keys the engine added (graceful_stop, budgets, start_rate, start_vus, think,
// thresholds with abort_on_fail), the shipped profiles and CLI.md's examples as written, and
// errors for bad values that name file:line:column.
import Curl
import Foundation
import OpenAPI
import Report
import Scenario
import XCTest

@testable import Load

final class LoadProfileAdditionsTests: XCTestCase {
    private var workspace: LoadWorkspace!

    override func setUpWithError() throws {
        workspace = try LoadWorkspace()
    }

    override func tearDown() {
        workspace.remove()
    }

    private func profile(_ yaml: String) throws -> LoadProfile {
        try LoadProfileLoader.load(text: yaml, name: "load/test.yaml", baseFolder: workspace.folder.path)
    }

    private func profileError(_ yaml: String, file: StaticString = #filePath, line: UInt = #line) -> String {
        do {
            _ = try profile(yaml)
            XCTFail("expected the profile to be rejected", file: file, line: line)
            return ""
        } catch {
            return "\(error)"
        }
    }

    private let constantHead = "executor: constant-arrival-rate\nrate: 10/s\nduration: 1s\nmix: [{ scenario: list-agents.yaml }]\n"

    // MARK: The keys

    func testGracefulStopBudgetsAndThinkAreRead() throws {
        let loaded = try profile(constantHead + """
            graceful_stop: 7s
            budgets: { listAgents: 20/s, sendMessage: 30/m }
            think: 250ms
            """)
        XCTAssertEqual(loaded.gracefulStop, .seconds(7))
        XCTAssertEqual(loaded.budgets.map(\.operationId), ["listAgents", "sendMessage"], "in file order")
        XCTAssertEqual(loaded.budgets.map(\.rate.perSecond), [20, 0.5])
        XCTAssertEqual(loaded.budgets[0].location, SourceLocation(file: "load/test.yaml", line: 6, column: 12))
        XCTAssertEqual(loaded.think?.minimum, .milliseconds(250))
        XCTAssertEqual(loaded.think?.maximum, .milliseconds(250), "a fixed pause")
    }

    func testThinkMayBeARangeOfPauses() throws {
        let loaded = try profile(constantHead + "think: 500ms..2s\n")
        XCTAssertEqual(loaded.think?.minimum, .milliseconds(500))
        XCTAssertEqual(loaded.think?.maximum, .seconds(2))
    }

    func testStartRateOfARampingArrivalRateProfile() throws {
        let loaded = try profile("""
            executor: ramping-arrival-rate
            start_rate: 30/m
            stages: [{ duration: 2s, target: 10/s }]
            mix: [{ scenario: list-agents.yaml }]
            """)
        XCTAssertEqual(loaded.startRate, 0.5)
        XCTAssertNil(loaded.gracefulStop, "absent: the planner's default applies")
    }

    func testStartVUsOfARampingVUsProfile() throws {
        let loaded = try profile("""
            executor: ramping-vus
            start_vus: 3
            stages: [{ duration: 2s, target: 5 }]
            mix: [{ scenario: list-agents.yaml }]
            """)
        XCTAssertEqual(loaded.startVUs, 3)
        XCTAssertEqual(try profile("executor: ramping-vus\nstart_vus: 0\nstages: [{ duration: 1s, target: 1 }]\nmix: [{ scenario: list-agents.yaml }]\n").startVUs, 0)
    }

    func testThresholdsMayBeTextOrAMappingWithAbortOnFail() throws {
        let loaded = try profile(constantHead + """
            thresholds:
              - "p99 < 1s"
              - { expr: "error_rate < 1%", abort_on_fail: true }
              - { expr: "dropped < 1", abort_on_fail: false }
              - expr: checks > 99%
            """)
        XCTAssertEqual(loaded.thresholds.map(\.expression), ["p99 < 1s", "error_rate < 1%", "dropped < 1", "checks > 99%"])
        XCTAssertEqual(loaded.thresholds.map(\.abortOnFail), [false, true, false, false])
        XCTAssertEqual(loaded.thresholds[1].location, SourceLocation(file: "load/test.yaml", line: 7, column: 14), "inside the quotes")
        XCTAssertEqual(loaded.thresholds[3].location, SourceLocation(file: "load/test.yaml", line: 9, column: 11))
    }

    // MARK: Errors, each at file:line:column

    func testABadGracefulStopNamesItsPosition() {
        let message = profileError(constantHead + "graceful_stop: soon\n")
        XCTAssertTrue(message.hasPrefix("load/test.yaml:5:16: "), message)
        XCTAssertTrue(message.contains("graceful_stop") && message.contains("soon"), message)
    }

    func testABudgetOfNothingIsRefusedAtItsValue() {
        let message = profileError(constantHead + "budgets: { listAgents: 0/s }\n")
        XCTAssertTrue(message.hasPrefix("load/test.yaml:5:24: "), message)
        XCTAssertTrue(message.contains("a budget must allow some requests"), message)
        let unreadable = profileError(constantHead + "budgets: { listAgents: lots }\n")
        XCTAssertTrue(unreadable.hasPrefix("load/test.yaml:5:24: "), unreadable)
        XCTAssertTrue(unreadable.contains("200/s"), "names the grammar: \(unreadable)")
    }

    func testStartRateAndStartVUsBelongToTheirRampingExecutors() {
        let startRate = profileError(constantHead + "start_rate: 5/s\n")
        XCTAssertTrue(startRate.hasPrefix("load/test.yaml:5:1: "), startRate)
        XCTAssertTrue(startRate.contains("start_rate") && startRate.contains("constant-arrival-rate"), startRate)

        let startVUs = profileError("executor: ramping-arrival-rate\nstages: [{ duration: 1s, target: 5 }]\nstart_vus: 2\nmix: [{ scenario: list-agents.yaml }]\n")
        XCTAssertTrue(startVUs.hasPrefix("load/test.yaml:3:1: "), startVUs)
        XCTAssertTrue(startVUs.contains("start_vus"), startVUs)

        let negative = profileError("executor: ramping-vus\nstart_vus: -1\nstages: [{ duration: 1s, target: 1 }]\nmix: [{ scenario: list-agents.yaml }]\n")
        XCTAssertTrue(negative.hasPrefix("load/test.yaml:2:12: "), negative)
        XCTAssertTrue(negative.contains("must not be negative"), negative)
    }

    func testAThinkRangeMustRunFromShorterToLonger() {
        let backwards = profileError(constantHead + "think: 2s..1s\n")
        XCTAssertTrue(backwards.hasPrefix("load/test.yaml:5:8: "), backwards)
        XCTAssertTrue(backwards.contains("from the shorter to the longer"), backwards)
        let threeParts = profileError(constantHead + "think: 1s..2s..3s\n")
        XCTAssertTrue(threeParts.hasPrefix("load/test.yaml:5:8: "), threeParts)
        XCTAssertTrue(threeParts.contains("500ms..2s"), "shows the range syntax: \(threeParts)")
        let bare = profileError(constantHead + "think: 2\n")
        XCTAssertTrue(bare.hasPrefix("load/test.yaml:5:8: "), bare)
    }

    func testAThresholdMappingNeedsExprAndKnowsOnlyItsKeys() {
        let missing = profileError(constantHead + "thresholds:\n  - { abort_on_fail: true }\n")
        XCTAssertTrue(missing.hasPrefix("load/test.yaml:6:5: "), missing)
        XCTAssertTrue(missing.contains("expr"), missing)

        let typo = profileError(constantHead + "thresholds:\n  - { expr: \"p99 < 1s\", abort_on_failure: true }\n")
        XCTAssertTrue(typo.hasPrefix("load/test.yaml:6:"), typo)
        XCTAssertTrue(typo.contains("abort_on_failure") && typo.contains("did you mean 'abort_on_fail'"), typo)

        let notBool = profileError(constantHead + "thresholds:\n  - { expr: \"p99 < 1s\", abort_on_fail: sometimes }\n")
        XCTAssertTrue(notBool.hasPrefix("load/test.yaml:6:40: "), notBool)

        let empty = profileError(constantHead + "thresholds:\n  - \"  \"\n")
        XCTAssertTrue(empty.hasPrefix("load/test.yaml:6:"), empty)
    }

    // MARK: Profiles as shipped and as documented

    func testEveryShippedProfileLoadsAndPlansAsWritten() throws {
        let folder = packageRoot.appendingPathComponent("scenarios/load")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }.sorted()
        XCTAssertEqual(files, ["pr-gate.yaml", "pre-release.yaml", "smoke.yaml", "stress.yaml"])
        let spec = LoadTestSpec.shared
        for file in files {
            let loaded = try LoadProfileLoader.load(path: folder.appendingPathComponent(file).path)
            let plan = try LoadPlanner.plan(
                profile: loaded, overrides: LoadOverrides(threads: 2, variableFlags: ["app_id": "app"]), index: spec.index,
                validators: spec.validators, target: LoadTarget(baseURL: "http://127.0.0.1:9/v2", token: "t", transfer: TransferOptions()))
            XCTAssertEqual(plan.thresholds.count, loaded.thresholds.count, file)
            XCTAssertFalse(plan.mix.entries.isEmpty, file)
        }
        let preRelease = try LoadProfileLoader.load(path: folder.appendingPathComponent("pre-release.yaml").path)
        XCTAssertEqual(preRelease.gracefulStop, .seconds(10))
        XCTAssertEqual(preRelease.budgets.map(\.operationId), ["sendMessage"])
        XCTAssertEqual(preRelease.thresholds.filter(\.abortOnFail).map(\.expression), ["p99 < 2s"])
        let stress = try LoadProfileLoader.load(path: folder.appendingPathComponent("stress.yaml").path)
        XCTAssertEqual(stress.startRate, 50)
        XCTAssertEqual(stress.stages.map(\.target), [3000, 3000])
    }

    /// CLI.md's constant-arrival-rate example, verbatim.
    static let cliConstantExample = """
        name: pre-release
        executor: constant-arrival-rate   # constant-vus | ramping-vus | constant-arrival-rate | ramping-arrival-rate
        rate: 200/s                       # arrival-rate executors: iterations started per second
        duration: 5m
        vus: 50                           # constant-vus: users; arrival-rate: pre-allocated
        max_vus: 500                      # arrival-rate: ceiling (iterations beyond it are counted as dropped)
        graceful_stop: 10s                # in-flight iterations may finish this long after the end
        mix:                              # each iteration runs one scenario, chosen by weight
          - { scenario: ../contract/browse-agents.yaml, weight: 7 }
          - { scenario: ../contract/conversation-lifecycle.yaml, weight: 3 }
        budgets: { sendMessage: 50/s }    # per-operation rate caps (stay under an account's limit)
        thresholds:
          - "p99(listAgents) < 300ms"
          - "error_rate < 1%"
          - { expr: "p99 < 1s", abort_on_fail: true }
        """

    /// CLI.md's ramping example, verbatim, completed with a mix so that it loads.
    static let cliRampingExample = """
        executor: ramping-arrival-rate    # or ramping-vus (targets are VUs)
        start_rate: 10/s
        stages:
          - { duration: 1m, target: 400/s }
          - { duration: 3m, target: 400/s }
          - { duration: 30s, target: 0/s }
        mix:
          - { scenario: ../contract/browse-agents.yaml }
        """

    func testCLIExamplesLoadAndPlanAsWritten() throws {
        let contract = packageRoot.appendingPathComponent("scenarios/contract")
        for name in ["browse-agents.yaml", "conversation-lifecycle.yaml"] {
            try workspace.write("contract/\(name)", String(contentsOf: contract.appendingPathComponent(name), encoding: .utf8))
        }
        let overrides = LoadOverrides(threads: 2, variableFlags: ["app_id": "app"])

        let constant = try workspace.plan(Self.cliConstantExample, overrides, name: "load/constant.yaml")
        XCTAssertEqual(constant.schedule, .constantArrivalRate(rate: 200, duration: 300))
        XCTAssertEqual(constant.vus, 50)
        XCTAssertEqual(constant.maxVUs, 500)
        XCTAssertEqual(constant.gracefulStop, .seconds(10))
        XCTAssertEqual(constant.budgets, ["sendMessage": 50])
        XCTAssertEqual(constant.thresholds.map(\.expression), ["p99(listAgents) < 300ms", "error_rate < 1%", "p99 < 1s"])
        XCTAssertEqual(constant.thresholds.map(\.abortOnFail), [false, false, true])
        XCTAssertEqual(constant.mix.entries.map(\.weight), [7, 3])

        let ramping = try workspace.plan(Self.cliRampingExample, overrides, name: "load/ramping.yaml")
        XCTAssertEqual(ramping.schedule, .rampingArrivalRate(start: 10, stages: [
            PlannedStage(durationSeconds: 60, target: 400), PlannedStage(durationSeconds: 180, target: 400),
            PlannedStage(durationSeconds: 30, target: 0),
        ]))
        XCTAssertEqual(ramping.schedule.durationSeconds, 270)
        // (10 + 400) / 2 × 60 + 400 × 180 + 400 / 2 × 30
        XCTAssertEqual(ramping.schedule.pacer?.plannedArrivals, 12_300 + 72_000 + 6_000)
    }
}
