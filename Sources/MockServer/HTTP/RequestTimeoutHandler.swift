// The slow-client guard: a request must arrive whole (head and body) within
// `MockLimits.requestTimeout` of its first byte, or the connection is closed. The idle timeout
// alone cannot catch a slow-loris client, which sends a byte now and then and is never idle.
import NIOCore

/// What `MockHTTPHandler` tells the `RequestTimeoutHandler` at the front of the pipeline, as
/// an outbound user event (the direction that reaches it).
enum RequestProgress: Sendable {
    /// A request has been read to its end: its clock stops.
    case requestReceived
    /// The response to that request has been written.
    case responseSent
}

/// Notes when each request's first byte arrives and closes the connection when the request has
/// not ended `timeout` later. Sits first in the pipeline, where it sees raw bytes.
///
/// Like `IdleStateHandler`, it keeps one check scheduled per connection and reschedules it
/// when it fires, rather than arming a timer per request: a request costs a clock read.
final class RequestTimeoutHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let timeout: TimeAmount
    /// When the first byte of the request being read arrived; nil between requests.
    private var requestStart: NIODeadline?
    /// A request has ended and its response has not gone out. Reads pause meanwhile (the
    /// pipelining handler holds them), so the next request cannot be blamed for being slow.
    private var responsePending = false
    private var check: Scheduled<Void>?

    init(timeout: TimeAmount) {
        self.timeout = timeout
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { scheduleCheck(in: timeout, context: context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        if check == nil { scheduleCheck(in: timeout, context: context) }
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        // Bytes that finish one request and start the next arrive before the first request's
        // end is parsed; the next request's clock then starts with its next read, and the
        // idle timeout covers a client that sends nothing more.
        if requestStart == nil { requestStart = .now() }
        context.fireChannelRead(data)
    }

    func triggerUserOutboundEvent(context: ChannelHandlerContext, event: Any, promise: EventLoopPromise<Void>?) {
        guard let progress = event as? RequestProgress else {
            context.triggerUserOutboundEvent(event, promise: promise)
            return
        }
        switch progress {
        case .requestReceived:
            requestStart = nil
            responsePending = true
        case .responseSent:
            responsePending = false
        }
        promise?.succeed(())
    }

    func channelInactive(context: ChannelHandlerContext) {
        check?.cancel()
        check = nil
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        check?.cancel()
        check = nil
    }

    private func scheduleCheck(in delay: TimeAmount, context: ChannelHandlerContext) {
        check = context.eventLoop.assumeIsolated().scheduleTask(in: delay) {
            self.checkRequest(context: context)
        }
    }

    private func checkRequest(context: ChannelHandlerContext) {
        guard let start = requestStart else {
            scheduleCheck(in: timeout, context: context)
            return
        }
        if responsePending {
            // Not the client's fault: its clock starts again.
            requestStart = .now()
            scheduleCheck(in: timeout, context: context)
            return
        }
        let now = NIODeadline.now()
        let due = start + timeout
        if now < due {
            scheduleCheck(in: due - now, context: context)
        } else {
            check = nil
            context.close(promise: nil)
        }
    }
}
