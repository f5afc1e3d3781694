// The errors the spec documents (401, 404, 400) and the ones HTTP adds (405), each with the
// spec's Error body.
import JSON
import MockServer
import XCTest

final class ErrorResponseTests: XCTestCase {
    func testARequestWithoutTheTokenIs401WithAnErrorBody() async throws {
        let mock = try await MockHarness()
        let wrong = try await mock.call("listAgents", token: "not-the-token")
        assertErrorBody(wrong, status: 401)
        let missing = try await mock.send("GET", "/agents", authorization: "")
        assertErrorBody(missing, status: 401, mentioning: "Bearer")
        let basic = try await mock.send("GET", "/agents", authorization: "Basic \(mock.server.token)")
        XCTAssertEqual(basic.status, 401)
        let lowercaseScheme = try await mock.send("GET", "/agents", authorization: "bearer \(mock.server.token)")
        XCTAssertEqual(lowercaseScheme.status, 200, "the scheme is case-insensitive")
        await mock.finish()
    }

    func testUnknownIdsAre404() async throws {
        let mock = try await MockHarness()
        let id = "00000000-0000-4000-8000-000000000000"
        assertErrorBody(try await mock.call("getUser", path: ["user_id": id]), status: 404, mentioning: id)
        assertErrorBody(try await mock.call("updateUser", path: ["user_id": id], body: ["first_name": "X"]), status: 404)
        assertErrorBody(try await mock.call("getAgent", path: ["agent_id": id]), status: 404)
        assertErrorBody(try await mock.call("getGroup", path: ["group_id": id]), status: 404)
        assertErrorBody(try await mock.call("getChannel", path: ["channel_id": id]), status: 404)
        assertErrorBody(try await mock.call("getConversation", path: ["conversation_id": id]), status: 404)
        assertErrorBody(try await mock.call("updateConversation", path: ["conversation_id": id], body: ["status": "resolved"]), status: 404)
        assertErrorBody(try await mock.call("listConversationMessages", path: ["conversation_id": id]), status: 404)
        let message: JSON = ["actor_type": "user", "actor_id": "x", "message_parts": [["text": ["content": "hi"]]]]
        assertErrorBody(try await mock.call("sendMessage", path: ["conversation_id": id], body: message), status: 404)
        await mock.finish()
    }

    func testInvalidBodiesAre400NamingTheField() async throws {
        let mock = try await MockHarness()
        let channelID = try await mock.call("listChannels").json?["channels"]?[0]?["id"]?.stringValue ?? ""
        let userID = try await mock.call("listUsers").json?["users"]?[0]?["id"]?.stringValue ?? ""

        assertErrorBody(try await mock.call("createUser", body: ["email": "not an email"]), status: 400, mentioning: "email")
        assertErrorBody(try await mock.call("createUser", body: ["first_name": 7]), status: 400, mentioning: "first_name")
        assertErrorBody(try await mock.call("createConversation", body: ["app_id": "a", "messages": []]), status: 400, mentioning: "channel_id")
        assertErrorBody(
            try await mock.call("createConversation", body: ["app_id": "a", "channel_id": "nope", "messages": []]),
            status: 400, mentioning: "channel_id")
        assertErrorBody(
            try await mock.call("createConversation", body: [
                "app_id": "a", "channel_id": .string(channelID), "users": [["id": "ghost"]], "messages": [],
            ]), status: 400, mentioning: "/users/0/id")
        assertErrorBody(
            try await mock.call("createConversation", body: [
                "app_id": "a", "channel_id": .string(channelID),
                "messages": [["actor_type": "robot", "actor_id": .string(userID), "message_parts": []]],
            ]), status: 400, mentioning: "actor_type")
        let conversationID = try await mock.call("listConversations").json?["conversations"]?[0]?["conversation_id"]?.stringValue ?? ""
        assertErrorBody(
            try await mock.call("updateConversation", path: ["conversation_id": conversationID], body: ["status": "open"]),
            status: 400, mentioning: "status")
        assertErrorBody(
            try await mock.call("updateConversation", path: ["conversation_id": conversationID], body: ["assigned_agent_id": "ghost"]),
            status: 400, mentioning: "assigned_agent_id")
        assertErrorBody(
            try await mock.call("sendMessage", path: ["conversation_id": conversationID], body: ["actor_type": "user"]),
            status: 400, mentioning: "actor_id")
        assertErrorBody(
            try await mock.call("sendMessage", path: ["conversation_id": conversationID], body: [
                "actor_type": "agent", "actor_id": "ghost", "message_parts": [],
            ]), status: 400, mentioning: "actor_id")

        let notJSON = try await mock.send("POST", "/users", rawBody: Array("{\"email\": ".utf8))
        assertErrorBody(notJSON, status: 400, mentioning: "not valid JSON")
        let noBody = try await mock.send("POST", "/users")
        assertErrorBody(noBody, status: 400, mentioning: "required")
        await mock.finish()
    }

    func testAMethodThePathDoesNotHaveIs405WithAllow() async throws {
        let mock = try await MockHarness()
        let onList = try await mock.send("DELETE", "/agents")
        assertErrorBody(onList, status: 405)
        XCTAssertEqual(onList.headers["Allow"], "GET")
        let userID = try await mock.call("listUsers").json?["users"]?[0]?["id"]?.stringValue ?? ""
        let onItem = try await mock.send("PATCH", "/users/\(userID)", body: [:])
        XCTAssertEqual(onItem.status, 405)
        XCTAssertEqual(onItem.headers["Allow"], "GET, PUT")
        let unknown = try await mock.send("GET", "/tickets")
        assertErrorBody(unknown, status: 404, mentioning: "/v2/tickets")
        await mock.finish()
    }
}
