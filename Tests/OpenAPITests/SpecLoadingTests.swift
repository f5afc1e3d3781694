// How spec text becomes JSON: YAML 1.2 scalars (not YAML 1.1's yes/no), quoted scalars as
// strings, JSON accepted as the same document, and a position for every value.

import JSON
import OpenAPI
import XCTest

final class SpecLoadingTests: XCTestCase {
    private func load(_ text: String) throws -> OpenAPIDocument {
        try OpenAPIDocument.load(text: "openapi: 3.1.0\n" + text, name: "test.yaml")
    }

    func testPlainScalarsFollowTheYAML12CoreSchema() throws {
        let document = try load("""
            values:
              int: 42
              negative: -7
              hex: 0x1F
              octal: 0o17
              float: 2.5
              exponent: 1e3
              huge: 123456789012345678901234567890
              yes: yes
              off: off
              bool: true
              null: null
              tilde: ~
              empty:
              version: 3.1.0
              date: 2024-01-01
              underscores: 1_000
              infinity: .inf
            """)
        let values = try XCTUnwrap(document.root["values"])
        XCTAssertEqual(values["int"], .integer(42))
        XCTAssertEqual(values["negative"], .integer(-7))
        XCTAssertEqual(values["hex"], .integer(31))
        XCTAssertEqual(values["octal"], .integer(15))
        guard case .double(2.5)? = values["float"], case .double(1000)? = values["exponent"] else {
            return XCTFail("floats: \(String(describing: values["float"])), \(String(describing: values["exponent"]))")
        }
        guard case .double(let huge)? = values["huge"] else { return XCTFail("a decimal beyond Int64 is a double") }
        XCTAssertEqual(huge, 1.2345678901234568e29)
        XCTAssertEqual(values["yes"], "yes", "YAML 1.1 booleans stay strings")
        XCTAssertEqual(values["off"], "off")
        XCTAssertEqual(values["bool"], true)
        XCTAssertEqual(values["null"], .null)
        XCTAssertEqual(values["tilde"], .null)
        XCTAssertEqual(values["empty"], .null)
        XCTAssertEqual(values["version"], "3.1.0")
        XCTAssertEqual(values["date"], "2024-01-01", "timestamps stay strings")
        XCTAssertEqual(values["underscores"], "1_000")
        XCTAssertEqual(values["infinity"]?.doubleValue, .infinity)
    }

    func testQuotedAndBlockScalarsAreAlwaysStrings() throws {
        let document = try load("""
            values:
              single: '200'
              double: "true"
              quotedNull: 'null'
              literal: |
                42
              folded: >-
                3.5
              tagged: !!str 7
              taggedInt: !!int "8"
            """)
        let values = try XCTUnwrap(document.root["values"])
        XCTAssertEqual(values["single"], .string("200"))
        XCTAssertEqual(values["double"], .string("true"))
        XCTAssertEqual(values["quotedNull"], .string("null"))
        XCTAssertEqual(values["literal"], .string("42\n"))
        XCTAssertEqual(values["folded"], .string("3.5"))
        XCTAssertEqual(values["tagged"], .string("7"))
        XCTAssertEqual(values["taggedInt"], .integer(8))
    }

    func testAnExplicitTagThatDoesNotFitIsASyntaxError() {
        XCTAssertThrowsError(try load("value: !!int twelve\n")) { error in
            XCTAssertEqual((error as? SpecError)?.location, SourceLocation(file: "test.yaml", line: 2, column: 8))
        }
    }

    func testUnquotedStatusKeysBecomeStrings() throws {
        let document = try load("responses:\n  200: { description: ok }\n  4XX: { description: client }\n")
        XCTAssertEqual(document.root["responses"]?.objectValue?.keys, ["200", "4XX"])
    }

    func testAnchorsAndAliasesAreExpanded() throws {
        let document = try load("base: &shared { type: string }\ncopy: *shared\n")
        XCTAssertEqual(document.root["copy"], ["type": "string"])
    }

    func testTheSourceMapLocatesMembersAtTheirKeyAndElementsAtTheirValue() throws {
        let document = try load("info:\n  title: T\ntags:\n  - name: a\n  -   name: b\n")
        XCTAssertEqual(document.location(of: try JSONPointer("/info/title")), SourceLocation(file: "test.yaml", line: 3, column: 3))
        XCTAssertEqual(document.location(of: try JSONPointer("/tags/1")).description, "test.yaml:6:7")
        XCTAssertEqual(document.location(of: try JSONPointer("/tags/1/name")).description, "test.yaml:6:7")
        XCTAssertEqual(document.location(of: try JSONPointer("/info/nothing/here")).description, "test.yaml:2:1", "nearest existing ancestor")
        XCTAssertEqual(document.location(of: JSONPointer(tokens: [])).description, "test.yaml:1:1")
    }

    func testAJSONSpecLoadsTheSameAsItsYAML() throws {
        let yaml = try OpenAPIDocument.load(path: TestFiles.freshchatSpecPath)
        let jsonText = yaml.root.serialized(pretty: true)
        let fromJSON = try OpenAPIDocument.load(text: jsonText, name: "freshchat.openapi.json")
        XCTAssertEqual(fromJSON.root, yaml.root)
        XCTAssertEqual(fromJSON.root, try JSON.parse(jsonText), "the YAML reader reads JSON as the JSON parser does")
        XCTAssertEqual(fromJSON.openAPIVersion, "3.1.0")

        let yamlIndex = try OperationIndex(document: yaml)
        let jsonIndex = try OperationIndex(document: fromJSON)
        XCTAssertEqual(jsonIndex.operations.map(\.id), yamlIndex.operations.map(\.id))
        for (fromYAML, fromJSON) in zip(yamlIndex.operations, jsonIndex.operations) {
            XCTAssertEqual(fromJSON.method, fromYAML.method)
            XCTAssertEqual(fromJSON.pathTemplate, fromYAML.pathTemplate)
            XCTAssertEqual(fromJSON.documentedStatuses, fromYAML.documentedStatuses)
            XCTAssertEqual(fromJSON.parameters.map(\.schemaPointer.description), fromYAML.parameters.map(\.schemaPointer.description))
            XCTAssertEqual(
                fromJSON.responses.flatMap(\.content).compactMap(\.schema?.pointer.description),
                fromYAML.responses.flatMap(\.content).compactMap(\.schema?.pointer.description)
            )
        }
        // Positions point into the JSON text: line 2 holds the first member.
        XCTAssertEqual(fromJSON.location(of: try JSONPointer("/openapi")).line, 2)
    }

    func testCompactJSONWithTabsEscapesAndNumbersLoads() throws {
        let text = "{\"openapi\":\"3.1.0\",\t\"paths\":{},\n\t\"x\":{\"e\":\"caf\\u00e9 \\ud83d\\ude00 \\\"q\\\" \\/\",\"n\":[1,-0,2.5e-3,1E2,true,false,null]}}"
        let document = try OpenAPIDocument.load(text: text, name: "compact.json")
        XCTAssertEqual(document.root["x"]?["e"], .string("café 😀 \"q\" /"))
        XCTAssertEqual(document.root["x"]?["n"], [1, 0, 0.0025, 100, true, false, nil])
        XCTAssertEqual(document.root, try JSON.parse(text))
        XCTAssertEqual(document.location(of: try JSONPointer("/x")).description, "compact.json:2:2")
    }
}
