// How a run is split across shards and threads: every arrival and every user belongs to
// exactly one stripe.
import XCTest

@testable import Load

final class LoadShareTests: XCTestCase {
    func testStripesOfShardsTimesThreadsPartitionEveryIndexExactlyOnce() {
        for shards in 1...4 {
            for threads in 1...4 {
                for total in [0, 1, 5, 7, 97, 400, 1001] {
                    var seen: [Int] = []
                    var counted = 0
                    for shard in 0..<shards {
                        for thread in 0..<threads {
                            let share = LoadShare(shard: shard, shards: shards, thread: thread, threads: threads)
                            let count = share.count(of: total)
                            counted += count
                            for local in 0..<count { seen.append(share.globalIndex(local)) }
                        }
                    }
                    let label = "\(shards) shards × \(threads) threads, \(total) items"
                    XCTAssertEqual(counted, total, label)
                    XCTAssertEqual(seen.sorted(), Array(0..<total), label)
                }
            }
        }
    }

    func testAShardRunsEveryIndexCongruentToItModuloTheShardCount() {
        let shards = 3
        let threads = 2
        for shard in 0..<shards {
            var indexes: [Int] = []
            for thread in 0..<threads {
                let share = LoadShare(shard: shard, shards: shards, thread: thread, threads: threads)
                indexes += (0..<share.count(of: 100)).map(share.globalIndex)
            }
            XCTAssertEqual(indexes.sorted(), Array(stride(from: shard, to: 100, by: shards)), "shard \(shard + 1)/\(shards)")
        }
    }

    func testShardCountsAddUpToTheWholeAndDifferByAtMostOne() {
        for total in [0, 1, 2, 3, 400, 401] {
            let counts = (0..<2).map { LoadShare(shard: $0, shards: 2, thread: 0, threads: 1).count(of: total) }
            XCTAssertEqual(counts.reduce(0, +), total)
            XCTAssertLessThanOrEqual((counts.max() ?? 0) - (counts.min() ?? 0), 1)
        }
    }

    func testNonsenseCountsOfShardsOrThreadsAreTreatedAsOne() {
        let share = LoadShare(shard: 0, shards: 0, thread: 0, threads: -3)
        XCTAssertEqual(share.stride, 1)
        XCTAssertEqual(share.count(of: 10), 10)
    }
}
