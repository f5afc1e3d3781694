// A real HTTP server on 127.0.0.1 for the Curl tests: HTTP/1.1, cleartext HTTP/2 (h2c, prior
// knowledge) or HTTP/2 over TLS (ALPN offers only h2). It echoes each request as JSON, can delay
// or redirect, and counts connections and the HTTP/2 streams open at once.
//
// Routes:  /delay/<ms>   answers after <ms> milliseconds
//          /status/<n>   answers with status <n>
//          /redirect     302 to /echo?redirected=1
//          anything else echoes: {"method","path","headers":[[name,value]...],"body"}
import Foundation
import NIOCore
import NIOHTTP1
import NIOHTTP2
import NIOPosix
import NIOSSL
import NIOConcurrencyHelpers

/// A loopback HTTP server started on an ephemeral port; call `stop()` when done.
final class LoopbackServer: @unchecked Sendable {
    /// What the server speaks.
    enum WireProtocol {
        case http1
        case h2c
        /// HTTP/2 over TLS with this certificate; ALPN offers only `h2`, so a client that ends
        /// up speaking HTTP/1.1 fails instead of passing unnoticed.
        case h2OverTLS(SelfSignedCertificate)
    }

    let port: Int
    private let scheme: String
    private let group: MultiThreadedEventLoopGroup
    private let channel: Channel
    private let statistics: ServerStatistics

    /// How many TCP connections the server has accepted so far.
    var acceptedConnections: Int { statistics.snapshot.acceptedConnections }

    /// The most HTTP/2 streams that were open at the same time, over all connections.
    var peakConcurrentStreams: Int { statistics.snapshot.peakOpenStreams }

    /// The base URL, e.g. `http://127.0.0.1:54321` (`https://` for `.h2OverTLS`).
    var baseURL: String { "\(scheme)://127.0.0.1:\(port)" }

    private init(port: Int, scheme: String, group: MultiThreadedEventLoopGroup, channel: Channel, statistics: ServerStatistics) {
        self.port = port
        self.scheme = scheme
        self.group = group
        self.channel = channel
        self.statistics = statistics
    }

    /// Starts a server speaking `protocol` on 127.0.0.1 with a free port.
    static func start(_ protocol: WireProtocol = .http1) async throws -> LoopbackServer {
        let tls: NIOSSLContext?
        if case .h2OverTLS(let certificate) = `protocol` {
            var configuration = TLSConfiguration.makeServerConfiguration(
                certificateChain: try NIOSSLCertificate.fromPEMFile(certificate.certificatePath).map { .certificate($0) },
                privateKey: .privateKey(try NIOSSLPrivateKey(file: certificate.keyPath, format: .pem)))
            configuration.applicationProtocols = ["h2"]
            // stop() closes connections a client still holds open; not waiting NIOSSL's default
            // 5 s for each client's close_notify keeps the tests quick.
            configuration.shutdownTimeout = .milliseconds(100)
            tls = try NIOSSLContext(configuration: configuration)
        } else {
            tls = nil
        }
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let statistics = ServerStatistics()
        let channel = try await ServerBootstrap(group: group)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                statistics.connectionAccepted()
                return channel.eventLoop.makeCompletedFuture {
                    if let tls {
                        try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: tls))
                    }
                    switch `protocol` {
                    case .http1:
                        try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                        try channel.pipeline.syncOperations.addHandler(EchoHandler())
                    case .h2c, .h2OverTLS:
                        _ = try channel.pipeline.syncOperations.configureHTTP2Pipeline(
                            mode: .server,
                            connectionConfiguration: .init(),
                            streamConfiguration: .init()
                        ) { stream in
                            statistics.streamOpened()
                            stream.closeFuture.whenComplete { _ in statistics.streamClosed() }
                            return stream.eventLoop.makeCompletedFuture {
                                try stream.pipeline.syncOperations.addHandler(HTTP2FramePayloadToHTTP1ServerCodec())
                                try stream.pipeline.syncOperations.addHandler(EchoHandler())
                            }
                        }
                    }
                }
            }
            .bind(host: "127.0.0.1", port: 0)
            .get()
        guard let port = channel.localAddress?.port else {
            throw LoopbackServerError.noPort
        }
        let scheme = tls == nil ? "http" : "https"
        return LoopbackServer(port: port, scheme: scheme, group: group, channel: channel, statistics: statistics)
    }

    /// Closes the listening socket and stops the server's threads.
    func stop() async throws {
        try await channel.close()
        try await group.shutdownGracefully()
    }

    /// A loopback port that nothing listens on: bound, read and closed again.
    static func closedPort() async throws -> Int {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let channel = try await ServerBootstrap(group: group).bind(host: "127.0.0.1", port: 0).get()
        let port = channel.localAddress?.port
        try await channel.close()
        try await group.shutdownGracefully()
        guard let port else { throw LoopbackServerError.noPort }
        return port
    }
}

enum LoopbackServerError: Error {
    case noPort
}

/// Counts connections and open HTTP/2 streams; updated on NIO's threads, read by the tests.
private final class ServerStatistics: Sendable {
    struct Counts {
        var acceptedConnections = 0
        var openStreams = 0
        var peakOpenStreams = 0
    }

    private let counts = NIOLockedValueBox(Counts())

    var snapshot: Counts { counts.withLockedValue { $0 } }

    func connectionAccepted() {
        counts.withLockedValue { $0.acceptedConnections += 1 }
    }

    func streamOpened() {
        counts.withLockedValue { counts in
            counts.openStreams += 1
            counts.peakOpenStreams = max(counts.peakOpenStreams, counts.openStreams)
        }
    }

    func streamClosed() {
        counts.withLockedValue { $0.openStreams -= 1 }
    }
}

/// Answers each request according to the routes at the top of this file.
private final class EchoHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private var head: HTTPRequestHead?
    private var body = ByteBuffer()

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
            body.clear()
        case .body(var chunk):
            body.writeBuffer(&chunk)
        case .end:
            guard let head else { return }
            respond(to: head, context: context)
        }
    }

    private func respond(to head: HTTPRequestHead, context: ChannelHandlerContext) {
        let path = head.uri
        if path.hasPrefix("/delay/"), let millis = Int64(path.dropFirst("/delay/".count).prefix { $0.isNumber }) {
            let bound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
            context.eventLoop.scheduleTask(in: .milliseconds(millis)) {
                let (handler, context) = bound.value
                handler.write(status: .ok, headers: [], body: Array("delayed \(millis) ms".utf8), head: head, context: context)
            }
        } else if path.hasPrefix("/status/"), let code = Int(path.dropFirst("/status/".count)) {
            write(status: HTTPResponseStatus(statusCode: code), headers: [("x-echo-status", "\(code)")],
                  body: Array("status \(code)".utf8), head: head, context: context)
        } else if path == "/redirect" {
            write(status: .found, headers: [("location", "/echo?redirected=1"), ("x-hop", "redirect")],
                  body: [], head: head, context: context)
        } else {
            write(status: .ok, headers: [("content-type", "application/json"), ("x-echo-method", head.method.rawValue)],
                  body: Array(echo(head).utf8), head: head, context: context)
        }
    }

    private func echo(_ head: HTTPRequestHead) -> String {
        let headers = head.headers.map { "[\(jsonString($0.name)),\(jsonString($0.value))]" }.joined(separator: ",")
        let bodyText = String(decoding: body.readableBytesView, as: UTF8.self)
        return "{\"method\":\(jsonString(head.method.rawValue)),\"path\":\(jsonString(head.uri)),"
            + "\"headers\":[\(headers)],\"body\":\(jsonString(bodyText))}"
    }

    private func write(status: HTTPResponseStatus, headers: [(String, String)], body: [UInt8],
                       head: HTTPRequestHead, context: ChannelHandlerContext) {
        var responseHeaders = HTTPHeaders(headers)
        responseHeaders.add(name: "content-length", value: "\(body.count)")
        let responseHead = HTTPResponseHead(version: head.version, status: status, headers: responseHeaders)
        context.write(wrapOutboundOut(.head(responseHead)), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(bytes: body)))), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
    }
}

/// `text` as a JSON string literal.
private func jsonString(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        default:
            if scalar.value < 0x20 {
                out += String(format: "\\u%04x", scalar.value)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
    }
    return out + "\""
}
