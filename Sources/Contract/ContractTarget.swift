// Where a contract run sends its requests and how: base URL, token, transport settings.
import Curl
import Redaction
import Scenario

/// The server a contract run talks to.
public struct ContractTarget: Sendable {
    /// The API's base URL, up to and including the base path (`https://acme.freshchat.com/v2`).
    public var baseURL: String
    /// The bearer token; never printed (requests show `Bearer ***`).
    public var token: String?
    /// How reports name the target (no credentials), e.g. `http://127.0.0.1:PORT/v2 (embedded mock)`.
    public var label: String

    public init(baseURL: String, token: String?, label: String? = nil) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.token = token
        self.label = label ?? redactedURL(self.baseURL)
    }
}

/// How a contract run behaves.
public struct ContractOptions: Sendable {
    /// Scenarios run at most this many at a time; output order stays the input order.
    public var parallel: Int
    /// Stop starting scenarios after the first failed one (the rest are reported as skipped).
    public var failFast: Bool
    /// Fixes `{{uuid}}`, `{{random.*}}` so a run repeats (nil: fresh randomness).
    public var seed: UInt64?
    /// `--var NAME=VALUE` overrides.
    public var variableFlags: [String: String]
    /// The process environment (for `FCHARNESS_VAR_*` and `{{env.NAME}}`).
    public var environment: [String: String]
    /// Per-request transport settings (timeouts, TLS verification, HTTP version).
    public var transfer: TransferOptions
    /// On 429 the runner waits `Retry-After` and retries, at most this long in all per step.
    public var maxRetryWait: Duration
    /// At most this many 429 retries per step.
    public var maxRetries: Int
    /// When a step expecting a 2xx gets a 4xx for a body the spec calls valid, re-send smaller
    /// valid bodies and note the smallest one still refused (`contract --shrink`).
    public var shrinkRefusedBodies: Bool
    /// Pace by X-RateLimit-Remaining and -Reset, and back off after a 429 that names no wait
    /// (docs/rate-limits.md); off (`--no-rate-limit-manners`) only to measure what they save.
    public var rateLimitManners: Bool
    /// `--max-rps`: at most this many requests per second, all scenarios together.
    public var maxRequestsPerSecond: Double?
    /// `--read-only`: send only GET steps (`ReadOnlySelection`); the rest are skipped and listed.
    public var readOnly: Bool
    /// The tag creates carry (`fcharness_run_id`); set only for a live target.
    public var runTag: RunTag?

    public init(
        parallel: Int = 1, failFast: Bool = false, seed: UInt64? = nil, variableFlags: [String: String] = [:],
        environment: [String: String] = [:], transfer: TransferOptions = TransferOptions(),
        maxRetryWait: Duration = .seconds(60), maxRetries: Int = 3, shrinkRefusedBodies: Bool = false,
        rateLimitManners: Bool = true, maxRequestsPerSecond: Double? = nil, readOnly: Bool = false, runTag: RunTag? = nil
    ) {
        self.readOnly = readOnly
        self.runTag = runTag
        self.rateLimitManners = rateLimitManners
        self.maxRequestsPerSecond = maxRequestsPerSecond
        self.parallel = max(1, parallel)
        self.failFast = failFast
        self.seed = seed
        self.variableFlags = variableFlags
        self.environment = environment
        self.transfer = transfer
        self.maxRetryWait = maxRetryWait
        self.maxRetries = maxRetries
        self.shrinkRefusedBodies = shrinkRefusedBodies
    }
}
