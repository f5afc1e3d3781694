// One operation's measurements on one loop thread, in forms that cost nothing to add to: a
// status table instead of a dictionary, counters instead of records. Converted to an
// `OperationResult` once a second, for progress and at the end.
import Histogram
import Report

/// What one operation did on one thread so far.
struct OperationAccumulator {
    var requests = 0
    var errors = 0
    var throttled = 0
    var throttledDropped = 0
    var budgetDelayed = 0
    /// Responses per status 0...599; anything else (a server may send 999) goes to `otherStatuses`.
    var statusCounts = [Int](repeating: 0, count: 600)
    var otherStatuses: [Int: Int] = [:]
    var errorClasses = [Int](repeating: 0, count: ErrorClass.allCases.count)
    var latency = LatencyHistogram.make()
    var service = LatencyHistogram.make()
    var timings = TimingTotals()
    var bytesIn = 0
    var bytesOut = 0
    var checksPassed = 0
    var checksFailed = 0

    /// Counts a response of `status`.
    mutating func countStatus(_ status: Int) {
        if status >= 0, status < statusCounts.count {
            statusCounts[status] += 1
        } else {
            otherStatuses[status, default: 0] += 1
        }
    }

    /// Counts an error of `errorClass`.
    mutating func countError(_ errorClass: ErrorClass) {
        errors += 1
        errorClasses[errorClass.index] += 1
    }

    /// The measurements as a result value (histograms are shared, not copied, until the next record).
    func result() -> OperationResult {
        var result = OperationResult(emptyWith: latency)
        result.latency = latency
        result.service = service
        result.requests = requests
        result.errors = errors
        result.throttled = throttled
        result.throttledDropped = throttledDropped
        result.budgetDelayed = budgetDelayed
        var statuses = otherStatuses
        for (status, count) in statusCounts.enumerated() where count > 0 { statuses[status] = count }
        result.statusCounts = statuses
        var classes: [ErrorClass: Int] = [:]
        for errorClass in ErrorClass.allCases where errorClasses[errorClass.index] > 0 {
            classes[errorClass] = errorClasses[errorClass.index]
        }
        result.errorClasses = classes
        result.timings = timings
        result.bytesIn = bytesIn
        result.bytesOut = bytesOut
        result.checksPassed = checksPassed
        result.checksFailed = checksFailed
        return result
    }
}

extension ErrorClass {
    /// The class's position in `allCases`, for counting in a table.
    var index: Int {
        switch self {
        case .timeout: return 0
        case .refused: return 1
        case .reset: return 2
        case .dns: return 3
        case .tls: return 4
        case .protocol: return 5
        case .tooLarge: return 6
        case .other: return 7
        case .http4xx: return 8
        case .http5xx: return 9
        }
    }
}
