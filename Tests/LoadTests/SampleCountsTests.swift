// The error, check and violation summaries are bounded: a server that puts a request id in
// every message must not grow a run's memory with every response.
import XCTest

@testable import Load

final class SampleCountsTests: XCTestCase {
    func testEachKeyIsCountedWithItsFirstSample() {
        var counts = SampleCounts<String>()
        counts.add("timeout", limit: 10, sample: "first")
        counts.add("timeout", limit: 10, sample: "second")
        counts.add("reset", limit: 10, sample: "only")
        XCTAssertEqual(counts.entries["timeout"]?.count, 2)
        XCTAssertEqual(counts.entries["timeout"]?.sample, "first")
        XCTAssertEqual(counts.entries["reset"]?.count, 1)
    }

    func testNewKeysPastTheLimitAreCountedUnderTheOverflowKey() {
        var counts = SampleCounts<String>()
        for id in 0..<5 {
            counts.add("request \(id) failed", limit: 3, overflow: "other failures", sample: "id \(id)")
        }
        XCTAssertEqual(counts.entries.count, 4)
        XCTAssertEqual(counts.entries["other failures"]?.count, 2)
        XCTAssertEqual(counts.entries["other failures"]?.sample, "id 3")
        counts.add("request 0 failed", limit: 3, overflow: "other failures", sample: "again")
        XCTAssertEqual(counts.entries["request 0 failed"]?.count, 2, "a key already kept is still counted under its own name")
    }

    func testNewKeysPastTheLimitAreDroppedWhenThereIsNoOverflowKey() {
        var counts = SampleCounts<Int>()
        for key in 0..<5 { counts.add(key, limit: 2, sample: "") }
        XCTAssertEqual(counts.entries.keys.sorted(), [0, 1])
    }

    func testTheErrorCatalogKeepsAtMostItsLimitPlusOneOverflowLinePerClass() {
        var catalog = ErrorCatalog()
        for id in 0..<(ErrorCatalog.distinctLimit + 50) {
            catalog.add(operation: "list-agents", errorClass: .http5xx, message: "request \(id)", sample: "body")
        }
        let summaries = catalog.summaries
        XCTAssertEqual(summaries.count, ErrorCatalog.distinctLimit + 1)
        XCTAssertEqual(summaries.first { $0.message == "other 5xx errors" }?.count, 50)
    }
}
