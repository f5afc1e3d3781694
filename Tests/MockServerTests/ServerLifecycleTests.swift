// Starting, addressing and stopping the server as the CLI and embedders do.
import MockServer
import XCTest

final class ServerLifecycleTests: XCTestCase {
    func testAStartedServerReportsItsAddressAndStopsCleanly() async throws {
        let server = try await MockServer.start(.embedded())
        XCTAssertGreaterThan(server.port, 0)
        XCTAssertEqual(server.address, "http://127.0.0.1:\(server.port)")
        XCTAssertEqual(server.baseURL, "http://127.0.0.1:\(server.port)/v2")
        XCTAssertEqual(server.operationIds.count, 16)
        XCTAssertTrue(server.token.hasPrefix("mock-"), "an embedded mock gets a random token")
        let running = Task { try await server.run() }
        await server.shutdown()
        try await running.value  // run() returns once the server is shut down
        await server.shutdown()  // a second shutdown is harmless
    }

    func testTwoEmbeddedServersGetDifferentTokensAndPorts() async throws {
        let first = try await MockServer.start(.embedded())
        let second = try await MockServer.start(.embedded())
        XCTAssertNotEqual(first.token, second.token)
        XCTAssertNotEqual(first.port, second.port)
        await first.shutdown()
        await second.shutdown()
    }

    func testAPortInUseIsABindError() async throws {
        let first = try await MockServer.start(.embedded())
        var configuration = MockConfiguration.embedded()
        configuration.port = first.port
        do {
            let second = try await MockServer.start(configuration)
            await second.shutdown()
            XCTFail("bound a port already in use")
        } catch let error as MockServerError {
            XCTAssertTrue(error.description.contains("\(first.port)"), error.description)
        }
        await first.shutdown()
    }
}
