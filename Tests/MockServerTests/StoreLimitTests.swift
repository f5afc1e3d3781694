// The bounded store: beyond `MockStoreLimits` the oldest users, conversations and messages are
// evicted and answer 404; counts stay at the limit and pages stay consistent.
import JSON
import MockServer
import XCTest

final class StoreLimitTests: XCTestCase {
    private func mock(users: Int = 10_000, conversations: Int = 10_000, messages: Int = 100_000) async throws -> MockHarness {
        var configuration = MockConfiguration.embedded()
        configuration.storeLimits = MockStoreLimits(maxUsers: users, maxConversations: conversations, maxMessages: messages)
        return try await MockHarness(configuration)
    }

    /// The id of the first item a list operation returns.
    private func firstID(_ mock: MockHarness, _ operationId: String, _ key: String) async throws -> String {
        let reply = try await mock.call(operationId)
        return try XCTUnwrap(reply.json?[key]?[0]?["id"]?.stringValue, "\(operationId) returned no item")
    }

    /// Every id of a list, walking its pages by their `next_page` links.
    private func walk(_ mock: MockHarness, _ collection: String, key: String, idField: String) async throws -> [String] {
        var url: String? = mock.server.baseURL + "/\(collection)?items_per_page=7"
        var ids: [String] = []
        var pages = 0
        while let next = url, pages < 100 {
            let reply = try await mock.get(url: next)
            XCTAssertEqual(reply.status, 200)
            ids += reply.json?[key]?.arrayValue?.compactMap { $0[idField]?.stringValue } ?? []
            url = reply.json?["links"]?["next_page"]?.stringValue
            pages += 1
        }
        return ids
    }

    func testTheOldestUsersBeyondTheLimitAreEvictedAndAnswer404() async throws {
        let limit = 30, extra = 8
        let mock = try await mock(users: limit)
        // The 45 seeded users count too: only the newest 30 are there at start.
        XCTAssertEqual(mock.server.storedRecords.users, limit)
        let seeded = try await walk(mock, "users", key: "users", idField: "id")
        XCTAssertEqual(seeded.count, limit)

        var created: [String] = []
        for index in 0..<(limit + extra) {
            let reply = try await mock.call("createUser", body: ["first_name": .string("u\(index)")])
            created.append(try XCTUnwrap(reply.json?["id"]?.stringValue))
        }
        XCTAssertEqual(mock.server.storedRecords.users, limit, "the count stays at the limit")
        for id in created.prefix(extra) + seeded.prefix(3) {
            assertErrorBody(try await mock.call("getUser", path: ["user_id": id]), status: 404)
            assertErrorBody(try await mock.call("updateUser", path: ["user_id": id], body: ["first_name": "x"]), status: 404)
        }
        for id in created.suffix(limit).prefix(3) {
            let status = try await mock.call("getUser", path: ["user_id": id]).status
            XCTAssertEqual(status, 200)
        }
        // Pages: exactly the newest `limit`, oldest first, each once.
        let listed = try await walk(mock, "users", key: "users", idField: "id")
        XCTAssertEqual(listed, Array(created.suffix(limit)))
        await mock.finish()
    }

    func testAnEvictedUserCannotStartAConversation() async throws {
        let mock = try await mock(users: 5)
        let oldest = try await firstID(mock, "listUsers", "users")
        for _ in 0..<5 { try await mock.call("createUser", body: ["first_name": "x"]) }
        let channelID = try await firstID(mock, "listChannels", "channels")
        let reply = try await mock.call("createConversation", body: [
            "app_id": .string(mock.server.appID), "channel_id": .string(channelID), "users": [["id": .string(oldest)]], "messages": [],
        ])
        assertErrorBody(reply, status: 400, mentioning: "/users/0/id")
        await mock.finish()
    }

    func testTheOldestConversationsBeyondTheLimitAreEvictedWithTheirMessages() async throws {
        let limit = 12, extra = 5
        let mock = try await mock(conversations: limit)
        XCTAssertEqual(mock.server.storedRecords.conversations, limit)
        let userID = try await firstID(mock, "listUsers", "users")
        let channelID = try await firstID(mock, "listChannels", "channels")
        var created: [String] = []
        for index in 0..<(limit + extra) {
            let reply = try await mock.call("createConversation", body: [
                "app_id": .string(mock.server.appID), "channel_id": .string(channelID), "users": [["id": .string(userID)]],
                "messages": [["actor_type": "user", "actor_id": .string(userID), "message_parts": [["text": ["content": .string("c\(index)")]]]]],
            ])
            created.append(try XCTUnwrap(reply.json?["conversation_id"]?.stringValue))
        }
        let counts = mock.server.storedRecords
        XCTAssertEqual(counts.conversations, limit)
        XCTAssertEqual(counts.messages, limit, "the messages of evicted conversations are gone too")
        let message: JSON = ["actor_type": "user", "actor_id": .string(userID), "message_parts": [["text": ["content": "late"]]]]
        for id in created.prefix(extra) {
            let path = ["conversation_id": id]
            assertErrorBody(try await mock.call("getConversation", path: path), status: 404)
            assertErrorBody(try await mock.call("updateConversation", path: path, body: ["status": "resolved"]), status: 404)
            assertErrorBody(try await mock.call("listConversationMessages", path: path), status: 404)
            assertErrorBody(try await mock.call("sendMessage", path: path, body: message), status: 404)
        }
        let listed = try await walk(mock, "conversations", key: "conversations", idField: "conversation_id")
        XCTAssertEqual(listed, Array(created.suffix(limit)))
        let filtered = try await mock.call("listConversations", query: "status=new&items_per_page=50")
        XCTAssertEqual(filtered.json?["conversations"]?.arrayValue?.count, limit)
        await mock.finish()
    }

    func testTheOldestMessagesOfTheWholeStoreGoFirst() async throws {
        let limit = 40
        let mock = try await mock(messages: limit)
        XCTAssertEqual(mock.server.storedRecords.messages, limit, "seeded messages count too")
        let conversation = try await mock.call("listConversations", query: "items_per_page=50").json?["conversations"]?.arrayValue?.last
        let conversationID = try XCTUnwrap(conversation?["conversation_id"]?.stringValue)
        let userID = try XCTUnwrap(conversation?["users"]?[0]?["id"]?.stringValue)
        for index in 0..<(limit + 10) {
            let body: JSON = ["actor_type": "user", "actor_id": .string(userID), "message_parts": [["text": ["content": .string("m\(index)")]]]]
            let status = try await mock.call("sendMessage", path: ["conversation_id": conversationID], body: body).status
            XCTAssertEqual(status, 200)
        }
        XCTAssertEqual(mock.server.storedRecords.messages, limit)
        XCTAssertEqual(mock.server.messageCount(conversationID: conversationID), limit, "every older message, of any conversation, went first")
        var texts: [String] = []
        for page in 1...2 {
            let reply = try await mock.call("listConversationMessages", path: ["conversation_id": conversationID], query: "page=\(page)&items_per_page=20")
            texts += reply.json?["messages"]?.arrayValue?.compactMap { $0["message_parts"]?[0]?["text"]?["content"]?.stringValue } ?? []
        }
        XCTAssertEqual(texts, (10..<(limit + 10)).map { "m\($0)" }, "the newest, oldest first")
        // The seeded conversations are still there, only emptied.
        XCTAssertEqual(mock.server.storedRecords.conversations, 60)
        await mock.finish()
    }

    /// A long run of creations: the store holds the limit and no more, whatever the churn.
    func testChurnKeepsEveryCountAtItsLimit() async throws {
        let mock = try await mock(users: 50, conversations: 20, messages: 100)
        let channelID = try await firstID(mock, "listChannels", "channels")
        for round in 0..<150 {
            let user = try await mock.call("createUser", body: ["first_name": .string("r\(round)")])
            let newUser = try XCTUnwrap(user.json?["id"]?.stringValue)
            let conversation = try await mock.call("createConversation", body: [
                "app_id": .string(mock.server.appID), "channel_id": .string(channelID), "users": [["id": .string(newUser)]],
                "messages": [["actor_type": "user", "actor_id": .string(newUser), "message_parts": [["text": ["content": "hi"]]]]],
            ])
            let conversationID = try XCTUnwrap(conversation.json?["conversation_id"]?.stringValue)
            for _ in 0..<(round % 4) {
                let body: JSON = ["actor_type": "user", "actor_id": .string(newUser), "message_parts": [["text": ["content": "more"]]]]
                let status = try await mock.call("sendMessage", path: ["conversation_id": conversationID], body: body).status
            XCTAssertEqual(status, 200)
            }
            let counts = mock.server.storedRecords
            XCTAssertLessThanOrEqual(counts.users, 50)
            XCTAssertLessThanOrEqual(counts.conversations, 20)
            XCTAssertLessThanOrEqual(counts.messages, 100)
        }
        XCTAssertEqual(mock.server.storedRecords, MockStoreCounts(users: 50, conversations: 20, messages: 50))
        await mock.finish()
    }

    func testMaxRecordsSetsUsersConversationsAndTenTimesAsManyMessages() {
        XCTAssertEqual(MockStoreLimits(maxRecords: 500), MockStoreLimits(maxUsers: 500, maxConversations: 500, maxMessages: 5_000))
        XCTAssertEqual(MockStoreLimits(maxRecords: 0).maxUsers, 1)
        XCTAssertEqual(MockStoreLimits(), MockStoreLimits(maxUsers: 10_000, maxConversations: 10_000, maxMessages: 100_000))
    }
}
