// Load profiles (CLI.md "Load profiles"); the duration and rate grammars themselves are
// tested in QuantitiesTests.

import Foundation
import OpenAPI
import XCTest
@testable import Scenario

final class LoadProfileTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("load-profile-\(UUID().uuidString)")
        let contract = folder.appendingPathComponent("contract")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("load"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: contract, withIntermediateDirectories: true)
        for name in ["browse-agents.yaml", "conversation-lifecycle.yaml"] {
            try "steps:\n  - operation: listAgents\n".write(to: contract.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    private func profile(_ yaml: String) throws -> LoadProfile {
        try LoadProfileLoader.load(text: yaml, name: "load/test.yaml", baseFolder: folder.appendingPathComponent("load").path)
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

    /// The example of /work/shared/CLI.md, with `stages` dropped (a constant executor has none).
    static let cliExample = """
        name: pre-release
        executor: constant-arrival-rate   # constant-vus | ramping-vus | constant-arrival-rate | ramping-arrival-rate
        rate: 200/s                       # arrival-rate executors: iterations started per second
        duration: 5m
        vus: 50                           # constant-vus: users; arrival-rate: pre-allocated
        max_vus: 500                      # arrival-rate: ceiling (iterations beyond it are counted as dropped)
        mix:                              # each iteration runs one scenario, chosen by weight
          - { scenario: ../contract/browse-agents.yaml, weight: 7 }
          - { scenario: ../contract/conversation-lifecycle.yaml, weight: 3 }
        thresholds:
          - "p99(listAgents) < 300ms"
          - "error_rate < 1%"
        """

    func testTheCLIExampleLoads() throws {
        let loaded = try profile(Self.cliExample)
        XCTAssertEqual(loaded.name, "pre-release")
        XCTAssertEqual(loaded.executor, .constantArrivalRate)
        XCTAssertEqual(loaded.rate?.perSecond, 200)
        XCTAssertEqual(loaded.duration, .seconds(300))
        XCTAssertEqual(loaded.totalDuration, .seconds(300))
        XCTAssertEqual(loaded.vus, 50)
        XCTAssertEqual(loaded.maxVUs, 500)
        XCTAssertEqual(loaded.mix.map(\.weight), [7, 3])
        XCTAssertEqual(loaded.mix[0].writtenPath, "../contract/browse-agents.yaml")
        XCTAssertEqual(loaded.mix[0].scenarioPath, folder.appendingPathComponent("load").path + "/../contract/browse-agents.yaml")
        XCTAssertEqual(loaded.mix[1].location, SourceLocation(file: "load/test.yaml", line: 9, column: 5))
        XCTAssertEqual(loaded.thresholds.map(\.expression), ["p99(listAgents) < 300ms", "error_rate < 1%"])
        // At the expression's first character, inside its quotes (where its own columns count from).
        XCTAssertEqual(loaded.thresholds[1].location, SourceLocation(file: "load/test.yaml", line: 12, column: 6))
    }

    func testRampingExecutorsReadStages() throws {
        let vus = try profile("""
            executor: ramping-vus
            stages:
              - { duration: 30s, target: 10 }
              - { duration: 1m, target: 0 }
            mix: [{ scenario: ../contract/browse-agents.yaml }]
            """)
        XCTAssertEqual(vus.stages.map(\.target), [10, 0])
        XCTAssertEqual(vus.totalDuration, .seconds(90))
        XCTAssertEqual(vus.mix[0].weight, 1)
        XCTAssertEqual(vus.name, "test")

        let arrivals = try profile("""
            executor: ramping-arrival-rate
            max_vus: 100
            stages:
              - { duration: 1m, target: 400 }
              - { duration: 1m, target: 30/m }
              - { duration: 1m, target: 10/s }
            mix: [{ scenario: ../contract/browse-agents.yaml }]
            """)
        XCTAssertEqual(arrivals.stages.map(\.target), [400, 0.5, 10])
    }

    func testErrorsNameTheFileLineAndColumn() {
        XCTAssertEqual(
            profileError("executor: constant-arival-rate\nmix: []\n"),
            "load/test.yaml:1:11: invalid executor 'constant-arival-rate': expected one of constant-vus, ramping-vus, "
                + "constant-arrival-rate, ramping-arrival-rate (did you mean 'constant-arrival-rate'?)")
        XCTAssertEqual(
            profileError("executor: constant-vus\nvus: 5\nduration: 10 s\nmix: [{ scenario: ../contract/browse-agents.yaml }]\n"),
            "load/test.yaml:3:11: invalid duration '10 s': expected a number and a unit (ns, us, ms, s, m, h), e.g. 250ms, 10s, 2m, 1m30s")
        XCTAssertEqual(
            profileError("executor: constant-arrival-rate\nrate: 200\nduration: 1m\nmix: [{ scenario: ../contract/browse-agents.yaml }]\n"),
            "load/test.yaml:2:7: invalid rate '200': expected a count, '/' and a time unit, e.g. 200/s, 30/m, 100/10s")
        XCTAssertEqual(
            profileError("executor: constant-vus\nduration: 1m\nmix: [{ scenario: ../contract/browse-agents.yaml }]\n"),
            "load/test.yaml:1:1: missing key 'vus' in a load profile with executor constant-vus")
        XCTAssertEqual(
            profileError("executor: ramping-vus\nduration: 1m\nstages: [{ duration: 1m, target: 5 }]\nmix: [{ scenario: ../contract/browse-agents.yaml }]\n"),
            "load/test.yaml:2:1: invalid key 'duration': the stages set the duration")
        XCTAssertEqual(
            profileError("executor: constant-vus\nvus: 2\nduration: 1m\nmix:\n  - { scenario: ../contract/missing.yaml, weight: 2 }\n"),
            "load/test.yaml:5:17: invalid scenario '../contract/missing.yaml': no such file (looked for "
                + folder.appendingPathComponent("load").path + "/../contract/missing.yaml)")
        XCTAssertEqual(
            profileError("executor: constant-vus\nvus: 2\nduration: 1m\nmix:\n  - { scenario: ../contract/browse-agents.yaml, wieght: 2 }\n"),
            "load/test.yaml:5:49: unknown key 'wieght' in mix entry 1 (did you mean 'weight'?); expected one of: scenario, weight")
        XCTAssertEqual(
            profileError("executor: constant-vus\nvus: 0\nduration: 1m\nmix: [{ scenario: ../contract/browse-agents.yaml }]\n"),
            "load/test.yaml:2:6: invalid vus '0': must be at least 1")
        XCTAssertEqual(
            profileError("executor: constant-arrival-rate\nrate: 5/s\nduration: 1m\nvus: 10\nmax_vus: 5\nmix: [{ scenario: ../contract/browse-agents.yaml }]\n"),
            "load/test.yaml:5:10: invalid max_vus '5': must be at least vus (10)")
    }

    func testMixWeightsMayNotCycleLongerThanAHundredThousandIterations() {
        // Once a crash: two weights of Int.max overflowed their sum.
        let big = "9223372036854775807"
        XCTAssertEqual(
            profileError("executor: constant-vus\nvus: 1\nduration: 1m\nmix:\n  - { scenario: ../contract/browse-agents.yaml, weight: \(big) }\n"
                + "  - { scenario: ../contract/browse-agents.yaml, weight: 3 }\n"),
            "load/test.yaml:5:3: invalid mix 'weights \(big), 3': divided by their common factor (1) they must add up to at most 100000")
        XCTAssertEqual(
            profileError("executor: constant-vus\nvus: 1\nduration: 1m\nmix:\n  - { scenario: ../contract/browse-agents.yaml, weight: 99999999999999999999 }\n"),
            "load/test.yaml:5:57: 'weight' must be a whole number up to 9223372036854775807, found the number 1e+20")
        XCTAssertNoThrow(try profile("executor: constant-vus\nvus: 1\nduration: 1m\nmix:\n  - { scenario: ../contract/browse-agents.yaml, weight: 7000000 }\n"
            + "  - { scenario: ../contract/browse-agents.yaml, weight: 3000000 }\n"), "7,000,000 and 3,000,000 cycle as 7 and 3")
    }

    func testArrivalRatesAboveTenMillionASecondAreRefusedWhereTheyAreWritten() {
        // Once a crash: 1e20/s times the duration did not fit the arrival counter.
        XCTAssertEqual(
            profileError("executor: constant-arrival-rate\nrate: 99999999999999999999/s\nduration: 1m\nmix: [{ scenario: ../contract/browse-agents.yaml }]\n"),
            "load/test.yaml:2:7: invalid rate '99999999999999999999/s': expected at most 10000000/s (10 million arrivals a second)")
        XCTAssertEqual(
            profileError("executor: ramping-arrival-rate\nstart_rate: 20000000/s\nstages: [{ duration: 1m, target: 5/s }]\nmix: [{ scenario: ../contract/browse-agents.yaml }]\n"),
            "load/test.yaml:2:13: invalid start_rate '20000000/s': expected at most 10000000/s (10 million arrivals a second)")
        XCTAssertEqual(
            profileError("executor: ramping-arrival-rate\nstages: [{ duration: 1m, target: 1e300 }]\nmix: [{ scenario: ../contract/browse-agents.yaml }]\n"),
            "load/test.yaml:2:34: invalid target '1e300': expected at most 10000000/s (10 million arrivals a second)")
        XCTAssertNoThrow(try profile("executor: constant-arrival-rate\nrate: 10000000/s\nduration: 1s\nmix: [{ scenario: ../contract/browse-agents.yaml }]\n"),
                         "the bound itself is allowed")
    }

    func testUserCountsAboveAMillionAreRefusedWhereTheyAreWritten() {
        // Once a crash: Int.max users overflowed the file descriptors the run asks for.
        let mix = "mix: [{ scenario: ../contract/browse-agents.yaml }]\n"
        let bound = "expected at most 1000000 users (each may hold a connection, and so a file descriptor)"
        XCTAssertEqual(profileError("executor: constant-vus\nvus: 9223372036854775807\nduration: 1m\n" + mix),
                       "load/test.yaml:2:6: invalid vus '9223372036854775807': \(bound)")
        XCTAssertEqual(profileError("executor: constant-arrival-rate\nrate: 5/s\nduration: 1m\nmax_vus: 1000001\n" + mix),
                       "load/test.yaml:4:10: invalid max_vus '1000001': \(bound)")
        XCTAssertEqual(profileError("executor: ramping-vus\nstart_vus: 2000000\nstages: [{ duration: 1m, target: 5 }]\n" + mix),
                       "load/test.yaml:2:12: invalid start_vus '2000000': \(bound)")
        XCTAssertEqual(profileError("executor: ramping-vus\nstages: [{ duration: 1m, target: 9223372036854775807 }]\n" + mix),
                       "load/test.yaml:2:34: invalid target '9223372036854775807': \(bound)")
        XCTAssertEqual(profileError("executor: ramping-vus\nstart_vus: -1\nstages: [{ duration: 1m, target: 5 }]\n" + mix),
                       "load/test.yaml:2:12: invalid start_vus '-1': must not be negative")
        XCTAssertNoThrow(try profile("executor: constant-vus\nvus: 1000000\nduration: 1m\n" + mix), "the bound itself is allowed")
    }

    func testAProfileFileResolvesMixPathsAgainstItsFolder() throws {
        let path = folder.appendingPathComponent("load/pre-release.yaml").path
        try Self.cliExample.write(toFile: path, atomically: true, encoding: .utf8)
        let loaded = try LoadProfileLoader.load(path: path)
        XCTAssertEqual(loaded.file, path)
        XCTAssertTrue(FileManager.default.fileExists(atPath: loaded.mix[1].scenarioPath))
    }
}
