// A user's walk through all 16 operations of the spec, every response checked against it.
import JSON
import MockServer
import XCTest

final class LifecycleTests: XCTestCase {
    func testAWalkThroughAllSixteenOperationsFollowsTheSpec() async throws {
        let mock = try await MockHarness()

        let channels = try await mock.call("listChannels")
        XCTAssertEqual(channels.status, 200)
        let channelID = try XCTUnwrap(channels.json?["channels"]?[0]?["id"]?.stringValue)
        let channel = try await mock.call("getChannel", path: ["channel_id": channelID])
        XCTAssertEqual(channel.json?["id"]?.stringValue, channelID)

        let groups = try await mock.call("listGroups")
        let groupID = try XCTUnwrap(groups.json?["groups"]?[0]?["id"]?.stringValue)
        let group = try await mock.call("getGroup", path: ["group_id": groupID])
        XCTAssertEqual(group.status, 200)

        let agents = try await mock.call("listAgents", query: "items_per_page=5")
        XCTAssertEqual(agents.json?["agents"]?.arrayValue?.count, 5)
        let agentID = try XCTUnwrap(agents.json?["agents"]?[0]?["id"]?.stringValue)
        let agent = try await mock.call("getAgent", path: ["agent_id": agentID])
        XCTAssertEqual(agent.json?["id"]?.stringValue, agentID)

        let users = try await mock.call("listUsers")
        XCTAssertEqual(users.json?["users"]?.arrayValue?.count, 20)
        let created = try await mock.call("createUser", body: ["email": "ada@example.com", "first_name": "Ada"])
        XCTAssertEqual(created.status, 200)
        let userID = try XCTUnwrap(created.json?["id"]?.stringValue)
        let updated = try await mock.call("updateUser", path: ["user_id": userID], body: ["last_name": "Lovelace"])
        XCTAssertEqual(updated.json?["first_name"]?.stringValue, "Ada", "fields not in the update are kept")
        XCTAssertEqual(updated.json?["last_name"]?.stringValue, "Lovelace")
        let fetched = try await mock.call("getUser", path: ["user_id": userID])
        XCTAssertEqual(fetched.json?["last_name"]?.stringValue, "Lovelace")

        let conversation = try await mock.call("createConversation", body: [
            "app_id": .string(mock.server.appID), "channel_id": .string(channelID), "users": [["id": .string(userID)]],
            "messages": [["actor_type": "user", "actor_id": .string(userID), "message_parts": [["text": ["content": "Hello"]]]]],
        ])
        XCTAssertEqual(conversation.status, 200)
        let conversationID = try XCTUnwrap(conversation.json?["conversation_id"]?.stringValue)
        let viewed = try await mock.call("getConversation", path: ["conversation_id": conversationID])
        XCTAssertEqual(viewed.json?["status"]?.stringValue, "new")
        XCTAssertEqual(viewed.json?["users"]?[0]?["id"]?.stringValue, userID)

        let assigned = try await mock.call("updateConversation", path: ["conversation_id": conversationID],
                                           body: ["assigned_agent_id": .string(agentID)])
        XCTAssertEqual(assigned.json?["status"]?.stringValue, "assigned", "assigning a new conversation assigns it")
        let resolved = try await mock.call("updateConversation", path: ["conversation_id": conversationID], body: ["status": "resolved"])
        XCTAssertEqual(resolved.json?["status"]?.stringValue, "resolved")
        XCTAssertEqual(resolved.json?["assigned_agent_id"]?.stringValue, agentID)

        let listed = try await mock.call("listConversations", query: "assigned_agent_id=\(agentID)&status=resolved&items_per_page=50")
        let ids = listed.json?["conversations"]?.arrayValue?.compactMap { $0["conversation_id"]?.stringValue } ?? []
        XCTAssertTrue(ids.contains(conversationID))

        let sent = try await mock.call("sendMessage", path: ["conversation_id": conversationID], body: [
            "actor_type": "agent", "actor_id": .string(agentID), "message_type": "private",
            "message_parts": [["text": ["content": "Refund issued."]]],
        ])
        XCTAssertEqual(sent.status, 200)
        let messages = try await mock.call("listConversationMessages", path: ["conversation_id": conversationID])
        let contents = messages.json?["messages"]?.arrayValue?.compactMap { $0["message_parts"]?[0]?["text"]?["content"]?.stringValue }
        XCTAssertEqual(contents, ["Hello", "Refund issued."], "messages come oldest first")
        let times = messages.json?["messages"]?.arrayValue?.compactMap { $0["created_time"]?.stringValue } ?? []
        XCTAssertEqual(times, times.sorted())

        XCTAssertEqual(mock.calledOperations.count, 16, "every operation of the spec was called: \(mock.calledOperations.sorted())")
        XCTAssertEqual(Set(mock.server.operationIds), mock.calledOperations)
        await mock.finish()
    }

    func testSeededRecordsAreRealisticAndConsistent() async throws {
        let mock = try await MockHarness()
        let agents = try await mock.call("listAgents", query: "items_per_page=50")
        for agent in agents.json?["agents"]?.arrayValue ?? [] {
            let email = try XCTUnwrap(agent["email"]?.stringValue)
            XCTAssertTrue(email.contains("@") && !email.contains(" "), email)
            let created = try XCTUnwrap(agent["created_time"]?.stringValue)
            XCTAssertEqual(created.count, 24, "RFC 3339 with milliseconds: \(created)")
            XCTAssertEqual(Array(created)[19], ".")
            XCTAssertEqual(agent["id"]?.stringValue?.count, 36, "a UUID")
        }
        // Every seeded conversation refers to a user, channel and agent that exist.
        let conversations = try await mock.call("listConversations", query: "items_per_page=50")
        for conversation in (conversations.json?["conversations"]?.arrayValue ?? []).prefix(10) {
            let channel = try await mock.call("getChannel", path: ["channel_id": conversation["channel_id"]?.stringValue ?? ""])
            XCTAssertEqual(channel.status, 200)
            for user in conversation["users"]?.arrayValue ?? [] {
                let reply = try await mock.call("getUser", path: ["user_id": user["id"]?.stringValue ?? ""])
                XCTAssertEqual(reply.status, 200)
            }
            if let agentID = conversation["assigned_agent_id"]?.stringValue {
                let reply = try await mock.call("getAgent", path: ["agent_id": agentID])
                XCTAssertEqual(reply.status, 200)
            }
        }
        await mock.finish()
    }

    func testTheSameSeedGivesTheSameDataAndAnotherSeedDifferentData() async throws {
        let first = try await MockHarness(.embedded(seed: 42))
        let second = try await MockHarness(.embedded(seed: 42))
        let third = try await MockHarness(.embedded(seed: 43))
        let a = try await first.call("listUsers")
        let b = try await second.call("listUsers")
        let c = try await third.call("listUsers")
        XCTAssertEqual(a.json?["users"], b.json?["users"])
        XCTAssertNotEqual(a.json?["users"], c.json?["users"])
        await first.finish()
        await second.finish()
        await third.finish()
    }

    func testLargeSeedsAreServedWithoutTheListCache() async throws {
        var configuration = MockConfiguration.embedded()
        configuration.seedSizes = SeedSizes(agents: 250, users: 3, conversations: 2)
        let mock = try await MockHarness(configuration)
        let last = try await mock.call("listAgents", query: "page=5&items_per_page=50")
        XCTAssertEqual(last.json?["agents"]?.arrayValue?.count, 50)
        XCTAssertNil(last.json?["links"]?["next_page"])
        XCTAssertNotNil(last.json?["links"]?["prev_page"])
        await mock.finish()
    }
}
