// docs/results.schema.json, checked with fcharness's own validator: it is a valid 2020-12
// schema, every file the writer produces matches it, and a file that strays does not.
import Foundation
import JSON
import JSONSchema
import XCTest

@testable import Report

final class ResultsFileSchemaTests: XCTestCase {
    /// The schema in the repository, found from this file: Tests/ReportTests/ → the root.
    private static let schemaPath = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("docs/results.schema.json").path

    private func schema() throws -> Schema {
        try Schema(try JSON.parse(contentsOfFile: Self.schemaPath), formats: .assert)
    }

    func testTheSchemaIsAValidDraft202012Schema() throws {
        let metaschema = try Schema(["$ref": "https://json-schema.org/draft/2020-12/schema"])
        XCTAssertEqual(metaschema.validate(try JSON.parse(contentsOfFile: Self.schemaPath)).map(\.description), [])
    }

    func testEveryWrittenFileMatchesTheSchema() throws {
        let schema = try schema()
        for result in [try ResultsFileFixtures.openModelRun(), try ResultsFileFixtures.closedModelRun()] {
            let document = try JSON.parse(try ResultsFile.bytes(result))
            XCTAssertEqual(schema.validate(document).map(\.description), [])
        }
    }

    func testAMemberOfTheWrongTypeFailsTheSchema() throws {
        try assertSchemaRejects("/operations/listAgents/requests", "900", at: "/operations/listAgents/requests", keyword: "type")
        try assertSchemaRejects("/totals/errors", -1, at: "/totals/errors", keyword: "minimum")
        try assertSchemaRejects("/run/model", "half-open", at: "/run/model", keyword: "enum")
        try assertSchemaRejects("/errors/0/class", "teapot", at: "/errors/0/class", keyword: "enum")
        try assertSchemaRejects("/run/started", "14/03/2025 09:26", at: "/run/started", keyword: "pattern")
        try assertSchemaRejects("/operations/listAgents/histogram", "AAAA", at: "/operations/listAgents/histogram", keyword: "pattern")
        try assertSchemaRejects("/format", "fcharness-results/2", at: "/format", keyword: "const")
    }

    func testAMissingMemberFailsTheSchema() throws {
        try assertSchemaRejects("/run/started", nil, at: "/run", keyword: "required")
        try assertSchemaRejects("/operations/getConversation/timings_totals", nil, at: "/operations/getConversation", keyword: "required")
        try assertSchemaRejects("/windows/1/histogram", nil, at: "/windows/1", keyword: "required")
    }

    func testAnUnknownMemberFailsTheSchema() throws {
        try assertSchemaRejects("/run/planned_rat", 25, at: "/run", keyword: "additionalProperties")
        try assertSchemaRejects("/totals/p99", 12.5, at: "/totals", keyword: "additionalProperties")
        try assertSchemaRejects("/operations/listAgents/status/2xx", 5, at: "/operations/listAgents/status", keyword: "pattern")
    }

    /// Sets the member at `pointer` to `value` (removes it when nil) in a written file and
    /// asserts the schema rejects the result with `keyword` at `location`.
    private func assertSchemaRejects(
        _ pointer: String, _ value: JSON?, at location: String, keyword: String, line: UInt = #line
    ) throws {
        let written = try ResultsFileFixtures.openModelDocument()
        let errors = try schema().validate(ResultsFileFixtures.editing(written, at: pointer, to: value))
        XCTAssertTrue(errors.contains { $0.instanceLocation.description == location && $0.keyword == keyword },
                      "expected \(keyword) at \(location), got \(errors.map(\.description))", line: line)
    }
}
