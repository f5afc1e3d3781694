// The contract front door of the transfer engine: requests submitted from any thread.
import Redaction

/// Runs many HTTP transfers concurrently on one dedicated thread, reusing connections.
///
/// One thread drives libcurl's multi interface (see `EventLoop`); connections are kept alive
/// and reused across transfers (HTTP/1.1 keep-alive, HTTP/2 multiplexing), and easy handles
/// are pooled, so a transfer costs little beyond the bytes on the wire. Submitting is
/// thread-safe from any thread.
///
/// Every submitted transfer completes exactly once: with a response, with an error, or with
/// `.cancelled` when the Multi shuts down first (`shutdown()` or the last reference going away)
/// or, for `perform`, when its task is cancelled.
public final class Multi: Sendable {
    private let loop: TransferLoop?
    private let startFailure: String?

    /// Starts the event-loop thread.
    /// - Parameters:
    ///   - maxConnectionsPerHost: at most this many connections to one host (0: no limit); more
    ///     transfers than that wait inside libcurl for a free connection.
    ///   - maxConnections: at most this many connections in total (0: no limit).
    public init(maxConnectionsPerHost: Int = 0, maxConnections: Int = 0) {
        let configuration = LoopConfiguration(maxConnectionsPerHost: maxConnectionsPerHost, maxConnections: maxConnections)
        do {
            loop = try TransferLoop(configuration: configuration)
            startFailure = nil
        } catch {
            // Every submission then fails with this reason, as the API promises a completion.
            loop = nil
            startFailure = error.reason
        }
    }

    deinit {
        shutdown()
    }

    /// Starts a transfer and calls `completion` with its outcome, exactly once.
    ///
    /// `completion` runs on the event-loop thread, so it must return quickly and never block:
    /// every other transfer waits while it runs. Submitting again from inside `completion` is the
    /// cheapest way to keep a connection busy (no wake-up). After shutdown, `completion` runs at
    /// once on the calling thread with `.cancelled`; a completion that resubmits on `.cancelled`
    /// would loop, so stop on it.
    public func submit(
        _ request: HTTPRequest,
        options: TransferOptions = TransferOptions(),
        completion: @escaping @Sendable (Result<HTTPResponse, CurlError>) -> Void
    ) {
        submit(Submission(request: request, options: options, completion: completion))
    }

    private func submit(_ submission: Submission) {
        guard let loop else {
            let detail = startFailure ?? "no transfer engine"
            submission.completion(.failure(.other(url: redactedURL(submission.request.url), code: -1, detail: detail)))
            return
        }
        if !loop.submit(submission) {
            submission.completion(.failure(.cancelled(url: redactedURL(submission.request.url))))
        }
    }

    /// Sends `request` and returns the response, suspending (not blocking) until it is complete.
    ///
    /// Cancelling the task ends the transfer at once with `.cancelled` (Ctrl-C must not wait
    /// for a slow server's timeout); a task cancelled before the call sends nothing.
    public func perform(
        _ request: HTTPRequest,
        options: TransferOptions = TransferOptions()
    ) async throws(CurlError) -> HTTPResponse {
        let ticket = TransferTicket()
        let result = await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Result<HTTPResponse, CurlError>, Never>) in
                submit(Submission(request: request, options: options, completion: { continuation.resume(returning: $0) }, ticket: ticket))
            }
        } onCancel: {
            if let loop { loop.cancel(ticket) } else { ticket.cancel() }
        }
        return try result.get()
    }

    /// Stops the event loop: unfinished transfers complete with `.cancelled`, later submissions
    /// fail with `.cancelled`. Waits for the loop thread to end unless called from a completion.
    public func shutdown() {
        loop?.requestStop()
        loop?.join()
    }
}
