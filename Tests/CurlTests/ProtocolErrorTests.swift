// A server that does not speak HTTP gives a typed protocol error, not a hang or a crash.
import Curl
import NIOCore
import NIOPosix
import XCTest

final class ProtocolErrorTests: XCTestCase {
    func testAReplyThatIsNotHTTPIsAProtocolError() async throws {
        let (error, url) = try await failure(forReply: "SSH-2.0-OpenSSH_9.2\r\n\r\n")
        guard case .protocol(let reported, _) = error else { return XCTFail("expected .protocol, got \(error)") }
        XCTAssertEqual(reported, url)
    }

    func testAMalformedChunkedBodyIsAProtocolError() async throws {
        let (error, _) = try await failure(forReply: "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n")
        // libcurl reports it with the code of a failed recv(); the socket was fine.
        guard case .protocol(_, let detail) = error else { return XCTFail("expected .protocol, got \(error)") }
        XCTAssertTrue(detail.contains("chunked"), detail)
    }

    func testAGiantHeaderLineIsAProtocolErrorNotOutOfMemory() async throws {
        let line = "X-Padding: " + String(repeating: "a", count: 200_000)
        let (error, _) = try await failure(forReply: "HTTP/1.1 200 OK\r\n\(line)\r\nContent-Length: 2\r\n\r\n{}")
        // libcurl returns CURLE_OUT_OF_MEMORY with no message for a line over its limit.
        guard case .protocol(_, let detail) = error else { return XCTFail("expected .protocol, got \(error)") }
        XCTAssertTrue(detail.contains("header line longer than"), detail)
    }

    func testAConnectionClosedWithoutAReplyIsAReset() async throws {
        let (error, _) = try await failure(forReply: "")
        // The connection broke before a reply: the server's socket, not its HTTP, failed.
        guard case .reset = error else { return XCTFail("expected .reset (empty reply), got \(error)") }
    }

    /// The error a request gets from a server that answers with `reply` and closes, and the URL asked.
    private func failure(forReply reply: String) async throws -> (CurlError, String) {
        let server = try await GarbageServer.start(reply: reply)
        let client = CurlClient()
        let outcome: Result<HTTPResponse, CurlError>
        do {
            outcome = .success(try await client.perform(HTTPRequest(url: server.url), options: TransferOptions(connectTimeout: .seconds(2), timeout: .seconds(5))))
        } catch {
            outcome = .failure(error)
        }
        client.multi.shutdown()
        try await server.stop()
        guard case .failure(let error) = outcome else { throw UnexpectedResponse() }
        return (error, server.url)
    }
}

/// The request was expected to fail, and a response came.
private struct UnexpectedResponse: Error {}

/// A TCP server on 127.0.0.1 that answers every connection with fixed bytes and closes it.
private final class GarbageServer: @unchecked Sendable {
    let url: String
    private let group: MultiThreadedEventLoopGroup
    private let channel: Channel

    private init(url: String, group: MultiThreadedEventLoopGroup, channel: Channel) {
        self.url = url
        self.group = group
        self.channel = channel
    }

    static func start(reply: String) async throws -> GarbageServer {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let channel = try await ServerBootstrap(group: group)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(ReplyAndClose(reply: reply))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        return GarbageServer(url: "http://127.0.0.1:\(channel.localAddress?.port ?? 0)/x", group: group, channel: channel)
    }

    func stop() async throws {
        try await channel.close()
        try await group.shutdownGracefully()
    }
}

/// Waits for the request's first bytes, then writes the reply and closes.
private final class ReplyAndClose: ChannelInboundHandler, Sendable {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer
    let reply: String

    init(reply: String) { self.reply = reply }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let buffer = context.channel.allocator.buffer(string: reply)
        let bound = NIOLoopBound(context, eventLoop: context.eventLoop)
        context.writeAndFlush(wrapOutboundOut(buffer)).whenComplete { _ in bound.value.close(promise: nil) }
    }
}
