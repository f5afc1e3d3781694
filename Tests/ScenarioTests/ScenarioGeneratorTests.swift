// Scenario generation as a library: lifecycles wired from the inferred graph, bodies that
// carry captured ids, variables for what nothing returns, examples and negative files — on
// Freshchat and on the tiny library API.

import JSON
import OpenAPI
import XCTest
@testable import Scenario

final class ScenarioGeneratorTests: XCTestCase {
    private func generate(_ index: OperationIndex, _ options: GenerationOptions = GenerationOptions()) -> GenerationResult {
        ScenarioGenerator(index: index, options: options).generate()
    }

    private func scenario(_ result: GenerationResult, _ fileName: String) throws -> GeneratedScenario {
        try XCTUnwrap(result.scenarios.first { $0.fileName == fileName }, result.scenarios.map(\.fileName).description)
    }

    func testTheConversationLifecycleDiscoversWhatItCannotCreateAndWiresTheIds() throws {
        let result = generate(try FreshchatSpec.index())
        XCTAssertEqual(result.problems, [])
        let conversations = try scenario(result, "conversations-lifecycle.yaml")
        XCTAssertEqual(conversations.steps.map(\.operationId), [
            "listChannels", "listAgents", "listGroups", "createUser",
            "createConversation", "getConversation", "updateConversation", "listConversations",
        ])
        let create = conversations.steps[4]
        XCTAssertEqual(create.body?["channel_id"], .string("{{channel_id}}"))
        XCTAssertEqual(create.body?["users"]?[0]?["id"], .string("{{user_id}}"))
        XCTAssertEqual(create.body?["messages"]?[0]?["actor_id"], .string("{{user_id}}"))
        XCTAssertEqual(create.body?["messages"]?[0]?["actor_type"], .string("user"), "the kind of actor follows the id's resource")
        XCTAssertEqual(create.captures, [NamedText("conversation_id", "$.conversation_id")])
        XCTAssertEqual(conversations.steps[5].path, [NamedText("conversation_id", "{{conversation_id}}")])
        // Nothing in the spec returns an app id: a variable, with the reason beside it.
        XCTAssertEqual(conversations.variables.map(\.name), ["app_id"])
        XCTAssertEqual(create.body?["app_id"], .string("{{app_id}}"))
        XCTAssertTrue(create.comment.contains { $0.hasPrefix("body /channel_id ← channel_id from listChannels $.channels[0].id") }, "\(create.comment)")
    }

    func testEveryGeneratedFileLoadsAsAScenario() throws {
        let index = try FreshchatSpec.index()
        for seed: UInt64 in [1, 2, 3] {
            let result = generate(index, GenerationOptions(seed: seed, examples: 3, negative: true))
            XCTAssertEqual(result.scenarios.count, 12)
            for generated in result.scenarios {
                let file = try ScenarioLoader.load(text: generated.yamlText, name: generated.fileName, index: index)
                XCTAssertEqual(file.steps.count, generated.steps.count, generated.fileName)
                XCTAssertTrue(file.tags.contains("generated"), generated.fileName)
            }
        }
    }

    func testTheSameSeedGivesTheSameText() throws {
        let index = try FreshchatSpec.index()
        let options = GenerationOptions(seed: 11, examples: 4, negative: true)
        XCTAssertEqual(generate(index, options).scenarios.map(\.yamlText), generate(index, options).scenarios.map(\.yamlText))
    }

    func testExamplesFollowOnlyTheLifecyclesOwnOperations() throws {
        let result = generate(try FreshchatSpec.index(), GenerationOptions(examples: 3))
        let users = try scenario(result, "users-lifecycle.yaml")
        XCTAssertEqual(users.steps.map(\.operationId), ["createUser", "createUser", "createUser", "getUser", "updateUser", "updateUser", "updateUser", "listUsers"])
        XCTAssertEqual(users.steps[1].name, "createUser, example 2")
        XCTAssertEqual(users.steps[1].captures, [], "only the first create feeds later steps")
        let conversations = try scenario(result, "conversations-lifecycle.yaml")
        XCTAssertEqual(conversations.steps.filter { $0.operationId == "createUser" }.count, 1, "a prerequisite gets no examples")
    }

    func testNegativeFilesHoldOnlyCasesWithAStatusToExpectAndListTheGaps() throws {
        let result = generate(try FreshchatSpec.index(), GenerationOptions(negative: true))
        let agents = try scenario(result, "agents-negative.yaml")
        // Setup (the list that finds an agent), then listAgents' cases, then getAgent's.
        XCTAssertEqual(agents.steps.map(\.operationId), ["listAgents", "listAgents", "listAgents", "getAgent", "getAgent", "getAgent"])
        XCTAssertEqual(agents.steps.map(\.name), [nil, "no token", "wrong token", "no token", "wrong token", "unknown agent_id"])
        XCTAssertEqual(agents.steps[1].headers, [NamedText("Authorization", "")])
        XCTAssertEqual(agents.steps[5].expectedStatuses, ["404"])
        XCTAssertTrue(agents.trailer.contains("  listAgents: query items_per_page above maximum 50 (wanted 400 or 422)"), "\(agents.trailer)")
        XCTAssertEqual(result.specGaps.count, 20)
        XCTAssertEqual(Set(result.specGaps.map(\.operationId)), ["listConversations", "listConversationMessages", "listAgents", "listUsers"])
    }

    func testTheLibraryAPIGetsParentBeforeChildAndDeletesLast() throws {
        let result = generate(try LibrarySpec.index())
        XCTAssertEqual(result.problems, [])
        let reviews = try scenario(result, "reviews-lifecycle.yaml")
        let operations = reviews.steps.map(\.operationId)
        let order = ["createAuthor", "createBook", "createReview", "getReview"].compactMap(operations.firstIndex(of:))
        XCTAssertEqual(order.count, 4, "\(operations)")
        XCTAssertEqual(order, order.sorted(), "\(operations)")
        // This spec documents no 404 for getBook, so no "gone after the delete" check follows.
        let books = try scenario(result, "books-lifecycle.yaml")
        XCTAssertEqual(books.steps.last?.operationId, "deleteBook")
        XCTAssertEqual(books.steps.last?.expectedStatuses, ["204"])
    }
}
