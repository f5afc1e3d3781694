// When arrivals are due: the constant and the ramping pacer, as pure functions of the arrival's
// index (no clock involved).
import XCTest

@testable import Load

final class PacerTests: XCTestCase {
    // MARK: ConstantPacer

    func testConstantArrivalsAreOneOverTheRateApart() {
        let pacer = ConstantPacer(rate: 200, duration: 2)
        XCTAssertEqual(pacer.offset(ofArrival: 0), 0)
        XCTAssertEqual(pacer.offset(ofArrival: 1), 0.005, accuracy: 1e-12)
        XCTAssertEqual(pacer.offset(ofArrival: 200), 1, accuracy: 1e-12)
        XCTAssertEqual(pacer.offset(ofArrival: 399), 1.995, accuracy: 1e-12)
    }

    func testConstantPacerPlansRateTimesDuration() {
        XCTAssertEqual(ConstantPacer(rate: 1000, duration: 30).plannedArrivals, 30000, "1000/s × 30 s, despite rounding")
        XCTAssertEqual(ConstantPacer(rate: 200, duration: 2).plannedArrivals, 400)
        XCTAssertEqual(ConstantPacer(rate: 0.1, duration: 30).plannedArrivals, 3, "6/m over 30 s: at 0, 10 and 20 s")
        XCTAssertEqual(ConstantPacer(rate: 1.0 / 3.0, duration: 3).plannedArrivals, 1, "20/m over 3 s: at 0 only")
        XCTAssertEqual(ConstantPacer(rate: 0.5, duration: 3).plannedArrivals, 2, "at 0 and 2 s")
        XCTAssertEqual(ConstantPacer(rate: 7, duration: 0.3).plannedArrivals, 3, "2.1 arrivals: those at 0, 1/7 and 2/7 s")
        XCTAssertEqual(ConstantPacer(rate: 2.5, duration: 1).plannedArrivals, 3, "at 0, 0.4 and 0.8 s")
        XCTAssertEqual(ConstantPacer(rate: 1, duration: 3).plannedArrivals, 3, "at 0, 1 and 2 s; the one at 3 s is the end")
    }

    func testEveryPlannedConstantArrivalFallsInsideTheScheduleAndTheNextOneDoesNot() {
        for rate in [0.1, 1.0 / 3.0, 0.5, 2.5, 7, 33.3, 200, 1000] {
            for duration in [0.3, 1, 1.5, 2, 10, 30] {
                let pacer = ConstantPacer(rate: rate, duration: duration)
                let planned = pacer.plannedArrivals
                XCTAssertEqual(Double(planned), (rate * duration).rounded(.up), accuracy: 1, "\(rate)/s × \(duration) s")
                if planned > 0 {
                    XCTAssertLessThan(pacer.offset(ofArrival: planned - 1), duration, "\(rate)/s × \(duration) s: last arrival")
                }
                XCTAssertGreaterThanOrEqual(pacer.offset(ofArrival: planned), duration - 1e-9, "\(rate)/s × \(duration) s: one more")
            }
        }
    }

    func testNoRateOrNoDurationPlansNothing() {
        XCTAssertEqual(ConstantPacer(rate: 0, duration: 10).plannedArrivals, 0)
        XCTAssertEqual(ConstantPacer(rate: 100, duration: 0).plannedArrivals, 0)
        XCTAssertEqual(ConstantPacer(rate: -5, duration: 10).plannedArrivals, 0)
    }

    // MARK: RampingPacer

    func testALinearRampFrom0To100PerSecondOver10SecondsHas500Arrivals() {
        let pacer = RampingPacer(startRate: 0, stages: [(duration: 10, target: 100)])
        XCTAssertEqual(pacer.plannedArrivals, 500)
        // Arrivals by time x are 5·x², so arrival n is due at √(n/5).
        XCTAssertEqual(pacer.offset(ofArrival: 0), 0)
        XCTAssertEqual(pacer.offset(ofArrival: 5), 1, accuracy: 1e-9)
        XCTAssertEqual(pacer.offset(ofArrival: 20), 2, accuracy: 1e-9)
        XCTAssertEqual(pacer.offset(ofArrival: 125), 5, accuracy: 1e-9)
        XCTAssertEqual(pacer.offset(ofArrival: 499), (499.0 / 5).squareRoot(), accuracy: 1e-9)
    }

    func testRampingOffsetsIncreaseAndStayInsideTheSchedule() {
        let schedules: [(start: Double, stages: [(duration: Double, target: Double)])] = [
            (0, [(10, 100)]),
            (0, [(10, 100), (10, 100), (5, 0)]),
            (50, [(60, 3000), (10, 3000)]),
            (100, [(10, 0)]),
            (10, [(3, 0), (2, 0), (3, 30)]),
            (0, [(3, 1)]),
        ]
        for (start, stages) in schedules {
            let pacer = RampingPacer(startRate: start, stages: stages)
            let end = stages.reduce(0) { $0 + $1.duration }
            XCTAssertGreaterThan(pacer.plannedArrivals, 0)
            var previous = -1.0
            for index in 0..<pacer.plannedArrivals {
                let offset = pacer.offset(ofArrival: index)
                XCTAssertGreaterThan(offset, previous, "start \(start), stages \(stages): arrival \(index)")
                previous = offset
            }
            XCTAssertLessThan(previous, end, "start \(start), stages \(stages): the last arrival is before the end")
        }
    }

    func testAStageBoundaryFallsWhereTheArrivalsOfTheStagesBeforeItEnd() {
        // 0 → 100/s over 10 s (500 arrivals), then 100/s for 10 s (1000 more).
        let pacer = RampingPacer(startRate: 0, stages: [(duration: 10, target: 100), (duration: 10, target: 100)])
        XCTAssertEqual(pacer.plannedArrivals, 1500)
        XCTAssertLessThan(pacer.offset(ofArrival: 499), 10)
        XCTAssertEqual(pacer.offset(ofArrival: 500), 10, accuracy: 1e-9)
        XCTAssertEqual(pacer.offset(ofArrival: 600), 11, accuracy: 1e-9)
        XCTAssertEqual(pacer.offset(ofArrival: 1499), 19.99, accuracy: 1e-9)
    }

    func testAFlatStageIsAConstantRate() {
        let ramping = RampingPacer(startRate: 50, stages: [(duration: 4, target: 50)])
        let constant = ConstantPacer(rate: 50, duration: 4)
        XCTAssertEqual(ramping.plannedArrivals, 200)
        XCTAssertEqual(ramping.plannedArrivals, constant.plannedArrivals)
        for index in [0, 1, 7, 100, 199] {
            XCTAssertEqual(ramping.offset(ofArrival: index), constant.offset(ofArrival: index), accuracy: 1e-9)
        }
    }

    func testARampDownTo0SlowsArrivalsToTheEnd() {
        let pacer = RampingPacer(startRate: 100, stages: [(duration: 10, target: 0)])
        XCTAssertEqual(pacer.plannedArrivals, 500)
        // By 5 s: 100·5 − 5·5² = 375 arrivals.
        XCTAssertEqual(pacer.offset(ofArrival: 375), 5, accuracy: 1e-9)
        let gapEarly = pacer.offset(ofArrival: 1) - pacer.offset(ofArrival: 0)
        let gapLate = pacer.offset(ofArrival: 499) - pacer.offset(ofArrival: 498)
        XCTAssertGreaterThan(gapLate, gapEarly * 5, "arrivals thin out as the rate falls")
    }

    func testAStageAt0PerSecondPlansNoArrivals() {
        let pacer = RampingPacer(startRate: 0, stages: [(duration: 5, target: 0), (duration: 2, target: 0)])
        XCTAssertEqual(pacer.plannedArrivals, 0)
        // A pause at 0/s between two ramps moves the second ramp's arrivals after it.
        let paused = RampingPacer(startRate: 10, stages: [(duration: 2, target: 0), (duration: 3, target: 0), (duration: 2, target: 10)])
        XCTAssertEqual(paused.plannedArrivals, 20)
        XCTAssertLessThan(paused.offset(ofArrival: 9), 2)
        XCTAssertGreaterThanOrEqual(paused.offset(ofArrival: 10), 5)
    }

    func testFractionalTotalsRoundUpToTheArrivalsDueBeforeTheEnd() {
        // 0 → 1/s over 3 s: 1.5 arrivals, so those at 0 s and √6 ≈ 2.449 s.
        let pacer = RampingPacer(startRate: 0, stages: [(duration: 3, target: 1)])
        XCTAssertEqual(pacer.plannedArrivals, 2)
        XCTAssertEqual(pacer.offset(ofArrival: 1), 6.0.squareRoot(), accuracy: 1e-9)
        // The stress profile: (50 + 3000) / 2 × 60 + 3000 × 10.
        XCTAssertEqual(RampingPacer(startRate: 50, stages: [(duration: 60, target: 3000), (duration: 10, target: 3000)]).plannedArrivals, 121_500)
    }
}
