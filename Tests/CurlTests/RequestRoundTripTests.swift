// Requests go out with their method, headers and body intact; responses come back whole.
import Curl
import XCTest

final class RequestRoundTripTests: XCTestCase {
    private var server: LoopbackServer!
    private var client: CurlClient!
    private let options = TransferOptions(connectTimeout: .seconds(5), timeout: .seconds(5))

    override func setUp() async throws {
        server = try await LoopbackServer.start()
        client = CurlClient()
    }

    override func tearDown() async throws {
        client.multi.shutdown()
        try await server.stop()
    }

    func testGetSendsMethodPathAndHeaders() async throws {
        let request = HTTPRequest(url: server.baseURL + "/v2/agents?page=2", headers: ["Accept": "application/json", "X-Trace": "abc"])
        let response = try await client.perform(request, options: options)
        XCTAssertEqual(response.status, 200)
        let echo = try EchoedRequest.decode(response)
        XCTAssertEqual(echo.method, "GET")
        XCTAssertEqual(echo.path, "/v2/agents?page=2")
        XCTAssertEqual(echo.header("accept"), "application/json")
        XCTAssertEqual(echo.header("x-trace"), "abc")
        XCTAssertEqual(echo.header("user-agent"), "fcharness")
        XCTAssertEqual(echo.body, "")
    }

    func testARequestsOwnUserAgentReplacesTheDefaultAndIsSentOnce() async throws {
        let request = HTTPRequest(url: server.baseURL + "/v2/agents", headers: ["user-agent": "my-pipeline/2"])
        let echo = try EchoedRequest.decode(try await client.perform(request, options: options))
        XCTAssertEqual(echo.headers.filter { $0.name.lowercased() == "user-agent" }.map(\.value), ["my-pipeline/2"])
    }

    func testNoUserAgentIsSentWhenTheOptionsHaveNone() async throws {
        for userAgent in [nil, ""] as [String?] {
            var quiet = options
            quiet.userAgent = userAgent
            let echo = try EchoedRequest.decode(try await client.perform(HTTPRequest(url: server.baseURL + "/v2/agents"), options: quiet))
            XCTAssertNil(echo.header("user-agent"), "user agent \(String(describing: userAgent))")
        }
    }

    func testAPreparedRequestSendsTheUserAgentOfItsOptionsWhateverListItWasGiven() throws {
        let list = try HeaderList(["Accept": "application/json"], hasBody: false, userAgent: "other", url: "http://127.0.0.1/")
        var custom = options
        custom.userAgent = "fcharness-test"
        let prepared = try PreparedRequest(method: "GET", url: "http://127.0.0.1/", headerList: list, body: nil, options: custom)
        XCTAssertEqual(prepared.headerList.userAgent, "fcharness-test")
        XCTAssertEqual(prepared.headerList.headers["Accept"], "application/json")
        let matching = try PreparedRequest(method: "GET", url: "http://127.0.0.1/", headerList: prepared.headerList, body: nil, options: custom)
        XCTAssertTrue(matching.headerList === prepared.headerList, "a list built for the same user agent is shared, not rebuilt")
    }

    func testAUserAgentWithALineBreakIsRefused() {
        var bad = options
        bad.userAgent = "x\r\nX-Injected: 1"
        XCTAssertThrowsError(try PreparedRequest(HTTPRequest(url: "http://127.0.0.1/"), options: bad)) { error in
            guard case CurlError.invalidRequest = error else { return XCTFail("\(error)") }
        }
    }

    func testPostSendsBodyAndContentType() async throws {
        let body = #"{"message":"hello","n":1}"#
        let request = HTTPRequest(method: "POST", url: server.baseURL + "/v2/conversations",
                                  headers: ["Content-Type": "application/json"], body: Array(body.utf8))
        let response = try await client.perform(request, options: options)
        let echo = try EchoedRequest.decode(response)
        XCTAssertEqual(echo.method, "POST")
        XCTAssertEqual(echo.body, body)
        XCTAssertEqual(echo.header("content-type"), "application/json")
        XCTAssertEqual(echo.header("content-length"), "\(body.utf8.count)")
        XCTAssertNil(echo.header("expect"), "a body must not wait for 100 Continue")
    }

    func testPutAndPatchSendTheirBodiesWithTheirMethods() async throws {
        for method in ["PUT", "PATCH"] {
            let body = "\(method) body with\nnewline and ünïcode"
            let request = HTTPRequest(method: method, url: server.baseURL + "/v2/users/42", body: Array(body.utf8))
            let echo = try EchoedRequest.decode(try await client.perform(request, options: options))
            XCTAssertEqual(echo.method, method)
            XCTAssertEqual(echo.body, body)
        }
    }

    func testALargeBodyArrivesWhole() async throws {
        let body = String(repeating: "0123456789", count: 20_000)
        let request = HTTPRequest(method: "POST", url: server.baseURL + "/upload", body: Array(body.utf8))
        let echo = try EchoedRequest.decode(try await client.perform(request, options: options))
        XCTAssertEqual(echo.body.count, body.count)
        XCTAssertEqual(echo.body, body)
    }

    func testReusedHandleDoesNotLeakTheLastRequestsMethodHeadersOrBody() async throws {
        // One connection and, sequentially, one pooled easy handle serve all three requests.
        let post = HTTPRequest(method: "POST", url: server.baseURL + "/a", headers: ["X-Only-On-Post": "1"], body: Array("payload".utf8))
        _ = try await client.perform(post, options: options)
        let delete = HTTPRequest(method: "DELETE", url: server.baseURL + "/b")
        let deleted = try EchoedRequest.decode(try await client.perform(delete, options: options))
        XCTAssertEqual(deleted.method, "DELETE")
        XCTAssertEqual(deleted.body, "")
        XCTAssertNil(deleted.header("x-only-on-post"))
        let get = HTTPRequest(url: server.baseURL + "/c")
        let got = try EchoedRequest.decode(try await client.perform(get, options: options))
        XCTAssertEqual(got.method, "GET")
        XCTAssertNil(got.header("content-length"))
    }

    func testHeadReturnsHeadersWithoutBody() async throws {
        let response = try await client.perform(HTTPRequest(method: "HEAD", url: server.baseURL + "/x"), options: options)
        XCTAssertEqual(response.status, 200)
        XCTAssertEqual(response.body, [])
        XCTAssertEqual(response.headers["x-echo-method"], "HEAD")
    }

    func testResponseCarriesStatusAndHeadersLookedUpCaseInsensitively() async throws {
        let response = try await client.perform(HTTPRequest(url: server.baseURL + "/status/404"), options: options)
        XCTAssertEqual(response.status, 404)
        XCTAssertEqual(response.headers["X-Echo-Status"], "404")
        XCTAssertEqual(response.headers["x-echo-status"], "404")
        XCTAssertEqual(response.headers["content-length"], "10")
        XCTAssertEqual(response.headers.values(named: "x-echo-status"), ["404"])
        XCTAssertTrue(response.headers.fields.contains { $0.name == "x-echo-status" && $0.value == "404" })
        XCTAssertEqual(String(decoding: response.body, as: UTF8.self), "status 404")
        XCTAssertEqual(response.httpVersion, .http1_1)
        XCTAssertEqual(response.effectiveURL, server.baseURL + "/status/404")
    }

    func testRedirectIsReturnedAsIsByDefault() async throws {
        let response = try await client.perform(HTTPRequest(url: server.baseURL + "/redirect"), options: options)
        XCTAssertEqual(response.status, 302)
        XCTAssertEqual(response.headers["location"], "/echo?redirected=1")
    }

    func testFollowedRedirectKeepsOnlyTheFinalResponsesHeaders() async throws {
        var following = options
        following.followRedirects = true
        let response = try await client.perform(HTTPRequest(url: server.baseURL + "/redirect"), options: following)
        XCTAssertEqual(response.status, 200)
        XCTAssertEqual(try EchoedRequest.decode(response).path, "/echo?redirected=1")
        XCTAssertNil(response.headers["x-hop"], "headers of the 302 must not leak into the final response")
        XCTAssertEqual(response.headers["x-echo-method"], "GET")
        XCTAssertEqual(response.effectiveURL, server.baseURL + "/echo?redirected=1")
    }

    func testTimingsAreCumulativeAndOrdered() async throws {
        let response = try await client.perform(HTTPRequest(url: server.baseURL + "/timed"), options: options)
        let timings = response.timings
        XCTAssertLessThanOrEqual(timings.dns, timings.connect)
        XCTAssertLessThanOrEqual(timings.connect, timings.firstByte)
        XCTAssertLessThanOrEqual(timings.firstByte, timings.total)
        XCTAssertGreaterThan(timings.total, .zero)
        XCTAssertEqual(timings.tls, .zero, "plain HTTP has no TLS phase")
        XCTAssertEqual(timings.total, .microseconds(timings.totalMicroseconds))
    }

    func testHeaderWithLineBreakIsRejectedBeforeSending() async throws {
        let request = HTTPRequest(url: server.baseURL + "/x", headers: ["X-Injected": "a\r\nEvil: 1"])
        do {
            _ = try await client.perform(request, options: options)
            XCTFail("a header value with CRLF must not be sent")
        } catch {
            guard case .invalidRequest(_, let detail) = error else { return XCTFail("got \(error)") }
            XCTAssertTrue(detail.contains("X-Injected"))
            XCTAssertFalse(detail.contains("Evil"), "the error names the header, never its value")
        }
        XCTAssertEqual(server.acceptedConnections, 0)
    }
}
