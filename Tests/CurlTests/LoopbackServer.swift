// A real HTTP server on 127.0.0.1 for the Curl tests: HTTP/1.1 or cleartext HTTP/2 (h2c, prior
// knowledge). It echoes each request as JSON, can delay or redirect, and counts connections.
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

/// A loopback HTTP server started on an ephemeral port; call `stop()` when done.
final class LoopbackServer: @unchecked Sendable {
    /// What the server speaks.
    enum WireProtocol {
        case http1
        case h2c
    }

    let port: Int
    private let group: MultiThreadedEventLoopGroup
    private let channel: Channel
    private let counter: ConnectionCounter

    /// How many TCP connections the server has accepted so far.
    var acceptedConnections: Int { counter.count }

    /// The base URL, e.g. `http://127.0.0.1:54321`.
    var baseURL: String { "http://127.0.0.1:\(port)" }

    private init(port: Int, group: MultiThreadedEventLoopGroup, channel: Channel, counter: ConnectionCounter) {
        self.port = port
        self.group = group
        self.channel = channel
        self.counter = counter
    }

    /// Starts a server speaking `protocol` on 127.0.0.1 with a free port.
    static func start(_ protocol: WireProtocol = .http1) async throws -> LoopbackServer {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let counter = ConnectionCounter()
        let channel = try await ServerBootstrap(group: group)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                counter.increment()
                return channel.eventLoop.makeCompletedFuture {
                    switch `protocol` {
                    case .http1:
                        try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                        try channel.pipeline.syncOperations.addHandler(EchoHandler())
                    case .h2c:
                        _ = try channel.pipeline.syncOperations.configureHTTP2Pipeline(
                            mode: .server,
                            connectionConfiguration: .init(),
                            streamConfiguration: .init()
                        ) { stream in
                            stream.eventLoop.makeCompletedFuture {
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
        return LoopbackServer(port: port, group: group, channel: channel, counter: counter)
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

/// Counts accepted connections; incremented on NIO's threads, read by the tests.
private final class ConnectionCounter: @unchecked Sendable {
    // @unchecked: `value` is only touched under `lock`.
    private let lock = NSLock()
    private var value = 0

    var count: Int { lock.withLock { value } }

    func increment() {
        lock.withLock { value += 1 }
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
