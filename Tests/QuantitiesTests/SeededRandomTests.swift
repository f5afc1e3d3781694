// The seeded random source: the same seed repeats, streams and items stay apart, and the unit
// draws stay in [0, 1).

import Quantities
import XCTest

final class SeededRandomTests: XCTestCase {
    func testTheSameSeedRepeatsTheSameSequence() {
        var first = SeededRandom(seed: 42), second = SeededRandom(seed: 42), other = SeededRandom(seed: 43)
        let a = (0..<8).map { _ in first.next() }
        XCTAssertEqual(a, (0..<8).map { _ in second.next() })
        XCTAssertNotEqual(a, (0..<8).map { _ in other.next() })
    }

    func testStreamsOfOneSeedDiffer() {
        var a = SeededRandom(seed: 1, stream: 0)
        var b = SeededRandom(seed: 1, stream: 1)
        XCTAssertNotEqual(a.next(), b.next())
    }

    func testAnItemsGeneratorDependsOnlyOnSeedSaltAndIndex() {
        func firstDraws(seed: UInt64, salt: UInt64, index: UInt64) -> [UInt64] {
            var random = SeededRandom.stream(seed: seed, salt: salt, index: index)
            return (0..<4).map { _ in random.next() }
        }
        // Item 5 draws the same whenever it is made: nothing else feeds into it.
        let item = firstDraws(seed: 7, salt: 0xFA_017, index: 5)
        XCTAssertEqual(item, firstDraws(seed: 7, salt: 0xFA_017, index: 5))
        XCTAssertNotEqual(item, firstDraws(seed: 7, salt: 0xFA_017, index: 6))
        XCTAssertNotEqual(item, firstDraws(seed: 7, salt: 0x5EED, index: 5))
        XCTAssertNotEqual(item, firstDraws(seed: 8, salt: 0xFA_017, index: 5))
        var plain = SeededRandom(seed: 7, stream: 5)
        XCTAssertNotEqual(item, (0..<4).map { _ in plain.next() }, "the salt keeps item streams apart from plain streams")
    }

    func testUnitDrawsAreInTheHalfOpenUnitIntervalAndSpreadEvenly() {
        var random = SeededRandom(seed: 3)
        let draws = (0..<10_000).map { _ in random.nextUnit() }
        XCTAssertTrue(draws.allSatisfy { $0 >= 0 && $0 < 1 })
        // Mean of 10,000 uniform draws: 0.5 with a standard deviation of 0.0029; ±5 of them.
        XCTAssertEqual(draws.reduce(0, +) / Double(draws.count), 0.5, accuracy: 0.015)
    }

    func testItServesTheStandardLibrarysRandomAPIs() {
        var random = SeededRandom(seed: 9)
        for _ in 0..<1_000 {
            XCTAssertTrue((10...20).contains(Int.random(in: 10...20, using: &random)))
        }
    }
}

final class RandomUUIDTests: XCTestCase {
    func testUUIDsAreVersion4TextAndRepeatForASeed() {
        var first = SeededRandom(seed: 42)
        var second = SeededRandom(seed: 42)
        let uuids = (0..<50).map { _ in first.uuidText() }
        XCTAssertEqual(uuids, (0..<50).map { _ in second.uuidText() })
        XCTAssertEqual(Set(uuids).count, 50)
        for uuid in uuids {
            let pattern = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
            XCTAssertNotNil(uuid.wholeMatch(of: pattern), uuid)
        }
    }
}
