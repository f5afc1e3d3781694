// The YAML `fcharness spec` prints: readable (plain where safe, members in order) and read back
// by the project's YAML reader to the same document, whatever the strings hold.

import JSON
import OpenAPI
import XCTest
import YAMLSource

final class YAMLWriterTests: XCTestCase {
    /// `value` written as YAML and read back (as a spec document's root, so it goes through the
    /// same reader the CLI uses).
    func roundTrip(_ value: JSON) throws -> JSON {
        var object = value.objectValue ?? ["value": value]
        object["openapi"] = "3.1.0"
        let text = YAMLWriter.text(of: .object(object))
        var read = try OpenAPIDocument.load(text: text, name: "written.yaml").root.objectValue
        read?["openapi"] = nil
        return value.objectValue == nil ? (read?["value"] ?? nil) : .object(read ?? [:])
    }

    func testWritesBlockStyleInDocumentOrder() {
        let value: JSON = [
            "openapi": "3.1.0",
            "paths": ["/users": ["get": ["parameters": [["name": "page", "in": "query"]], "responses": ["200": ["description": "OK"]]]]],
            "tags": ["a", ["b"], [:], []],
            "empty": [:],
        ]
        XCTAssertEqual(YAMLWriter.text(of: value), """
            openapi: '3.1.0'
            paths:
              /users:
                get:
                  parameters:
                    - name: page
                      in: query
                  responses:
                    '200':
                      description: OK
            tags:
              - a
              - - b
              - {}
              - []
            empty: {}

            """)
    }

    func testQuotesOnlyWhatAReaderWouldTakeForSomethingElse() {
        let cases: [(String, String)] = [
            ("plain text, with commas", "plain text, with commas"),
            ("#/components/schemas/User", "'#/components/schemas/User'"),
            ("200", "'200'"),
            ("3.1.0", "'3.1.0'"),
            ("2024-01-01", "'2024-01-01'"),
            ("yes", "'yes'"),
            ("Null", "'Null'"),
            ("~", "'~'"),
            ("", "''"),
            ("a: b", "'a: b'"),
            ("a #b", "'a #b'"),
            ("ends:", "'ends:'"),
            ("- item", "'- item'"),
            ("it's", "it's"),
            ("'quoted'", "'''quoted'''"),
            (" padded ", "' padded '"),
            ("tab\there", #""tab\there""#),
            ("bell\u{07}", #""bell\u0007""#),
            ("line\u{2028}separator", #""line\u2028separator""#),
            ("émoji 😀", "émoji 😀"),
            (".inf", "'.inf'"),
            ("<<", "'<<'"),
        ]
        for (string, expected) in cases {
            XCTAssertEqual(YAMLWriter.text(of: .string(string)), expected + "\n", string)
        }
    }

    func testMultiLineStringsAreLiteralBlocks() {
        XCTAssertEqual(YAMLWriter.text(of: ["d": "one\ntwo\n"]), "d: |\n  one\n  two\n")
        XCTAssertEqual(YAMLWriter.text(of: ["d": "one\n\n  two"]), "d: |-\n  one\n\n    two\n")
        XCTAssertEqual(YAMLWriter.text(of: ["d": "one\n\n\n"]), "d: |+\n  one\n\n\n")
        XCTAssertEqual(YAMLWriter.text(of: ["d": " leading\nspace"]), "d: \" leading\\nspace\"\n")
    }

    func testTrickyValuesReadBackUnchanged() throws {
        let strings: [String] = [
            "", " ", "a: b", "#x", "- x", "? x", "[x]", "{x}", "x]", "@x", "`x", "%x", "!x", "&x", "*x", "|x", ">x", "\"x", "'x",
            "yes", "No", "ON", "off", "y", "N", "true", "False", "null", "NULL", "~", "1", "-1", "+1", "1.5", ".5", "1e3", "0x1F", "0o17",
            "1_000", "12:30", "2024-01-01T00:00:00Z", ".inf", "-.Inf", ".NaN", "---", "...", "a\nb", "a\n", "a\n\n", "\n", "\na",
            " a\nb", "a \nb ", "tab\t", "\r\n", "nul\0", "del\u{7F}", "nel\u{85}", "bom\u{FEFF}", "😀", "e\u{301}", "\u{E9}", "a\\b",
            "line\u{2028}sep", "<<", "=", "a #b", "a# b", "a:b", "a:", "'", "''",
        ]
        for string in strings {
            XCTAssertEqual(try roundTrip(.string(string)), .string(string), string.debugDescription)
            XCTAssertEqual(try roundTrip([string: 1]), [string: 1], "key \(string.debugDescription)")
        }
    }

    func testNumbersKeepTheirKind() throws {
        let value: JSON = ["i": 42, "negative": -7, "big": .integer(.max), "d": 8.95, "whole": 5.0, "huge": 1e300, "tiny": .double(.leastNonzeroMagnitude), "t": true, "n": nil]
        let read = try roundTrip(value)
        XCTAssertEqual(read, value)
        XCTAssertEqual(read["whole"], .double(5.0))
        if case .integer = read["whole"] { XCTFail("5.0 read back as an integer") }
        XCTAssertEqual(YAMLWriter.text(of: ["d": 8.95, "w": 5.0, "h": 1e300]), "d: 8.95\nw: 5.0\nh: 1e+300\n")
    }

    func testTheFreshchatSpecReadsBackUnchanged() throws {
        let spec = try OpenAPIDocument.load(path: TestFiles.freshchatSpecPath).root
        let written = YAMLWriter.text(of: spec)
        XCTAssertEqual(try OpenAPIDocument.load(text: written, name: "written.yaml").root, spec)
        XCTAssertEqual(YAMLWriter.text(of: spec), written, "the same value gives the same text")
    }
}
