// Cancelling the task that awaits `perform` (Ctrl-C) ends its transfer at once, on the same
// event loop, instead of leaving it to the server or the timeout.
import Curl
import Foundation
import XCTest

final class TransferCancellationTests: XCTestCase {
    func testCancellingTheTaskEndsATransferInFlightWithCancelled() async throws {
        let server = try await LoopbackServer.start()
        let client = CurlClient()
        let url = server.baseURL + "/delay/30000"
        let slow = Task { await send(url, on: client) }
        for _ in 0..<400 where server.acceptedConnections == 0 { try await Task.sleep(for: .milliseconds(25)) }
        XCTAssertEqual(server.acceptedConnections, 1, "the transfer never reached the server")

        slow.cancel()
        let result = await slow.value
        guard case .failure(.cancelled(let reported)) = result else {
            return XCTFail("expected .cancelled, got \(result) (a 200 means the transfer ran to its end)")
        }
        XCTAssertEqual(reported, url)

        // The engine goes on serving the client's other requests.
        let next = await send(server.baseURL + "/after", on: client)
        XCTAssertEqual(try next.get().status, 200)
        client.multi.shutdown()
        try await server.stop()
    }

    func testATaskCancelledBeforeTheCallSendsNothing() async throws {
        let server = try await LoopbackServer.start()
        let client = CurlClient()
        let url = server.baseURL + "/never"
        let cancelled = Task { () async -> Result<HTTPResponse, CurlError> in
            withUnsafeCurrentTask { $0?.cancel() }
            return await send(url, on: client)
        }
        let result = await cancelled.value
        guard case .failure(.cancelled) = result else { return XCTFail("expected .cancelled, got \(result)") }
        XCTAssertEqual(server.acceptedConnections, 0, "a cancelled task must not open a connection")
        client.multi.shutdown()
        try await server.stop()
    }

    func testCancellingOneOfSeveralTransfersLeavesTheOthersRunning() async throws {
        let server = try await LoopbackServer.start()
        let client = CurlClient()
        let slowURL = server.baseURL + "/delay/30000"
        let otherURL = server.baseURL + "/delay/300"
        let slow = Task { await send(slowURL, on: client) }
        let other = Task { await send(otherURL, on: client) }
        for _ in 0..<400 where server.acceptedConnections < 2 { try await Task.sleep(for: .milliseconds(25)) }
        XCTAssertEqual(server.acceptedConnections, 2)

        slow.cancel()
        let slowResult = await slow.value
        guard case .failure(.cancelled) = slowResult else { return XCTFail("expected .cancelled, got \(slowResult)") }
        let response = try await other.value.get()
        XCTAssertEqual(response.status, 200)
        XCTAssertEqual(String(decoding: response.body, as: UTF8.self), "delayed 300 ms")
        client.multi.shutdown()
        try await server.stop()
    }
}

/// One GET whose timeout is long enough that only cancellation can end it within a test.
private func send(_ url: String, on client: CurlClient) async -> Result<HTTPResponse, CurlError> {
    do {
        return .success(try await client.perform(
            HTTPRequest(url: url), options: TransferOptions(connectTimeout: .seconds(5), timeout: .seconds(60))))
    } catch {
        return .failure(error)
    }
}
