// The engine behind Multi: one thread runs libcurl's multi interface (perform, read finished
// transfers, poll) and starts whatever other threads hand it.
import CCurl

/// A request waiting to be started on the loop thread.
struct Submission {
    var request: HTTPRequest
    var options: TransferOptions
    var completion: TransferCompletion
}

/// Runs a libcurl multi handle on its own thread.
///
/// Thread rules: `incoming`, `stopRequested` are shared and guarded by `lock`; everything else
/// (the multi handle's use, the easy-handle pool) is touched only by the loop thread, except
/// `curl_multi_wakeup`, which libcurl allows from any thread.
final class MultiEventLoop: @unchecked Sendable {
    // @unchecked: the thread rules above are the synchronisation; the compiler cannot see them.

    /// Idle easy handles kept for reuse beyond this are freed (each holds buffers of some KB).
    private static let idleHandleLimit = 512

    private let multi: UnsafeMutableRawPointer?
    private var thread: LoopThread?
    private var startFailure: String?

    private let lock = Lock()
    private var incoming: [Submission] = []
    private var stopRequested = false

    // Loop thread only; unchecked exclusivity because one thread never overlaps its own accesses
    // here, and these are touched on every transfer.
    @exclusivity(unchecked) private var draining: [Submission] = []
    @exclusivity(unchecked) private var idle: [Easy] = []
    @exclusivity(unchecked) private var all: [Easy] = []
    private var isClosing = false

    init(maxConnectionsPerHost: Int, maxConnections: Int) {
        multi = CurlGlobal.isInitialized ? curl_multi_init() : nil
        guard let multi else {
            startFailure = "libcurl could not create a multi handle"
            return
        }
        ccurl_multi_setopt_long(multi, CURLMOPT_MAX_HOST_CONNECTIONS, maxConnectionsPerHost)
        ccurl_multi_setopt_long(multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, maxConnections)
        ccurl_multi_setopt_long(multi, CURLMOPT_PIPELINING, CURLPIPE_MULTIPLEX)
        // The thread holds the loop until it has closed; only then can deinit free the multi handle.
        thread = LoopThread { [self] in run() }
        if thread == nil {
            startFailure = "could not start the transfer thread"
        }
    }

    deinit {
        // The loop has ended (it held a reference until then): no handle is in the multi any more.
        idle.removeAll()
        all.removeAll()
        if let multi {
            curl_multi_cleanup(multi)
        }
    }

    // MARK: Any thread

    /// Starts `submission` on the loop thread; from the loop thread itself it starts at once.
    func submit(_ submission: Submission) {
        if let thread, thread.isCurrent {
            start(submission)
            return
        }
        let (accepted, wasIdle) = lock.withLock { () -> (Bool, Bool) in
            guard !stopRequested, startFailure == nil else { return (false, false) }
            incoming.append(submission)
            return (true, incoming.count == 1)
        }
        guard accepted else {
            submission.completion(.failure(refusal(for: submission.request)))
            return
        }
        // One wakeup per batch: later submitters see a non-empty queue the loop has yet to drain.
        if wasIdle, let multi {
            curl_multi_wakeup(multi)
        }
    }

    /// Stops the loop; every transfer not yet finished completes with `.cancelled`.
    /// Waits for the loop to end, unless called from the loop thread itself.
    func shutdown() {
        let wasRequested = lock.withLock {
            defer { stopRequested = true }
            return stopRequested
        }
        guard !wasRequested, let thread else { return }
        if let multi {
            curl_multi_wakeup(multi)
        }
        if thread.isCurrent {
            thread.detach()
        } else {
            thread.join()
        }
    }

    private func refusal(for request: HTTPRequest) -> CurlError {
        if let startFailure {
            return .other(url: redactedURL(request.url), code: -1, detail: startFailure)
        }
        return .cancelled(url: redactedURL(request.url))
    }

    // MARK: Loop thread

    private func run() {
        guard let multi else { return }
        while true {
            let stop = lock.withLock {
                swap(&incoming, &draining)
                return stopRequested
            }
            if stop { break }
            for submission in draining {
                start(submission)
            }
            draining.removeAll(keepingCapacity: true)
            var running: Int32 = 0
            curl_multi_perform(multi, &running)
            completeFinishedTransfers(multi)
            curl_multi_poll(multi, nil, 0, 1000, nil)
        }
        close(multi)
    }

    private func start(_ submission: Submission) {
        guard !isClosing, let multi else {
            submission.completion(.failure(.cancelled(url: redactedURL(submission.request.url))))
            return
        }
        guard let easy = idle.popLast() ?? makeEasy() else {
            submission.completion(.failure(.other(url: redactedURL(submission.request.url), code: -1,
                                                  detail: "libcurl could not create an easy handle")))
            return
        }
        if let error = easy.prepare(submission.request, options: submission.options) {
            recycle(easy)
            submission.completion(.failure(error))
            return
        }
        let code = curl_multi_add_handle(multi, easy.handle)
        guard code == CURLM_OK else {
            recycle(easy)
            let detail = curl_multi_strerror(code).map { String(cString: $0) } ?? "curl_multi_add_handle failed"
            submission.completion(.failure(.other(url: redactedURL(submission.request.url),
                                                  code: Int(code.rawValue), detail: detail)))
            return
        }
        easy.completion = submission.completion
        easy.isActive = true
    }

    private func completeFinishedTransfers(_ multi: UnsafeMutableRawPointer) {
        var queued: Int32 = 0
        while let message = curl_multi_info_read(multi, &queued) {
            guard message.pointee.msg == CURLMSG_DONE, let handle = message.pointee.easy_handle else { continue }
            // The message dies with remove_handle: read it first.
            let code = message.pointee.data.result
            var context: UnsafeMutableRawPointer?
            ccurl_easy_getinfo_pointer(handle, CURLINFO_PRIVATE, &context)
            curl_multi_remove_handle(multi, handle)
            guard let context else { continue }
            let easy = Unmanaged<Easy>.fromOpaque(context).takeUnretainedValue()
            complete(easy, with: easy.finish(code: code))
        }
    }

    /// Hands the result to the transfer's completion, after the handle is back in the pool
    /// (the completion may submit again and should find it there).
    private func complete(_ easy: Easy, with result: Result<HTTPResponse, CurlError>) {
        let completion = easy.completion
        easy.completion = nil
        easy.isActive = false
        recycle(easy)
        completion?(result)
    }

    private func makeEasy() -> Easy? {
        guard let easy = Easy() else { return nil }
        all.append(easy)
        return easy
    }

    private func recycle(_ easy: Easy) {
        if idle.count < Self.idleHandleLimit {
            idle.append(easy)
        } else {
            all.removeAll { $0 === easy }
        }
    }

    /// Cancels what is still running or waiting; later submissions on this thread fail at once.
    private func close(_ multi: UnsafeMutableRawPointer) {
        isClosing = true
        for easy in all where easy.isActive {
            curl_multi_remove_handle(multi, easy.handle)
            complete(easy, with: easy.finishCancelled())
        }
        let waiting = lock.withLock {
            defer { incoming.removeAll() }
            return incoming
        }
        for submission in draining + waiting {
            submission.completion(.failure(.cancelled(url: redactedURL(submission.request.url))))
        }
        draining.removeAll()
    }
}
