// `fcharness merge` end to end: real shards of a short profile run at one `--start-at` against
// one external mock, merged by the real binary: the file, the totals, the exit codes, and the
// refusals of a set that is not every shard of one run.
import Foundation
import JSON
import NIOConcurrencyHelpers
import XCTest

final class MergeCommandTests: XCTestCase {
    private var scratch: URL!
    private var mock: MockProcess?
    private var baseURL: String { mock?.baseURL ?? "" }

    override func setUpWithError() throws {
        scratch = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("fcharness-merge-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        try "name: list agents\nsteps:\n  - operation: listAgents\n".write(
            to: scratch.appendingPathComponent("list-agents.yaml"), atomically: true, encoding: .utf8)
        mock = try MockProcess()  // one mock for every shard, as the pods of a cluster share one target
    }

    override func tearDownWithError() throws {
        mock?.stop()
        try? FileManager.default.removeItem(at: scratch)
    }

    /// Writes a profile of `rate` arrivals of one listAgents request for `duration`.
    private func profile(rate: String, duration: String, thresholds: [String]) throws -> String {
        let path = scratch.appendingPathComponent("profile.yaml").path
        try """
            name: merge example
            executor: constant-arrival-rate
            rate: \(rate)
            duration: \(duration)
            vus: 5
            max_vus: 50
            graceful_stop: 5s
            mix: [{ scenario: list-agents.yaml }]
            thresholds: [\(thresholds.map { "\"\($0)\"" }.joined(separator: ", "))]
            """.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Runs shards 1…N of `profile` at once, sharing a start a few seconds ahead, as the pods of
    /// the Indexed Job do; returns each shard's exit status and results file.
    private func runShards(_ count: Int, of profile: String) throws -> [(status: Int32, file: String)] {
        let startAt = String(Int(Date().timeIntervalSince1970) + 4)
        let runs = NIOLockedValueBox<[Int: CLIRun]>([:])
        let failures = NIOLockedValueBox<[String]>([])
        let folder = scratch.path
        let baseURL = self.baseURL
        // One thread per shard: a pool no wider than the cores would start the last shards late.
        let finished = DispatchGroup()
        for index in 0 ..< count {
            finished.enter()
            Thread {
                defer { finished.leave() }
                let out = folder + "/shard-\(index + 1).json"
                do {
                    let run = try runCLI(["load", profile, "--no-progress", "--threads", "1", "--shard", "\(index + 1)/\(count)",
                                          "--start-at", startAt, "--out", out, "--base-url", baseURL, "--token", "dev-token"])
                    runs.withLockedValue { $0[index] = run }
                } catch {
                    failures.withLockedValue { $0.append("shard \(index + 1): \(error)") }
                }
            }.start()
        }
        finished.wait()
        XCTAssertEqual(failures.withLockedValue { $0 }, [])
        return try (0 ..< count).map { index in
            let run = try XCTUnwrap(runs.withLockedValue { $0[index] })
            return (run.status, scratch.appendingPathComponent("shard-\(index + 1).json").path)
        }
    }

    private func count(_ document: JSON, _ member: String, _ field: String) -> Int {
        Int(document[member]?[field]?.integerValue ?? -1)
    }

    // MARK: Thresholds judged on the whole run

    /// 60 arrivals a second for 2 s in 3 shards: each shard completes 40 requests in a little
    /// over 2 s, under 20 a second, and fails `rps > 35` on its slice (exit 1, provisional);
    /// the whole run does 120, about 60 a second, and passes, so merge exits 0. (The bound
    /// sits far from both: the run may take up to 3.4 s on a busy machine and still pass.)
    /// The merged file adds the shards up exactly.
    func testShardsThatEachFailAThresholdCanPassItTogether() throws {
        let shards = try runShards(3, of: try profile(rate: "60/s", duration: "2s", thresholds: ["rps > 35", "error_rate < 1%"]))
        XCTAssertEqual(shards.map(\.status), [1, 1, 1], "each shard judges its slice only")
        let out = scratch.appendingPathComponent("merged.json").path

        let merge = try runCLI(["merge", shards[2].file, shards[0].file, shards[1].file, "--out", out])

        XCTAssertEqual(merge.status, 0, merge.stdout + merge.stderr)
        XCTAssertTrue(merge.stdout.contains("✓ rps > 35"), merge.stdout)
        XCTAssertTrue(merge.stderr.contains("rps > 35 holds on the whole run, though it failed on the slice of"), merge.stderr)
        XCTAssertNotNil(merge.stdout.split(separator: "\n").last?.wholeMatch(of: /Requests\/sec: [0-9]+\.[0-9]{2}/))
        let check = try runCLI(["validate", out, "--schema", "docs/results.schema.json"])
        XCTAssertEqual(check.status, 0, "the merged file matches docs/results.schema.json: \(check.stdout)\(check.stderr)")

        let merged = try JSON.parse(contentsOfFile: out)
        let parts = try shards.map { try JSON.parse(contentsOfFile: $0.file) }
        XCTAssertEqual(merged["run"]?["shards"], 3)
        XCTAssertNil(merged["run"]?["shard"], "a merge is no one shard")
        XCTAssertEqual(count(merged, "run", "planned_iterations"), 120)
        XCTAssertEqual(count(merged, "iterations", "started"), parts.reduce(0) { $0 + count($1, "iterations", "started") })
        XCTAssertEqual(count(merged, "totals", "requests"), parts.reduce(0) { $0 + count($1, "totals", "requests") })
        XCTAssertEqual(count(merged, "run", "threads"), 3)
        let windowRequests = (merged["windows"]?.arrayValue ?? []).reduce(0) { $0 + Int($1["requests"]?.integerValue ?? 0) }
        XCTAssertEqual(windowRequests, count(merged, "totals", "requests"), "every request is in one second's window")
    }

    /// The other way: each shard's ~20 requests a second pass `rps < 35`; the whole run's ~60
    /// fail it, and merge exits 1.
    func testShardsThatEachPassAThresholdCanFailItTogether() throws {
        let shards = try runShards(3, of: try profile(rate: "60/s", duration: "2s", thresholds: ["rps < 35"]))
        XCTAssertEqual(shards.map(\.status), [0, 0, 0])

        let merge = try runCLI(["merge"] + shards.map(\.file) + ["--out", scratch.appendingPathComponent("merged.json").path])

        XCTAssertEqual(merge.status, 1, merge.stdout + merge.stderr)
        XCTAssertTrue(merge.stdout.contains("✗ rps < 35"), merge.stdout)
        XCTAssertTrue(merge.stderr.contains("rps < 35 fails on the whole run, though it held on the slice of"), merge.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: scratch.appendingPathComponent("merged.json").path),
                      "a failed verdict still writes the merged results")
    }

    // MARK: Refusals

    func testASetThatIsNotEveryShardOnceExits2NamingTheFiles() throws {
        let shards = try runShards(2, of: try profile(rate: "10/s", duration: "1s", thresholds: []))
        XCTAssertEqual(shards.map(\.status), [0, 0])
        let out = scratch.appendingPathComponent("merged.json").path

        let missing = try runCLI(["merge", shards[0].file, "--out", out])
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.stderr.contains("shard 2 of 2 missing (given: \(shards[0].file))"), missing.stderr)

        let twice = try runCLI(["merge", shards[0].file, shards[1].file, shards[0].file, "--out", out])
        XCTAssertEqual(twice.status, 2)
        XCTAssertTrue(twice.stderr.contains("\(shards[0].file) and \(shards[0].file) are both shard 1"), twice.stderr)

        let nowhere = scratch.appendingPathComponent("no-such-shard.json").path
        let unreadable = try runCLI(["merge", shards[0].file, nowhere, "--out", out])
        XCTAssertEqual(unreadable.status, 2)
        XCTAssertTrue(unreadable.stderr.contains(nowhere), unreadable.stderr)

        let badSkew = try runCLI(["merge", shards[0].file, shards[1].file, "--out", out, "--max-start-skew", "soon"])
        XCTAssertEqual(badSkew.status, 2)
        XCTAssertTrue(badSkew.stderr.contains("--max-start-skew soon"), badSkew.stderr)

        XCTAssertFalse(FileManager.default.fileExists(atPath: out), "a refused merge writes nothing")
    }

    func testTheHelpHasAnExample() throws {
        let help = try runCLI(["merge", "--help"])
        XCTAssertEqual(help.status, 0)
        XCTAssertTrue(help.stdout.contains("fcharness merge shard-1.json shard-2.json shard-3.json --out run.json"), help.stdout)
    }
}
