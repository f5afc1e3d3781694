// listConversations filters: status, assigned agent, assigned group, and their combination.
import JSON
import MockServer
import XCTest

final class FilterTests: XCTestCase {
    func testEachFilterReturnsOnlyMatchingConversations() async throws {
        let mock = try await MockHarness()
        let all = try await mock.call("listConversations", query: "items_per_page=50&page=2")
        XCTAssertEqual(all.json?["conversations"]?.arrayValue?.count, 10, "60 seeded conversations")

        let resolved = try await mock.call("listConversations", query: "status=resolved&items_per_page=50")
        let statuses = resolved.json?["conversations"]?.arrayValue?.compactMap { $0["status"]?.stringValue } ?? []
        XCTAssertFalse(statuses.isEmpty)
        XCTAssertEqual(Set(statuses), ["resolved"])

        let sample = try await mock.call("listConversations", query: "status=assigned")
        let first = try XCTUnwrap(sample.json?["conversations"]?[0])
        let agentID = try XCTUnwrap(first["assigned_agent_id"]?.stringValue)
        let groupID = try XCTUnwrap(first["assigned_group_id"]?.stringValue)

        let byAgent = try await mock.call("listConversations", query: "assigned_agent_id=\(agentID)&items_per_page=50")
        let agents = byAgent.json?["conversations"]?.arrayValue?.compactMap { $0["assigned_agent_id"]?.stringValue } ?? []
        XCTAssertEqual(Set(agents), [agentID])

        let byGroup = try await mock.call("listConversations", query: "assigned_group_id=\(groupID)&items_per_page=50")
        let groups = byGroup.json?["conversations"]?.arrayValue?.compactMap { $0["assigned_group_id"]?.stringValue } ?? []
        XCTAssertEqual(Set(groups), [groupID])

        let both = try await mock.call("listConversations", query: "assigned_group_id=\(groupID)&status=assigned&items_per_page=50")
        for conversation in both.json?["conversations"]?.arrayValue ?? [] {
            XCTAssertEqual(conversation["status"]?.stringValue, "assigned")
            XCTAssertEqual(conversation["assigned_group_id"]?.stringValue, groupID)
        }

        let none = try await mock.call("listConversations", query: "status=open")
        XCTAssertEqual(none.json?["conversations"]?.arrayValue?.count, 0, "an unknown status matches nothing")
        await mock.finish()
    }

    func testLinksOfAFilteredListKeepTheFilter() async throws {
        let mock = try await MockHarness()
        let reply = try await mock.call("listConversations", query: "status=assigned&items_per_page=2")
        let next = try XCTUnwrap(reply.json?["links"]?["next_page"]?.stringValue)
        XCTAssertEqual(next, mock.server.baseURL + "/conversations?page=2&items_per_page=2&status=assigned")
        let page2 = try await mock.get(url: next)
        for conversation in page2.json?["conversations"]?.arrayValue ?? [] {
            XCTAssertEqual(conversation["status"]?.stringValue, "assigned")
        }
        await mock.finish()
    }
}
