// A profile's thresholds together: the verdicts at the end of a run, and the once-a-second
// question the engine asks of the partial result — "has an abort_on_fail threshold failed?"

/// The thresholds of one profile, in profile order.
public struct ThresholdSet: Sendable, Hashable {
    /// The thresholds, in the order the profile lists them (verdicts keep that order).
    public var thresholds: [Threshold]

    /// A set of `thresholds`, in the given order.
    public init(_ thresholds: [Threshold]) {
        self.thresholds = thresholds
    }

    /// Whether any threshold asks to stop the run when it fails; without one the engine need
    /// not evaluate anything during the run.
    public var hasAbortThresholds: Bool { thresholds.contains(where: \.abortOnFail) }

    /// Every threshold's verdict on a finished run.
    public func evaluate(_ result: LoadResult) -> Outcome {
        Outcome(verdicts: thresholds.map { $0.evaluate(result) })
    }

    /// The first `abort_on_fail` threshold that fails on `partial` (the result so far), or nil
    /// to keep going. Only abort thresholds are evaluated, since this runs every second.
    ///
    /// Unlike `evaluate`, an operation without requests yet does not count as a failure here:
    /// one second into a run, `p99(createUser) < 1s` has simply not been measured, and
    /// stopping for it would end every run whose mix starts elsewhere. The final verdict
    /// still fails it if the traffic never came.
    public func abortingFailure(in partial: LoadResult) -> ThresholdVerdict? {
        for threshold in thresholds where threshold.abortOnFail {
            let measurement = threshold.measure(partial)
            guard measurement != .noRequests else { continue }
            let verdict = threshold.verdict(for: measurement)
            if !verdict.ok { return verdict }
        }
        return nil
    }

    /// The verdicts on a run, with what the summary and the exit code need from them.
    public struct Outcome: Sendable, Hashable {
        /// One verdict per threshold, in profile order.
        public var verdicts: [ThresholdVerdict]

        /// Creates an outcome from verdicts.
        public init(verdicts: [ThresholdVerdict]) {
            self.verdicts = verdicts
        }

        /// The verdicts that failed, in profile order.
        public var failed: [ThresholdVerdict] { verdicts.filter { !$0.ok } }

        /// Whether every threshold held (true for a profile without thresholds).
        public var passed: Bool { verdicts.allSatisfy(\.ok) }

        /// The first failed threshold that has `abort_on_fail`, if any.
        public var abortingFailure: ThresholdVerdict? { verdicts.first { !$0.ok && $0.abortOnFail } }
    }
}
