// A profile's thresholds together: the final verdicts, and the once-a-second abort check.
import Report
import XCTest

final class ThresholdSetTests: XCTestCase {
    private func profileThresholds() throws -> ThresholdSet {
        ThresholdSet([
            try Threshold.parse("p99(listAgents) < 300ms"),
            try Threshold.parse("error_rate < 1%"),
            try Threshold.parse("p99 < 400ms", abortOnFail: true),
        ])
    }

    func testVerdictsKeepProfileOrderAndNameTheFailures() throws {
        let outcome = try profileThresholds().evaluate(browsingRun())
        XCTAssertEqual(outcome.verdicts.map(\.expression), ["p99(listAgents) < 300ms", "error_rate < 1%", "p99 < 400ms"])
        XCTAssertEqual(outcome.verdicts.map(\.ok), [true, false, false])
        XCTAssertEqual(outcome.failed.map(\.expression), ["error_rate < 1%", "p99 < 400ms"])
        XCTAssertFalse(outcome.passed)
        XCTAssertEqual(outcome.abortingFailure?.expression, "p99 < 400ms")
    }

    func testAProfileWithoutThresholdsPasses() {
        let outcome = ThresholdSet([]).evaluate(browsingRun())
        XCTAssertTrue(outcome.passed)
        XCTAssertNil(outcome.abortingFailure)
        XCTAssertFalse(ThresholdSet([]).hasAbortThresholds)
    }

    func testTheAbortCheckLooksOnlyAtAbortThresholds() throws {
        let set = try profileThresholds()
        XCTAssertTrue(set.hasAbortThresholds)
        XCTAssertEqual(set.abortingFailure(in: browsingRun())?.expression, "p99 < 400ms")
        XCTAssertEqual(set.abortingFailure(in: browsingRun())?.actual, "500.0ms")
        // error_rate fails on this run too, but it does not ask to stop the run.
        let fastButFailing = loadResult(["listAgents": operationResult(latencies: [(10, 100)], errors: 50)])
        XCTAssertNil(set.abortingFailure(in: fastButFailing))
    }

    func testTheAbortCheckWaitsForTrafficThatHasNotHappenedYet() throws {
        let set = ThresholdSet([try Threshold.parse("p99(createUser) < 1s", abortOnFail: true)])
        // One second in, only listAgents has run: not a reason to stop …
        XCTAssertNil(set.abortingFailure(in: browsingRun()))
        // … but at the end the budget on traffic that never came fails.
        XCTAssertEqual(set.evaluate(browsingRun()).failed.map(\.actual), ["no requests"])
    }
}
