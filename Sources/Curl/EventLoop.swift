// The loop thread's side of a TransferLoop: libcurl's multi interface driven by socket
// readiness (curl_multi_socket_action on epoll), so a wake-up costs in proportion to the
// sockets that are ready, not to all transfers in flight.
import CCurl
import Redaction

/// The event loop as seen from its own thread: start transfers, cancel them, count them.
///
/// Exists only on its loop thread, which creates it and is the only thread that may touch it
/// (it is not Sendable). One pass of the loop: start queued submissions → ask the driver what
/// is due → wait for the earliest of a ready socket, libcurl's deadline, the driver's next
/// time or a wake-up → let libcurl act on each ready socket → hand over finished transfers.
public final class EventLoop {
    /// The loop's multi handles: one, or one per `connectionsPerMultiHandle` connections. A
    /// transfer's tag picks its handle, so one virtual user keeps reusing its connections.
    private let multis: [UnsafeMutableRawPointer]
    private let poller: OpaquePointer
    private unowned let remote: TransferLoop
    private var pool: HandlePool
    /// The driver of a load loop, for the length of `run`.
    private var driver: (any TransferDriver)?
    /// Queued submissions taken from the remote side, swapped in and out to reuse the storage.
    private var batch: [Submission] = []
    /// Cancelled submissions taken from the remote side, likewise.
    private var cancellations: [TransferTicket] = []
    /// Ready sockets written by the poller; allocated once.
    private var ready: [ccurl_ready]

    /// Above this many ready sockets in one wake-up, transfers that completions start are set
    /// going at once rather than after the whole batch (see `act`). Below it, a batch's handles
    /// stay in cache anyway and one timeout call for all of them costs less.
    static let promptStartReadySockets = 32

    /// True while the loop hands over the sockets of a wake-up larger than
    /// `promptStartReadySockets`: a driver starting the next transfer from a completion then
    /// should do so at once (it is set going at once, while its handle is warm).
    public private(set) var isLargeWakeUp = false

    /// In a large wake-up, while libcurl acts on one ready socket, the state of the transfer
    /// this many sockets further on is fetched into cache (`ccurl_warm_transfer`): at 4,096
    /// connections each transfer's state is cold, and misses that overlap cost less than misses
    /// taken one at a time. 8 did best of 4, 8 and 16 (a few paired rounds each).
    static let warmAheadSockets = 8

    /// Ready sockets whose transfer state the loop fetched into cache ahead of acting on them,
    /// in large wake-ups.
    public private(set) var socketsWarmedAhead = 0

    /// Transfers handed to libcurl and not yet finished.
    public private(set) var inFlight = 0

    init(configuration: LoopConfiguration, remote: TransferLoop) throws(LoopStartError) {
        let count = configuration.multiHandles
        guard CurlGlobal.isInitialized, let poller = ccurl_poller_create(Int32(count)) else {
            throw LoopStartError(reason: "the system refused the descriptors for epoll, a timer and a wake-up (\(systemErrorText()))")
        }
        // Each handle's share of the connection limits.
        func share(_ total: Int) -> Int { total > 0 ? (total + count - 1) / count : 0 }
        var multis: [UnsafeMutableRawPointer] = []
        for _ in 0..<count {
            let made = curl_multi_init()
            guard let multi = made, ccurl_poller_add_multi(poller, multi) >= 0 else {
                if let made { curl_multi_cleanup(made) }
                for earlier in multis { curl_multi_cleanup(earlier) }
                ccurl_poller_destroy(poller)
                throw LoopStartError(reason: "libcurl could not create \(count) multi handles")
            }
            ccurl_multi_setopt_long(multi, CURLMOPT_MAX_HOST_CONNECTIONS, share(configuration.maxConnectionsPerHost))
            ccurl_multi_setopt_long(multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, share(configuration.maxConnections))
            // libcurl's default idle-connection cache is 4× the handles added *at that moment*:
            // when a burst of transfers completes before the next ones are added, it shrinks and
            // closes connections that are about to be reused (1 in 30 requests opened a connection
            // at 16 users). A fixed size keeps every connection the loop may need.
            ccurl_multi_setopt_long(multi, CURLMOPT_MAXCONNECTS, max(share(configuration.idleHandleLimit), share(configuration.maxConnections), 16))
            ccurl_multi_setopt_long(multi, CURLMOPT_PIPELINING, CURLPIPE_MULTIPLEX)
            multis.append(multi)
        }
        self.multis = multis
        self.poller = poller
        self.remote = remote
        pool = HandlePool(idleLimit: configuration.idleHandleLimit, poller: poller)
        ready = [ccurl_ready](repeating: ccurl_ready(), count: 256)
        guard pool.reserve(configuration.reservedHandles) else {
            pool.removeAll()
            for multi in multis { curl_multi_cleanup(multi) }
            ccurl_poller_destroy(poller)
            throw LoopStartError(reason: "libcurl could not create \(configuration.reservedHandles) easy handles")
        }
    }

    /// The descriptor other threads write to wake this loop.
    var wakeDescriptor: Int32 { ccurl_poller_wake_fd(poller) }

    /// Sockets libcurl currently asks the loop to watch.
    public var watchedSockets: Int { Int(ccurl_poller_watched_count(poller)) }

    // MARK: Starting and cancelling (driver API)

    /// Hands `request` to libcurl at once. `tag` comes back in the `FinishedTransfer`, and
    /// picks the multi handle (transfers of one tag reuse the same handle's connections);
    /// `intendedStart` (monotonic ns) is when the transfer should have started, for latency
    /// measured from the schedule; `retainResponse` keeps the body and headers.
    /// Returns why the transfer could not start, or nil; a transfer that started always
    /// finishes through the driver's `transferFinished`.
    public func start(_ request: PreparedRequest, tag: Int, intendedStart: UInt64, retainResponse: Bool) -> CurlError? {
        guard let easy = pool.take() else {
            return .other(url: redactedURL(request.url), code: -1, detail: "libcurl could not create an easy handle")
        }
        if let error = easy.prepare(request, retainBody: retainResponse) {
            pool.give(easy)
            return error
        }
        easy.recipient = .driver(tag: tag)
        easy.multiIndex = multis.count == 1 ? 0 : Int(UInt(bitPattern: tag) % UInt(multis.count))
        return add(easy, intendedStart: intendedStart)
    }

    /// Stops every transfer in flight; each finishes at once with `.cancelled`.
    public func cancelAll() {
        let active = pool.all.filter(\.isActive)
        for easy in active {
            curl_multi_remove_handle(multis[easy.multiIndex], easy.handle)
            inFlight -= 1
            deliverCancelled(easy)
        }
    }

    /// Ends the transfer of `ticket` with `.cancelled` if it is still in flight. A scan, not a
    /// lookup: cancellations are rare (Ctrl-C), and a table kept per transfer would cost every one.
    private func cancel(_ ticket: TransferTicket) {
        guard let easy = pool.all.first(where: { $0.isActive && $0.ticket === ticket }) else { return }
        curl_multi_remove_handle(multis[easy.multiIndex], easy.handle)
        inFlight -= 1
        deliverCancelled(easy)
    }

    // MARK: The loop

    /// Runs until the driver is finished and nothing is in flight, or (without a driver) until
    /// a stop is requested; then cancels what is left and frees everything.
    func run(driver: (any TransferDriver)?) {
        let owned = driver
        self.driver = owned
        var stopHandled = false
        var driverFinished = false
        while true {
            let stopRequested = remote.takeSubmissions(into: &batch, cancellations: &cancellations)
            for submission in batch {
                startSubmission(submission)
            }
            batch.removeAll(keepingCapacity: true)
            for ticket in cancellations {
                cancel(ticket)
            }
            cancellations.removeAll(keepingCapacity: true)
            if stopRequested, !stopHandled {
                stopHandled = true
                guard let owned else { break }
                owned.stopRequested(loop: self)
            }
            var driverDeadline: Int64 = -1
            if let owned, !driverFinished {
                switch owned.wake(loop: self, now: MonotonicClock.now()) {
                case .at(let time): driverDeadline = Int64(clamping: time)
                case .idle: break
                case .finished: driverFinished = true
                }
            }
            if driverFinished, inFlight == 0 { break }
            waitAndAct(until: earliest(driverDeadline, ccurl_poller_earliest_curl_deadline(poller)))
        }
        close()
        self.driver = nil
    }

    private func earliest(_ first: Int64, _ second: Int64) -> Int64 {
        if first < 0 { return second }
        if second < 0 { return first }
        return min(first, second)
    }

    /// One wait, then libcurl acts on every ready socket and on its own deadline.
    private func waitAndAct(until deadline: Int64) {
        let count = ready.withUnsafeMutableBufferPointer { buffer in
            ccurl_poller_wait(poller, deadline, buffer.baseAddress, Int32(buffer.count))
        }
        if count < 0 {
            // The wait itself failed (the descriptors are gone): nothing can progress any more.
            failAll(detail: "waiting for sockets failed (\(systemErrorText()))")
            return
        }
        var running: Int32 = 0
        let startPromptly = Int(count) > Self.promptStartReadySockets
        isLargeWakeUp = startPromptly
        defer { isLargeWakeUp = false }
        for index in 0..<Int(count) {
            if startPromptly, index + Self.warmAheadSockets < Int(count) {
                socketsWarmedAhead += Int(ccurl_warm_transfer(ready[index + Self.warmAheadSockets]))
            }
            let socket = ready[index]
            let handle = Int(socket.multi)
            act(curl_multi_socket_action(multis[handle], socket.fd, socket.flags, &running), multi: handle,
                startPromptly: startPromptly)
        }
        let now = Int64(clamping: MonotonicClock.now())
        for handle in multis.indices {
            let deadline = ccurl_poller_curl_deadline(poller, Int32(handle))
            guard deadline >= 0, deadline <= now else { continue }
            // Cleared first: libcurl may ask for its next timeout during this very call.
            ccurl_poller_clear_curl_deadline(poller, Int32(handle))
            act(curl_multi_socket_action(multis[handle], -1 /* CURL_SOCKET_TIMEOUT */, 0, &running), multi: handle)
        }
    }

    /// Hands over what the last socket action finished; after a failed action every transfer's
    /// state is undefined (libcurl's documentation), so they all fail.
    private func act(_ code: CURLMcode, multi index: Int, startPromptly: Bool = false) {
        guard code == CURLM_OK else {
            let detail = curl_multi_strerror(code).map { String(cString: $0) } ?? "curl_multi_socket_action failed"
            failAll(detail: detail)
            return
        }
        completeFinishedTransfers(multis[index])
        // A finished transfer usually starts the next one on the same handle (the pool gives
        // back the warmest). libcurl only sets a new transfer going at its next timeout call;
        // made after every other ready socket of a large wake-up, that call finds the handle,
        // its header list and its connection evicted from cache (at 4,096 connections, about a
        // sixth of the throughput). So when the wake-up is large, make it now.
        if startPromptly, ccurl_poller_curl_wants_call_now(poller, Int32(index)) != 0 {
            ccurl_poller_clear_curl_deadline(poller, Int32(index))
            var running: Int32 = 0
            act(curl_multi_socket_action(multis[index], -1 /* CURL_SOCKET_TIMEOUT */, 0, &running), multi: index)
        }
    }

    private func completeFinishedTransfers(_ multi: UnsafeMutableRawPointer) {
        var queued: Int32 = 0
        var finishedAt: UInt64 = 0
        while let message = curl_multi_info_read(multi, &queued) {
            guard message.pointee.msg == CURLMSG_DONE, let handle = message.pointee.easy_handle else { continue }
            // The message dies with remove_handle: read it first.
            let code = message.pointee.data.result
            var context: UnsafeMutableRawPointer?
            ccurl_easy_getinfo_pointer(handle, CURLINFO_PRIVATE, &context)
            curl_multi_remove_handle(multi, handle)
            guard let context else { continue }
            if finishedAt == 0 { finishedAt = MonotonicClock.now() }
            inFlight -= 1
            deliver(Unmanaged<Easy>.fromOpaque(context).takeUnretainedValue(), code: code, finishedAt: finishedAt)
        }
    }

    // MARK: Transfers

    private func startSubmission(_ submission: Submission) {
        if let ticket = submission.ticket, ticket.isCancelled {
            submission.completion(.failure(.cancelled(url: redactedURL(submission.request.url))))
            return
        }
        guard let easy = pool.take() else {
            submission.completion(.failure(.other(url: redactedURL(submission.request.url), code: -1,
                                                  detail: "libcurl could not create an easy handle")))
            return
        }
        if let error = easy.prepare(submission.request, options: submission.options) {
            pool.give(easy)
            submission.completion(.failure(error))
            return
        }
        easy.recipient = .completion(submission.completion)
        easy.ticket = submission.ticket
        easy.multiIndex = 0
        let now = MonotonicClock.now()
        if let error = add(easy, intendedStart: now) {
            submission.completion(.failure(error))
        }
    }

    /// Adds a configured handle to the multi handle, stamping its start.
    private func add(_ easy: Easy, intendedStart: UInt64) -> CurlError? {
        easy.intendedStart = intendedStart
        easy.startedAt = MonotonicClock.now()
        let code = curl_multi_add_handle(multis[easy.multiIndex], easy.handle)
        guard code == CURLM_OK else {
            let url = redactedURL(easy.configured?.url ?? "")
            easy.clearTransfer()
            pool.give(easy)
            let detail = curl_multi_strerror(code).map { String(cString: $0) } ?? "curl_multi_add_handle failed"
            return .other(url: url, code: Int(code.rawValue), detail: detail)
        }
        easy.isActive = true
        inFlight += 1
        return nil
    }

    /// Hands the outcome to its recipient, after the handle is back in the pool (the
    /// recipient may start another transfer and should find it there).
    private func deliver(_ easy: Easy, code: CURLcode, finishedAt: UInt64) {
        switch easy.recipient {
        case .completion(let completion):
            let result = easy.response(code: code)
            recycle(easy)
            completion(result)
        case .driver(let tag):
            let finished = easy.finishedTransfer(code: code, tag: tag, finishedAt: finishedAt)
            recycle(easy)
            driver?.transferFinished(finished, loop: self)
        case .none:
            recycle(easy)
        }
    }

    private func deliverCancelled(_ easy: Easy) {
        deliver(easy, error: easy.cancelledError())
    }

    private func deliver(_ easy: Easy, error: CurlError) {
        switch easy.recipient {
        case .completion(let completion):
            recycle(easy)
            completion(.failure(error))
        case .driver(let tag):
            let now = MonotonicClock.now()
            let finished = FinishedTransfer(
                tag: tag, status: nil, error: error, intendedStart: easy.intendedStart, startedAt: easy.startedAt,
                finishedAt: now, timings: .zero, bytesReceived: 0, bytesSent: 0, body: nil, headers: nil)
            recycle(easy)
            driver?.transferFinished(finished, loop: self)
        case .none:
            recycle(easy)
        }
    }

    private func recycle(_ easy: Easy) {
        easy.clearTransfer()
        pool.give(easy)
    }

    /// Fails every transfer in flight with `detail`: after a failed multi call their state is
    /// undefined.
    private func failAll(detail: String) {
        let active = pool.all.filter(\.isActive)
        for easy in active {
            curl_multi_remove_handle(multis[easy.multiIndex], easy.handle)
            inFlight -= 1
            deliver(easy, error: .other(url: redactedURL(easy.configured?.url ?? ""), code: -1, detail: detail))
        }
    }

    /// Cancels what is in flight or queued, then frees libcurl's handles and the poller.
    private func close() {
        cancelAll()
        let leftover = remote.markEnded()
        for submission in leftover {
            submission.completion(.failure(.cancelled(url: redactedURL(submission.request.url))))
        }
        // Recipients may start transfers while being told of a cancellation; a few rounds end
        // it, since a stopped loop starts no new submissions and drivers stop on `.cancelled`.
        var rounds = 0
        while inFlight > 0, rounds < 8 {
            cancelAll()
            rounds += 1
        }
        pool.removeAll()
        for multi in multis { curl_multi_cleanup(multi) }
        // After the multi handles: libcurl may call the socket callback while cleaning up.
        ccurl_poller_destroy(poller)
    }
}

extension TransferTimings {
    /// All zero: a transfer that never started.
    static let zero = TransferTimings(
        dnsMicroseconds: 0, connectMicroseconds: 0, tlsMicroseconds: 0, firstByteMicroseconds: 0,
        totalMicroseconds: 0, newConnection: false)
}
