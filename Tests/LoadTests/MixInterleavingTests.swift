// Which scenario each iteration runs: a fixed interleaving of the weights (smooth weighted
// round robin), exact over every cycle and spread evenly within it.
import Quantities
import XCTest

@testable import Load

final class MixInterleavingTests: XCTestCase {
    private let weightSets: [[Int]] = [[1], [7, 3], [3, 7], [2, 2], [5, 2, 1, 2, 3], [1, 1, 1], [10, 1], [4, 4, 1], [8, 3, 5, 1]]

    func testEachEntryAppearsExactlyItsWeightOncePerCycle() {
        // Weights with a common factor cycle in their reduced form: [2, 2] as [1, 1].
        for weights in weightSets {
            let cycle = CompiledMix.interleave(weights: weights)
            let common = weights.reduce(0, greatestCommonDivisor)
            XCTAssertEqual(cycle.count, weights.reduce(0, +) / common, "\(weights)")
            for (entry, weight) in weights.enumerated() {
                XCTAssertEqual(cycle.filter { $0 == entry }.count, weight / common, "\(weights): entry \(entry)")
            }
        }
    }

    func testWeightsWithACommonFactorRunInTheSameOrderAsTheirReducedForm() {
        XCTAssertEqual(CompiledMix.interleave(weights: [70, 30]), CompiledMix.interleave(weights: [7, 3]))
        XCTAssertEqual(CompiledMix.interleave(weights: [500_000, 1_000_000]), [1, 0, 1])
    }

    func testEveryPrefixOfTheCycleIsWithinOneIterationOfTheExactShare() {
        for weights in weightSets {
            let cycle = CompiledMix.interleave(weights: weights)
            let total = Double(weights.reduce(0, +))
            for length in 1...cycle.count {
                let prefix = cycle.prefix(length)
                for (entry, weight) in weights.enumerated() {
                    let exact = Double(length) * Double(weight) / total
                    let actual = Double(prefix.filter { $0 == entry }.count)
                    XCTAssertLessThan(abs(actual - exact), 1, "\(weights): entry \(entry) after \(length) iterations")
                }
            }
        }
    }

    func testWeights7And3NeverRunTheLighterScenarioTwiceInARow() {
        let cycle = CompiledMix.interleave(weights: [7, 3])
        let doubled = cycle + cycle
        for index in 0..<cycle.count {
            XCTAssertFalse(doubled[index] == 1 && doubled[index + 1] == 1, "B B at \(index) in \(cycle)")
        }
        XCTAssertEqual(CompiledMix.interleave(weights: [2, 2]), [0, 1])
    }

    func testNoWeightsGiveAnEmptyCycle() {
        XCTAssertEqual(CompiledMix.interleave(weights: []), [])
    }
}
