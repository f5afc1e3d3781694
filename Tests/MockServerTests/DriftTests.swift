// --drift: exactly the violations MockDrift.catalog lists, found by the project's validator,
// and nothing else.
import JSON
import MockServer
import XCTest

final class DriftTests: XCTestCase {
    /// Calls every operation once with valid input; returns the harness for inspection.
    private func callEveryOperation(drift: Bool) async throws -> MockHarness {
        var configuration = MockConfiguration.embedded()
        configuration.drift = drift
        let mock = try await MockHarness(configuration)
        let channelID = try await mock.call("listChannels").json?["channels"]?[0]?["id"]?.stringValue ?? ""
        try await mock.call("getChannel", path: ["channel_id": channelID])
        let groupID = try await mock.call("listGroups").json?["groups"]?[0]?["id"]?.stringValue ?? ""
        try await mock.call("getGroup", path: ["group_id": groupID])
        let agentID = try await mock.call("listAgents").json?["agents"]?[0]?["id"]?.stringValue ?? ""
        try await mock.call("getAgent", path: ["agent_id": agentID])
        let userID = try await mock.call("listUsers").json?["users"]?[0]?["id"]?.stringValue ?? ""
        try await mock.call("getUser", path: ["user_id": userID])
        try await mock.call("createUser", body: ["first_name": "Grace"])
        try await mock.call("updateUser", path: ["user_id": userID], body: ["phone": "+1-555-0100"])
        let created = try await mock.call("createConversation", body: [
            "app_id": "app", "channel_id": .string(channelID), "users": [["id": .string(userID)]],
            "messages": [["actor_type": "user", "actor_id": .string(userID), "message_parts": [["text": ["content": "Hi"]]]]],
        ])
        let conversationID = created.json?["conversation_id"]?.stringValue ?? ""
        try await mock.call("getConversation", path: ["conversation_id": conversationID])
        try await mock.call("updateConversation", path: ["conversation_id": conversationID], body: ["status": "resolved"])
        try await mock.call("listConversations")
        try await mock.call("sendMessage", path: ["conversation_id": conversationID], body: [
            "actor_type": "user", "actor_id": .string(userID), "message_parts": [["text": ["content": "Thanks"]]],
        ])
        try await mock.call("listConversationMessages", path: ["conversation_id": conversationID])
        XCTAssertEqual(mock.calledOperations.count, 16)
        return mock
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

    func testWithoutDriftEveryResponseFollowsTheSpec() async throws {
        let mock = try await callEveryOperation(drift: false)
        await mock.finish()
    }
}
