// The shipped overlay scenarios/overlays/freshchat-observed.yaml: every action selects
// something in the Freshchat spec, the result indexes, and it states each difference issue 13
// lists between the seed spec and the live API.

import JSON
import OpenAPI
import XCTest

final class ObservedOverlayTests: XCTestCase {
    static var overlayPath: String { TestFiles.packageRoot + "/scenarios/overlays/freshchat-observed.yaml" }

    var observed: OverlaidSpec!
    var index: OperationIndex!

    override func setUpWithError() throws {
        observed = try OverlaidSpec.load(path: TestFiles.freshchatSpecPath, overlays: [Overlay.load(path: Self.overlayPath)])
        index = try OperationIndex(document: observed.document)
    }

    func schema(_ name: String) -> JSON? { observed.document.root["components"]?["schemas"]?[name] }

    func testEveryActionSelectsSomethingAndTheResultIndexes() {
        XCTAssertEqual(observed.warnings, [])
        XCTAssertEqual(index.operations.count, 16)
    }

    func testListsCarryPaginationAndLinkObjects() throws {
        for list in ["/conversations", "/agents", "/users", "/channels", "/groups"] {
            let properties = observed.document.root["paths"]?[list]?["get"]?["responses"]?["200"]?["content"]?["application/json"]?["schema"]?["properties"]
            XCTAssertEqual(properties?["pagination"], ["$ref": "#/components/schemas/Pagination"], list)
            XCTAssertEqual(properties?["links"], ["$ref": "#/components/schemas/PaginationLinks"], list)
        }
        XCTAssertEqual(schema("Pagination")?["properties"]?.objectValue?.keys, ["current_page", "items_per_page", "total_items", "total_pages"])
        XCTAssertEqual(schema("PaginationLinks")?["properties"]?.objectValue?.keys, ["next_page", "previous_page", "first_page", "last_page"])
        XCTAssertEqual(schema("PageLink")?["properties"]?.objectValue?.keys, ["href", "rel", "type"])
    }

    func testTheMessagesListHasOneLinkWithFromTime() throws {
        let list = try XCTUnwrap(index.operation(id: "listConversationMessages"))
        let properties = observed.document.root["paths"]?["/conversations/{conversation_id}/messages"]?["get"]?["responses"]?["200"]?["content"]?["application/json"]?["schema"]?["properties"]
        XCTAssertNil(properties?["links"])
        XCTAssertEqual(properties?["link"]?["properties"]?["href"]?["pattern"], "from_time=")
        XCTAssertTrue(list.parameters.contains { $0.name == "from_time" })
    }

    func testErrorBodiesHaveAnIntegerCodeAndAStatus() {
        XCTAssertEqual(schema("Error")?["properties"]?["code"]?["type"], "integer")
        XCTAssertEqual(schema("Error")?["properties"]?["status"]?["type"], "string")
    }

    func testRateLimitHeadersAndA429WithoutRetryAfter() {
        let components = observed.document.root["components"]
        XCTAssertEqual(components?["headers"]?.objectValue?.keys, ["X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset"])
        let tooMany = components?["responses"]?["TooManyRequests"]
        XCTAssertEqual(tooMany?["headers"]?.objectValue?.keys, ["X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset"])
        for operation in index.operations {
            XCTAssertTrue(operation.documentedStatuses.contains("429"), operation.id)
        }
        XCTAssertEqual(observed.document.root["paths"]?["/users"]?["get"]?["responses"]?["200"]?["headers"]?.objectValue?.count, 3)
    }

    func testConversationStatusTakesTheTwoWaitingStatuses() {
        for name in ["Conversation", "ConversationUpdate"] {
            XCTAssertEqual(schema(name)?["properties"]?["status"]?["enum"], [
                "new", "assigned", "resolved", "reopened", "waiting on customer", "waiting on internal team",
            ], name)
        }
    }

    func testUsersAndAgentsTakeUpTo100ItemsPerPage() throws {
        func maximum(_ id: String) throws -> JSON? {
            let operation = try XCTUnwrap(index.operation(id: id))
            return try XCTUnwrap(operation.parameter(named: "items_per_page", in: .query)).schema?["maximum"]
        }
        XCTAssertEqual(try maximum("listUsers"), 100)
        XCTAssertEqual(try maximum("listAgents"), 100)
        XCTAssertEqual(try maximum("listConversations"), 50)
    }

    func testCreatesAnswer200Or202AndNever201() {
        for id in ["createUser", "createConversation", "sendMessage"] {
            XCTAssertEqual(index.documentedStatuses(of: id)?.filter { $0.hasPrefix("2") }, ["200", "202"], id)
        }
        XCTAssertFalse(index.operations.contains { $0.documentedStatuses.contains("201") })
    }
}
