// The validator's queue: samples are validated whether they fill a wake-up batch or wait for
// the validator's next look, and a full queue skips, never blocks.
import XCTest

@testable import Load

final class SampledValidationQueueTests: XCTestCase {
    private func sample(_ body: String = #"{"agents":[]}"#) -> SampledValidation.Sample {
        SampledValidation.Sample(operation: "listAgents", status: 200, body: Array(body.utf8))
    }

    func testAFewSamplesBelowABatchAreValidatedAtTheValidatorsNextLook() {
        let validation = SampledValidation(validators: LoadTestSpec.shared.validators)
        for _ in 0..<3 { XCTAssertTrue(validation.offer(sample())) }
        // Nothing wakes the validator for three samples: only its own look can validate them
        // before finish(). Waited for, up to 10 s (a look comes every 50 ms).
        var validated = 0
        for _ in 0..<1_000 where validated < 3 {
            validated = validation.findingsSoFar().validated["listAgents"] ?? 0
            if validated < 3 { Thread.sleep(forTimeInterval: 0.01) }
        }
        XCTAssertEqual(validated, 3, "validated by the validator's look, before finish()")
        XCTAssertEqual(validation.finish().validated["listAgents"], 3)
    }

    func testBatchesAndARemainderAreAllValidated() {
        let validation = SampledValidation(validators: LoadTestSpec.shared.validators)
        let offered = 2 * SampledValidation.wakeBatch + 5
        for _ in 0..<offered { XCTAssertTrue(validation.offer(sample())) }
        XCTAssertEqual(validation.finish().validated["listAgents"], offered)
    }

    func testAQueueThatIsFullSkipsTheSampleAndFinishStillValidatesWhatWasQueued() {
        let validation = SampledValidation(validators: LoadTestSpec.shared.validators)
        var accepted = 0
        // Offered faster than a validation takes, some are refused once the queue is full:
        // how many depends on the validator's pace, but offer never waits, and none is lost.
        for _ in 0..<(4 * SampledValidation.defaultQueueCapacity) where validation.offer(sample()) { accepted += 1 }
        XCTAssertGreaterThanOrEqual(accepted, SampledValidation.defaultQueueCapacity)
        XCTAssertEqual(validation.finish().validated["listAgents"], accepted, "everything accepted was validated")
        XCTAssertFalse(validation.offer(sample()), "after finish nothing is accepted")
    }
}
