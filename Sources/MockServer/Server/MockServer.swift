// The mock Freshchat as a library: start it (it returns once bound), read its address, run
// until it is shut down. The CLI's `mock` command, `contract`, `load` and the tests all
// embed it the same way.
import NIOCore
import NIOHTTP1
import NIOPosix
import OpenAPI
import Quantities
import NIOConcurrencyHelpers

/// A running mock Freshchat server.
///
/// ```swift
/// let server = try await MockServer.start(.embedded())
/// // ... requests to server.baseURL with "Authorization: Bearer \(server.token)" ...
/// await server.shutdown()
/// ```
public final class MockServer: Sendable {
    /// The host the server is bound to.
    public let host: String
    /// The bound port (the one the system picked when the configuration said 0).
    public let port: Int
    /// The token requests must carry as `Authorization: Bearer TOKEN`.
    public let token: String
    /// The spec's base path the operations live under (`/v2`).
    public let basePath: String
    /// The application id of the seeded data (conversations carry it as `app_id`).
    public let appID: String
    /// The operationIds the server routes, in spec order.
    public let operationIds: [String]
    /// Whose word the server answers by.
    public var flavor: MockFlavor { application.flavor }

    private let group: MultiThreadedEventLoopGroup
    private let listener: any Channel
    private let application: MockApplication
    private let stopped = NIOLockedValueBox(false)
    private let ended = ServerEnd()

    /// `http://HOST:PORT`, the address the CLI prints as `listening on http://HOST:PORT`.
    public var address: String { "http://\(Self.urlHost(host)):\(port)" }

    /// `http://HOST:PORT/v2`: the base URL clients put before the spec's paths.
    public var baseURL: String { address + basePath }

    /// What the fault injector has done so far.
    public var statistics: MockStatistics { application.faults.snapshot }

    private init(
        host: String, port: Int, token: String, basePath: String, group: MultiThreadedEventLoopGroup,
        listener: any Channel, application: MockApplication
    ) {
        self.host = host
        self.port = port
        self.token = token
        self.basePath = basePath
        self.group = group
        self.listener = listener
        self.application = application
        appID = application.handlers.store.appID
        // Registered now, while the loop runs: a listener that closes on its own ends the server.
        listener.closeFuture.whenComplete { [ended] _ in ended.end() }
        operationIds = application.routes.operations.map(\.operationId)
    }

    /// Starts a server and returns once it is listening.
    public static func start(_ configuration: MockConfiguration) async throws -> MockServer {
        let document = try configuration.spec ?? builtInSpec(flavor: configuration.flavor)
        let spec = try SpecOperations(document: document)
        for id in configuration.faults.overrides.keys where !spec.operations.contains(where: { $0.operationId == id }) {
            throw MockServerError.unknownOperation(id, known: spec.operations.map(\.operationId))
        }

        let group = MultiThreadedEventLoopGroup(numberOfThreads: configuration.threads)
        let slot = ApplicationSlot()
        let limits = configuration.limits
        let decoderLimits = {
            var decoderLimits = NIOHTTPDecoderLimitConfiguration()
            decoderLimits.maxHeaderFieldSize = limits.maxHeaderBytes
            decoderLimits.maxHeaderListSize = limits.maxHeaderBytes
            return decoderLimits
        }()
        let idle = TimeAmount.nanoseconds(limits.idleTimeout.totalNanoseconds)
        let requestTimeout = TimeAmount.nanoseconds(limits.requestTimeout.totalNanoseconds)
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: Int32(clamping: limits.backlog))
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelOption(.maxMessagesPerRead, value: 16)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    guard let application = slot.application else {
                        // Only possible in the instant between bind and start's return.
                        throw ChannelError.ioOnClosedChannel
                    }
                    let pipeline = channel.pipeline.syncOperations
                    try pipeline.addHandler(RequestTimeoutHandler(timeout: requestTimeout))
                    // A client that sends requests and reads no answers: stop reading while the
                    // answers cannot be written, so they do not pile up in memory.
                    try pipeline.addHandler(BackPressureHandler())
                    try pipeline.addHandler(IdleStateHandler(readTimeout: idle))
                    try pipeline.configureHTTPServerPipeline(
                        withPipeliningAssistance: true, withErrorHandling: false, withOutboundHeaderValidation: false,
                        withEncoderConfiguration: HTTPResponseEncoder.Configuration(),
                        withDecoderLimitConfiguration: decoderLimits)
                    try pipeline.addHandler(ProtocolErrorResponder(application: application))
                    try pipeline.addHandler(MockHTTPHandler(application: application))
                }
            }
        let listener: any Channel
        do {
            listener = try await bootstrap.bind(host: configuration.host, port: configuration.port).get()
        } catch {
            try? await group.shutdownGracefully()
            throw MockServerError.bindFailed(host: configuration.host, port: configuration.port, reason: "\(error)")
        }
        let port = listener.localAddress?.port ?? configuration.port
        let store = FreshchatStore(seed: configuration.seed, sizes: configuration.seedSizes, limits: configuration.storeLimits)
        let links = PageLinks(baseURL: "http://\(urlHost(linkHost(configuration.host))):\(port)\(spec.basePath)")
        let handlers = FreshchatRoutes(
            store: store, links: links, drift: configuration.drift, flavor: configuration.flavor, allocator: listener.allocator)
        let faults = FaultInjector(
            plan: configuration.faults, operationIds: spec.operations.map(\.operationId), seed: configuration.seed)
        let application = MockApplication(
            routes: RouteTable(basePath: spec.basePath, operations: spec.operations), handlers: handlers,
            faults: faults, limits: limits, token: configuration.token)
        slot.application = application
        return MockServer(
            host: configuration.host, port: port, token: configuration.token, basePath: spec.basePath, group: group,
            listener: listener, application: application)
    }

    /// The spec built into the binary with the flavor's overlays applied.
    private static func builtInSpec(flavor: MockFlavor) throws(MockServerError) -> OpenAPIDocument {
        do {
            return try OverlaidSpec.load(text: EmbeddedSpec.yaml, name: EmbeddedSpec.name, overlays: flavor.overlays()).document
        } catch let error as SpecLoadError {
            throw .unusableSpec("the built-in spec (\(flavor) flavor) does not load: \(error)")
        } catch {
            throw .unusableSpec("the built-in overlay of the \(flavor) flavor does not load: \(error)")
        }
    }

    /// Waits until the server is shut down (by `shutdown()`, e.g. from a signal handler).
    public func run() async throws {
        await ended.wait()
    }

    /// Stops listening, closes every connection and releases the threads. Safe to call twice.
    public func shutdown() async {
        let alreadyStopped = stopped.withLockedValue { stopped in
            defer { stopped = true }
            return stopped
        }
        guard !alreadyStopped else { return }
        try? await listener.close()
        try? await group.shutdownGracefully()
        ended.end()
    }

    /// The number of messages stored for a conversation (nil: no such conversation); lets
    /// tests check that concurrent writes lost nothing without paging through the API.
    public func messageCount(conversationID: String) -> Int? {
        application.handlers.store.messageCount(conversationID: conversationID)
    }

    /// How many users, conversations and messages the store holds now (at most
    /// `MockConfiguration.storeLimits`).
    public var storedRecords: MockStoreCounts { application.handlers.store.counts }

    /// Links must name an address a client can reach: a wildcard bind gets loopback links.
    private static func linkHost(_ host: String) -> String {
        switch host {
        case "0.0.0.0", "": return "127.0.0.1"
        case "::": return "::1"
        default: return host
        }
    }

    private static func urlHost(_ host: String) -> String {
        host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
    }
}

/// Hands the application to connection initializers: it is built after the bind (its links
/// need the bound port), and connections accepted before that are refused.
private final class ApplicationSlot: Sendable {
    private let value = NIOLockedValueBox<MockApplication?>(nil)

    var application: MockApplication? {
        get { value.withLockedValue { $0 } }
        set { value.withLockedValue { $0 = newValue } }
    }
}
