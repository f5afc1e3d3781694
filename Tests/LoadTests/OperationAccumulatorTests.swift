// A loop thread counts statuses and error classes in tables rather than dictionaries; what it
// hands on must name each count as it was counted.
import Report
import XCTest

@testable import Load

final class OperationAccumulatorTests: XCTestCase {
    func testEachErrorClassIsCountedUnderItsOwnName() {
        var accumulator = OperationAccumulator()
        // A different count for each class, so that two classes sharing a slot would show.
        for (position, errorClass) in ErrorClass.allCases.enumerated() {
            for _ in 0...position { accumulator.countError(errorClass) }
        }
        let result = accumulator.result()
        for (position, errorClass) in ErrorClass.allCases.enumerated() {
            XCTAssertEqual(result.errorClasses[errorClass], position + 1, errorClass.rawValue)
        }
        XCTAssertEqual(result.errors, (1...ErrorClass.allCases.count).reduce(0, +))
    }

    func testStatusesOutsideTheTableAreKeptToo() {
        var accumulator = OperationAccumulator()
        for status in [200, 200, 429, 599, 600, 999, -1] { accumulator.countStatus(status) }
        XCTAssertEqual(accumulator.result().statusCounts, [200: 2, 429: 1, 599: 1, 600: 1, 999: 1, -1: 1])
    }
}
