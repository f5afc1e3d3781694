// Everything a mock server needs to start: address, credentials, seed, faults, limits, spec.
import NIOCore
import OpenAPI

/// Limits that protect the mock from oversized or slow clients.
public struct MockLimits: Sendable, Equatable {
    /// The largest request body accepted; beyond it `413`. Default 1 MiB.
    public var maxBodyBytes: Int
    /// The largest total size of a request's header names and values, and of one header
    /// field; beyond it `431`. Default 16 KiB.
    public var maxHeaderBytes: Int
    /// A connection with no request in flight that sends nothing for this long is closed.
    /// Default 60 s.
    public var idleTimeout: Duration
    /// The listen backlog: connections the kernel queues before the mock accepts them.
    public var backlog: Int

    /// Limits with the given values; the defaults suit tests and load runs alike.
    public init(
        maxBodyBytes: Int = 1 << 20, maxHeaderBytes: Int = 16 << 10, idleTimeout: Duration = .seconds(60),
        backlog: Int = 4096
    ) {
        self.maxBodyBytes = maxBodyBytes
        self.maxHeaderBytes = maxHeaderBytes
        self.idleTimeout = idleTimeout
        self.backlog = backlog
    }
}

/// How to run one mock Freshchat.
public struct MockConfiguration: Sendable {
    /// The address to bind; loopback by default, so a mock is never reachable from outside
    /// unless asked.
    public var host: String
    /// The port; 0 picks a free one (read it back from `MockServer.port`).
    public var port: Int
    /// The Bearer token every request must carry.
    public var token: String
    /// Seeds the data and every fault decision.
    public var seed: UInt64
    /// How many records the seed creates.
    public var seedSizes: SeedSizes
    /// Injected faults, global and per operation.
    public var faults: FaultPlan
    /// Request size and idle limits.
    public var limits: MockLimits
    /// Deliberate contract violations (`MockDrift.catalog`) on or off.
    public var drift: Bool
    /// Event-loop threads; the default is one per core.
    public var threads: Int
    /// The spec whose operations the mock serves and validates requests against; nil uses
    /// the copy built into the binary (`EmbeddedSpec`).
    public var spec: OpenAPIDocument?

    /// A configuration; every argument has the default the CLI documents.
    public init(
        host: String = "127.0.0.1", port: Int = 0, token: String = "dev-token", seed: UInt64 = 1,
        seedSizes: SeedSizes = SeedSizes(), faults: FaultPlan = .none, limits: MockLimits = MockLimits(),
        drift: Bool = false, threads: Int = System.coreCount, spec: OpenAPIDocument? = nil
    ) {
        self.host = host
        self.port = port
        self.token = token
        self.seed = seed
        self.seedSizes = seedSizes
        self.faults = faults
        self.limits = limits
        self.drift = drift
        self.threads = max(1, threads)
        self.spec = spec
    }

    /// A configuration for embedding (tests, `contract`, `load`): loopback, a free port and a
    /// random token nobody else can guess.
    public static func embedded(seed: UInt64 = 1) -> MockConfiguration {
        var random = SystemRandomNumberGenerator()
        let token = (0..<4).map { _ in String(random.next(), radix: 36) }.joined()
        return MockConfiguration(token: "mock-\(token)", seed: seed)
    }
}
