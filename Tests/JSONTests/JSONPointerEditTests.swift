// Editing documents at a JSON Pointer: what generated scenarios build bodies and negative
// cases with.

import JSON
import XCTest

final class JSONPointerEditTests: XCTestCase {
    private let body: JSON = .object([
        "email": .string("a@example.com"),
        "users": .array([.object(["id": .string("u1")])]),
    ])

    func testSettingReplacesAMemberAndKeepsItsPlace() throws {
        let edited = try XCTUnwrap(body.setting(.string("{{user_id}}"), at: JSONPointer(tokens: ["users", "0", "id"])))
        XCTAssertEqual(edited.serialized(), #"{"email":"a@example.com","users":[{"id":"{{user_id}}"}]}"#)
    }

    func testSettingAppendsANewMemberOrTheNextArrayElement() throws {
        let added = try XCTUnwrap(body.setting(.integer(3), at: JSONPointer(tokens: ["age"])))
        XCTAssertEqual(added["age"], .integer(3))
        let appended = try XCTUnwrap(body.setting(.object([:]), at: JSONPointer(tokens: ["users", "1"])))
        XCTAssertEqual(appended["users"]?.arrayValue?.count, 2)
    }

    func testSettingWithoutAParentIsNil() {
        XCTAssertNil(body.setting(.null, at: JSONPointer(tokens: ["missing", "x"])))
        XCTAssertNil(body.setting(.null, at: JSONPointer(tokens: ["users", "5"])))
        XCTAssertNil(body.setting(.null, at: JSONPointer(tokens: ["email", "x"])))
    }

    func testTheRootPointerSetsTheWholeDocument() {
        XCTAssertEqual(body.setting(.bool(true), at: .root), .bool(true))
    }

    func testRemovingAMemberOrAnElement() throws {
        let withoutEmail = try XCTUnwrap(body.removing(at: JSONPointer(tokens: ["email"])))
        XCTAssertEqual(withoutEmail.serialized(), #"{"users":[{"id":"u1"}]}"#)
        let withoutUser = try XCTUnwrap(body.removing(at: JSONPointer(tokens: ["users", "0"])))
        XCTAssertEqual(withoutUser["users"], .array([]))
    }

    func testRemovingWhatIsNotThereIsNil() {
        XCTAssertNil(body.removing(at: JSONPointer(tokens: ["nickname"])))
        XCTAssertNil(body.removing(at: .root))
    }
}
