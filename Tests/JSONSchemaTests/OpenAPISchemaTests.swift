// How the OpenAPI module uses this one: a schema that `$ref`s `#/components/schemas/...`,
// compiled at a JSON Pointer inside the whole spec document; nullable fields as type arrays;
// and the real "list conversations" response from shared/bench.

import Foundation
import JSON
import JSONSchema
import NIOConcurrencyHelpers
import XCTest

final class OpenAPISchemaTests: XCTestCase {
    private static let document: JSON = {
        let text = #"""
        {
          "openapi": "3.1.0",
          "paths": {
            "/conversations": {"get": {"responses": {"200": {"content": {"application/json": {
              "schema": {"$ref": "#/components/schemas/ConversationList"}}}}}}}
          },
          "components": {
            "schemas": {
              "ConversationList": {
                "type": "object",
                "required": ["conversations"],
                "properties": {
                  "conversations": {"type": "array", "items": {"$ref": "#/components/schemas/Conversation"}}
                }
              },
              "Conversation": {
                "type": "object",
                "required": ["conversation_id", "app_id", "status"],
                "properties": {
                  "conversation_id": {"type": "string"},
                  "app_id": {"type": "string"},
                  "status": {"type": "string", "enum": ["new", "assigned", "resolved", "reopened"]},
                  "assigned_agent_id": {"type": ["string", "null"]},
                  "created_time": {"type": "string", "format": "date-time"}
                }
              }
            }
          }
        }
        """#
        return (try? JSON.parse(text)) ?? .null
    }()

    private let responsePointer = JSONPointer(tokens: ["paths", "/conversations", "get", "responses", "200", "content",
                                                       "application/json", "schema"])

    func testRefToComponentsResolvesAgainstTheWholeDocument() throws {
        let schema = try Schema(document: Self.document, pointer: responsePointer, formats: .assert)
        let valid = try JSON.parse(#"""
            {"conversations": [{"conversation_id": "c1", "app_id": "a", "status": "new",
                                "assigned_agent_id": null, "created_time": "2026-11-24T10:00:00Z"}]}
            """#)
        XCTAssertTrue(schema.isValid(valid))
        XCTAssertEqual(schema.validate(valid), [])
    }

    func testComponentSchemaCompiledByPointer() throws {
        let schema = try Schema(document: Self.document, pointer: JSONPointer("/components/schemas/Conversation"),
                                formats: .assert)
        let errors = schema.validate(try JSON.parse(#"{"conversation_id": "c1", "status": "open"}"#))
        XCTAssertEqual(errors.map(\.description), [
            #"/: missing required property "app_id""#,
            #"/status: "open" is not one of new, assigned, resolved, reopened"#,
        ])
    }

    func testNullableViaTypeArrayAcceptsNullAndRejectsOtherTypes() throws {
        let schema = try Schema(document: Self.document, pointer: JSONPointer("/components/schemas/Conversation"))
        let base: JSONObject = ["conversation_id": "c", "app_id": "a", "status": "new"]
        var withNull = base
        withNull["assigned_agent_id"] = .null
        var withNumber = base
        withNumber["assigned_agent_id"] = 5
        XCTAssertTrue(schema.isValid(.object(withNull)))
        XCTAssertEqual(schema.validate(.object(withNumber)).map(\.description),
                       ["/assigned_agent_id: expected string or null, found integer 5"])
    }

    func testBrokenResponsesReportEachProblemWithItsLocation() throws {
        let schema = try Schema(document: Self.document, pointer: responsePointer, formats: .assert)
        let broken = try JSON.parse(#"""
            {"conversations": [
              {"conversation_id": "c1", "app_id": "a", "status": "closed"},
              {"conversation_id": 2, "app_id": "a", "status": "new"},
              {"conversation_id": "c3", "app_id": "a", "status": "new", "created_time": "2026-13-01"}
            ]}
            """#)
        let errors = schema.validate(broken)
        XCTAssertEqual(errors.map(\.description), [
            #"/conversations/0/status: "closed" is not one of new, assigned, resolved, reopened"#,
            "/conversations/1/conversation_id: expected string, found integer 2",
            #"/conversations/2/created_time: "2026-13-01" is not a valid date-time"#,
        ])
        XCTAssertEqual(errors.first?.keywordLocation,
                       "/$ref/properties/conversations/items/$ref/properties/status/enum")
        XCTAssertFalse(schema.isValid(broken))
    }

    func testPointerToNothingIsACompileError() {
        XCTAssertThrowsError(try Schema(document: Self.document, pointer: JSONPointer(tokens: ["components", "nope"])))
    }

    func testSchemaIsShareableAcrossThreads() throws {
        let schema = try Schema(document: Self.document, pointer: responsePointer, formats: .assert)
        let good = try JSON.parse(#"{"conversations": [{"conversation_id": "c", "app_id": "a", "status": "new"}]}"#)
        let bad = try JSON.parse(#"{"conversations": [{"conversation_id": "c", "app_id": "a", "status": "x"}]}"#)
        let failures = SendableCounter()
        DispatchQueue.concurrentPerform(iterations: 8) { round in
            for _ in 0..<200 where schema.isValid(round % 2 == 0 ? good : bad) != (round % 2 == 0) || schema.validate(bad).count != 1 {
                failures.increment()
            }
        }
        XCTAssertEqual(failures.value, 0)
    }

    // MARK: - The benchmark document from shared/bench

    private static let benchFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/bench")

    private func loadBench() throws -> (Schema, JSON) {
        let folder = Self.benchFolder
        guard FileManager.default.fileExists(atPath: folder.appendingPathComponent("list-conversations.json").path) else {
            throw XCTSkip("shared/bench/list-conversations.json not found at \(folder.path)")
        }
        let schema = try Schema(JSON.parse(contentsOfFile: folder.appendingPathComponent("list-conversations.schema.json").path),
                                formats: .assert)
        let document = try JSON.parse(contentsOfFile: folder.appendingPathComponent("list-conversations.json").path)
        return (schema, document)
    }

    func testListConversationsResponseIsValid() throws {
        let (schema, document) = try loadBench()
        XCTAssertTrue(schema.isValid(document))
        XCTAssertEqual(schema.validate(document), [])
    }

    func testListConversationsWithWrongEnumWrongTypeAndBadDateTime() throws {
        let (schema, document) = try loadBench()
        guard case .object(var root) = document, case .array(var conversations)? = root["conversations"],
              conversations.count > 7, case .object(var third) = conversations[3],
              case .object(var fifth) = conversations[5], case .object(var seventh) = conversations[7]
        else { return XCTFail("unexpected bench document shape") }
        third["status"] = "closed"
        fifth["app_id"] = 42
        seventh["created_time"] = "2026-13-01T10:00:00Z"
        conversations[3] = .object(third)
        conversations[5] = .object(fifth)
        conversations[7] = .object(seventh)
        root["conversations"] = .array(conversations)
        let broken = JSON.object(root)
        XCTAssertFalse(schema.isValid(broken))
        XCTAssertEqual(schema.validate(broken).map(\.description), [
            #"/conversations/3/status: "closed" is not one of new, assigned, resolved, reopened"#,
            "/conversations/5/app_id: expected string, found integer 42",
            #"/conversations/7/created_time: "2026-13-01T10:00:00Z" is not a valid date-time"#,
        ])
    }
}

/// A counter the concurrent test can bump from several threads.
private final class SendableCounter: Sendable {
    private let count = NIOLockedValueBox(0)
    func increment() { count.withLockedValue { $0 += 1 } }
    var value: Int { count.withLockedValue { $0 } }
}
