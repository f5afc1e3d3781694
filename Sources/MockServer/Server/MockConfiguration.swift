// Everything a mock server needs to start: address, credentials, seed, faults, limits, spec,
// flavor.
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
    /// A request (head and body) must arrive in full within this time of its first byte, or
    /// the connection is closed: the guard against slow-loris clients, which trickle bytes and
    /// so are never idle. Default 30 s.
    public var requestTimeout: Duration
    /// The listen backlog: connections the kernel queues before the mock accepts them.
    public var backlog: Int

    /// Limits with the given values; the defaults suit tests and load runs alike.
    public init(
        maxBodyBytes: Int = 1 << 20, maxHeaderBytes: Int = 16 << 10, idleTimeout: Duration = .seconds(60),
        requestTimeout: Duration = .seconds(30), backlog: Int = 4096
    ) {
        self.maxBodyBytes = maxBodyBytes
        self.maxHeaderBytes = maxHeaderBytes
        self.idleTimeout = idleTimeout
        self.requestTimeout = requestTimeout
        self.backlog = backlog
    }
}

/// How many records the store keeps. Beyond a limit the oldest record of that kind is evicted
/// (seeded or created alike) and its id answers `404`, so a long load run that creates users,
/// conversations and messages holds a bounded amount of memory. Agents, groups and channels
/// are seeded only and never evicted.
public struct MockStoreLimits: Sendable, Equatable {
    /// Users kept. Default 10,000.
    public var maxUsers: Int
    /// Conversations kept, each with its messages. Default 10,000.
    public var maxConversations: Int
    /// Messages kept across all conversations: the oldest message of the whole store goes
    /// first, whatever its conversation. Default 100,000.
    public var maxMessages: Int

    /// Limits with the given values, each at least 1.
    public init(maxUsers: Int = 10_000, maxConversations: Int = 10_000, maxMessages: Int = 100_000) {
        self.maxUsers = max(1, maxUsers)
        self.maxConversations = max(1, maxConversations)
        self.maxMessages = max(1, maxMessages)
    }

    /// The limits `fcharness mock --max-records N` sets: N users, N conversations and 10 × N
    /// messages (a conversation of a load run usually holds several).
    public init(maxRecords: Int) {
        let records = max(1, maxRecords)
        self.init(maxUsers: records, maxConversations: records, maxMessages: records > Int.max / 10 ? Int.max : records * 10)
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
    /// How many users, conversations and messages the store keeps before evicting the oldest.
    public var storeLimits: MockStoreLimits
    /// Deliberate contract violations (`MockDrift.catalog`) on or off.
    public var drift: Bool
    /// Whose word the mock answers by: the seed spec's (default) or the live API's as observed.
    public var flavor: MockFlavor
    /// Event-loop threads; the default is one per core.
    public var threads: Int
    /// The spec whose operations the mock serves and validates requests against, used as
    /// given; nil uses the copy built into the binary (`EmbeddedSpec`) with the flavor's
    /// overlays applied (`MockFlavor.overlays()`).
    public var spec: OpenAPIDocument?

    /// A configuration; every argument has the default the CLI documents.
    public init(
        host: String = "127.0.0.1", port: Int = 0, token: String = "dev-token", seed: UInt64 = 1,
        seedSizes: SeedSizes = SeedSizes(), faults: FaultPlan = .none, limits: MockLimits = MockLimits(),
        storeLimits: MockStoreLimits = MockStoreLimits(), drift: Bool = false, threads: Int = System.coreCount,
        spec: OpenAPIDocument? = nil, flavor: MockFlavor = .seed
    ) {
        self.host = host
        self.port = port
        self.token = token
        self.seed = seed
        self.seedSizes = seedSizes
        self.faults = faults
        self.limits = limits
        self.storeLimits = storeLimits
        self.drift = drift
        self.threads = max(1, threads)
        self.spec = spec
        self.flavor = flavor
    }

    /// A configuration for embedding (tests, `contract`, `load`): loopback, a free port and a
    /// random token nobody else can guess.
    public static func embedded(seed: UInt64 = 1) -> MockConfiguration {
        var random = SystemRandomNumberGenerator()
        let token = (0..<4).map { _ in String(random.next(), radix: 36) }.joined()
        return MockConfiguration(token: "mock-\(token)", seed: seed)
    }
}
