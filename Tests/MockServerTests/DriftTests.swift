// --drift: exactly the violations MockDrift.catalog lists, found by the project's validator,
// and nothing else.
import JSON
import MockServer
import XCTest

final class DriftTests: XCTestCase {
    /// Calls every operation once with valid input, on ids the mock's own list and create calls
    /// return, and checks each call's status: 200 (the one success status the spec documents
    /// for each), except where drift changes the status. Returns the harness for inspection.
    private func callEveryOperation(drift: Bool) async throws -> MockHarness {
        var configuration = MockConfiguration.embedded()
        configuration.drift = drift
        let mock = try await MockHarness(configuration)
        // Drift answers getGroup with 203 (MockDrift.catalog); no other drift touches a status.
        let getGroupStatus = drift ? 203 : 200

        let channels = try await call(mock, "listChannels")
        let channelID = try id(of: channels, at: "channels")
        let channel = try await call(mock, "getChannel", path: ["channel_id": channelID])
        XCTAssertEqual(channel.json?["id"]?.stringValue, channelID)

        let groupID = try id(of: try await call(mock, "listGroups"), at: "groups")
        try await call(mock, "getGroup", expecting: getGroupStatus, path: ["group_id": groupID])

        let agentID = try id(of: try await call(mock, "listAgents"), at: "agents")
        let agent = try await call(mock, "getAgent", path: ["agent_id": agentID])
        XCTAssertEqual(agent.json?["id"]?.stringValue, agentID)

        let listedUserID = try id(of: try await call(mock, "listUsers"), at: "users")
        let listedUser = try await call(mock, "getUser", path: ["user_id": listedUserID])
        XCTAssertEqual(listedUser.json?["id"]?.stringValue, listedUserID)
        let created = try await call(mock, "createUser", body: ["first_name": "Grace"])
        let userID = try XCTUnwrap(created.json?["id"]?.stringValue, "createUser returns the new user's id")
        let updated = try await call(mock, "updateUser", path: ["user_id": userID], body: ["phone": "+1-555-0100"])
        XCTAssertEqual(updated.json?["phone"]?.stringValue, "+1-555-0100")

        let conversation = try await call(mock, "createConversation", body: [
            "app_id": "app", "channel_id": .string(channelID), "users": [["id": .string(userID)]],
            "messages": [["actor_type": "user", "actor_id": .string(userID), "message_parts": [["text": ["content": "Hi"]]]]],
        ])
        let conversationID = try XCTUnwrap(conversation.json?["conversation_id"]?.stringValue, "createConversation returns its id")
        let fetched = try await call(mock, "getConversation", path: ["conversation_id": conversationID])
        XCTAssertEqual(fetched.json?["conversation_id"]?.stringValue, conversationID)
        try await call(mock, "updateConversation", path: ["conversation_id": conversationID], body: ["status": "resolved"])
        try await call(mock, "listConversations")
        try await call(mock, "sendMessage", path: ["conversation_id": conversationID], body: [
            "actor_type": "user", "actor_id": .string(userID), "message_parts": [["text": ["content": "Thanks"]]],
        ])
        let messages = try await call(mock, "listConversationMessages", path: ["conversation_id": conversationID])
        XCTAssertEqual(messages.json?["messages"]?.arrayValue?.count, 2, "the opening message and the one sent")
        XCTAssertEqual(mock.calledOperations.count, 16)
        return mock
    }

    /// Calls `operationId` through the harness (which checks the response against the spec) and
    /// asserts the status it answered.
    @discardableResult
    private func call(
        _ mock: MockHarness, _ operationId: String, expecting status: Int = 200, path: [String: String] = [:],
        body: JSON? = nil, file: StaticString = #filePath, line: UInt = #line
    ) async throws -> MockReply {
        let reply = try await mock.call(operationId, path: path, body: body, file: file, line: line)
        XCTAssertEqual(reply.status, status, "\(operationId): \(String(decoding: reply.body, as: UTF8.self))", file: file, line: line)
        return reply
    }

    /// The id of the first element of the list `key` of a list response.
    private func id(of reply: MockReply, at key: String, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        try XCTUnwrap(reply.json?[key]?[0]?["id"]?.stringValue, "the first of '\(key)' has an id", file: file, line: line)
    }

    func testDriftProducesExactlyTheCatalogsViolations() async throws {
        let mock = try await callEveryOperation(drift: true)
        let found = Set(mock.violations.map { "\($0.operationId) \($0.status) \($0.pointer) \($0.keyword)" })
        let expected = Set(MockDrift.catalog.map { "\($0.operationId) \($0.status) \($0.pointer) \($0.keyword)" })
        XCTAssertEqual(found, expected)
        XCTAssertEqual(mock.violations.count, MockDrift.catalog.count, "one violation per catalog entry")
        XCTAssertTrue(Set(MockDrift.catalog.map(\.keyword)).isSuperset(of: ["enum", "type", "format", "status"]))
        await mock.stop()
    }

    func testWithoutDriftEveryCallSucceedsAndEveryResponseFollowsTheSpec() async throws {
        let mock = try await callEveryOperation(drift: false)
        await mock.finish()
    }
}
