// `--flavor observed`: the mock answers as the live Freshchat API is observed to
// (scenarios/overlays/freshchat-observed.yaml), one test per difference, each response checked
// against the spec with that overlay applied. The seed flavor's answers stay as they were.
import Foundation
import JSON
import MockServer
import OpenAPI
import Quantities
import XCTest

final class ObservedFlavorTests: XCTestCase {
    // MARK: Lists

    func testListsCarryPaginationAndLinkObjectsWithRelativeHrefs() async throws {
        let mock = try await MockHarness.observed()  // 45 seeded users
        let reply = try await send(mock, "listUsers", "GET", "/users?page=2&items_per_page=7")
        XCTAssertEqual(reply.json?["users"]?.arrayValue?.count, 7)
        XCTAssertEqual(reply.json?["pagination"], ["current_page": 2, "items_per_page": 7, "total_items": 45, "total_pages": 7])
        func link(_ page: Int) -> JSON { ["href": .string("/users?page=\(page)&items_per_page=7"), "rel": "user", "type": "GET"] }
        XCTAssertEqual(reply.json?["links"], ["next_page": link(3), "previous_page": link(1), "first_page": link(1), "last_page": link(7)])

        let last = try await send(mock, "listUsers", "GET", "/users?page=7&items_per_page=7")
        XCTAssertNil(last.json?["links"]?["next_page"], "no next page after the last")
        XCTAssertEqual(last.json?["users"]?.arrayValue?.count, 3)
        await mock.stop()
    }

    func testFollowingNextPageHrefsFromTheBaseURLVisitsEveryUserOnce() async throws {
        let mock = try await MockHarness.observed()
        var href: String? = "/users?items_per_page=10"
        var seen: [String] = []
        var pages = 0
        while let next = href, pages < 20 {
            // The href is relative to the API's base URL (…/v2): clients put the base URL before it.
            let reply = try await send(mock, "listUsers", "GET", next)
            seen += reply.json?["users"]?.arrayValue?.compactMap { $0["id"]?.stringValue } ?? []
            href = reply.json?["links"]?["next_page"]?["href"]?.stringValue
            pages += 1
        }
        XCTAssertEqual(pages, 5)
        XCTAssertEqual(seen.count, 45)
        XCTAssertEqual(Set(seen).count, 45)
        await mock.stop()
    }

    func testLinksRepeatTheFiltersAndPaginationCountsOnlyWhatMatches() async throws {
        let mock = try await MockHarness.observed()
        let all = try await send(mock, "listConversations", "GET", "/conversations?status=assigned&items_per_page=50")
        let assigned = all.json?["conversations"]?.arrayValue?.count ?? 0
        XCTAssertGreaterThan(assigned, 2, "the seed has assigned conversations")

        let first = try await send(mock, "listConversations", "GET", "/conversations?status=assigned&items_per_page=2")
        XCTAssertEqual(first.json?["pagination"]?["total_items"]?.integerValue, Int64(assigned))
        XCTAssertEqual(first.json?["links"]?["next_page"]?["href"], "/conversations?page=2&items_per_page=2&status=assigned")
        XCTAssertEqual(first.json?["links"]?["next_page"]?["rel"], "conversation")
        await mock.stop()
    }

    func testAgentsChannelsAndGroupsToo() async throws {
        let mock = try await MockHarness.observed()  // 12 agents, 5 channels, 4 groups
        let agents = try await send(mock, "listAgents", "GET", "/agents?page=3&items_per_page=5")
        XCTAssertEqual(agents.json?["pagination"], ["current_page": 3, "items_per_page": 5, "total_items": 12, "total_pages": 3])
        XCTAssertEqual(agents.json?["links"]?["previous_page"]?["href"], "/agents?page=2&items_per_page=5")
        XCTAssertNil(agents.json?["links"]?["next_page"])

        // Channels and groups take no page parameters: one page that holds them all.
        let channels = try await send(mock, "listChannels", "GET", "/channels")
        XCTAssertEqual(channels.json?["pagination"], ["current_page": 1, "items_per_page": 5, "total_items": 5, "total_pages": 1])
        XCTAssertEqual(channels.json?["links"]?.objectValue?.keys, ["first_page", "last_page"])
        let groups = try await send(mock, "listGroups", "GET", "/groups")
        XCTAssertEqual(groups.json?["pagination"]?["total_items"], 4)
        XCTAssertEqual(groups.json?["links"]?["last_page"]?["rel"], "group")
        await mock.stop()
    }

    func testTheMessagesListHasOneLinkWhoseFromTimeKeepsTheView() async throws {
        let mock = try await MockHarness.observed()
        let (conversation, user) = try await conversationWithMessages(3, on: mock)
        let messages = "/conversations/\(conversation)/messages"

        let first = try await send(mock, "listConversationMessages", "GET", messages + "?items_per_page=2")
        XCTAssertEqual(first.json?["messages"]?.arrayValue?.count, 2)
        XCTAssertNil(first.json?["links"], "no links object: one link")
        let href = try XCTUnwrap(first.json?["link"]?["href"]?.stringValue)
        XCTAssertTrue(href.hasPrefix(messages + "?page=2&items_per_page=2&from_time="), href)

        // A message sent meanwhile does not shift the pages the link walks ...
        try await sendMessage("a fourth", to: conversation, as: user, on: mock)
        let next = try await send(mock, "listConversationMessages", "GET", href)
        XCTAssertEqual(next.json?["messages"]?.arrayValue?.compactMap { $0["message_parts"]?[0]?["text"]?["content"]?.stringValue }, ["third"])
        XCTAssertNil(next.json?["link"], "the last page has no link")
        // ... while the list without from_time shows it.
        let now = try await send(mock, "listConversationMessages", "GET", messages + "?page=2&items_per_page=2")
        XCTAssertEqual(now.json?["messages"]?.arrayValue?.count, 2)

        // Any RFC 3339 date-time, offsets too: before 2000 nothing, before 2999 everything.
        let early = try await send(mock, "listConversationMessages", "GET", messages + "?from_time=2000-01-01T02:00:00%2B02:00")
        XCTAssertEqual(early.json?["messages"]?.arrayValue?.count, 0)
        let late = try await send(mock, "listConversationMessages", "GET", messages + "?from_time=2999-12-31T23:59:59.5Z")
        XCTAssertEqual(late.json?["messages"]?.arrayValue?.count, 4)

        let bad = try await mock.send("GET", messages + "?from_time=yesterday")
        XCTAssertEqual(bad.status, 400)
        XCTAssertTrue(bad.errorMessage.contains("from_time"), bad.errorMessage)
        await mock.stop()
    }

    // MARK: Error bodies

    func testErrorBodiesHaveTheStatusAsAnIntegerCodeAndNameTheError() async throws {
        let mock = try await MockHarness.observed()
        let missing: [(operation: String, path: String, status: String)] = [
            ("getAgent", "/agents/nobody", "AGENT_NOT_FOUND"), ("getUser", "/users/nobody", "USER_NOT_FOUND"),
            ("getConversation", "/conversations/nobody", "CONVERSATION_NOT_FOUND"),
            ("getGroup", "/groups/nobody", "GROUP_NOT_FOUND"), ("getChannel", "/channels/nobody", "CHANNEL_NOT_FOUND"),
        ]
        for (operation, path, status) in missing {
            let reply = try await send(mock, operation, "GET", path)
            XCTAssertEqual(reply.status, 404)
            XCTAssertEqual(reply.json?["code"], 404)
            XCTAssertEqual(reply.json?["status"]?.stringValue, status)
            XCTAssertTrue(reply.errorMessage.contains("'nobody' does not exist"), reply.errorMessage)
        }
        let unauthorized = try await send(mock, "listAgents", "GET", "/agents", token: "wrong")
        XCTAssertEqual(unauthorized.json?["code"], 401)
        XCTAssertEqual(unauthorized.json?["status"], "UNAUTHORIZED")
        let invalid = try await send(mock, "createUser", "POST", "/users", body: ["email": 42])
        XCTAssertEqual(invalid.json?["code"], 400)
        XCTAssertEqual(invalid.json?["status"], "BAD_REQUEST")

        // Answers no operation documents have the same shape.
        let nowhere = try await mock.send("GET", "/nowhere")
        XCTAssertEqual(nowhere.json?.objectValue?.keys, ["code", "status", "message"])
        XCTAssertEqual(nowhere.json?["code"], 404)
        XCTAssertEqual(nowhere.json?["status"], "NOT_FOUND")
        let method = try await mock.send("DELETE", "/agents")
        XCTAssertEqual(method.json?["code"], 405)
        XCTAssertEqual(method.json?["status"], "METHOD_NOT_ALLOWED")
        await mock.stop()
    }

    func testTooLargeAndMalformedRequestsGetTheObservedErrorBodyAndHeadersToo() async throws {
        let mock = try await MockHarness.observed()
        let big = try await mock.send("POST", "/users", rawBody: [UInt8](repeating: UInt8(ascii: " "), count: 2 << 20))
        XCTAssertEqual(big.status, 413)
        XCTAssertEqual(big.json?["code"], 413)
        XCTAssertEqual(big.json?["status"], "PAYLOAD_TOO_LARGE")
        XCTAssertNotNil(big.headers["X-RateLimit-Limit"])

        let socket = try RawSocket(port: mock.server.port)
        socket.send("\u{01}\u{02}NOT HTTP AT ALL\r\n\r\n")
        let answer = socket.receive()
        socket.closeSocket()
        XCTAssertTrue(answer.hasPrefix("HTTP/1.1 400"), String(answer.prefix(80)))
        XCTAssertTrue(answer.contains("X-RateLimit-Remaining: "), answer)
        XCTAssertTrue(answer.contains(#""code":400,"status":"BAD_REQUEST""#), answer)
        await mock.stop()
    }

    // MARK: Rate limits

    func testEveryResponseCarriesTheRateLimitHeaders() async throws {
        let mock = try await MockHarness.observed()
        let before = Int(Date().timeIntervalSince1970)
        let replies = [
            try await mock.send("GET", "/agents"), try await mock.send("GET", "/agents", token: "wrong"),
            try await mock.send("GET", "/agents/nobody"), try await mock.send("DELETE", "/agents"),
            try await mock.send("POST", "/users", body: ["first_name": "Ada"]),
        ]
        for reply in replies {
            // No --rate-limit: the mock limits nothing, and says there is plenty left.
            XCTAssertEqual(reply.headers["X-RateLimit-Limit"], "1000000", "\(reply.status)")
            XCTAssertEqual(reply.headers["X-RateLimit-Remaining"], "1000000", "\(reply.status)")
            let reset = try XCTUnwrap(reply.headers["X-RateLimit-Reset"].flatMap(Int.init), "\(reply.status)")
            XCTAssertGreaterThan(reset, before, "unix seconds, after the request")
            XCTAssertNil(reply.headers["Retry-After"])
        }
        await mock.stop()
    }

    func testA429CarriesTheErrorBodyAndTheResetButNoRetryAfter() async throws {
        // One request a minute: the second request is refused whatever the machine's speed.
        var faults = FaultPlan()
        faults.global.rateLimit = try RequestRate(parsing: "1/m")
        let mock = try await MockHarness.observed(faults: faults)
        let before = Int(Date().timeIntervalSince1970)

        let served = try await send(mock, "listGroups", "GET", "/groups")
        XCTAssertEqual(served.status, 200)
        XCTAssertEqual(served.headers["X-RateLimit-Limit"], "1")
        XCTAssertEqual(served.headers["X-RateLimit-Remaining"], "0")

        let refused = try await send(mock, "listGroups", "GET", "/groups")
        XCTAssertEqual(refused.status, 429)
        XCTAssertEqual(refused.json?["code"], 429)
        XCTAssertEqual(refused.json?["status"], "RATE_LIMITED")
        XCTAssertNil(refused.headers["Retry-After"], "the live API sends none: wait until X-RateLimit-Reset")
        XCTAssertEqual(refused.headers["X-RateLimit-Remaining"], "0")
        let reset = try XCTUnwrap(refused.headers["X-RateLimit-Reset"].flatMap(Int.init))
        XCTAssertGreaterThan(reset, before + 1, "the bucket is full again about a minute later")
        await mock.stop()
    }

    func testTheSeedFlavorKeepsRetryAfterAndSendsNoRateLimitHeaders() async throws {
        var configuration = MockConfiguration.embedded()
        XCTAssertEqual(configuration.flavor, .seed, "seed is the default")
        configuration.faults.global.rateLimit = try RequestRate(parsing: "1/m")
        let mock = try await MockHarness(configuration)
        let served = try await mock.send("GET", "/groups")
        XCTAssertNil(served.headers["X-RateLimit-Limit"])
        let refused = try await mock.send("GET", "/groups")
        assertErrorBody(refused, status: 429)
        XCTAssertNotNil(refused.headers["Retry-After"])
        XCTAssertNil(refused.headers["X-RateLimit-Reset"])
        await mock.stop()
    }

    // MARK: Requests the live API accepts

    func testConversationStatusTakesWaitingOnCustomerAndOnInternalTeam() async throws {
        let mock = try await MockHarness.observed()
        let id = try await firstConversationID(on: mock)
        for status in ["waiting on customer", "waiting on internal team"] {
            let updated = try await send(mock, "updateConversation", "PUT", "/conversations/\(id)", body: ["status": .string(status)])
            XCTAssertEqual(updated.status, 200, updated.errorMessage)
            XCTAssertEqual(updated.json?["status"]?.stringValue, status)
        }
        let listed = try await send(mock, "listConversations", "GET", "/conversations?status=waiting%20on%20internal%20team")
        XCTAssertEqual(listed.json?["conversations"]?.arrayValue?.compactMap { $0["conversation_id"]?.stringValue }, [id])
        await mock.stop()

        let seed = try await MockHarness()
        let seedID = try await firstConversationID(on: seed)
        let refused = try await seed.send("PUT", "/conversations/\(seedID)", body: ["status": "waiting on customer"])
        assertErrorBody(refused, status: 400, mentioning: "status")
        await seed.stop()
    }

    func testUsersAndAgentsTakePagesOfUpTo100AndTheOtherListsKeep50() async throws {
        let mock = try await MockHarness.observed()
        let users = try await send(mock, "listUsers", "GET", "/users?items_per_page=100")
        XCTAssertEqual(users.json?["users"]?.arrayValue?.count, 45)
        XCTAssertEqual(users.json?["pagination"]?["items_per_page"], 100)
        let agents = try await send(mock, "listAgents", "GET", "/agents?items_per_page=100")
        XCTAssertEqual(agents.json?["agents"]?.arrayValue?.count, 12)
        for (path, status) in [("/users?items_per_page=101", 400), ("/agents?items_per_page=101", 400), ("/conversations?items_per_page=51", 400)] {
            let reply = try await mock.send("GET", path)
            XCTAssertEqual(reply.status, status, path)
            XCTAssertTrue(reply.errorMessage.contains("items_per_page"), reply.errorMessage)
        }
        await mock.stop()
    }

    // MARK: Creates

    func testCreatesAnswer200AStatusTheOverlayDocumentsBesides202() async throws {
        let mock = try await MockHarness.observed()
        let (conversation, user) = try await conversationWithMessages(1, on: mock)
        let sent = try await send(mock, "sendMessage", "POST", "/conversations/\(conversation)/messages", body: message("hello", from: user))
        XCTAssertEqual(sent.status, 200)
        for operation in ["createUser", "createConversation", "sendMessage"] {
            for status in [200, 202] {
                if case .undocumented = ObservedSpec.validators.responseRule(operationId: operation, status: status) {
                    XCTFail("the observed overlay documents \(status) for \(operation)")
                }
            }
            guard case .undocumented = ObservedSpec.validators.responseRule(operationId: operation, status: 201) else {
                return XCTFail("no 201 anywhere, but \(operation) documents one")
            }
        }
        await mock.stop()
    }

    // MARK: Helpers

    /// Sends a request to an observed mock and asserts the answer keeps the observed contract of `operationId`.
    private func send(
        _ mock: MockHarness, _ operationId: String, _ method: String, _ pathAndQuery: String, body: JSON? = nil,
        token: String? = nil, file: StaticString = #filePath, line: UInt = #line
    ) async throws -> MockReply {
        let reply = try await mock.send(method, pathAndQuery, body: body, token: token)
        XCTAssertEqual(ObservedSpec.violations(of: reply, operationId: operationId), [], "observed contract", file: file, line: line)
        for name in ["X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset"] {
            XCTAssertNotNil(reply.headers[name], "\(name) on \(method) \(pathAndQuery)", file: file, line: line)
        }
        return reply
    }

    private func firstConversationID(on mock: MockHarness) async throws -> String {
        let list = try await mock.send("GET", "/conversations?items_per_page=1")
        return try XCTUnwrap(list.json?["conversations"]?[0]?["conversation_id"]?.stringValue)
    }

    /// A new user and a conversation of theirs holding `count` messages, "first", "second", "third"….
    private func conversationWithMessages(_ count: Int, on mock: MockHarness) async throws -> (conversation: String, user: String) {
        let names = ["first", "second", "third", "fourth", "fifth"]
        let createdUser = try await send(mock, "createUser", "POST", "/users", body: ["first_name": "Grace"])
        let user = try XCTUnwrap(createdUser.json?["id"]?.stringValue)
        let channels = try await mock.send("GET", "/channels")
        let channel = try XCTUnwrap(channels.json?["channels"]?[0]?["id"]?.stringValue)
        let created = try await send(mock, "createConversation", "POST", "/conversations", body: [
            "app_id": .string(mock.server.appID), "channel_id": .string(channel), "users": [["id": .string(user)]],
            "messages": [message(names[0], from: user)],
        ])
        let conversation = try XCTUnwrap(created.json?["conversation_id"]?.stringValue)
        for name in names[1..<count] { try await sendMessage(name, to: conversation, as: user, on: mock) }
        return (conversation, user)
    }

    private func sendMessage(_ text: String, to conversation: String, as user: String, on mock: MockHarness) async throws {
        let reply = try await mock.send("POST", "/conversations/\(conversation)/messages", body: message(text, from: user))
        XCTAssertEqual(reply.status, 200, reply.errorMessage)
    }

    private func message(_ text: String, from user: String) -> JSON {
        ["message_parts": [["text": ["content": .string(text)]]], "actor_type": "user", "actor_id": .string(user)]
    }
}
