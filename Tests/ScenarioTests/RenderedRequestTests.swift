// A step rendered into a request description for its operation: method, filled path,
// query, headers, body bytes.

import JSON
import OpenAPI
import XCTest
@testable import Scenario

private typealias Field = RenderedRequest.Field

final class RenderedRequestTests: XCTestCase {
    func testAStepWithPathAndQueryParametersRenders() throws {
        let scenario = try loadScenario("""
            steps:
              - operation: listConversationMessages
                path: { conversation_id: "{{conversation}}" }
                query: { page: 2, items_per_page: "{{size}}", q: "a b&c" }
                headers: { X-Request-Id: "req-{{n}}" }
            """)
        var context = fixedContext(["conversation": "c/1 ü", "size": 50, "n": 7])
        let request = try scenario.steps[0].render(for: try FreshchatSpec.operation("listConversationMessages"), context: &context)
        XCTAssertEqual(request.operationId, "listConversationMessages")
        XCTAssertEqual(request.method, "GET")
        XCTAssertEqual(request.path, "/conversations/c%2F1%20%C3%BC/messages")
        XCTAssertEqual(request.query, [Field(name: "page", value: "2"), Field(name: "items_per_page", value: "50"), Field(name: "q", value: "a b&c")])
        XCTAssertEqual(request.pathAndQuery, "/conversations/c%2F1%20%C3%BC/messages?page=2&items_per_page=50&q=a%20b%26c")
        XCTAssertEqual(request.headers, [Field(name: "X-Request-Id", value: "req-7")])
        XCTAssertNil(request.body)
    }

    func testABodyRendersToCompactJSONWithAContentType() throws {
        let scenario = try loadScenario("""
            steps:
              - operation: createUser
                body: { email: "{{email}}", first_name: Ada, properties: [{ name: age, value: "{{age}}" }] }
            """)
        var context = fixedContext(["email": "ada@example.com", "age": 36])
        let request = try scenario.steps[0].render(for: try FreshchatSpec.operation("createUser"), context: &context)
        XCTAssertEqual(request.method, "POST")
        XCTAssertEqual(request.path, "/users")
        XCTAssertEqual(request.pathAndQuery, "/users")
        XCTAssertEqual(request.headers, [Field(name: "Content-Type", value: "application/json")])
        let body = try XCTUnwrap(request.body)
        XCTAssertEqual(
            String(decoding: body, as: UTF8.self),
            #"{"email":"ada@example.com","first_name":"Ada","properties":[{"name":"age","value":36}]}"#)
    }

    func testAContentTypeTheStepSetsIsKept() throws {
        let scenario = try loadScenario("""
            steps:
              - operation: createUser
                headers: { content-type: application/merge-patch+json }
                body: { first_name: Ada }
            """)
        var context = fixedContext()
        let request = try scenario.steps[0].render(for: try FreshchatSpec.operation("createUser"), context: &context)
        XCTAssertEqual(request.headers, [Field(name: "content-type", value: "application/merge-patch+json")])
    }

    func testRenderingUsesTheSeededRandomSource() throws {
        let scenario = try loadScenario("""
            steps:
              - operation: createUser
                body: { email: "{{random.email}}" }
            """)
        let operation = try FreshchatSpec.operation("createUser")
        var first = fixedContext(seed: 3)
        var second = fixedContext(seed: 3)
        XCTAssertEqual(
            try scenario.steps[0].render(for: operation, context: &first).body,
            try scenario.steps[0].render(for: operation, context: &second).body)
    }
}
