// One connection's request loop: gathers a request within the size limits, asks the fault
// injector and the application for its response, and writes it — now, later (latency,
// stall) or cut short (drop). HTTPServerPipelineHandler in front keeps pipelined requests
// in order, so this handler sees one request at a time.
import NIOCore
import NIOHTTP1

final class MockHTTPHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private enum State {
        /// Between requests.
        case idle
        /// Reading a request's body.
        case receiving(HTTPRequestHead, ByteBuffer?)
        /// A 413 went out; the rest of the body is read and dropped until the request ends
        /// (closing at once would reset the connection before the client reads the 413).
        case discarding(bytes: Int)
        /// The response is being produced or waits for its delay.
        case responding
    }

    private let application: MockApplication
    private var state = State.idle

    init(application: MockApplication) {
        self.application = application
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            receiveHead(head, context: context)
        case .body(var chunk):
            switch state {
            case .receiving(let head, var body):
                let size = (body?.readableBytes ?? 0) + chunk.readableBytes
                if size > application.limits.maxBodyBytes {
                    rejectOversizedBody(head, context: context)
                    return
                }
                // Release the state's reference first, so the append does not copy the buffer.
                state = .responding
                if body == nil { body = chunk } else { body?.writeBuffer(&chunk) }
                state = .receiving(head, body)
            case .discarding(let bytes):
                let total = bytes + chunk.readableBytes
                // A client that keeps sending far past the limit is not waiting for the 413.
                if total > 16 * application.limits.maxBodyBytes { context.close(promise: nil) }
                state = .discarding(bytes: total)
            case .idle, .responding:
                break
            }
        case .end:
            switch state {
            case .receiving(let head, let body):
                state = .responding
                context.triggerUserOutboundEvent(RequestProgress.requestReceived, promise: nil)
                handle(MockRequest(head: head, body: body), keepAlive: head.isKeepAlive, version: head.version, context: context)
            case .discarding:
                context.close(promise: nil)
            case .idle, .responding:
                break
            }
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is IdleStateHandler.IdleStateEvent {
            // Close idle keep-alive connections and stalled uploads, never one whose response
            // is only waiting for an injected delay.
            if case .responding = state { return }
            context.close(promise: nil)
            return
        }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        context.close(promise: nil)
    }

    private func receiveHead(_ head: HTTPRequestHead, context: ChannelHandlerContext) {
        state = .receiving(head, nil)
        if let length = head.headers.first(name: "content-length").flatMap(Int.init), length > application.limits.maxBodyBytes {
            rejectOversizedBody(head, context: context)
            return
        }
        if head.headers.first(name: "expect")?.lowercased() == "100-continue" {
            let interim = HTTPResponseHead(version: head.version, status: .continue)
            context.writeAndFlush(wrapOutboundOut(.head(interim)), promise: nil)
        }
    }

    private func rejectOversizedBody(_ head: HTTPRequestHead, context: ChannelHandlerContext) {
        state = .discarding(bytes: 0)
        var response = MockResponse.error(
            .payloadTooLarge, .payloadTooLarge,
            "the request body is larger than the mock accepts (\(application.limits.maxBodyBytes) bytes)",
            flavor: application.flavor, allocator: context.channel.allocator)
        response = application.withRateLimitHeaders(response, application.faults.globalRateLimit(now: .now()))
        response.closesConnection = true
        write(response, version: head.version, keepAlive: false, context: context, closeAfter: false)
    }

    private func handle(_ request: MockRequest, keepAlive: Bool, version: HTTPVersion, context: ChannelHandlerContext) {
        let match = application.routes.match(method: request.method, path: request.path)
        let ordinal = match.ordinal
        guard application.faults.isActive(ordinal: ordinal) else {
            let response = application.withRateLimitHeaders(application.respond(to: request, match: match), nil)
            write(response, version: version, keepAlive: keepAlive, context: context)
            return
        }
        let arrival = NIODeadline.now()
        let decision = application.faults.decide(ordinal: ordinal, now: arrival)
        let answer: MockResponse
        switch decision.outcome {
        case .serve: answer = application.respond(to: request, match: match)
        case .rateLimited(let seconds): answer = application.rateLimitedResponse(retryAfterSeconds: seconds)
        case .injectedError: answer = application.injectedErrorResponse()
        }
        let response = application.withRateLimitHeaders(answer, decision.rateLimit)
        let send = { [application] in
            if decision.delayNanoseconds > 0 {
                application.faults.recordMeasuredDelay(nanoseconds: (NIODeadline.now() - arrival).nanoseconds)
            }
            if decision.drop {
                self.writeTruncated(response, version: version, context: context)
            } else {
                self.write(response, version: version, keepAlive: keepAlive, context: context)
            }
        }
        if decision.delayNanoseconds > 0 {
            context.eventLoop.assumeIsolated().scheduleTask(in: .nanoseconds(decision.delayNanoseconds), send)
        } else {
            send()
        }
    }

    private func responseHead(_ response: MockResponse, version: HTTPVersion, keepAlive: Bool) -> HTTPResponseHead {
        var headers = HTTPHeaders()
        headers.reserveCapacity(3 + response.extraHeaders.count)
        if response.body.readableBytes > 0 { headers.add(name: "content-type", value: "application/json") }
        headers.add(name: "content-length", value: String(response.body.readableBytes))
        for (name, value) in response.extraHeaders { headers.add(name: name, value: value) }
        if !keepAlive || response.closesConnection {
            headers.add(name: "connection", value: "close")
        } else if version.major == 1 && version.minor == 0 {
            headers.add(name: "connection", value: "keep-alive")
        }
        return HTTPResponseHead(version: version, status: response.status, headers: headers)
    }

    private func write(
        _ response: MockResponse, version: HTTPVersion, keepAlive: Bool, context: ChannelHandlerContext, closeAfter: Bool? = nil
    ) {
        let close = closeAfter ?? (!keepAlive || response.closesConnection)
        context.write(wrapOutboundOut(.head(responseHead(response, version: version, keepAlive: keepAlive))), promise: nil)
        if response.body.readableBytes > 0 {
            context.write(wrapOutboundOut(.body(.byteBuffer(response.body))), promise: nil)
        }
        if case .responding = state { state = .idle }
        context.triggerUserOutboundEvent(RequestProgress.responseSent, promise: nil)
        if close {
            context.writeAndFlush(wrapOutboundOut(.end(nil))).assumeIsolated().whenComplete { _ in
                context.close(promise: nil)
            }
        } else {
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        }
    }

    /// `--drop-rate`: the head and half the body, then the connection closes.
    private func writeTruncated(_ response: MockResponse, version: HTTPVersion, context: ChannelHandlerContext) {
        context.write(wrapOutboundOut(.head(responseHead(response, version: version, keepAlive: true))), promise: nil)
        let half = response.body.getSlice(at: response.body.readerIndex, length: response.body.readableBytes / 2)
        if let half, half.readableBytes > 0 { context.write(wrapOutboundOut(.body(.byteBuffer(half))), promise: nil) }
        context.flush()
        state = .idle
        context.close(promise: nil)
    }
}
