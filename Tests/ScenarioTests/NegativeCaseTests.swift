// Negative cases planned from a spec: missing and wrong credentials, unknown ids, malformed
// query values and bodies, each with the statuses the spec promises or flagged as a spec gap.

import JSON
import JSONSchema
import OpenAPI
import XCTest
@testable import Scenario

final class NegativeCaseTests: XCTestCase {
    private func freshchat() throws -> (planner: NegativeCasePlanner, index: OperationIndex) {
        let index = try FreshchatSpec.index()
        return (NegativeCasePlanner(index: index), index)
    }

    /// The valid body the caller would send: seed 1, variant 0, as a runner generates it.
    private func validBody(_ operationId: String, in index: OperationIndex, variant: Int = 0) throws -> JSON {
        try BodyGenerator(seed: 1).body(forOperation: operationId, in: index, variant: variant)
    }

    private func requestValidator(_ operationId: String, in index: OperationIndex) throws -> Schema {
        let schema = try BodyGenerator.requestBodySchema(operationId: operationId, in: index)
        return try Schema(document: index.document.root, pointer: schema.pointer, formats: .assert)
    }

    // MARK: - The Freshchat spec

    func testListAgentsRefusesMissingAndWrongTokensWith401AndItsQueryBoundsAreSpecGaps() throws {
        let cases = try freshchat().planner.cases(for: "listAgents", validBody: nil)
        XCTAssertEqual(cases.map(\.name), [
            "no token",
            "wrong token",
            "query page of the wrong type (string)",
            "query page below minimum 1",
            "query items_per_page of the wrong type (string)",
            "query items_per_page below minimum 1",
            "query items_per_page above maximum 50",
        ])
        XCTAssertEqual(cases[0].kind, .noToken)
        XCTAssertEqual(cases[0].change, .header(name: "Authorization", value: ""))
        XCTAssertEqual(cases[1].change, .header(name: "Authorization", value: "Bearer not-a-valid-token"))
        XCTAssertEqual(cases[0].expectedStatuses, ["401"])
        XCTAssertEqual(cases[1].expectedStatuses, ["401"])

        // listAgents documents only 200 and 401: a server may answer a bad page size anyhow.
        let tooMany = try XCTUnwrap(cases.first { $0.name == "query items_per_page above maximum 50" })
        XCTAssertEqual(tooMany.kind, .boundExceeded)
        XCTAssertEqual(tooMany.change, .query(name: "items_per_page", value: "51"))
        XCTAssertEqual(tooMany.expectedStatuses, [])
        XCTAssertTrue(tooMany.isSpecGap)
        XCTAssertEqual(cases.filter(\.isSpecGap).count, 5)
        XCTAssertEqual(cases.first { $0.name == "query page of the wrong type (string)" }?.change,
                       .query(name: "page", value: "not-a-number"))
    }

    func testAnUnknownUserIdExpects404() throws {
        let cases = try freshchat().planner.cases(for: "getUser", validBody: nil)
        XCTAssertEqual(cases.map(\.kind), [.noToken, .wrongToken, .unknownId])
        let unknown = cases[2]
        XCTAssertEqual(unknown.name, "unknown user_id")
        XCTAssertEqual(unknown.change, .pathValue(name: "user_id", value: "no-such-user_id"))
        XCTAssertEqual(unknown.expectedStatuses, ["404"])
    }

    func testCreateUserBodyCasesExpect400AndEveryChangedBodyIsInvalid() throws {
        let (planner, index) = try freshchat()
        let body = try validBody("createUser", in: index)
        let cases = planner.cases(for: "createUser", validBody: body)
        let bodyCases = cases.filter(\.change.editsBody)
        XCTAssertFalse(bodyCases.isEmpty)
        XCTAssertTrue(cases.contains { $0.name == "body /email of the wrong type (integer)" && $0.change == .bodySet(JSONPointer(tokens: ["email"]), 42) })
        XCTAssertTrue(cases.contains { $0.name == "body of the wrong type (string)" && $0.change == .bodySet(.root, "not-an-object") })

        let validator = try requestValidator("createUser", in: index)
        XCTAssertTrue(validator.isValid(body))
        for negative in bodyCases {
            XCTAssertEqual(negative.expectedStatuses, ["400"], negative.name)
            XCTAssertFalse(validator.isValid(negative.change.apply(toBody: body)), negative.name)
        }
    }

    func testRequiredMembersAreRemovedOneAtATime() throws {
        let (planner, index) = try freshchat()
        let body = try validBody("createConversation", in: index)
        let missing = planner.cases(for: "createConversation", validBody: body).filter { $0.kind == .missingRequired }
        XCTAssertEqual(missing.map(\.name), [
            "body /app_id missing (required)", "body /channel_id missing (required)", "body /messages missing (required)",
        ])
        XCTAssertEqual(missing.map(\.change), ["app_id", "channel_id", "messages"].map { .bodyRemove(JSONPointer(tokens: [$0])) })
        XCTAssertEqual(Set(missing.map(\.expectedStatuses)), [["400"]])
    }

    func testRequiredMembersOfTheFirstArrayItemAreRemovedToo() throws {
        let (planner, index) = try freshchat()
        // The full variant holds one message, whose actor_type and actor_id are required.
        let body = try validBody("createConversation", in: index, variant: 1)
        let names = planner.cases(for: "createConversation", validBody: body).map(\.name)
        XCTAssertTrue(names.contains("body /messages/0/actor_id missing (required)"), "\(names)")
        XCTAssertTrue(names.contains("body /messages/0/actor_type outside the enum"), "\(names)")
    }

    func testConversationStatusOutsideTheEnum() throws {
        let (planner, index) = try freshchat()
        let body = try validBody("updateConversation", in: index)
        let cases = planner.cases(for: "updateConversation", validBody: body)
        let outside = try XCTUnwrap(cases.first { $0.kind == .enumViolated })
        XCTAssertEqual(outside.name, "body /status outside the enum")
        XCTAssertEqual(outside.change, .bodySet(JSONPointer(tokens: ["status"]), "not-in-enum"))
        XCTAssertEqual(outside.expectedStatuses, ["400"])
        // Credentials first, then the path id, then the body.
        XCTAssertEqual(Array(cases.map(\.kind).prefix(3)), [.noToken, .wrongToken, .unknownId])
        XCTAssertEqual(cases[2].expectedStatuses, ["404"])
    }

    func testTheSameInputsGiveTheSameCasesInTheSameOrder() throws {
        let (planner, index) = try freshchat()
        for operation in index.operations {
            let body = try? validBody(operation.id, in: index, variant: 1)
            let first = planner.cases(for: operation.id, validBody: body)
            let again = NegativeCasePlanner(index: index).cases(for: operation.id, validBody: body)
            XCTAssertEqual(first, again, operation.id)
        }
    }

    func testAnInvalidBaseBodyGivesNoBodyCases() throws {
        let (planner, _) = try freshchat()
        let cases = planner.cases(for: "createConversation", validBody: ["app_id": 7])
        XCTAssertEqual(cases.map(\.kind), [.noToken, .wrongToken])
    }

    func testEveryFreshchatOperationIsCovered() throws {
        let (planner, index) = try freshchat()
        var table = ["operation                  cases  gaps  kinds"]
        for operation in index.operations {
            let body = try? validBody(operation.id, in: index)
            let cases = planner.cases(for: operation.id, validBody: body)
            XCTAssertEqual(cases.filter { $0.kind == .noToken }.count, 1, operation.id)
            XCTAssertTrue(cases.allSatisfy { $0.operationId == operation.id })
            let kinds = NegativeCaseKind.allCases.compactMap { kind in
                let count = cases.filter { $0.kind == kind }.count
                return count == 0 ? nil : "\(kind.rawValue) \(count)"
            }
            table.append(operation.id.padding(toLength: 27, withPad: " ", startingAt: 0)
                + String(cases.count).leftPadded(5) + String(cases.filter(\.isSpecGap).count).leftPadded(6)
                + "  " + kinds.joined(separator: ", "))
        }
        print(table.joined(separator: "\n"))
    }

    // MARK: - A spec without security or refusals

    func testASpecWithoutSecurityOrRefusalsGivesOnlySpecGaps() throws {
        let index = try LibrarySpec.index()
        let planner = NegativeCasePlanner(index: index)
        let body = try BodyGenerator(seed: 1).body(forOperation: "createReview", in: index, variant: 0)
        let cases = planner.cases(for: "createReview", validBody: body)
        XCTAssertFalse(cases.contains { $0.kind == .noToken || $0.kind == .wrongToken })
        XCTAssertEqual(cases.first?.change, .pathValue(name: "book_id", value: NegativeCasePlanner.unknownUUID))
        XCTAssertTrue(cases.contains { $0.name == "body /stars missing (required)" })
        XCTAssertTrue(cases.contains { $0.name == "body /stars of the wrong type (string)" && $0.change == .bodySet(JSONPointer(tokens: ["stars"]), "not-a-number") })
        XCTAssertTrue(cases.allSatisfy(\.isSpecGap))

        let review = planner.cases(for: "getReview", validBody: nil)
        XCTAssertEqual(review.map(\.change), [
            .pathValue(name: "book_id", value: NegativeCasePlanner.unknownUUID),
            .pathValue(name: "id", value: "2147483000"),
        ])
        XCTAssertTrue(review.allSatisfy(\.isSpecGap))
        XCTAssertEqual(planner.cases(for: "noSuchOperation", validBody: nil), [])
    }

    // MARK: - Schemes, bounds and statuses, on a small spec

    func testOtherSchemesGiveTheirOwnHeadersAndAQueryKeyGivesNone() throws {
        let planner = NegativeCasePlanner(index: try ToolSpec.index())
        XCTAssertEqual(planner.cases(for: "getByKey", validBody: nil).prefix(2).map(\.change), [
            .header(name: "X-Api-Key", value: ""), .header(name: "X-Api-Key", value: "not-a-valid-key"),
        ])
        XCTAssertEqual(planner.cases(for: "getByBasic", validBody: nil).prefix(2).map(\.change), [
            .header(name: "Authorization", value: ""), .header(name: "Authorization", value: "Basic bm90OnZhbGlk"),
        ])
        XCTAssertEqual(planner.cases(for: "getByBasic", validBody: nil).first?.expectedStatuses, ["4XX"])
        XCTAssertEqual(planner.cases(for: "getByQueryKey", validBody: nil), [])
        XCTAssertEqual(planner.cases(for: "getAnonymously", validBody: nil), [])
    }

    func testEveryBoundIsOversteppedByOne() throws {
        let index = try ToolSpec.index()
        let planner = NegativeCasePlanner(index: index)
        let body: JSON = ["name": "Anvil", "weight": 5, "tags": ["heavy"], "kind": "tool"]
        let cases = planner.cases(for: "createTool", validBody: body)
        let bounds = cases.filter { $0.kind == .boundExceeded }
        XCTAssertEqual(bounds.map(\.name), [
            "query limit below exclusiveMinimum 0",
            "query limit above maximum 10",
            "query code shorter than minLength 2",
            "query code longer than maxLength 4",
            "body /name shorter than minLength 2",
            "body /name longer than maxLength 8",
            "body /weight below exclusiveMinimum 0",
            "body /weight above maximum 100",
            "body /tags with fewer than minItems 1 items",
            "body /tags with more than maxItems 2 items",
        ])
        XCTAssertEqual(bounds.map(\.change), [
            .query(name: "limit", value: "0"),
            .query(name: "limit", value: "11"),
            .query(name: "code", value: "x"),
            .query(name: "code", value: "xxxxx"),
            .bodySet(JSONPointer(tokens: ["name"]), "A"),
            .bodySet(JSONPointer(tokens: ["name"]), "Anvilxxxx"),
            .bodySet(JSONPointer(tokens: ["weight"]), 0),
            .bodySet(JSONPointer(tokens: ["weight"]), 101),
            .bodySet(JSONPointer(tokens: ["tags"]), []),
            .bodySet(JSONPointer(tokens: ["tags"]), ["heavy", "heavy", "heavy"]),
        ])
        // Both documented refusals of malformed input are accepted answers.
        XCTAssertEqual(Set(bounds.map(\.expectedStatuses)), [["400", "422"]])
        XCTAssertEqual(cases.first { $0.kind == .enumViolated }?.change, .query(name: "sort", value: "not-in-enum"))
        XCTAssertEqual(cases.first { $0.name == "query verbose of the wrong type (string)" }?.change, .query(name: "verbose", value: "maybe"))
        // A member the body leaves out is still broken where its parent object exists.
        XCTAssertTrue(cases.contains { $0.change == .bodySet(JSONPointer(tokens: ["note"]), 42) })
        // `kind` allows strings and integers: no value of another type is proposed as a string.
        XCTAssertEqual(cases.first { $0.name.hasPrefix("body /kind of the wrong type") }?.change,
                       .bodySet(JSONPointer(tokens: ["kind"]), true))
    }

    // MARK: - Applying a change

    func testApplyingABodyChangeLeavesTemplatesAlone() {
        let body: JSON = ["user_id": "{{user_id}}", "name": "Ada", "tags": ["{{tag}}", "b"], "address": ["city": "{{city}}"]]
        XCTAssertEqual(RequestChange.bodySet(JSONPointer(tokens: ["name"]), 42).apply(toBody: body),
                       ["user_id": "{{user_id}}", "name": 42, "tags": ["{{tag}}", "b"], "address": ["city": "{{city}}"]])
        XCTAssertEqual(RequestChange.bodyRemove(JSONPointer(tokens: ["user_id"])).apply(toBody: body),
                       ["name": "Ada", "tags": ["{{tag}}", "b"], "address": ["city": "{{city}}"]])
        XCTAssertEqual(RequestChange.bodySet(JSONPointer(tokens: ["address", "zip"]), "00000").apply(toBody: body)["address"],
                       ["city": "{{city}}", "zip": "00000"])
        XCTAssertEqual(RequestChange.bodyRemove(JSONPointer(tokens: ["tags", "0"])).apply(toBody: body)["tags"], ["b"])
        XCTAssertEqual(RequestChange.bodySet(JSONPointer(tokens: ["tags", "2"]), "c").apply(toBody: body)["tags"], ["{{tag}}", "b", "c"])
        // Nothing to attach to, or not a body change: the body as it was.
        XCTAssertEqual(RequestChange.bodySet(JSONPointer(tokens: ["missing", "x"]), 1).apply(toBody: body), body)
        XCTAssertEqual(RequestChange.header(name: "Authorization", value: "").apply(toBody: body), body)
        XCTAssertEqual(RequestChange.bodySet(.root, "not-an-object").apply(toBody: body), "not-an-object")
    }
}

private extension RequestChange {
    var editsBody: Bool {
        switch self {
        case .bodySet, .bodyRemove: return true
        case .header, .pathValue, .query: return false
        }
    }
}

private extension String {
    func leftPadded(_ width: Int) -> String {
        String(repeating: " ", count: max(0, width - count)) + self
    }
}

/// A tiny API with every credential scheme and every bound: nothing in it is Freshchat's.
private enum ToolSpec {
    static func index() throws -> OperationIndex {
        try OperationIndex(document: .load(text: text, name: "tools.openapi.yaml"))
    }

    static let text = """
    openapi: 3.1.0
    info: { title: Tools, version: 1.0.0 }
    security:
      - keyAuth: []
    paths:
      /by-key:
        get:
          operationId: getByKey
          responses:
            '200': { description: OK }
            '401': { description: No key. }
      /by-basic:
        get:
          operationId: getByBasic
          security: [ { basicAuth: [] } ]
          responses:
            '200': { description: OK }
            4XX: { description: Refused. }
      /by-query-key:
        get:
          operationId: getByQueryKey
          security: [ { queryKey: [] } ]
          responses:
            '200': { description: OK }
      /anonymous:
        get:
          operationId: getAnonymously
          security: [ {} ]
          responses:
            '200': { description: OK }
      /tools:
        post:
          operationId: createTool
          security: []
          parameters:
            - { name: limit, in: query, schema: { type: integer, exclusiveMinimum: 0, maximum: 10 } }
            - { name: code, in: query, schema: { type: string, minLength: 2, maxLength: 4 } }
            - { name: sort, in: query, schema: { type: string, enum: [name, weight] } }
            - { name: verbose, in: query, schema: { type: boolean } }
          requestBody:
            content:
              application/json:
                schema: { $ref: '#/components/schemas/Tool' }
          responses:
            '201': { description: Created. }
            '400': { description: Malformed. }
            '422': { description: Unprocessable. }
    components:
      securitySchemes:
        keyAuth: { type: apiKey, in: header, name: X-Api-Key }
        basicAuth: { type: http, scheme: basic }
        queryKey: { type: apiKey, in: query, name: key }
      schemas:
        Named:
          type: object
          required: [name]
          properties:
            name: { type: string, minLength: 2, maxLength: 8 }
        Tool:
          allOf:
            - $ref: '#/components/schemas/Named'
            - type: object
              properties:
                weight: { type: number, exclusiveMinimum: 0, maximum: 100 }
                tags: { type: array, minItems: 1, maxItems: 2, items: { type: string } }
                kind: { type: [string, integer] }
                note: { type: string }
    """
}
