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
        Thread.sleep(forTimeInterval: 0.2)  // past a look: normally the look validates them, else finish(); none may be lost
        let findings = validation.finish()
        XCTAssertEqual(findings.validated["listAgents"], 3)
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
        for _ in 0..<(4 * SampledValidation.queueCapacity) where validation.offer(sample()) { accepted += 1 }
        XCTAssertGreaterThanOrEqual(accepted, SampledValidation.queueCapacity)
        XCTAssertEqual(validation.finish().validated["listAgents"], accepted, "everything accepted was validated")
        XCTAssertFalse(validation.offer(sample()), "after finish nothing is accepted")
    }
}
