// Where a create's body can carry the run id (`RunTagSite`), read from the schema alone, and
// how the tag goes into a step's body (`RunTag`): issue 13, "Safety on real accounts".

import JSON
import OpenAPI
import XCTest
@testable import Scenario

final class RunTagSiteTests: XCTestCase {
    private let root: JSON = ["components": ["schemas": [
        "Pair": ["type": "object", "properties": ["name": ["type": "string"], "value": ["type": "string"]]],
    ]]]

    // MARK: The schema rule, on the Freshchat spec

    func testCreateUserTakesTheTagAsOneMorePropertiesPair() throws {
        let index = try FreshchatSpec.index()
        XCTAssertEqual(RunTagSite.site(of: try FreshchatSpec.operation("createUser"), root: index.document.root),
                       .namedPairs(member: "properties"))
    }

    func testCreateConversationHasNoRoomForATagInTheSeedSpec() throws {
        // ConversationCreate has app_id, channel_id, users [{id}] and messages: none a bag of
        // custom string properties.
        let index = try FreshchatSpec.index()
        XCTAssertNil(RunTagSite.site(of: try FreshchatSpec.operation("createConversation"), root: index.document.root))
    }

    func testOnlyCreatesAreTagged() throws {
        // updateUser's body is the same UserUpdate shape with `properties`, but a PUT creates nothing.
        let index = try FreshchatSpec.index()
        for id in ["updateUser", "getUser", "listUsers", "updateConversation"] {
            XCTAssertNil(RunTagSite.site(of: try FreshchatSpec.operation(id), root: index.document.root), id)
        }
    }

    // MARK: The schema rule, shape by shape

    func testAnArrayOfNameValuePairsThroughARefIsASite() {
        let body: JSON = ["type": "object", "properties": [
            "title": ["type": "string"],
            "custom": ["type": "array", "items": ["$ref": "#/components/schemas/Pair"]],
        ]]
        XCTAssertEqual(RunTagSite.site(inBodySchema: body, root: root), .namedPairs(member: "custom"))
    }

    func testAFreeFormObjectOfStringsIsASite() {
        let body: JSON = ["type": "object", "properties": [
            "avatar": ["type": "object", "properties": ["url": ["type": "string"]]],
            "meta": ["type": "object", "additionalProperties": ["type": "string"]],
        ]]
        XCTAssertEqual(RunTagSite.site(inBodySchema: body, root: root), .freeFormObject(member: "meta"))
    }

    func testMembersInAllOfPartsCount() {
        let body: JSON = ["allOf": [
            ["type": "object", "properties": ["name": ["type": "string"]]],
            ["type": "object", "properties": ["labels": ["type": "object", "additionalProperties": true]]],
        ]]
        XCTAssertEqual(RunTagSite.site(inBodySchema: body, root: root), .freeFormObject(member: "labels"))
    }

    func testShapesThatDoNotTakeAnyStringAreNotSites() {
        let refused: [JSON] = [
            ["type": "object", "additionalProperties": false],  // closed
            ["type": "object", "additionalProperties": ["type": "integer"]],  // numbers only
            ["type": "object", "additionalProperties": ["type": "string", "enum": ["a", "b"]]],  // a few strings only
            ["type": "object", "properties": ["url": ["type": "string"]]],  // structured
            ["type": "array", "items": ["type": "object", "properties": ["name": ["type": "string", "enum": ["plan"]], "value": ["type": "string"]]]],
            ["type": "array", "items": ["type": "object", "properties": ["id": ["type": "string"]]]],  // users: [{id}]
            ["type": "array", "items": ["type": "object", "required": ["name", "value", "kind"], "properties": [
                "name": ["type": "string"], "value": ["type": "string"], "kind": ["type": "string"]]]],  // needs more than a pair
        ]
        for member in refused {
            let body: JSON = ["type": "object", "properties": ["custom": member]]
            XCTAssertNil(RunTagSite.site(inBodySchema: body, root: root), "\(member)")
        }
    }

    // MARK: Tagging a body

    func testTheTagIsAppendedToPairsOrAddedAsANewMember() throws {
        let tag = RunTag(runID: "fch-1")
        let pair: JSON = ["name": "fcharness_run_id", "value": "fch-1"]

        let without = try body(#"{ email: "{{email}}" }"#)
        XCTAssertEqual(try rendered(tag.tagging(without, at: .namedPairs(member: "properties"))),
                       ["email": "a@example.com", "properties": [pair]])

        let with = try body(#"{ email: "{{email}}", properties: [{ name: plan, value: gold }] }"#)
        XCTAssertEqual(try rendered(tag.tagging(with, at: .namedPairs(member: "properties"))),
                       ["email": "a@example.com", "properties": [["name": "plan", "value": "gold"], pair]])

        let free = try body("{ meta: { team: core } }")
        XCTAssertEqual(try rendered(tag.tagging(free, at: .freeFormObject(member: "meta"))),
                       ["meta": ["team": "core", "fcharness_run_id": "fch-1"]])
    }

    func testABodyWhoseMemberHasAnotherShapeIsLeftAsItIs() throws {
        // A negative case sending a string where the pairs go tests what it tests.
        let tag = RunTag(runID: "fch-1")
        XCTAssertNil(tag.tagging(try body("{ properties: not-a-list }"), at: .namedPairs(member: "properties")))
        XCTAssertNil(tag.tagging(try body("[1, 2]"), at: .namedPairs(member: "properties")))
    }

    func testAStepOfCreateUserIsTaggedAndAStepWithoutABodyIsNot() throws {
        let scenario = try loadScenario("""
            steps:
              - operation: createUser
                body: { first_name: Ada }
              - operation: createUser
            """)
        let index = try FreshchatSpec.index()
        let operation = try FreshchatSpec.operation("createUser")
        let tag = RunTag(runID: "fch-2")
        let tagged = tag.tagging(scenario.steps[0], operation: operation, root: index.document.root)
        var context = fixedContext()
        XCTAssertEqual(try tagged.body?.render(&context),
                       ["first_name": "Ada", "properties": [["name": "fcharness_run_id", "value": "fch-2"]]])
        XCTAssertNil(tag.tagging(scenario.steps[1], operation: operation, root: index.document.root).body)
    }

    func testRunIDsSayWhenTheyStartedAndDiffer() {
        let date = Date(timeIntervalSince1970: 1_796_000_000)  // 2026-11-30T...Z
        let first = RunTag.newRunID(at: date)
        XCTAssertTrue(first.hasPrefix("fch-20261130T"), first)
        XCTAssertEqual(first.count, "fch-20261130T000000Z-abcdef".count, first)
        XCTAssertNotEqual(first, RunTag.newRunID(at: date))
    }

    // MARK: Support

    private func body(_ yaml: String) throws -> BodyTemplate {
        let scenario = try loadScenario("steps:\n  - operation: createUser\n    body: \(yaml)\n")
        return try XCTUnwrap(scenario.steps[0].body)
    }

    private func rendered(_ template: BodyTemplate?) throws -> JSON {
        var context = fixedContext(["email": "a@example.com"])
        return try XCTUnwrap(template).render(&context)
    }
}
