// A profile split in shards does exactly the work of the whole: started iterations and
// requests of shards 1/2 and 2/2 add up to those of one unsharded run.
import MockServer
import XCTest

@testable import Load

final class ShardRunTests: XCTestCase {
    private var workspace: LoadWorkspace!

    override func setUpWithError() throws {
        workspace = try LoadWorkspace()
    }

    override func tearDown() {
        workspace.remove()
    }

    func testTwoShardsAddUpToTheWholeRun() async throws {
        let profile = """
            executor: constant-arrival-rate
            rate: 100/s
            duration: 1s
            vus: 10
            max_vus: 100
            mix:
              - { scenario: list-agents.yaml, weight: 2 }
              - { scenario: browse-channels.yaml, weight: 1 }
            """
        try await withMock { mock in
            let whole = try await runLoad(try workspace.plan(profile, mock: mock))
            let first = try await runLoad(try workspace.plan(profile, LoadOverrides(threads: 2, shard: (1, 2)), mock: mock))
            let second = try await runLoad(try workspace.plan(profile, LoadOverrides(threads: 2, shard: (2, 2)), mock: mock))

            XCTAssertEqual(whole.run.plannedIterations, 100)
            XCTAssertEqual(first.run.plannedIterations, 50)
            XCTAssertEqual(second.run.plannedIterations, 50)
            XCTAssertEqual(first.run.shard, 1)
            XCTAssertEqual(second.run.shard, 2)
            XCTAssertEqual(first.run.shards, 2)
            XCTAssertEqual(first.run.profileHash, whole.run.profileHash)
            XCTAssertEqual(first.iterations.started + second.iterations.started, 100, "the shards start the whole run's planned iterations")
            XCTAssertEqual(first.iterations.dropped + second.iterations.dropped, 0)
            XCTAssertEqual(whole.iterations.started, 100)
            XCTAssertEqual(first.overall.requests + second.overall.requests, whole.overall.requests)
            for operation in ["listAgents", "listChannels", "getChannel"] {
                XCTAssertEqual((first.operations[operation]?.requests ?? 0) + (second.operations[operation]?.requests ?? 0),
                               whole.operations[operation]?.requests, "\(operation): the mix is split exactly too")
            }
        }
    }
}
