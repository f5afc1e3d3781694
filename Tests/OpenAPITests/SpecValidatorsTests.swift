import JSON
import JSONSchema
import XCTest

@testable import OpenAPI

/// The spec's schemas compiled for checking traffic, as contract runs use them.
final class SpecValidatorsTests: XCTestCase {
    private static let validators: SpecValidators? = {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("scenarios/freshchat.openapi.yaml").path
        return try? SpecValidators(index: OperationIndex.load(path: path), formats: .assert)
    }()

    private func validators() throws -> SpecValidators {
        try XCTUnwrap(Self.validators, "the Freshchat spec compiles into validators")
    }

    func testAValidResponseThroughComponentRefsHasNoViolations() throws {
        let body = #"{"id":"u1","email":"ada@example.com","created_time":"2026-11-24T10:00:00.000Z","properties":[{"name":"plan","value":"pro"}]}"#
        XCTAssertEqual(try validators().check(operationId: "getUser", status: 200, body: Array(body.utf8)), [])
    }

    func testSchemaFailuresCarryPointerKeywordAndSpecLocation() throws {
        let body = #"{"conversations":[{"status":"closed"}],"links":{"next_page":"not a uri"}}"#
        let violations = try validators().check(operationId: "listConversations", status: 200, body: Array(body.utf8))
        XCTAssertEqual(violations.map(\.pointer.description), ["/conversations/0/status", "/links/next_page"])
        XCTAssertEqual(violations.map(\.keyword), ["enum", "format"])
        XCTAssertEqual(violations[0].message, #""closed" is not one of new, assigned, resolved, reopened"#)
        XCTAssertTrue(violations[0].schemaPath?.hasPrefix("/paths/~1conversations/get/responses/200/content/application~1json/schema") ?? false,
                      violations[0].schemaPath ?? "nil")
    }

    func testErrorResponsesUseTheSharedErrorSchema() throws {
        let validators = try validators()
        XCTAssertEqual(validators.check(operationId: "getAgent", status: 404, body: Array(#"{"code":"not_found","message":"no"}"#.utf8)), [])
        let wrong = validators.check(operationId: "getAgent", status: 404, body: Array(#"{"code":404}"#.utf8))
        XCTAssertEqual(wrong.map(\.keyword), ["type"])
        XCTAssertEqual(wrong.map(\.pointer.description), ["/code"])
    }

    func testAnUndocumentedStatusIsAStatusViolation() throws {
        let violations = try validators().check(operationId: "getGroup", status: 203, body: Array("{}".utf8))
        XCTAssertEqual(violations.map(\.keyword), ["status"])
        XCTAssertEqual(violations.first?.message, "status 203 is not documented for getGroup (documented: 200, 401, 404)")
    }

    func testADocumentedStatusWithoutSchemaAcceptsAnyBody() throws {
        // sendMessage's 200 documents no content.
        XCTAssertEqual(try validators().check(operationId: "sendMessage", status: 200, body: Array("anything".utf8)), [])
    }

    func testABodyThatIsNotJSONWhereJSONIsDocumented() throws {
        let violations = try validators().check(operationId: "listAgents", status: 200, body: Array("<html>".utf8))
        XCTAssertEqual(violations.map(\.keyword), ["content"])
        let empty = try validators().check(operationId: "listAgents", status: 200, body: [])
        XCTAssertTrue(empty.first?.message.contains("an empty body") ?? false)
    }

    func testRequestBodyAndParameterSchemas() throws {
        let validators = try validators()
        let createConversation = try XCTUnwrap(validators.requestBodySchema(operationId: "createConversation"))
        XCTAssertEqual(createConversation.validate(["app_id": "a", "channel_id": "c"]).map(\.keyword), ["required"])
        XCTAssertNil(validators.requestBodySchema(operationId: "listAgents"))
        let itemsPerPage = try XCTUnwrap(validators.parameterSchema(operationId: "listAgents", name: "items_per_page", location: .query))
        XCTAssertTrue(itemsPerPage.isValid(50))
        XCTAssertFalse(itemsPerPage.isValid(51))
        XCTAssertNil(validators.parameterSchema(operationId: "listAgents", name: "nope", location: .query))
    }

    func testAnUnknownOperationIsReported() throws {
        XCTAssertNil(try validators().responseRule(operationId: "nope", status: 200))
        XCTAssertEqual(try validators().check(operationId: "nope", status: 200, body: []).map(\.keyword), ["operation"])
    }
}
