// Failures arrive as typed CurlErrors that name the URL, never its credentials.
import Curl
import XCTest

final class TransferErrorTests: XCTestCase {
    private var client: CurlClient!

    override func setUp() {
        client = CurlClient()
    }

    override func tearDown() {
        client.multi.shutdown()
    }

    func testSlowResponseBeyondTheTotalTimeoutIsATimeout() async throws {
        let server = try await LoopbackServer.start()
        let options = TransferOptions(connectTimeout: .seconds(2), timeout: .milliseconds(200))
        do {
            _ = try await client.perform(HTTPRequest(url: server.baseURL + "/delay/3000"), options: options)
            XCTFail("expected a timeout")
        } catch {
            guard case .timeout(let url, let after) = error else { return XCTFail("got \(error)") }
            XCTAssertEqual(url, server.baseURL + "/delay/3000")
            XCTAssertGreaterThan(after, .zero)
            XCTAssertTrue(error.description.contains("timed out"))
        }
        try await server.stop()
    }

    func testClosedPortIsRefused() async throws {
        let port = try await LoopbackServer.closedPort()
        let options = TransferOptions(connectTimeout: .seconds(2), timeout: .seconds(2))
        do {
            _ = try await client.perform(HTTPRequest(url: "http://127.0.0.1:\(port)/x"), options: options)
            XCTFail("expected the connection to be refused")
        } catch {
            guard case .refused(let url, _) = error else { return XCTFail("got \(error)") }
            XCTAssertEqual(url, "http://127.0.0.1:\(port)/x")
        }
    }

    func testUnresolvableHostIsADNSError() async throws {
        // RFC 6761: .invalid never resolves; the resolver may still ask a DNS server first.
        let options = TransferOptions(connectTimeout: .seconds(3), timeout: .seconds(3))
        do {
            _ = try await client.perform(HTTPRequest(url: "http://fcharness-test.invalid/x"), options: options)
            XCTFail("expected a DNS failure")
        } catch {
            if case .dns(_, let detail) = error, detail.hasPrefix("Resolving timed out") {
                throw XCTSkip("name resolution did not fail within 3 s here (no reachable DNS server?): \(error)")
            }
            guard case .dns(let url, let detail) = error else { return XCTFail("got \(error)") }
            XCTAssertEqual(url, "http://fcharness-test.invalid/x")
            XCTAssertTrue(detail.contains("fcharness-test.invalid"), detail)
        }
    }

    func testErrorsNeverCarryCredentialsFromTheURL() async throws {
        let port = try await LoopbackServer.closedPort()
        let url = "http://svc-user:s3cret-pass@127.0.0.1:\(port)/v2/agents?token=tok123&page=2&API_KEY=key456&access_token=acc789#top"
        let request = HTTPRequest(url: url, headers: ["Authorization": "Bearer header-secret"])
        do {
            _ = try await client.perform(request, options: TransferOptions(connectTimeout: .seconds(2), timeout: .seconds(2)))
            XCTFail("expected the connection to be refused")
        } catch {
            XCTAssertEqual(error.url, "http://127.0.0.1:\(port)/v2/agents?page=2#top")
            for secret in ["s3cret-pass", "svc-user", "tok123", "key456", "acc789", "header-secret"] {
                XCTAssertFalse(error.description.contains(secret), "\(secret) leaked into: \(error.description)")
                XCTAssertFalse(String(describing: error).contains(secret), "\(secret) leaked into: \(error)")
            }
        }
        XCTAssertEqual(request.description, "GET http://127.0.0.1:\(port)/v2/agents?page=2#top")
    }

    func testMalformedURLIsAnInvalidRequest() async throws {
        do {
            _ = try await client.perform(HTTPRequest(url: "not a url at all"))
            XCTFail("expected the URL to be rejected")
        } catch {
            guard case .invalidRequest = error else { return XCTFail("got \(error)") }
        }
    }
}
