// Dependency inference on the Freshchat spec: the chains the hand-written scenarios in
// scenarios/contract use are rediscovered from the spec alone.

import JSON
import OpenAPI
import XCTest
@testable import Scenario

final class DependencyInferenceTests: XCTestCase {
    private func freshchatGraph() throws -> DependencyGraph {
        DependencyGraph(index: try FreshchatSpec.index())
    }

    func testCreatedUserIdFeedsGetUser() throws {
        let edge = try XCTUnwrap(try freshchatGraph().edge(from: "createUser", "$.id", to: "getUser", .path("user_id")))
        XCTAssertEqual(edge.reason.rule, .resourceIdentifier)
        XCTAssertEqual(edge.reason.confidence, .high)
        XCTAssertEqual(edge.resource, "users")
        XCTAssertEqual(edge.source.status, "200")
        XCTAssertEqual(edge.source.shape, ValueShape(type: "string", format: nil))
    }

    func testCreatedConversationIdFeedsItsReadUpdateAndMessages() throws {
        let graph = try freshchatGraph()
        for consumer in ["getConversation", "updateConversation", "sendMessage", "listConversationMessages"] {
            let edge = try XCTUnwrap(
                graph.edge(from: "createConversation", "$.conversation_id", to: consumer, .path("conversation_id")), consumer
            )
            XCTAssertEqual(edge.reason.rule, .sameFieldName, consumer)
            XCTAssertEqual(edge.reason.confidence, .high, consumer)
        }
    }

    func testListedChannelFeedsTheConversationBody() throws {
        let graph = try freshchatGraph()
        let edge = try XCTUnwrap(graph.edge(from: "listChannels", "$.channels[0].id", to: "createConversation", .body(JSONPointer(tokens: ["channel_id"]))))
        XCTAssertEqual(edge.reason.confidence, .high)
        XCTAssertNotNil(graph.edge(from: "listChannels", "$.channels[0].id", to: "getChannel", .path("channel_id")))
    }

    func testCreatedUserFeedsTheUsersArrayOfANewConversation() throws {
        let edge = try XCTUnwrap(try freshchatGraph().edge(
            from: "createUser", "$.id", to: "createConversation", .body(JSONPointer(tokens: ["users", "0", "id"]))
        ))
        XCTAssertEqual(edge.reason.rule, .resourceIdentifier)
        XCTAssertTrue(edge.reason.explanation.contains("'users[].id' names users"), edge.reason.explanation)
    }

    func testAgentIdsComeFromTheAgentList() throws {
        let graph = try freshchatGraph()
        XCTAssertEqual(graph.edge(from: "listAgents", "$.agents[0].id", to: "getAgent", .path("agent_id"))?.reason.confidence, .high)
        let assigned = try XCTUnwrap(graph.edge(
            from: "listAgents", "$.agents[0].id", to: "updateConversation", .body(JSONPointer(tokens: ["assigned_agent_id"]))
        ))
        XCTAssertEqual(assigned.reason.rule, .qualifiedIdentifier)
        XCTAssertEqual(assigned.reason.confidence, .medium)
        XCTAssertTrue(assigned.reason.explanation.contains("without qualifier 'assigned'"), assigned.reason.explanation)
        XCTAssertNotNil(graph.edge(from: "listAgents", "$.agents[0].id", to: "listConversations", .query("assigned_agent_id")))
    }

    func testGroupIdsComeFromTheGroupList() throws {
        let graph = try freshchatGraph()
        XCTAssertEqual(graph.edge(from: "listGroups", "$.groups[0].id", to: "getGroup", .path("group_id"))?.reason.rule, .resourceIdentifier)
    }

    func testActorIdIsAmbiguousBetweenUsersAndAgents() throws {
        let graph = try freshchatGraph()
        let actor = SinkLocation.body(JSONPointer(tokens: ["actor_id"]))
        let edges = graph.edges(into: "sendMessage").filter { $0.sink.location == actor }
        XCTAssertEqual(Set(edges.map(\.resource)), ["agents", "users"])
        for edge in edges {
            XCTAssertEqual(edge.reason.rule, .ambiguousIdentifier)
            XCTAssertEqual(edge.reason.confidence, .low)
            XCTAssertTrue(edge.reason.explanation.contains("sibling actor_type [user, agent]"), edge.reason.explanation)
        }
    }

    func testAnOperationThatTakesAnIdIsNoSourceOfIt() throws {
        let graph = try freshchatGraph()
        // getUser needs a user id to run; the one it returns is the same id, echoed back. And
        // a conversation's `users[].id` refers to users, it does not make them.
        XCTAssertEqual(graph.edges(from: "getUser"), [])
        XCTAssertEqual(graph.edges(from: "getConversation"), [])
        XCTAssertEqual(graph.edges(from: "updateConversation"), [])
    }

    func testChannelsAgentsAndUsersComeBeforeConversationsAndMessagesLast() throws {
        XCTAssertEqual(try freshchatGraph().resourceOrder, ["agents", "channels", "groups", "users", "conversations", "messages"])
    }

    func testConversationLifecycleDiscoversAndCreatesWhatItNeedsFirst() throws {
        let lifecycle = try XCTUnwrap(try freshchatGraph().lifecycle(of: "conversations"))
        XCTAssertEqual(lifecycle.steps.map(\.operationId), [
            "listChannels", "listAgents", "listGroups", "createUser",
            "createConversation", "getConversation", "updateConversation", "listConversations",
        ])
        XCTAssertEqual(lifecycle.steps.map(\.isPrerequisite), [true, true, true, true, false, false, false, false])
        let create = lifecycle.steps[4]
        XCTAssertEqual(create.role, .create)
        XCTAssertEqual(create.input(for: .body(JSONPointer(tokens: ["channel_id"])))?.fromStep, 0)
        XCTAssertEqual(create.input(for: .body(JSONPointer(tokens: ["users", "0", "id"])))?.fromStep, 3)
        let update = lifecycle.steps[6]
        XCTAssertEqual(update.input(for: .path("conversation_id"))?.fromStep, 4)
        XCTAssertEqual(update.input(for: .body(JSONPointer(tokens: ["assigned_agent_id"])))?.fromStep, 1)
        XCTAssertEqual(lifecycle.prerequisiteResources, ["agents", "channels", "groups", "users"])
    }

    func testResourcesTheAPICannotCreateAreDiscoveredThroughTheirList() throws {
        let graph = try freshchatGraph()
        for (resource, list, read) in [("channels", "listChannels", "getChannel"), ("agents", "listAgents", "getAgent"), ("groups", "listGroups", "getGroup")] {
            let lifecycle = try XCTUnwrap(graph.lifecycle(of: resource))
            XCTAssertEqual(lifecycle.steps.map(\.operationId), [list, read])
            XCTAssertEqual(lifecycle.steps[1].inputs.map(\.fromStep), [0])
        }
    }

    func testUserLifecycleIsCreateReadUpdateList() throws {
        let lifecycle = try XCTUnwrap(try freshchatGraph().lifecycle(of: "users"))
        XCTAssertEqual(lifecycle.steps.map(\.operationId), ["createUser", "getUser", "updateUser", "listUsers"])
        XCTAssertEqual(lifecycle.steps.map(\.role), [.create, .read, .update, .list])
    }

    func testASinkWithoutProducerIsReportedNotDropped() throws {
        let graph = try freshchatGraph()
        let appId = SinkLocation.body(JSONPointer(tokens: ["app_id"]))
        let entry = try XCTUnwrap(graph.unsatisfied.first { $0.sink.operationId == "createConversation" && $0.sink.location == appId })
        XCTAssertTrue(entry.sink.required)
        XCTAssertEqual(entry.explanation, "no resource is named 'app'")
        let step = try XCTUnwrap(graph.lifecycle(of: "conversations")?.steps.first { $0.operationId == "createConversation" })
        XCTAssertEqual(step.unfedSinks.map(\.location), [appId])
        XCTAssertTrue(graph.explanation.contains(
            "  createConversation body /app_id (string, required): no resource is named 'app'"
        ))
    }

    func testExplanationIsTheSameOnEveryRun() throws {
        let first = try freshchatGraph().explanation
        let second = DependencyGraph(index: try OperationIndex.embedded()).explanation
        XCTAssertEqual(first, second)
        XCTAssertTrue(first.hasPrefix("""
            Dependency graph: 6 resources, 16 operations, 28 edges, 1 unsatisfied sink
            Resource order: agents → channels → groups → users → conversations → messages

            """))
        XCTAssertTrue(first.contains("""
                createUser 200 $.id → getUser path user_id
                  resource-id, high: 'user_id' names users; $.id is the id of a user (create createUser), both string
            """))
        XCTAssertTrue(first.contains("""
                5. createConversation  create
                     body /channel_id ← step 1 $.channels[0].id
            """))
    }
}

extension DependencyGraph {
    /// The edge from `producer`'s response at `path` into `consumer`'s `sink`, if inferred.
    func edge(from producer: String, _ path: String, to consumer: String, _ sink: SinkLocation) -> DependencyEdge? {
        edges.first {
            $0.source.operationId == producer && $0.source.path.description == path
                && $0.sink.operationId == consumer && $0.sink.location == sink
        }
    }
}

extension LifecycleStep {
    /// The input feeding `sink`, if an earlier step does.
    func input(for sink: SinkLocation) -> StepInput? {
        inputs.first { $0.sink.location == sink }
    }
}
