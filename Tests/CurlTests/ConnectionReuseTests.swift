// Connections are kept alive and reused; HTTP/2 over TLS (ALPN) multiplexes concurrent
// transfers on one connection; HTTP/2 also works over cleartext by prior knowledge.
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

    func testConcurrentHTTP2TransfersOverTLSShareOneConnection() async throws {
        let certificate = try SelfSignedCertificate.make()
        defer { certificate.remove() }
        let server = try await LoopbackServer.start(.h2OverTLS(certificate))
        let multi = Multi()
        let h2 = TransferOptions(httpVersion: .http2, verifyTLS: false, connectTimeout: .seconds(5), timeout: .seconds(10))
        // Each answer waits 300 ms on the server, so the transfers are in flight together.
        let count = 8
        let responses = try await withThrowingTaskGroup(of: HTTPResponse.self) { group in
            for index in 0..<count {
                group.addTask {
                    try await multi.perform(HTTPRequest(url: server.baseURL + "/delay/300?transfer=\(index)"), options: h2)
                }
            }
            return try await group.reduce(into: [HTTPResponse]()) { $0.append($1) }
        }
        XCTAssertEqual(responses.map(\.status), Array(repeating: 200, count: count))
        XCTAssertEqual(responses.map(\.httpVersion), Array(repeating: .http2, count: count), "ALPN negotiated h2")
        XCTAssertEqual(responses.filter(\.timings.newConnection).count, 1, "one transfer connects, the others multiplex on it")
        XCTAssertEqual(server.acceptedConnections, 1)
        XCTAssertGreaterThan(server.peakConcurrentStreams, 1, "streams were open on the connection at the same time")
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
