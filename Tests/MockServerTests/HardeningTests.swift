// Hostile and heavy clients: garbage, oversized bodies and headers, pipelining, keep-alive,
// idle connections, many connections. The mock answers and keeps serving.
import Curl
import JSON
import MockServer
import XCTest

final class HardeningTests: XCTestCase {
    func testGarbageIsAnswered400AndTheServerKeepsServing() async throws {
        let mock = try await MockHarness()
        for garbage in ["\u{01}\u{02}NOT HTTP AT ALL\r\n\r\n", "GET /v2/agents HTTP/9.9.9\r\n\r\n", "GET  HTTP/1.1\r\nHost\r\n\r\n"] {
            let socket = try RawSocket(port: mock.server.port)
            socket.send(garbage)
            let answer = socket.receive()
            socket.closeSocket()
            XCTAssertTrue(answer.hasPrefix("HTTP/1.1 400"), "answer to \(garbage.debugDescription): \(answer.prefix(80))")
        }
        let after = try await mock.call("listGroups")
        XCTAssertEqual(after.status, 200, "still serving")
        await mock.finish()
    }

    func testABodyOverTheLimitIs413() async throws {
        let mock = try await MockHarness()
        let big = [UInt8](repeating: UInt8(ascii: " "), count: 2 << 20)
        let reply = try await mock.send("POST", "/users", rawBody: big)
        assertErrorBody(reply, status: 413)
        // Without Content-Length: a chunked upload is cut off at the limit too.
        let socket = try RawSocket(port: mock.server.port)
        socket.send("POST /v2/users HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(mock.server.token)\r\nTransfer-Encoding: chunked\r\n\r\n")
        let chunk = String(repeating: "a", count: 0x10000)
        for _ in 0..<20 { socket.send("10000\r\n\(chunk)\r\n") }
        socket.send("0\r\n\r\n")
        let answer = socket.receive()
        socket.closeSocket()
        XCTAssertTrue(answer.hasPrefix("HTTP/1.1 413"), String(answer.prefix(80)))
        let after = try await mock.call("listGroups")
        XCTAssertEqual(after.status, 200, "still serving")
        await mock.finish()
    }

    func testABodyJustUnderTheLimitIsAccepted() async throws {
        let mock = try await MockHarness()
        let name = String(repeating: "n", count: 900 << 10)
        let reply = try await mock.call("createUser", body: ["first_name": .string(name)])
        XCTAssertEqual(reply.status, 200)
        XCTAssertEqual(reply.json?["first_name"]?.stringValue?.count, name.count)
        await mock.finish()
    }

    func testHugeHeadersAre431() async throws {
        let mock = try await MockHarness()
        let socket = try RawSocket(port: mock.server.port)
        socket.send("GET /v2/agents HTTP/1.1\r\nHost: x\r\nX-Padding: \(String(repeating: "p", count: 64 << 10))\r\n\r\n")
        let answer = socket.receive()
        socket.closeSocket()
        XCTAssertTrue(answer.hasPrefix("HTTP/1.1 431"), String(answer.prefix(80)))
        XCTAssertTrue(answer.contains("request_header_fields_too_large"))
        await mock.finish()
    }

    func testKeepAliveAndPipelinedRequestsAreAnsweredInOrder() async throws {
        let mock = try await MockHarness()
        let socket = try RawSocket(port: mock.server.port)
        let auth = "Authorization: Bearer \(mock.server.token)\r\n"
        socket.send("GET /v2/groups HTTP/1.1\r\nHost: x\r\n\(auth)\r\nGET /v2/nothing HTTP/1.1\r\nHost: x\r\n\(auth)\r\nGET /v2/channels HTTP/1.1\r\nHost: x\r\n\(auth)\r\n")
        let answer = socket.receive { $0.occurrences(of: "HTTP/1.1 ") == 3 && $0.hasSuffix("}") && $0.contains("\"channels\"") }
        socket.closeSocket()
        // Bodies do not end in CRLF, so a status line may follow a body on the same line.
        let statuses = answer.split(separator: "HTTP/1.1 ").map { "HTTP/1.1 " + $0.prefix(3) }
        XCTAssertEqual(statuses, ["HTTP/1.1 200", "HTTP/1.1 404", "HTTP/1.1 200"])
        XCTAssertLessThan(answer.range(of: "\"groups\"")?.lowerBound ?? answer.endIndex, answer.range(of: "\"channels\"")?.lowerBound ?? answer.startIndex)
        await mock.finish()
    }

    func testAnIdleConnectionIsClosed() async throws {
        var configuration = MockConfiguration.embedded()
        configuration.limits.idleTimeout = .milliseconds(200)
        let mock = try await MockHarness(configuration)
        let socket = try RawSocket(port: mock.server.port)
        // Nothing sent: the server closes it well before the socket's 5 s receive timeout.
        XCTAssertTrue(socket.isClosedByServer())
        socket.closeSocket()
        await mock.finish()
    }

    func testManyConnectionsAtOnceAreAllServed() async throws {
        let mock = try await MockHarness()
        let port = mock.server.port
        let token = mock.server.token
        let answered = try await withThrowingTaskGroup(of: Bool.self) { group in
            for _ in 0..<4 {
                group.addTask {
                    // Each task opens 50 connections before reading any answer.
                    let sockets = try (0..<50).map { _ in try RawSocket(port: port) }
                    for socket in sockets { socket.send("GET /v2/groups HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(token)\r\nConnection: close\r\n\r\n") }
                    var ok = true
                    for socket in sockets {
                        ok = ok && socket.receive().hasPrefix("HTTP/1.1 200")
                        socket.closeSocket()
                    }
                    return ok
                }
            }
            var all = true
            for try await ok in group { all = all && ok }
            return all
        }
        XCTAssertTrue(answered, "200 simultaneous connections all got a 200")
        await mock.finish()
    }
}
