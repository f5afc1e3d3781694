// The result model of a contract run: plain values that every rendering (console, JSON,
// JUnit) reads. The runner fills it; nothing here talks to a server.

/// The outcome of one contract run: every scenario, in the order they were given.
public struct ContractRunResult: Sendable {
    /// Where the run went, without credentials (`http://127.0.0.1:PORT/v2 (embedded mock)`).
    public var target: String
    /// Every scenario given, in the order given, run or skipped.
    public var scenarios: [ScenarioResult]
    /// True when the run was cut short (Ctrl-C); the results so far are still reported.
    public var interrupted: Bool
    /// Wall-clock time of the whole run, in milliseconds.
    public var durationMilliseconds: Double
    /// Set when the target could not be reached at all (DNS, connect, TLS): the reason.
    public var unreachable: String?
    /// Whether rate-limit manners (pacing by X-RateLimit-*, backoff) were on.
    public var rateLimitManners = true
    /// `--max-rps`, when given.
    public var maxRequestsPerSecond: Double?
    /// The id creates were tagged with (`fcharness_run_id`), set only when the run tagged them
    /// (a live target).
    public var runID: String?
    /// `--read-only`: only GET steps were sent; the others are skipped and `excluded`.
    public var readOnly = false

    /// Creates a run result; `unreachable` starts unset.
    public init(target: String, scenarios: [ScenarioResult], interrupted: Bool = false, durationMilliseconds: Double) {
        self.target = target
        self.scenarios = scenarios
        self.interrupted = interrupted
        self.durationMilliseconds = durationMilliseconds
    }

    /// How many scenarios passed.
    public var passedCount: Int { scenarios.filter(\.ok).count }
    /// How many scenarios did not pass (skipped ones included).
    public var failedCount: Int { scenarios.count - passedCount }
    /// Whether the run passed: every scenario passed and nothing interrupted it.
    public var ok: Bool { failedCount == 0 && !interrupted }

    /// Every step of every scenario, for totals.
    public var allSteps: [StepResult] { scenarios.flatMap(\.steps) }
}

/// One scenario file's run.
public struct ScenarioResult: Sendable {
    /// The scenario's `name`.
    public var name: String
    /// The file the scenario was loaded from, as given.
    public var file: String
    /// The scenario's `tags`.
    public var tags: [String]
    /// One result per step, in order, skipped steps included.
    public var steps: [StepResult]
    /// Wall-clock time of the scenario, in milliseconds (zero when it did not run).
    public var durationMilliseconds: Double

    /// Creates a scenario result.
    public init(name: String, file: String, tags: [String], steps: [StepResult], durationMilliseconds: Double) {
        self.name = name
        self.file = file
        self.tags = tags
        self.steps = steps
        self.durationMilliseconds = durationMilliseconds
    }

    /// Whether every step passed.
    ///
    /// Skipped steps follow a failure, so they never make a passing scenario — except steps
    /// the run chose not to send (`excluded`, `--read-only`): the steps it did send decide.
    public var ok: Bool { steps.allSatisfy { $0.outcome == .passed || $0.excluded } }
}

/// What became of one step.
public enum StepOutcome: String, Sendable {
    /// Sent, documented, valid, every assertion and capture held.
    case passed
    /// Sent, but a contract violation, an assertion, a capture or the transport failed.
    case failed
    /// Not sent: an earlier step stopped the scenario, or the run chose not to send it
    /// (`StepResult.excluded`).
    case skipped
}

/// One step's request, response and checks.
public struct StepResult: Sendable {
    /// 1-based position in the scenario.
    public var index: Int
    /// The step's operationId.
    public var operation: String
    /// The HTTP method the operation uses ("" when the operation is unknown).
    public var method: String
    /// The URL sent, without credentials.
    public var url: String
    /// The response status, or nil when no response arrived.
    public var status: Int?
    /// Whether the step passed, failed or was skipped.
    public var outcome: StepOutcome
    /// Wall-clock time of the step, 429 waits included, in milliseconds.
    public var durationMilliseconds: Double
    /// Every way the response broke the spec: undocumented status, schema failures.
    public var violations: [Violation]
    /// Every `expect` check of the step, in order: the status first, then the body assertions.
    public var assertions: [AssertionOutcome]
    /// Why the step stopped its scenario or failed outside the contract.
    ///
    /// A transport error, a capture that found nothing, a request that could not be rendered.
    public var error: String?
    /// Notes a person should see, e.g. "429 Too Many Requests; waited 2 s (Retry-After) and retried".
    public var notes: [String]
    /// A short excerpt of the response body, kept for failures only.
    public var responseExcerpt: String?
    /// True when no connection to the target could be made (DNS, refused, TLS).
    public var unreachable: Bool = false
    /// The waits the step took for the target's rate limit (each also has a note, except
    /// `--max-rps` spacing, which is only counted).
    public var rateLimitWaits = ContractRateLimitWaits()
    /// Skipped by the run's own choice (`--read-only`: it writes, or needs a value a write
    /// would have captured), not by a failure; the note says why. It fails nothing.
    public var excluded = false

    /// Creates a step result; `unreachable` starts false.
    public init(
        index: Int, operation: String, method: String, url: String, status: Int? = nil,
        outcome: StepOutcome, durationMilliseconds: Double = 0, violations: [Violation] = [],
        assertions: [AssertionOutcome] = [], error: String? = nil, notes: [String] = [],
        responseExcerpt: String? = nil
    ) {
        self.index = index
        self.operation = operation
        self.method = method
        self.url = url
        self.status = status
        self.outcome = outcome
        self.durationMilliseconds = durationMilliseconds
        self.violations = violations
        self.assertions = assertions
        self.error = error
        self.notes = notes
        self.responseExcerpt = responseExcerpt
    }
}

/// A response that broke the spec at one place.
public struct Violation: Sendable, Equatable {
    /// JSON Pointer of the offending value in the response body ("" for the whole body).
    public var pointer: String
    /// The JSON Schema keyword that failed, or `status` for an undocumented status code.
    public var keyword: String
    /// Where in the spec the rule sits (schema path), when known.
    public var schemaPath: String?
    /// What the spec wanted and what came back.
    public var message: String

    /// Creates a violation.
    public init(pointer: String, keyword: String, schemaPath: String? = nil, message: String) {
        self.pointer = pointer
        self.keyword = keyword
        self.schemaPath = schemaPath
        self.message = message
    }
}

/// One `expect` check of a step.
public struct AssertionOutcome: Sendable, Equatable {
    /// The check as written, e.g. `status == 200` or `$.first_name == "Ada"`.
    public var expression: String
    /// Whether the check held.
    public var ok: Bool
    /// For a failure: what was expected and what was found.
    public var message: String?

    /// Creates the outcome of one check.
    public init(expression: String, ok: Bool, message: String? = nil) {
        self.expression = expression
        self.ok = ok
        self.message = message
    }
}
