// Each per-second window is split by operation, so that `compare` can resample one
// operation's seconds: the split must add up to the window and to the operation's totals.
import Foundation
import Report
import XCTest

@testable import Load

final class WindowSplitRunTests: XCTestCase {
    private var workspace: LoadWorkspace!

    override func setUpWithError() throws {
        workspace = try LoadWorkspace()
    }

    override func tearDown() {
        workspace.remove()
    }

    func testEveryWindowSplitsByOperationAndTheSplitAddsUpAcrossThreads() async throws {
        try await withMock { mock in
            let plan = try workspace.plan("""
                executor: constant-arrival-rate
                rate: 150/s
                duration: 2s
                vus: 10
                max_vus: 50
                mix: [{ scenario: browse-channels.yaml }]
                """, LoadOverrides(threads: 2), mock: mock)
            let result = try await runLoad(plan)
            XCTAssertGreaterThan(result.overall.requests, 0)
            for window in result.windows {
                XCTAssertEqual(window.operations.values.reduce(0) { $0 + $1.requests }, window.requests, "second \(window.second)")
                XCTAssertEqual(window.operations.values.reduce(0) { $0 + $1.errors }, window.errors, "second \(window.second)")
                XCTAssertTrue(Set(window.operations.keys).isSubset(of: ["listChannels", "getChannel"]))
            }
            for (operation, totals) in result.operations {
                let shares = result.windows.compactMap { $0.operations[operation] }
                XCTAssertEqual(shares.reduce(0) { $0 + $1.requests }, totals.requests, operation)
                var latencies = LatencyHistogram.make()
                for share in shares { try latencies.merge(try HistogramCodec.decode(share.histogram)) }
                XCTAssertEqual(latencies.totalCount, totals.latency.totalCount, "\(operation): every latency is in one second")
                XCTAssertEqual(latencies.max, totals.latency.max, operation)
            }

            let path = FileManager.default.temporaryDirectory.appendingPathComponent("split-\(UUID().uuidString).json").path
            defer { try? FileManager.default.removeItem(atPath: path) }
            try ResultsFile.write(result, to: path)
            XCTAssertEqual(try ResultsFile.read(path: path).windows, result.windows, "the split is written and read back")
        }
    }
}
