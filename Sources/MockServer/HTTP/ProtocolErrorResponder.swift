// Answers requests the HTTP parser rejects: 431 for oversized headers, 400 for anything else
// malformed. The connection is closed afterwards (the parser cannot resynchronise).
import JSON
import NIOCore
import NIOHTTP1

/// Turns HTTP parser errors into a `400` or `431` with the flavor's Error body.
final class ProtocolErrorResponder: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    /// A response has started and not ended: a second head would corrupt the stream.
    private var responseInProgress = false
    private let application: MockApplication

    init(application: MockApplication) {
        self.application = application
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        guard let parserError = error as? HTTPParserError else {
            context.fireErrorCaught(error)
            return
        }
        if !responseInProgress {
            let tooLarge = parserError == .headerOverflow
            let status: HTTPResponseStatus = tooLarge ? .requestHeaderFieldsTooLarge : .badRequest
            let json = tooLarge
                ? ErrorBody.json(
                    status: status, code: .headersTooLarge, message: "the request's header fields are larger than the mock accepts",
                    flavor: application.flavor)
                : ErrorBody.json(status: status, code: .badRequest, message: "malformed HTTP request: \(parserError)", flavor: application.flavor)
            var body = context.channel.allocator.buffer(capacity: 128)
            body.writeBytes(json.serializedBytes())
            var headers = HTTPHeaders([
                ("content-type", "application/json"), ("content-length", String(body.readableBytes)), ("connection", "close"),
            ])
            headers.add(contentsOf: RateLimitHeaders.headers(for: application.faults.globalRateLimit(now: .now()), flavor: application.flavor))
            let head = HTTPResponseHead(version: .http1_1, status: status, headers: headers)
            context.write(wrapOutboundOut(.head(head)), promise: nil)
            context.write(wrapOutboundOut(.body(.byteBuffer(body))), promise: nil)
            context.writeAndFlush(wrapOutboundOut(.end(nil))).assumeIsolated().whenComplete { _ in
                context.close(promise: nil)
            }
            responseInProgress = false
        } else {
            context.close(promise: nil)
        }
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch unwrapOutboundIn(data) {
        case .head(let head) where head.status.code >= 200: responseInProgress = true
        case .end: responseInProgress = false
        default: break
        }
        context.write(data, promise: promise)
    }
}
