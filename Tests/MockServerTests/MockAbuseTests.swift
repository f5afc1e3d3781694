// The mock under abuse: malformed HTTP, oversized heads and bodies, slow-loris clients,
// thousands of idle connections, a client that never reads. Each is answered or closed, the
// mock keeps serving, and its memory stays bounded. (HardeningTests has the everyday cases.)
import Curl
import JSON
import MockServer
import XCTest

final class MockAbuseTests: XCTestCase {
    /// How much the process may grow while a test abuses the mock: a size bound, generous
    /// enough for allocator slack, far below what an unbounded buffer would reach.
    private let memoryBound = 200 << 20

    private func harness(requestTimeout: Duration = .seconds(30)) async throws -> MockHarness {
        var configuration = MockConfiguration.embedded()
        configuration.limits.requestTimeout = requestTimeout
        return try await MockHarness(configuration)
    }

    /// The first line the mock answers `bytes` with on a fresh connection ("" when it only closed).
    private func statusLine(for bytes: [UInt8], port: Int) throws -> String {
        let socket = try RawSocket(port: port)
        socket.send(bytes)
        let answer = socket.receive { $0.contains("\r\n") }
        socket.closeSocket()
        return answer.split(separator: "\r\n", maxSplits: 1).first.map(String.init) ?? ""
    }

    private func assertStillServing(_ mock: MockHarness, file: StaticString = #filePath, line: UInt = #line) async throws {
        let reply = try await mock.call("listGroups")
        XCTAssertEqual(reply.status, 200, "the mock still answers a normal request", file: file, line: line)
    }

    func testMalformedRequestLinesAndHeadersAreAnswered400() async throws {
        let mock = try await harness()
        let auth = "Authorization: Bearer \(mock.server.token)\r\n"
        let cases: [String] = [
            "\r\n\r\n\r\nGARBAGE\r\n\r\n",
            "GET\r\n\r\n",
            "GET /v2/agents\r\n\r\n",
            "GET /v2/agents HTTP/1.1 extra\r\nHost: x\r\n\r\n",
            "G\u{0}T /v2/agents HTTP/1.1\r\nHost: x\r\n\r\n",
            "GET /v2/ag\u{0}ents HTTP/1.1\r\nHost: x\r\n\r\n",
            "GET /v2/agents HTTP/1.1\r\nHost: x\r\nNoColonHere\r\n\r\n",
            "GET /v2/agents HTTP/1.1\r\nHost: x\r\nBad Name: v\r\n\r\n",
            "GET /v2/agents HTTP/1.1\r\nHost: x\r\nX-Value: a\u{0}b\r\n\r\n",
            "GET /v2/agents HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n",
            "GET /v2/agents HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999999\r\n\r\n",
            "POST /v2/users HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}",
            "POST /v2/users HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
            "POST /v2/users HTTP/1.1\r\nHost: x\r\n\(auth)Transfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n",
            "POST /v2/users HTTP/1.1\r\nHost: x\r\n\(auth)Transfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFFFFFFFF\r\n{}\r\n",
        ]
        for text in cases {
            let line = try statusLine(for: Array(text.utf8), port: mock.server.port)
            XCTAssertEqual(line, "HTTP/1.1 400 Bad Request", "answer to \(text.debugDescription)")
        }
        // Not UTF-8 at all.
        let binary: [UInt8] = [0xFF, 0xFE, 0x00, 0x80, 0x0D, 0x0A, 0x0D, 0x0A]
        XCTAssertEqual(try statusLine(for: binary, port: mock.server.port), "HTTP/1.1 400 Bad Request")
        try await assertStillServing(mock)
        await mock.finish()
    }

    func testAHeaderBlockOverTheLimitIs431() async throws {
        let mock = try await harness()
        let manyHeaders = (0..<400).map { "X-Header-\($0): \(String(repeating: "v", count: 60))\r\n" }.joined()
        let oversized: [String] = [
            "GET /v2/agents HTTP/1.1\r\nHost: x\r\n\(manyHeaders)\r\n",  // 400 small fields, 28 KiB in all
            "GET /v2/\(String(repeating: "a", count: 1 << 20)) HTTP/1.1\r\nHost: x\r\n\r\n",  // a 1 MiB target
            "GET /v2/agents HTTP/1.1\r\nHost: x\r\nX-\(String(repeating: "n", count: 64 << 10)): v\r\n\r\n",  // a 64 KiB name
        ]
        for text in oversized {
            let line = try statusLine(for: Array(text.utf8), port: mock.server.port)
            XCTAssertEqual(line, "HTTP/1.1 431 Request Header Fields Too Large", "answer to a request of \(text.utf8.count) bytes")
        }
        try await assertStillServing(mock)
        await mock.finish()
    }

    func testADeclaredBodyOverTheLimitIs413BeforeItIsSent() async throws {
        let mock = try await harness()
        let socket = try RawSocket(port: mock.server.port)
        // 10 GiB declared, nothing sent: the answer cannot wait for the body.
        socket.send("POST /v2/users HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(mock.server.token)\r\nContent-Length: 10737418240\r\n\r\n")
        let answer = socket.receive { $0.contains("payload_too_large") }
        socket.closeSocket()
        XCTAssertTrue(answer.hasPrefix("HTTP/1.1 413"), String(answer.prefix(80)))
        try await assertStillServing(mock)
        await mock.finish()
    }

    func testDeeplyNestedJSONIs400() async throws {
        let mock = try await harness()
        let deep = [UInt8](repeating: UInt8(ascii: "["), count: 200_000) + [UInt8](repeating: UInt8(ascii: "]"), count: 200_000)
        assertErrorBody(try await mock.send("POST", "/users", rawBody: deep), status: 400)
        try await assertStillServing(mock)
        await mock.finish()
    }

    func testASlowLorisHeaderIsClosedAfterTheRequestTimeout() async throws {
        // The idle timeout (60 s) never fires for a client that sends a byte every 20 ms;
        // the request timeout (300 ms here) does.
        let mock = try await harness(requestTimeout: .milliseconds(300))
        let port = mock.server.port
        let closed = try await ProcessResources.onThread { () -> Result<Bool, Error> in
            Result {
                let socket = try RawSocket(port: port)
                defer { socket.closeSocket() }
                let header = Array("GET /v2/agents HTTP/1.1\r\nHost: x\r\nX-Slow: \(String(repeating: "z", count: 450))".utf8)
                for byte in header {  // 10 s at most; the mock closes it after 0.3 s
                    if !socket.send([byte]) || socket.isClosedNow() { return true }
                    usleep(20_000)
                }
                return false
            }
        }.get()
        XCTAssertTrue(closed, "a header trickled a byte at a time is cut off")
        try await assertStillServing(mock)
        await mock.finish()
    }

    func testAStalledHeadOrBodyIsClosedAfterTheRequestTimeout() async throws {
        let mock = try await harness(requestTimeout: .milliseconds(300))
        let auth = "Authorization: Bearer \(mock.server.token)\r\n"
        let stalled = [
            "GET /v2/agents HTTP/1.1\r\nHost: x\r\nX-Half: abc",  // a head that stops
            "POST /v2/users HTTP/1.1\r\nHost: x\r\n\(auth)Content-Length: 100\r\n\r\n{\"first_",  // a body that stops
            "POST /v2/users HTTP/1.1\r\nHost: x\r\n\(auth)Transfer-Encoding: chunked\r\n\r\n5\r\n{\"fir",  // a chunk that stops
        ]
        let port = mock.server.port
        for text in stalled {
            // Read timeout 10 s: well past the request timeout, well before the idle timeout (60 s).
            let socket = try RawSocket(port: port, receiveTimeout: .seconds(10))
            socket.send(text)
            let closed = await ProcessResources.onThread { socket.isClosedByServer() }
            socket.closeSocket()
            XCTAssertTrue(closed, "closed: \(text.debugDescription)")
        }
        try await assertStillServing(mock)
        await mock.finish()
    }

    func testAKeepAliveConnectionBetweenRequestsIsNotCutByTheRequestTimeout() async throws {
        let mock = try await harness(requestTimeout: .milliseconds(200))
        let socket = try RawSocket(port: mock.server.port)
        let request = "GET /v2/groups HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(mock.server.token)\r\n\r\n"
        socket.send(request)
        XCTAssertTrue(socket.receive { $0.contains("\"groups\"") && $0.hasSuffix("}") }.hasPrefix("HTTP/1.1 200"))
        // Three request timeouts with nothing to read: only the idle timeout (60 s) applies.
        try await Task.sleep(for: .milliseconds(600))
        XCTAssertFalse(socket.isClosedNow())
        socket.send(request)
        XCTAssertTrue(socket.receive { $0.contains("\"groups\"") && $0.hasSuffix("}") }.hasPrefix("HTTP/1.1 200"))
        socket.closeSocket()
        await mock.finish()
    }

    func testTwoThousandIdleConnectionsLeaveTheMockServingWithBoundedMemory() async throws {
        // Each connection costs two descriptors here (client and server in one process).
        let wanted = 2_000
        let limit = ProcessResources.raiseOpenFileLimit(to: 2 * wanted + 512)
        // Where the hard limit is lower, fewer connections: the point is "as many as fit".
        let count = min(wanted, (limit - 512) / 2)
        XCTAssertGreaterThanOrEqual(count, 400, "the open-file limit (\(limit)) leaves too few connections to mean anything")
        let mock = try await harness()
        let port = mock.server.port
        let before = ProcessResources.residentBytes()

        let opened = await ProcessResources.onThread { () -> [RawSocket] in
            (0..<count).compactMap { _ in try? RawSocket(port: port) }
        }
        XCTAssertEqual(opened.count, count, "every connection was accepted")
        try await assertStillServing(mock)
        // They are open, idle, and still usable.
        XCTAssertEqual(opened.filter { $0.isClosedNow() }.count, 0)
        let request = "GET /v2/groups HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(mock.server.token)\r\nConnection: close\r\n\r\n"
        for socket in opened.prefix(5) + opened.suffix(5) {
            socket.send(request)
            XCTAssertTrue(socket.receive().hasPrefix("HTTP/1.1 200"))
        }
        if let before, let after = ProcessResources.residentBytes() {
            XCTAssertLessThan(after - before, memoryBound, "RSS \(before >> 20) MiB → \(after >> 20) MiB")
        }
        for socket in opened { socket.closeSocket() }
        try await assertStillServing(mock)
        await mock.finish()
    }

    func testAClientThatNeverReadsItsAnswersDoesNotGrowTheMock() async throws {
        let mock = try await harness()
        let port = mock.server.port
        let before = ProcessResources.residentBytes()
        // Each 110-byte request asks for about 5 KiB: 40 MiB of requests would queue some
        // 2 GiB of answers if the mock kept reading while it cannot write.
        let request = Array("GET /v2/agents?items_per_page=50 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(mock.server.token)\r\n\r\n".utf8)
        let block = Array(repeating: request, count: 600).flatMap { $0 }
        let sent = await ProcessResources.onThread { () -> Int in
            guard let socket = try? RawSocket(port: port, sendTimeout: .seconds(1)) else { return -1 }
            defer { socket.closeSocket() }
            var total = 0
            while total < 40 << 20 {
                let written = socket.sendCounting(block)
                total += written
                if written < block.count { break }  // the mock stopped reading: back-pressure
            }
            return total
        }
        XCTAssertGreaterThan(sent, 0)
        XCTAssertLessThan(sent, 40 << 20, "the mock stops reading a client that does not read")
        if let before, let after = ProcessResources.residentBytes() {
            XCTAssertLessThan(after - before, memoryBound, "RSS \(before >> 20) MiB → \(after >> 20) MiB after \(sent >> 10) KiB sent")
        }
        try await assertStillServing(mock)
        await mock.finish()
    }
}
