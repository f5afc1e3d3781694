// The project's one YAML reader: a positioned tree with key positions and quoting, YAML 1.2
// core-schema scalars, and errors that name file:line:column.

import JSON
import YAMLSource
import XCTest

final class YAMLReaderTests: XCTestCase {
    private func read(_ text: String) throws -> YAMLNode {
        try XCTUnwrap(try YAMLReader.read(text, file: "t.yaml"))
    }

    private func readError(_ text: String) -> YAMLReadError? {
        do {
            _ = try YAMLReader.read(text, file: "t.yaml")
            return nil
        } catch {
            return error
        }
    }

    private struct NotAMapping: Error {}

    private func members(_ node: YAMLNode) throws -> [YAMLNode.Member] {
        guard case .mapping(let members) = node.content else { throw NotAMapping() }
        return members
    }

    func testNodesAndKeysKnowWhereTheyWereWritten() throws {
        let root = try read("name: smoke\nsteps:\n  - operation: listAgents\n    'expect': { status: 200 }\n")
        XCTAssertEqual(root.location, SourceLocation(file: "t.yaml", line: 1, column: 1))
        let top = try members(root)
        XCTAssertEqual(top.map(\.key), ["name", "steps"])
        XCTAssertEqual(top[1].keyLocation.description, "t.yaml:2:1")
        guard case .sequence(let steps) = top[1].value.content else { return XCTFail("steps is a list") }
        XCTAssertEqual(steps[0].location.description, "t.yaml:3:5")
        let step = try members(steps[0])
        XCTAssertEqual(step[0].value.location.description, "t.yaml:3:16")
        XCTAssertEqual(step[1].keyLocation.description, "t.yaml:4:5", "at the opening quote")
        XCTAssertTrue(step[1].keyIsQuoted)
        XCTAssertFalse(step[0].keyIsQuoted)
        XCTAssertEqual(try members(step[1].value)[0].value.location.description, "t.yaml:4:25")
    }

    func testScalarsKeepTheirTextAndHowTheyWereWritten() throws {
        let values = try members(read("a: plain\nb: 'single'\nc: \"double\"\nd: |\n  literal\ne: >-\n  folded\n"))
        let scalars = values.compactMap { member -> YAMLNode.Scalar? in
            if case .scalar(let scalar) = member.value.content { return scalar }
            return nil
        }
        XCTAssertEqual(scalars.map(\.style), [.plain, .singleQuoted, .doubleQuoted, .literal, .folded])
        XCTAssertEqual(scalars.map(\.text), ["plain", "single", "double", "literal\n", "folded"])
        XCTAssertEqual(scalars.map(\.isQuoted), [false, true, true, false, false])
        XCTAssertEqual(scalars.map(\.isBlock), [false, false, false, true, true])
    }

    func testScalarsResolveByTheYAML12CoreSchema() throws {
        let root = try read("""
            [yes, no, on, off, 0123, 0x1F, 0o17, 12, -7, 2.5, 1e3, .inf, true, False, null, ~, '', "12", !!str 7, !!int "8", 1_000, 2024-01-01]
            """)
        XCTAssertEqual(root.json, [
            "yes", "no", "on", "off", .integer(123), .integer(31), .integer(15), .integer(12), .integer(-7), 2.5, 1000.0,
            .double(.infinity), true, false, nil, nil, "", "12", "7", .integer(8), "1_000", "2024-01-01",
        ])
    }

    func testJSONConversionKeepsKeyOrderAndTypes() throws {
        let root = try read("z: 1\na: [true, x]\nm: { k: ~ }\n")
        XCTAssertEqual(root.json, ["z": 1, "a": [true, "x"], "m": ["k": nil]])
        XCTAssertEqual(root.json.objectValue?.keys, ["z", "a", "m"])
    }

    func testAnEmptyDocumentReadsAsNothing() throws {
        XCTAssertNil(try YAMLReader.read("", file: "t.yaml"))
        XCTAssertNil(try YAMLReader.read("# only a comment\n", file: "t.yaml"))
    }

    func testASyntaxErrorNamesLineColumnAndWhatLibyamlWasDoing() throws {
        let error = try XCTUnwrap(readError("a:\n  b: { c: 1\n"))
        XCTAssertEqual(error.location.line, 3)
        guard case .syntax = error.problem else { return XCTFail("\(error)") }
        XCTAssertTrue(error.message.contains("(while parsing a flow mapping at line 2, column 6)"), error.message)
        XCTAssertTrue(error.description.hasPrefix("t.yaml:3:"), error.description)
    }

    func testADuplicateKeyIsAnError() throws {
        let error = try XCTUnwrap(readError("a: 1\nb: 2\na: 3\n"))
        XCTAssertEqual(error.problem, .duplicateKeys(["a"]))
        XCTAssertEqual(error.message, "duplicate key 'a' in a mapping")
    }

    func testAMappingAsAKeyIsAnErrorAtTheKey() throws {
        let error = try XCTUnwrap(readError("body: { email: {{email}} }\n"))
        XCTAssertEqual(error.problem, .nonScalarKey)
        XCTAssertEqual(error.description, "t.yaml:1:17: a mapping or list cannot be a key")
    }

    func testAnExplicitTagThatDoesNotFitIsAnError() throws {
        let error = try XCTUnwrap(readError("a: 1\nb: !!int twelve\n"))
        XCTAssertEqual(error.problem, .valueDoesNotFitTag(text: "twelve", tag: "tag:yaml.org,2002:int"))
        XCTAssertEqual(error.location.description, "t.yaml:2:4")
    }

    func testAControlCharacterIsLocatedByLineAndScalarColumn() throws {
        // A Windows line end is one line break; `e` + combining acute is two scalars, two columns.
        let error = try XCTUnwrap(readError("a: 1\r\nb: e\u{301}\u{01}\n"))
        XCTAssertEqual(error.location.line, 2)
        XCTAssertEqual(error.location.column, 6, "columns count Unicode scalars, as libyaml's do")
    }

    func testJSONTextWithEscapedSurrogatePairsReads() throws {
        let root = try read(#"{"emoji": "\ud83d\ude00"}"#)
        XCTAssertEqual(root.json, ["emoji": "😀"])
    }
}
