// Joining a rendered step with its target: the base URL's path, the step's path, and both
// queries — a base URL may carry a query of its own (`?api_key=…`) that every request sends.

import XCTest
@testable import Scenario

final class RequestTargetTests: XCTestCase {
    private func request(path: String, query: [RenderedRequest.Field] = []) -> RenderedRequest {
        RenderedRequest(operationId: "listAgents", method: "GET", path: path, query: query, headers: [], body: nil)
    }

    func testThePathFollowsTheBasePath() {
        let target = RequestTarget(baseURL: "http://127.0.0.1:8080/v2/", token: nil)
        XCTAssertEqual(target.baseURL, "http://127.0.0.1:8080/v2")
        XCTAssertEqual(target.url(for: request(path: "/agents", query: [.init(name: "page", value: "2")])),
                       "http://127.0.0.1:8080/v2/agents?page=2")
    }

    func testABaseURLsOwnQueryComesAfterThePathAndJoinsTheStepsQuery() {
        let target = RequestTarget(baseURL: "http://127.0.0.1:8080/v2?api_key=K", token: nil)
        XCTAssertEqual(target.url(for: request(path: "/agents")), "http://127.0.0.1:8080/v2/agents?api_key=K")
        XCTAssertEqual(target.url(for: request(path: "/agents", query: [.init(name: "page", value: "1")])),
                       "http://127.0.0.1:8080/v2/agents?api_key=K&page=1")
    }

    func testATrailingSlashBeforeTheQueryAndAFragmentAreDropped() {
        let target = RequestTarget(baseURL: "http://127.0.0.1:8080/v2/?api_key=K#top", token: nil)
        XCTAssertEqual(target.url(for: request(path: "/users")), "http://127.0.0.1:8080/v2/users?api_key=K")
    }

    /// A load run's error sample names the operation by its path template, the base URL's
    /// query after it, as the request went (and then redacted).
    func testAPathTemplateGoesBeforeTheBaseURLsQuery() {
        let target = RequestTarget(baseURL: "http://127.0.0.1:8080/v2?api_key=K&region=eu", token: nil)
        XCTAssertEqual(target.url(forPath: "/users/{user_id}"), "http://127.0.0.1:8080/v2/users/{user_id}?api_key=K&region=eu")
    }
}
