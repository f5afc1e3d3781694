// Which faults the mock injects: one set for every operation, and overrides per operationId.

/// One set of faults. In an override, nil means "as the global settings say".
public struct FaultSettings: Sendable, Equatable {
    /// Added latency per response (`--latency`).
    public var latency: LatencyModel?
    /// The share of requests answered `500` with an Error body instead of being served (`--error-rate`).
    public var errorRate: FaultProbability?
    /// The most requests per second served; beyond it `429` with `Retry-After` (`--rate-limit`).
    public var rateLimit: RequestRate?
    /// A pause in answering, from the first request on (`--stall`).
    public var stall: StallWindow?
    /// The share of responses cut off mid-body by closing the connection (`--drop-rate`).
    public var dropRate: FaultProbability?

    /// Settings with the given faults; every one defaults to none.
    public init(
        latency: LatencyModel? = nil, errorRate: FaultProbability? = nil, rateLimit: RequestRate? = nil,
        stall: StallWindow? = nil, dropRate: FaultProbability? = nil
    ) {
        self.latency = latency
        self.errorRate = errorRate
        self.rateLimit = rateLimit
        self.stall = stall
        self.dropRate = dropRate
    }

    /// No faults at all.
    public static let none = FaultSettings()

    /// These settings with every field that `override` sets replaced by the override's.
    public func overridden(by override: FaultSettings) -> FaultSettings {
        FaultSettings(
            latency: override.latency ?? latency, errorRate: override.errorRate ?? errorRate,
            rateLimit: override.rateLimit ?? rateLimit, stall: override.stall ?? stall,
            dropRate: override.dropRate ?? dropRate)
    }

    /// Sets one fault from its flag name without dashes (`latency`, `error-rate`, `rate-limit`,
    /// `stall`, `drop-rate`) and its value in that flag's syntax.
    public mutating func set(_ key: String, to value: String) throws(MockFlagError) {
        let flag = "--\(key)"
        switch key {
        case "latency": latency = value == "off" ? .fixed(.zero) : try LatencyModel(parsing: value, flag: flag)
        case "error-rate": errorRate = try FaultProbability(parsing: value, flag: flag)
        case "rate-limit": rateLimit = try RequestRate(parsing: value, flag: flag)
        case "stall": stall = try StallWindow(parsing: value, flag: flag)
        case "drop-rate": dropRate = try FaultProbability(parsing: value, flag: flag)
        default:
            throw MockFlagError(flag: "--fault", value: key, expected: "one of latency, error-rate, rate-limit, stall, drop-rate")
        }
    }

    /// Whether any fault here can change a response.
    var isActive: Bool {
        if let latency, latency != .fixed(.zero) { return true }
        if let errorRate, errorRate.value > 0 { return true }
        if let rateLimit, rateLimit.perSecond.isFinite { return true }
        if let stall, stall.length > .zero { return true }
        if let dropRate, dropRate.value > 0 { return true }
        return false
    }
}

/// The faults of a mock: global settings plus overrides per operationId.
public struct FaultPlan: Sendable, Equatable {
    /// Faults for every operation (and for requests that match no operation).
    public var global: FaultSettings
    /// Per-operation overrides, keyed by operationId; their set fields replace the global ones.
    public var overrides: [String: FaultSettings]

    /// A plan with `global` faults and per-operation `overrides`.
    public init(global: FaultSettings = .none, overrides: [String: FaultSettings] = [:]) {
        self.global = global
        self.overrides = overrides
    }

    /// No faults.
    public static let none = FaultPlan()

    /// The syntax of one per-operation override, shown in errors and help.
    public static let overrideSyntax = "OPERATION_ID:KEY=VALUE, KEY one of latency, error-rate, rate-limit, stall, drop-rate (e.g. sendMessage:error-rate=0.2)"

    /// Adds one override in the `--fault` syntax: `sendMessage:error-rate=0.2`,
    /// `listAgents:latency=uniform:10ms,30ms`, `getUser:rate-limit=off`.
    ///
    /// The operationId is checked against the spec when the server starts.
    public mutating func addOverride(parsing text: String) throws(MockFlagError) {
        guard let colon = text.firstIndex(of: ":"), let equals = text[colon...].firstIndex(of: "=") else {
            throw MockFlagError(flag: "--fault", value: text, expected: Self.overrideSyntax)
        }
        let operationId = String(text[..<colon])
        let key = String(text[text.index(after: colon)..<equals])
        let value = String(text[text.index(after: equals)...])
        guard !operationId.isEmpty, !value.isEmpty else {
            throw MockFlagError(flag: "--fault", value: text, expected: Self.overrideSyntax)
        }
        var settings = overrides[operationId] ?? FaultSettings()
        try settings.set(key, to: value)
        overrides[operationId] = settings
    }

    /// The effective settings for `operationId` (global when it has no override or is nil).
    public func settings(for operationId: String?) -> FaultSettings {
        guard let operationId, let override = overrides[operationId] else { return global }
        return global.overridden(by: override)
    }
}
