// page / items_per_page: bounds, defaults, absolute links, and walking a list by its links.
import JSON
import MockServer
import XCTest

final class PaginationTests: XCTestCase {
    func testTheFirstPageLinksOnlyForwardAndTheLastOnlyBack() async throws {
        let mock = try await MockHarness()  // 45 seeded users
        let first = try await mock.call("listUsers")
        XCTAssertEqual(first.json?["users"]?.arrayValue?.count, 20, "default page size is 20")
        XCTAssertNil(first.json?["links"]?["prev_page"])
        XCTAssertEqual(first.json?["links"]?["next_page"]?.stringValue, mock.server.baseURL + "/users?page=2&items_per_page=20")

        let last = try await mock.call("listUsers", query: "page=3")
        XCTAssertEqual(last.json?["users"]?.arrayValue?.count, 5)
        XCTAssertNil(last.json?["links"]?["next_page"])
        XCTAssertEqual(last.json?["links"]?["prev_page"]?.stringValue, mock.server.baseURL + "/users?page=2&items_per_page=20")

        let beyond = try await mock.call("listUsers", query: "page=9")
        XCTAssertEqual(beyond.json?["users"]?.arrayValue?.count, 0)
        XCTAssertNotNil(beyond.json?["links"]?["prev_page"])
        await mock.finish()
    }

    func testFollowingNextPageLinksVisitsEveryUserOnce() async throws {
        let mock = try await MockHarness()
        var url: String? = mock.server.baseURL + "/users?items_per_page=7"
        var seen: [String] = []
        var pages = 0
        while let next = url, pages < 20 {
            let reply = try await mock.get(url: next)
            XCTAssertEqual(reply.status, 200)
            XCTAssertEqual(SpecResponses.shared.violations(of: reply, operationId: "listUsers").map(\.description), [])
            seen += reply.json?["users"]?.arrayValue?.compactMap { $0["id"]?.stringValue } ?? []
            url = reply.json?["links"]?["next_page"]?.stringValue
            pages += 1
        }
        XCTAssertEqual(pages, 7)
        XCTAssertEqual(seen.count, 45)
        XCTAssertEqual(Set(seen).count, 45)
        await mock.finish()
    }

    func testItemsPerPageAcceptsOneToFifty() async throws {
        let mock = try await MockHarness()
        let one = try await mock.call("listAgents", query: "items_per_page=1")
        XCTAssertEqual(one.json?["agents"]?.arrayValue?.count, 1)
        let fifty = try await mock.call("listConversations", query: "items_per_page=50")
        XCTAssertEqual(fifty.json?["conversations"]?.arrayValue?.count, 50)
        await mock.finish()
    }

    /// The spec documents no 400 for list operations; the mock still rejects parameters
    /// outside their schema (docs/mock.md, "Where the spec is silent").
    func testOutOfRangePaginationIs400NamingTheParameter() async throws {
        let mock = try await MockHarness()
        for query in ["items_per_page=51", "items_per_page=0", "items_per_page=abc"] {
            let reply = try await mock.send("GET", "/agents?\(query)")
            assertErrorBody(reply, status: 400, mentioning: "items_per_page")
        }
        for query in ["page=0", "page=-1", "page=1.5"] {
            let reply = try await mock.send("GET", "/conversations?\(query)")
            assertErrorBody(reply, status: 400, mentioning: "page")
        }
        let ignored = try await mock.call("listAgents", query: "unknown=1&items_per_page=2")
        XCTAssertEqual(ignored.json?["agents"]?.arrayValue?.count, 2, "unknown query parameters are ignored")
        await mock.finish()
    }
}
