// What one loop thread has measured, published about once a second for progress and abort
// thresholds, and once more when the thread ends. The only state loop threads share.
import Histogram
import Report
import NIOConcurrencyHelpers

/// One loop thread's measurements so far.
struct ThreadReport: Sendable {
    /// Per operation slot (see `CompiledMix.operations`).
    var operations: [OperationResult]
    var iterations = IterationCounts()
    var lateness = LatencyHistogram.make()
    /// Every window sealed so far, in order.
    var windows: [SecondWindow] = []
    var errors: [ErrorSummary] = []
    var failedChecks: [CheckFailureSummary] = []
    var rateLimits = RateLimitCounts()
    var rateLimitManners = RateLimitManners()
    /// Responses chosen for validation, and those skipped because the validator was busy.
    var sampled = 0
    var sampleSkipped = 0
    /// Transfers in flight and users busy when published.
    var inFlight = 0
    var activeVUs = 0
    /// Set by the thread's last publication.
    var finished = false
    /// When the thread ended (monotonic ns), for the run's duration: its last transfer's end,
    /// or later, when users still thinking or waiting out a 429 were stopped at the schedule's end.
    var endedAt: UInt64 = 0

    init(operationCount: Int) {
        operations = (0..<operationCount).map { _ in OperationResult(emptyWith: LatencyHistogram.make()) }
    }
}

/// The mailbox a loop thread publishes its report to.
final class ThreadReportBox: Sendable {
    private let report: NIOLockedValueBox<ThreadReport>

    init(operationCount: Int) {
        report = NIOLockedValueBox(ThreadReport(operationCount: operationCount))
    }

    /// Replaces the report, appending `newWindows` to the windows already published.
    func publish(_ update: ThreadReport, newWindows: [SecondWindow]) {
        report.withLockedValue { report in
            let windows = report.windows + newWindows
            report = update
            report.windows = windows
        }
    }

    /// The latest report.
    func read() -> ThreadReport {
        report.withLockedValue { $0 }
    }
}
