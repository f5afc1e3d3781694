// What `merge` refuses: anything but every shard of one run exactly once. Each refusal names
// the files, so the person who ran the shards knows which one to look at.
import Foundation
import Histogram
import XCTest

@testable import Report

final class ShardMergeRefusalTests: XCTestCase {
    private let builder = ShardBuilder(shards: 3)

    private func shards(_ indices: [Int]) throws -> [ShardResult] {
        try indices.map { try builder.shard($0, latencies: ["listAgents": [1_000, 2_000]]) }
    }

    /// Merges and returns the refusal, failing the test when the merge went through.
    private func refusal(_ shards: [ShardResult], tolerance: Double = ShardMerge.defaultStartSkewToleranceSeconds,
                         file: StaticString = #filePath, line: UInt = #line) -> ShardMergeError? {
        do {
            _ = try ShardMerge.merge(shards, startSkewToleranceSeconds: tolerance)
            XCTFail("the merge went through", file: file, line: line)
            return nil
        } catch {
            return error
        }
    }

    func testAMissingShardIsRefusedAndNamed() throws {
        let error = refusal(try shards([1, 3]))

        XCTAssertEqual(error, .missingShards([2], of: 3, given: ["shard-1.json", "shard-3.json"]))
        XCTAssertEqual(error?.description,
                       "shard 2 of 3 missing (given: shard-1.json, shard-3.json): the merge of an incomplete set would under-count the run")
    }

    func testADuplicateShardIsRefusedNamingBothFiles() throws {
        var given = try shards([1, 2, 3])
        given.append(try builder.shard(2, latencies: ["listAgents": [5_000]], file: "rerun/shard-2.json"))

        let error = refusal(given)

        XCTAssertEqual(error, .duplicateShard(shard: 2, file: "shard-2.json", otherFile: "rerun/shard-2.json"))
        XCTAssertEqual(error?.description, "shard-2.json and rerun/shard-2.json are both shard 2: give each shard once")
    }

    func testShardsOfDifferentProfilesAreRefused() throws {
        var other = builder
        other.profileHash = "77aa01"
        let given = [try builder.shard(1, latencies: ["listAgents": [1_000]]), try other.shard(2, latencies: ["listAgents": [1_000]])]

        let error = refusal(given)

        XCTAssertEqual(error, .profilesDiffer(file: "shard-1.json", profile: "checkout-browse", hash: "5f3a9c0d1e2b4a67",
                                              otherFile: "shard-2.json", otherProfile: "checkout-browse", otherHash: "77aa01"))
        XCTAssertTrue(error?.description.contains("are not shards of one run") == true)
    }

    func testADifferentProfileNameIsRefusedEvenWithTheSameHash() throws {
        var other = builder
        other.profile = "stress"
        let error = refusal([try builder.shard(1, latencies: ["listAgents": [1_000]]), try other.shard(2, latencies: ["listAgents": [1_000]])])

        guard case .profilesDiffer(_, "checkout-browse", _, "shard-2.json", "stress", _)? = error else {
            return XCTFail("expected profilesDiffer, got \(String(describing: error))")
        }
    }

    func testAShardIndexBeyondTheShardCountIsRefused() throws {
        var given = try shards([1, 2, 3])
        given[2].result.run.shard = 4

        XCTAssertEqual(refusal(given), .shardOutOfRange(file: "shard-3.json", shard: 4, of: 3))
    }

    func testDifferentShardCountsAreRefused() throws {
        let four = ShardBuilder(shards: 4)
        let error = refusal([try builder.shard(1, latencies: ["listAgents": [1_000]]), try four.shard(2, latencies: ["listAgents": [1_000]])])

        XCTAssertEqual(error, .shardCountsDiffer(file: "shard-1.json", shards: 3, otherFile: "shard-2.json", otherShards: 4))
    }

    /// An unsharded run, or an earlier merge, has no shard index: adding it to shards would
    /// count its requests twice.
    func testAResultThatIsNotAShardIsRefused() throws {
        var whole = try builder.shard(1, latencies: ["listAgents": [1_000]], file: "whole-run.json")
        whole.result.run.shard = nil
        whole.result.run.shards = 1
        XCTAssertEqual(refusal([whole]), .notAShard(file: "whole-run.json"))

        let merged = try ShardMerge.merge(try shards([1, 2, 3])).result
        XCTAssertEqual(refusal(try shards([1, 2]) + [ShardResult(file: "merged.json", result: merged)]), .notAShard(file: "merged.json"))
    }

    /// Shards that did not share `--start-at` (or a pod that came up after it) started apart:
    /// their seconds would be added to the wrong seconds. A wider tolerance lets them through.
    func testShardsThatStartedTooFarApartAreRefusedUnlessTheToleranceAllows() throws {
        var given = try shards([1, 2, 3])
        given[2].result.run.startedEpochSeconds += 4
        given[2].result.run.started = ShardBuilder.rfc3339(given[2].result.run.startedEpochSeconds)

        let error = refusal(given)

        guard case .startsTooFarApart("shard-1.json", _, "shard-3.json", _, let apart, 1)? = error else {
            return XCTFail("expected startsTooFarApart, got \(String(describing: error))")
        }
        XCTAssertEqual(apart, 4.006, accuracy: 1e-6)
        XCTAssertTrue(error?.description.contains("4.006s apart (at most 1s allowed)") == true, error?.description ?? "")
        XCTAssertNoThrow(try ShardMerge.merge(given, startSkewToleranceSeconds: 5))
    }

    /// The reader refuses files whose histograms lack the latency settings; results built in
    /// memory are checked again here, so hdrhistogram-swift's `add` never traps on them.
    func testHistogramsWithOtherSettingsAreRefusedNamingTheFile() throws {
        var given = try shards([1, 2, 3])
        var coarse = Histogram<UInt64>(lowestDiscernibleValue: 1, highestTrackableValue: 60_000_000, numberOfSignificantValueDigits: .two)
        coarse.record(1_000)
        given[1].result.operations["listAgents"]?.latency = coarse

        let error = refusal(given)

        guard case .histogramsDiffer("shard-2.json", "operation listAgents", let reason)? = error else {
            return XCTFail("expected histogramsDiffer, got \(String(describing: error))")
        }
        XCTAssertTrue(reason.contains("significant digits"), reason)
    }

    func testAFileThatIsNotAResultsFileIsRefusedByName() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("not-results-\(UUID().uuidString).json").path
        try "{\"format\": \"something-else/1\"}".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }

        do {
            _ = try ShardMerge.read(files: [path])
            XCTFail("read a file that is not a results file")
        } catch {
            guard case .unreadable = error else { return XCTFail("expected unreadable, got \(error)") }
            XCTAssertTrue(error.description.contains(path), error.description)
        }
    }

    func testThresholdsThatDifferBetweenShardsAreRefused() throws {
        var given = try shards([1, 2, 3])
        given[2].result.thresholds = [ThresholdVerdict(expression: "p99 < 1s", ok: true, actual: "2.0ms", abortOnFail: false)]

        XCTAssertEqual(refusal(given), .thresholdsDiffer(file: "shard-1.json", otherFile: "shard-3.json"))
    }

    func testAThresholdThatNoLongerParsesIsRefused() throws {
        var given = try shards([1, 2, 3])
        for index in given.indices {
            given[index].result.thresholds = [ThresholdVerdict(expression: "p99 < fast", ok: true, actual: "2.0ms", abortOnFail: false)]
        }

        guard case .unparsableThreshold("shard-1.json", _)? = refusal(given) else { return XCTFail("expected unparsableThreshold") }
    }

    func testNoShardsAtAll() {
        XCTAssertEqual(refusal([]), .noShards)
    }
}
