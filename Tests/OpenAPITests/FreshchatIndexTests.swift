// The Freshchat spec as the harness sees it: every operation, its parameters, statuses,
// response schemas, servers and security.

import JSON
import OpenAPI
import XCTest

final class FreshchatIndexTests: XCTestCase {
    private var index: OperationIndex!

    override func setUpWithError() throws {
        index = try OperationIndex.load(path: TestFiles.freshchatSpecPath)
    }

    private func operation(_ id: String, file: StaticString = #filePath, line: UInt = #line) throws -> OpenAPI.Operation {
        try XCTUnwrap(index.operation(id: id), "no operation \(id)", file: file, line: line)
    }

    func testTheIndexHasTheSixteenOperationsInDocumentOrderWithMethodAndPath() {
        let expected: [(String, String, String)] = [
            ("listConversations", "GET", "/conversations"),
            ("createConversation", "POST", "/conversations"),
            ("getConversation", "GET", "/conversations/{conversation_id}"),
            ("updateConversation", "PUT", "/conversations/{conversation_id}"),
            ("listConversationMessages", "GET", "/conversations/{conversation_id}/messages"),
            ("sendMessage", "POST", "/conversations/{conversation_id}/messages"),
            ("listAgents", "GET", "/agents"),
            ("getAgent", "GET", "/agents/{agent_id}"),
            ("listUsers", "GET", "/users"),
            ("createUser", "POST", "/users"),
            ("getUser", "GET", "/users/{user_id}"),
            ("updateUser", "PUT", "/users/{user_id}"),
            ("listChannels", "GET", "/channels"),
            ("getChannel", "GET", "/channels/{channel_id}"),
            ("listGroups", "GET", "/groups"),
            ("getGroup", "GET", "/groups/{group_id}"),
        ]
        XCTAssertEqual(index.operations.count, 16)
        XCTAssertEqual(index.operations.map(\.id), expected.map(\.0))
        for (id, method, path) in expected {
            let operation = index.operation(id: id)
            XCTAssertEqual(operation?.method, method, id)
            XCTAssertEqual(operation?.pathTemplate, path, id)
        }
    }

    func testListConversationsTakesItsFiveQueryParametersIncludingTheReferencedPaginationOnes() throws {
        let operation = try operation("listConversations")
        XCTAssertEqual(operation.parameters.map(\.name), ["page", "items_per_page", "status", "assigned_agent_id", "assigned_group_id"])
        XCTAssertTrue(operation.parameters.allSatisfy { $0.location == .query && !$0.required })
        let page = try XCTUnwrap(operation.parameter(named: "page", in: .query))
        XCTAssertEqual(page.schemaPointer.description, "/components/parameters/PageParam/schema")
        XCTAssertEqual(page.schema?["minimum"], 1)
        XCTAssertEqual(page.pointer.description, "/components/parameters/PageParam")
        let status = try XCTUnwrap(operation.parameter(named: "status", in: .query))
        XCTAssertEqual(status.schemaPointer.description, "/paths/~1conversations/get/parameters/2/schema")
        XCTAssertEqual(status.schema, ["type": "string"])
    }

    func testGetConversationHasARequiredConversationIdInThePath() throws {
        let parameters = try operation("getConversation").parameters
        XCTAssertEqual(parameters.count, 1)
        XCTAssertEqual(parameters.first?.name, "conversation_id")
        XCTAssertEqual(parameters.first?.location, .path)
        XCTAssertEqual(parameters.first?.required, true)
        XCTAssertEqual(parameters.first?.description, "The ID of the conversation.")
    }

    func testInlinePathParametersAreReadLikeReferencedOnes() throws {
        let channel = try XCTUnwrap(try operation("getChannel").parameter(named: "channel_id", in: .path))
        XCTAssertTrue(channel.required)
        XCTAssertEqual(channel.schemaPointer.description, "/paths/~1channels~1{channel_id}/get/parameters/0/schema")
    }

    func testDocumentedStatusesArePerOperationInNumericOrder() {
        XCTAssertEqual(index.documentedStatuses(of: "getConversation"), ["200", "401", "404"])
        XCTAssertEqual(index.documentedStatuses(of: "createConversation"), ["200", "400", "401"])
        XCTAssertEqual(index.documentedStatuses(of: "sendMessage"), ["200", "400", "401", "404"])
        XCTAssertEqual(index.documentedStatuses(of: "listChannels"), ["200", "401"])
        XCTAssertNil(index.documentedStatuses(of: "noSuchOperation"))
    }

    func testSendMessageSucceedsWithoutABody() throws {
        let ok = try XCTUnwrap(try operation("sendMessage").response(for: 200))
        XCTAssertEqual(ok.description, "Message sent successfully")
        XCTAssertTrue(ok.content.isEmpty)
        XCTAssertNil(ok.schema(forContentType: "application/json"))
    }

    func testResponseSchemaPointersGoThroughComponentsResponses() throws {
        let getConversation = try operation("getConversation")
        let notFound = try XCTUnwrap(getConversation.response(for: 404))
        XCTAssertEqual(notFound.pointer.description, "/components/responses/NotFound")
        XCTAssertEqual(notFound.description, "The requested resource was not found.")
        let schema = try XCTUnwrap(notFound.schema(forContentType: "application/json; charset=utf-8"))
        XCTAssertEqual(schema.pointer.description, "/components/responses/NotFound/content/application~1json/schema")
        XCTAssertEqual(schema.schema, ["$ref": "#/components/schemas/Error"], "schemas stay as written")

        let ok = try XCTUnwrap(getConversation.response(for: 200)?.schema(forContentType: "application/json"))
        XCTAssertEqual(ok.pointer.description, "/paths/~1conversations~1{conversation_id}/get/responses/200/content/application~1json/schema")
        XCTAssertEqual(ok.schema, ["$ref": "#/components/schemas/Conversation"])
        XCTAssertEqual(try operation("listAgents").response(for: 401)?.pointer.description, "/components/responses/Unauthorized")
    }

    func testAnUndocumentedStatusHasNoResponse() throws {
        let getConversation = try operation("getConversation")
        XCTAssertNil(getConversation.response(for: 500))
        XCTAssertNil(getConversation.response(for: 201))
    }

    func testRequestBodiesAreRequiredWithTheirSchemaPointer() throws {
        let body = try XCTUnwrap(try operation("createConversation").requestBody)
        XCTAssertTrue(body.required)
        XCTAssertEqual(body.content.map(\.contentType), ["application/json"])
        let schema = try XCTUnwrap(body.schema(forContentType: "application/json"))
        XCTAssertEqual(schema.schema, ["$ref": "#/components/schemas/ConversationCreate"])
        XCTAssertEqual(schema.pointer.description, "/paths/~1conversations/post/requestBody/content/application~1json/schema")
        XCTAssertNil(try operation("getConversation").requestBody)
    }

    func testEveryOperationInheritsTheTwoServersWithTheDomainVariable() throws {
        for operation in index.operations {
            XCTAssertEqual(operation.servers.map(\.url), ["https://{domain}.freshchat.com/v2", "https://{domain}.myfreshworks.com/v2"], operation.id)
        }
        let server = try XCTUnwrap(try operation("getUser").servers.first)
        XCTAssertEqual(server.variables["domain"]?.defaultValue, "yourdomain")
        XCTAssertEqual(server.variables["domain"]?.description, "Your Freshchat account name")
        XCTAssertEqual(try server.expandedURL(), "https://yourdomain.freshchat.com/v2")
        XCTAssertEqual(try server.expandedURL(with: ["domain": "acme"]), "https://acme.freshchat.com/v2")
    }

    func testEveryOperationInheritsTheDocumentsBearerAuthentication() {
        for operation in index.operations {
            XCTAssertEqual(operation.security.count, 1, operation.id)
            XCTAssertEqual(operation.security.first?.entries.first?.scheme.name, "bearerAuth", operation.id)
            XCTAssertTrue(operation.security.acceptsBearerToken, operation.id)
            XCTAssertFalse(operation.security.allowsAnonymous, operation.id)
        }
    }

    func testSummariesAndTagsComeFromTheSpec() throws {
        let operation = try operation("listConversationMessages")
        XCTAssertEqual(operation.summary, "List messages in a conversation")
        XCTAssertEqual(operation.tags, ["Messages"])
    }

    func testAConcretePathIsBuiltFromTheTemplate() throws {
        XCTAssertEqual(try operation("getConversation").path(with: ["conversation_id": "a/b"]), "/conversations/a%2Fb")
        XCTAssertEqual(try operation("listConversationMessages").path(with: ["conversation_id": "c 1"]), "/conversations/c%201/messages")
    }

    func testAMistypedOperationIdGetsSuggestions() {
        XCTAssertEqual(index.suggestions(for: "getUsr").first, "getUser")
        XCTAssertEqual(index.suggestions(for: "GETUSER").first, "getUser")
        XCTAssertEqual(index.suggestions(for: "listAgent", limit: 1), ["listAgents"])
        let nearConversation = index.suggestions(for: "getConversations")
        XCTAssertEqual(nearConversation.count, 3)
        XCTAssertEqual(nearConversation.first, "getConversation")
        XCTAssertEqual(index.suggestions(for: "completelyUnrelatedThingamajig"), [])
    }

    func testARequestIsMatchedBackToItsOperation() throws {
        let match = try XCTUnwrap(index.operation(method: "get", path: "/conversations/c%2F1/messages"))
        XCTAssertEqual(match.operation.id, "listConversationMessages")
        XCTAssertEqual(match.pathValues, ["conversation_id": "c/1"])
        XCTAssertEqual(index.operation(method: "POST", path: "/users")?.operation.id, "createUser")
        XCTAssertNil(index.operation(method: "DELETE", path: "/users/1"))
        XCTAssertNil(index.operation(method: "GET", path: "/users/1/extra"))
    }

    func testErrorsAboutTheSpecCanNameTheLineOfAnyPointer() throws {
        let document = index.document
        let location = document.location(of: try JSONPointer("/paths/~1conversations~1{conversation_id}/get/responses/404/$ref"))
        XCTAssertEqual(location.description, "\(TestFiles.freshchatSpecPath):149:11")
        XCTAssertEqual(document.location(of: try JSONPointer("/components/schemas/Error")).line, 916)
    }

    func testTheEmbeddedSpecIndexesLikeTheFile() throws {
        let embedded = try OperationIndex.embedded()
        XCTAssertEqual(embedded.operations.map(\.id), index.operations.map(\.id))
        XCTAssertEqual(embedded.document.name, "freshchat.openapi.yaml")
        XCTAssertEqual(embedded.document.root, index.document.root)
    }
}
