// The simplest way to send requests: one call per request, connections reused between calls.

/// Sends one request at a time per call, reusing connections across calls.
///
/// A thin owner of a `Multi`: use it for contract runs and tools; a load run drives the `Multi`
/// through `submit` instead, to keep thousands of transfers in flight without a task each.
public final class CurlClient: Sendable {
    /// The engine the requests run on; shared by every call on this client.
    public let multi: Multi

    /// Creates a client with its own event-loop thread.
    /// - Parameter maxConnectionsPerHost: at most this many connections to one host (0: no limit).
    public init(maxConnectionsPerHost: Int = 0) {
        multi = Multi(maxConnectionsPerHost: maxConnectionsPerHost)
    }

    /// Sends `request` and returns the response, or why there is none.
    public func perform(
        _ request: HTTPRequest,
        options: TransferOptions = TransferOptions()
    ) async throws(CurlError) -> HTTPResponse {
        try await multi.perform(request, options: options)
    }
}
