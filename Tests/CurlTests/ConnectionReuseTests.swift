// Connections are kept alive and reused; HTTP/2 works over cleartext by prior knowledge.
import Curl
import XCTest

final class ConnectionReuseTests: XCTestCase {
    private let options = TransferOptions(connectTimeout: .seconds(5), timeout: .seconds(5))

    func testSequentialRequestsReuseOneKeepAliveConnection() async throws {
        let server = try await LoopbackServer.start()
        let client = CurlClient()
        var newConnections: [Bool] = []
        for index in 0..<5 {
            let response = try await client.perform(HTTPRequest(url: server.baseURL + "/seq/\(index)"), options: options)
            XCTAssertEqual(try EchoedRequest.decode(response).path, "/seq/\(index)")
            newConnections.append(response.timings.newConnection)
        }
        XCTAssertEqual(newConnections, [true, false, false, false, false])
        XCTAssertEqual(server.acceptedConnections, 1)
        client.multi.shutdown()
        try await server.stop()
    }

    func testPriorKnowledgeSpeaksHTTP2ToACleartextServer() async throws {
        let server = try await LoopbackServer.start(.h2c)
        let client = CurlClient()
        var h2 = options
        h2.httpVersion = .http2PriorKnowledge
        let body = "over h2c"
        let response = try await client.perform(
            HTTPRequest(method: "POST", url: server.baseURL + "/h2", headers: ["X-Stream": "1"], body: Array(body.utf8)),
            options: h2
        )
        XCTAssertEqual(response.status, 200)
        XCTAssertEqual(response.httpVersion, .http2)
        let echo = try EchoedRequest.decode(response)
        XCTAssertEqual(echo.method, "POST")
        XCTAssertEqual(echo.body, body)
        XCTAssertEqual(echo.header("x-stream"), "1")
        XCTAssertEqual(response.headers["x-echo-method"], "POST")
        client.multi.shutdown()
        try await server.stop()
    }

    func testConcurrentHTTP2TransfersAllSucceedAndShareAConnectionWhereLibcurlAllows() async throws {
        let server = try await LoopbackServer.start(.h2c)
        let multi = Multi()
        let h2 = TransferOptions(httpVersion: .http2PriorKnowledge, connectTimeout: .seconds(5), timeout: .seconds(5))
        let versions = try await withThrowingTaskGroup(of: HTTPVersion.self) { group in
            for index in 0..<20 {
                group.addTask {
                    let response = try await multi.perform(HTTPRequest(url: server.baseURL + "/stream/\(index)"), options: h2)
                    XCTAssertEqual(try EchoedRequest.decode(response).path, "/stream/\(index)")
                    return response.httpVersion
                }
            }
            return try await group.reduce(into: [HTTPVersion]()) { $0.append($1) }
        }
        XCTAssertEqual(versions, Array(repeating: .http2, count: 20))
        if LibcurlRuntime.reusesPriorKnowledgeConnections {
            XCTAssertEqual(server.acceptedConnections, 1, "every stream should be multiplexed on the one connection")
        } else {
            // libcurl \(LibcurlRuntime.version) breaks reused h2c connections: one connection per transfer.
            XCTAssertEqual(server.acceptedConnections, 20, "libcurl \(LibcurlRuntime.version)")
        }
        multi.shutdown()
        try await server.stop()
    }

    func testPlainHTTP2PreferenceStaysOnHTTP1WithoutTLS() async throws {
        let server = try await LoopbackServer.start()
        let client = CurlClient()
        var h2 = options
        h2.httpVersion = .http2
        let response = try await client.perform(HTTPRequest(url: server.baseURL + "/plain"), options: h2)
        XCTAssertEqual(response.httpVersion, .http1_1)
        client.multi.shutdown()
        try await server.stop()
    }
}
