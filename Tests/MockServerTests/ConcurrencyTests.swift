// Concurrent writers on one conversation: every message is stored exactly once.
import Curl
import JSON
import MockServer
import XCTest

final class ConcurrencyTests: XCTestCase {
    func testSixteenParallelSendersLoseNoMessage() async throws {
        var configuration = MockConfiguration.embedded()
        configuration.threads = 2
        let mock = try await MockHarness(configuration)
        let conversation = try await mock.call("listConversations").json?["conversations"]?[0]
        let conversationID = try XCTUnwrap(conversation?["conversation_id"]?.stringValue)
        let userID = try XCTUnwrap(conversation?["users"]?[0]?["id"]?.stringValue)
        let before = try XCTUnwrap(mock.server.messageCount(conversationID: conversationID))
        let senders = 16, perSender = 25
        let statuses = try await withThrowingTaskGroup(of: [Int].self) { group in
            for sender in 0..<senders {
                group.addTask {
                    var statuses: [Int] = []
                    for index in 0..<perSender {
                        let body: JSON = [
                            "actor_type": "user", "actor_id": .string(userID),
                            "message_parts": [["text": ["content": .string("s\(sender)-m\(index)")]]],
                        ]
                        statuses.append(try await mock.send("POST", "/conversations/\(conversationID)/messages", body: body).status)
                    }
                    return statuses
                }
            }
            var all: [Int] = []
            for try await part in group { all += part }
            return all
        }
        XCTAssertEqual(statuses.count, senders * perSender)
        XCTAssertEqual(Set(statuses), [200])
        XCTAssertEqual(mock.server.messageCount(conversationID: conversationID), before + senders * perSender)

        // Through the API: every text once, each sender's messages in its own order.
        var texts: [String] = []
        var page = 1
        while page < 20 {
            let reply = try await mock.call("listConversationMessages", path: ["conversation_id": conversationID], query: "page=\(page)&items_per_page=50")
            texts += reply.json?["messages"]?.arrayValue?.compactMap { $0["message_parts"]?[0]?["text"]?["content"]?.stringValue } ?? []
            if reply.json?["links"]?["next_page"] == nil { break }
            page += 1
        }
        let sent = texts.filter { $0.hasPrefix("s") && $0.contains("-m") }
        XCTAssertEqual(sent.count, senders * perSender)
        XCTAssertEqual(Set(sent).count, senders * perSender)
        for sender in 0..<senders {
            let mine = sent.filter { $0.hasPrefix("s\(sender)-") }
            XCTAssertEqual(mine, (0..<perSender).map { "s\(sender)-m\($0)" })
        }
        await mock.finish()
    }
}
