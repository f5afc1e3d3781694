// The per-second windows, verdicts and summaries of a load run: what people read first.

/// One second of a run, keyed by Unix epoch second so that shards merge by addition.
public struct SecondWindow: Sendable, Hashable {
    /// The Unix epoch second the window starts at.
    public var second: Int64
    /// Requests completed in the second.
    public var requests: Int
    /// Of those, errors.
    public var errors: Int
    /// Of those, 429s.
    public var throttled: Int
    /// Arrivals dropped in the second (open model).
    public var dropped: Int
    /// Transfers in flight when the second ended.
    public var inFlight: Int
    /// Latencies of the second's requests (µs), in HdrHistogram's standard encoding.
    public var histogram: String
    /// The second's median latency, in ms.
    public var p50Milliseconds: Double
    /// The second's 99th percentile latency, in ms.
    public var p99Milliseconds: Double
    /// Each operation's share of the second, by operationId: what `compare` resamples, so a
    /// per-operation verdict accounts for how much that operation varied second to second.
    /// Empty in files written before it was recorded.
    public var operations: [String: OperationWindow]

    /// Creates a window.
    public init(second: Int64, requests: Int, errors: Int, throttled: Int, dropped: Int, inFlight: Int,
                histogram: String, p50Milliseconds: Double, p99Milliseconds: Double,
                operations: [String: OperationWindow] = [:]) {
        self.second = second
        self.requests = requests
        self.errors = errors
        self.throttled = throttled
        self.dropped = dropped
        self.inFlight = inFlight
        self.histogram = histogram
        self.p50Milliseconds = p50Milliseconds
        self.p99Milliseconds = p99Milliseconds
        self.operations = operations
    }
}

/// One operation's requests in one second of a run.
public struct OperationWindow: Sendable, Hashable {
    /// Requests of the operation completed in the second.
    public var requests: Int
    /// Of those, errors.
    public var errors: Int
    /// Their latencies (µs), in HdrHistogram's standard encoding.
    public var histogram: String

    /// Creates an operation's window.
    public init(requests: Int, errors: Int, histogram: String) {
        self.requests = requests
        self.errors = errors
        self.histogram = histogram
    }
}

/// The verdict on one threshold.
public struct ThresholdVerdict: Sendable, Hashable {
    /// The expression as written, e.g. `p99(listAgents) < 300ms`.
    public var expression: String
    /// Whether it held.
    public var ok: Bool
    /// The measured value, as the expression's unit prints it (`287.1ms`, `0.4%`, `812.3`).
    public var actual: String
    /// Whether the profile asked to stop the run when it fails.
    public var abortOnFail: Bool

    /// Creates a verdict.
    public init(expression: String, ok: Bool, actual: String, abortOnFail: Bool) {
        self.expression = expression
        self.ok = ok
        self.actual = actual
        self.abortOnFail = abortOnFail
    }
}

/// One distinct error of a run: its class, the operation, how often, and one example.
public struct ErrorSummary: Sendable, Hashable {
    /// The operationId.
    public var operation: String
    /// The error's class.
    public var errorClass: ErrorClass
    /// The message without what varies per request (URLs, ids), e.g. `HTTP 503` or
    /// `Connection refused`.
    public var message: String
    /// How often it happened.
    public var count: Int
    /// One full example, credentials removed.
    public var sample: String

    /// Creates an error summary.
    public init(operation: String, errorClass: ErrorClass, message: String, count: Int, sample: String) {
        self.operation = operation
        self.errorClass = errorClass
        self.message = message
        self.count = count
        self.sample = sample
    }
}

/// One distinct failed check: the step, what was expected, how often, and one example.
public struct CheckFailureSummary: Sendable, Hashable {
    /// The scenario's name.
    public var scenario: String
    /// The step, e.g. `step 2 (getUser)`.
    public var step: String
    /// The check, e.g. `status == 200` or `$.id exists`.
    public var check: String
    /// How often it failed.
    public var count: Int
    /// One example of what was found instead.
    public var sample: String

    /// Creates a check-failure summary.
    public init(scenario: String, step: String, check: String, count: Int, sample: String) {
        self.scenario = scenario
        self.step = step
        self.check = check
        self.count = count
        self.sample = sample
    }
}

/// A schema pattern that sampled validation did not run on some values (too costly for their
/// length, or never run): a check that did not happen, counted so that it is seen.
public struct UncheckedPatternSummary: Sendable, Hashable {
    /// The operationId whose responses held the values.
    public var operation: String
    /// The schema pattern that was not run.
    public var pattern: String
    /// How many sampled responses had a value it was not run on.
    public var count: Int
    /// The first such note, e.g. `/code: not checked: the pattern /[0-9]+x/ is not run on text
    /// longer than 3162 characters (found 5000): …`.
    public var note: String

    /// Creates a summary.
    public init(operation: String, pattern: String, count: Int, note: String) {
        self.operation = operation
        self.pattern = pattern
        self.count = count
        self.note = note
    }
}

/// One distinct contract violation found under load.
public struct ViolationSummary: Sendable, Hashable {
    /// The operationId.
    public var operation: String
    /// The response status it was found in.
    public var status: Int
    /// JSON Pointer to the offending value.
    public var pointer: String
    /// The schema keyword that failed (`status` for an undocumented status).
    public var keyword: String
    /// How often it was found.
    public var count: Int
    /// One message, e.g. `"closed" is not one of new, assigned, resolved, reopened`.
    public var message: String

    /// Creates a violation summary.
    public init(operation: String, status: Int, pointer: String, keyword: String, count: Int, message: String) {
        self.operation = operation
        self.status = status
        self.pointer = pointer
        self.keyword = keyword
        self.count = count
        self.message = message
    }
}
