// `--max-rps` on an open-model schedule: a profile's arrival rate above the cap is cut to it,
// second for second — a ramp keeps its shape below the cap and runs flat at it above — so the
// run plans no arrival it may not send. (Iterations of several steps can still ask for more
// requests than the cap; each thread's request spacing holds those back.)
import Report

/// The cap on an arrival-rate schedule.
enum ArrivalRateCap {
    /// `schedule` with every rate above `cap` cut to `cap`, and the highest rate the profile
    /// asked for when that was above the cap (nil when nothing was cut, and for VU executors,
    /// which plan no rate).
    static func capped(_ schedule: LoadPlan.Schedule, at cap: Double) -> (schedule: LoadPlan.Schedule, cappedFrom: Double?) {
        switch schedule {
        case .constantArrivalRate(let rate, let duration):
            guard rate > cap else { return (schedule, nil) }
            return (.constantArrivalRate(rate: cap, duration: duration), rate)
        case .rampingArrivalRate(let start, let stages):
            let peak = stages.map(\.target).reduce(start, max)
            guard peak > cap else { return (schedule, nil) }
            return (.rampingArrivalRate(start: min(start, cap), stages: clipped(start: start, stages: stages, cap: cap)), peak)
        case .constantVUs, .rampingVUs:
            return (schedule, nil)
        }
    }

    /// Linear stages from `start` with the rate cut at `cap`. A stage that crosses the cap is
    /// split where it crosses: the part below keeps its slope, the part above runs at the cap.
    static func clipped(start: Double, stages: [PlannedStage], cap: Double) -> [PlannedStage] {
        var result: [PlannedStage] = []
        var from = start
        for stage in stages {
            let to = stage.target
            defer { from = to }
            if (from <= cap) == (to <= cap) || stage.durationSeconds <= 0 {
                // Wholly below or wholly above the cap (or instant): one stage, its end cut.
                result.append(PlannedStage(durationSeconds: stage.durationSeconds, target: min(to, cap)))
                continue
            }
            // Crosses the cap after this long: the rate moves linearly from `from` to `to`.
            let crossing = stage.durationSeconds * (cap - from) / (to - from)
            // Rising through the cap: ramp up to it, then flat at it. Falling: flat at it, then
            // ramp down as planned. A part of no length (a stage starting at the cap) is left out.
            let pieces = [PlannedStage(durationSeconds: crossing, target: cap),
                          PlannedStage(durationSeconds: stage.durationSeconds - crossing, target: from < cap ? cap : to)]
            result += pieces.filter { $0.durationSeconds > 0 }
        }
        return result
    }
}
