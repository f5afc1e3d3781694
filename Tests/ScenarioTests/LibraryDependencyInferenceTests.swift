// Dependency inference on a second, non-Freshchat API (LibrarySpec): the same rules find its
// parent/child chain, its declared link, and refuse ids whose types disagree.

import JSON
import OpenAPI
import XCTest
@testable import Scenario

final class LibraryDependencyInferenceTests: XCTestCase {
    private func libraryGraph() throws -> DependencyGraph {
        DependencyGraph(index: try LibrarySpec.index())
    }

    func testResourcesAndParentsComeFromThePaths() throws {
        let graph = try libraryGraph()
        XCTAssertEqual(graph.resources.map(\.name), ["authors", "books", "reviews"])
        XCTAssertEqual(graph.resources.map(\.parent), [nil, nil, "books"])
        XCTAssertEqual(graph.resourceOrder, ["authors", "books", "reviews"])
    }

    func testReviewsLifecycleCreatesTheWholeChainFirst() throws {
        let lifecycle = try XCTUnwrap(try libraryGraph().lifecycle(of: "reviews"))
        XCTAssertEqual(lifecycle.steps.map(\.operationId), ["createAuthor", "createBook", "createReview", "getReview", "listReviews"])
        XCTAssertEqual(lifecycle.steps[1].input(for: .body(JSONPointer(tokens: ["author_id"])))?.fromStep, 0)
        XCTAssertEqual(lifecycle.steps[2].input(for: .path("book_id"))?.fromStep, 1)
        XCTAssertEqual(lifecycle.steps[3].input(for: .path("book_id"))?.fromStep, 1)
        XCTAssertEqual(lifecycle.steps[3].input(for: .path("id"))?.fromStep, 2)
    }

    func testBooksLifecycleEndsWithDelete() throws {
        let lifecycle = try XCTUnwrap(try libraryGraph().lifecycle(of: "books"))
        XCTAssertEqual(lifecycle.steps.map(\.operationId), ["createAuthor", "createBook", "getBook", "renameBook", "listBooks", "deleteBook"])
        XCTAssertEqual(lifecycle.steps.map(\.role), [.create, .create, .read, .update, .list, .delete])
    }

    func testAuthorIdInTheBookBodyComesFromTheCreatedAuthor() throws {
        let edge = try XCTUnwrap(try libraryGraph().edge(from: "createAuthor", "$.id", to: "createBook", .body(JSONPointer(tokens: ["author_id"]))))
        XCTAssertEqual(edge.source.status, "201")
        XCTAssertEqual(edge.sink.shape, ValueShape(type: "string", format: "uuid"))
        XCTAssertEqual(edge.reason.confidence, .high)
        XCTAssertTrue(edge.sink.required)
    }

    func testDeclaredLinkIsAnEdgeWithItsReason() throws {
        // `written_by` names no resource: only the link can connect it.
        let edge = try XCTUnwrap(try libraryGraph().edge(from: "createAuthor", "$.id", to: "listBooks", .query("written_by")))
        XCTAssertEqual(edge.reason, InferenceReason(
            rule: .openAPILink,
            explanation: "link 'booksByAuthor' of createAuthor 201 sets written_by from $response.body#/id",
            confidence: .high
        ))
        XCTAssertEqual(edge.resource, "authors")
    }

    func testPlaceholderNamedIdBelongsToTheCollectionBeforeIt() throws {
        let edge = try XCTUnwrap(try libraryGraph().edge(from: "createReview", "$.id", to: "getReview", .path("id")))
        XCTAssertEqual(edge.resource, "reviews")
        XCTAssertEqual(edge.sink.shape, ValueShape(type: "integer", format: nil))
    }

    func testListOfABareArrayOrAnEnvelopeYieldsItemIds() throws {
        let graph = try libraryGraph()
        XCTAssertNotNil(graph.edge(from: "listBooks", "$[0].id", to: "getBook", .path("book_id")))
        XCTAssertNotNil(graph.edge(from: "listAuthors", "$.data[0].id", to: "getAuthor", .path("author_id")))
    }

    func testIdsWhoseTypesDisagreeAreNotLinked() throws {
        let graph = try libraryGraph()
        let legacyAuthor = SinkLocation.body(JSONPointer(tokens: ["author_id"]))
        XCTAssertTrue(graph.edges(into: "createReview").allSatisfy { $0.sink.location != legacyAuthor })
        let entry = try XCTUnwrap(graph.unsatisfied.first { $0.sink.operationId == "createReview" && $0.sink.location == legacyAuthor })
        XCTAssertTrue(entry.explanation.hasPrefix("types disagree: createAuthor 201 $.id is string/uuid, the sink integer"), entry.explanation)
    }

    func testResourcesThatNeedEachOtherStillGetAFiniteOrder() throws {
        // A team's create wants its lead member's id, a member's create wants its team's id.
        let index = try OperationIndex(document: .load(text: """
            openapi: 3.0.3
            info: { title: Teams, version: '1' }
            paths:
              /teams:
                post:
                  operationId: createTeam
                  requestBody:
                    content: { application/json: { schema: { type: object, properties: { lead_member_id: { type: string } } } } }
                  responses:
                    '201': { description: Created., content: { application/json: { schema: { type: object, properties: { id: { type: string } } } } } }
              /members:
                post:
                  operationId: createMember
                  requestBody:
                    content: { application/json: { schema: { type: object, properties: { team_id: { type: string } } } } }
                  responses:
                    '201': { description: Created., content: { application/json: { schema: { type: object, properties: { id: { type: string } } } } } }
            """, name: "teams.yaml"))
        let graph = DependencyGraph(index: index)
        XCTAssertEqual(graph.edges.count, 2)
        XCTAssertEqual(graph.resourceOrder, ["members", "teams"])
        let teams = try XCTUnwrap(graph.lifecycle(of: "teams"))
        XCTAssertEqual(teams.steps.map(\.operationId), ["createTeam", "createMember"])
        XCTAssertEqual(teams.steps[0].unfedSinks.map(\.location), [.body(JSONPointer(tokens: ["lead_member_id"]))])
        XCTAssertEqual(teams.steps[1].input(for: .body(JSONPointer(tokens: ["team_id"])))?.fromStep, 0)
    }

    func testExplanationIsTheSameOnEveryRun() throws {
        XCTAssertEqual(try libraryGraph().explanation, try libraryGraph().explanation)
    }
}
