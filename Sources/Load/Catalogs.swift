// Distinct errors and failed checks of one thread, with their counts and one sample each, so a
// summary can say "Connection refused ×812, e.g. …" rather than only a rate.
import Report

/// Distinct errors: per (operation, class, message), a count and the first full message.
struct ErrorCatalog {
    struct Key: Hashable {
        var operation: String
        var errorClass: ErrorClass
        var message: String
    }

    /// Distinct messages kept; beyond it, errors are counted under one "other" entry per class,
    /// so a server that puts request ids in every message cannot grow memory without bound.
    static let distinctLimit = 200

    private var counts = SampleCounts<Key>()

    mutating func add(operation: String, errorClass: ErrorClass, message: String, sample: @autoclosure () -> String) {
        counts.add(Key(operation: operation, errorClass: errorClass, message: message), limit: Self.distinctLimit,
                   overflow: Key(operation: operation, errorClass: errorClass, message: "other \(errorClass.rawValue) errors"),
                   sample: sample())
    }

    var summaries: [ErrorSummary] {
        counts.entries.map { key, value in
            ErrorSummary(operation: key.operation, errorClass: key.errorClass, message: key.message, count: value.count, sample: value.sample)
        }
    }
}

/// Distinct failed checks: per (scenario, step, check), a count and the first finding.
struct CheckCatalog {
    struct Key: Hashable {
        var scenario: String
        var step: String
        var check: String
    }

    private var counts = SampleCounts<Key>()

    mutating func add(scenario: String, step: String, check: String, sample: @autoclosure () -> String) {
        counts.add(Key(scenario: scenario, step: step, check: check), limit: ErrorCatalog.distinctLimit, sample: sample())
    }

    var summaries: [CheckFailureSummary] {
        counts.entries.map { key, value in
            CheckFailureSummary(scenario: key.scenario, step: key.step, check: key.check, count: value.count, sample: value.sample)
        }
    }
}
