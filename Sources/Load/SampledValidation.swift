// Schema validation under load: a share of responses is checked against the spec on a thread
// of its own. Loop threads hand samples over a bounded queue and never wait: when the queue is
// full the sample is skipped and counted. No other load tool checks the contract under load.
import Dispatch
import Foundation
import JSONSchema
import OpenAPI
import Report
import NIOConcurrencyHelpers

/// The validator thread of a load run and its findings.
final class SampledValidation: Sendable {
    /// One response to validate.
    struct Sample: Sendable {
        var operation: String
        var status: Int
        var body: [UInt8]
    }

    /// What the validator found so far.
    struct Findings: Sendable {
        /// Responses validated, per operationId.
        var validated: [String: Int] = [:]
        /// Violations found, per operationId.
        var violations: [String: Int] = [:]
        /// Distinct violations with counts and their first message.
        var distinct = SampleCounts<ViolationKey>()
        /// Patterns not run on some value, per (operation, pattern): responses counted, first note kept.
        var unchecked = SampleCounts<UncheckedKey>()
    }

    struct UncheckedKey: Hashable, Sendable {
        var operation: String
        var pattern: String
    }

    struct ViolationKey: Hashable, Sendable {
        var operation: String
        var status: Int
        var pointer: String
        var keyword: String
    }

    /// Samples that may wait; more are skipped. Enough for a second of 1% sampling at 100k req/s.
    static let defaultQueueCapacity = 1024
    /// Distinct violations kept (a drifting server could otherwise invent pointers forever).
    static let distinctLimit = ProblemListLimits.distinctViolations
    /// Distinct (operation, pattern) pairs kept: a spec has finitely many patterns, but a bound
    /// costs nothing.
    static let uncheckedLimit = ProblemListLimits.distinctUncheckedPatterns

    private struct Queue {
        var samples: [Sample] = []
        var stopping = false
    }

    private let validators: SpecValidators
    /// Samples that may wait in this run's queue.
    let queueCapacity: Int
    private let queue = NIOLockedValueBox(Queue())
    private let findings = NIOLockedValueBox(Findings())
    private let available = DispatchSemaphore(value: 0)
    private let ended = DispatchSemaphore(value: 0)

    /// Starts the validator thread. A run uses the default capacity; a test may choose 0 to see
    /// every sample skipped and counted.
    init(validators: SpecValidators, queueCapacity: Int = SampledValidation.defaultQueueCapacity) {
        self.validators = validators
        self.queueCapacity = max(0, queueCapacity)
        let thread = Thread { [self] in run() }
        thread.name = "fcharness-validator"
        thread.start()
    }

    /// Samples that wake the validator at once; fewer wait for its next look at the queue.
    static let wakeBatch = 64
    /// How long the validator sleeps between looks at a queue that has not filled a batch.
    static let lookInterval = DispatchTimeInterval.milliseconds(50)

    /// Hands a sample over without waiting; false when the queue is full (the sample is skipped).
    /// Waking the validator for every sample made 1% sampling cost the loop 4.5% of its requests
    /// at 16 connections (a context switch on the loop's CPU per sample, and the caches it
    /// cools); woken once per batch, and otherwise looking every `lookInterval`, 1.7%.
    func offer(_ sample: Sample) -> Bool {
        let (accepted, batchFull) = queue.withLockedValue { queue in
            guard !queue.stopping, queue.samples.count < queueCapacity else { return (false, false) }
            queue.samples.append(sample)
            return (true, queue.samples.count == Self.wakeBatch)
        }
        if batchFull { available.signal() }
        return accepted
    }

    /// What the validator has found so far, while it runs.
    func findingsSoFar() -> Findings {
        findings.withLockedValue { $0 }
    }

    /// Validates what is still queued, stops the thread and returns every finding.
    func finish() -> Findings {
        queue.withLockedValue { $0.stopping = true }
        available.signal()
        ended.wait()
        return findings.withLockedValue { $0 }
    }

    private func run() {
        while true {
            _ = available.wait(timeout: .now() + Self.lookInterval)
            var batch: [Sample] = []
            let stopping = queue.withLockedValue { queue in
                swap(&batch, &queue.samples)
                return queue.stopping
            }
            for sample in batch { validate(sample) }
            if stopping, queue.withLockedValue({ $0.samples.isEmpty }) { break }
        }
        ended.signal()
    }

    private func validate(_ sample: Sample) {
        let unchecked = UncheckedPatterns()
        let violations = validators.check(operationId: sample.operation, status: sample.status, body: sample.body,
                                          unchecked: unchecked)
        findings.withLockedValue { findings in
            findings.validated[sample.operation, default: 0] += 1
            // Once per response and pattern, however many of its values were not checked.
            var counted: Set<String> = []
            for entry in unchecked.entries where counted.insert(entry.pattern).inserted {
                findings.unchecked.add(UncheckedKey(operation: sample.operation, pattern: entry.pattern),
                                       limit: Self.uncheckedLimit, sample: entry.note)
            }
            guard !violations.isEmpty else { return }
            findings.violations[sample.operation, default: 0] += violations.count
            for violation in violations {
                let key = ViolationKey(operation: sample.operation, status: sample.status,
                                       pointer: violation.pointer.description, keyword: violation.keyword)
                findings.distinct.add(key, limit: Self.distinctLimit, sample: violation.message)
            }
        }
    }
}

extension SampledValidation.Findings {
    /// The patterns not run, most frequent first.
    var uncheckedSummaries: [UncheckedPatternSummary] {
        unchecked.entries.map { key, value in
            UncheckedPatternSummary(operation: key.operation, pattern: key.pattern, count: value.count, note: value.sample)
        }.combined()
    }

    /// The distinct violations, most frequent first.
    var summaries: [ViolationSummary] {
        distinct.entries.map { key, value in
            ViolationSummary(operation: key.operation, status: key.status, pointer: key.pointer, keyword: key.keyword,
                             count: value.count, message: value.sample)
        }.sorted { $0.count != $1.count ? $0.count > $1.count : ($0.operation, $0.pointer) < ($1.operation, $1.pointer) }
    }
}
