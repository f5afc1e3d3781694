// Documents that are small on disk but enormous once read: nested aliases ("billion laughs")
// and collection keys, which Yams hashes with their aliases expanded. Found by fcharness-fuzz;
// each must end in an error quickly rather than run (practically) forever.

import YAMLSource
import XCTest

final class YAMLReaderBoundsTests: XCTestCase {
    private func readError(_ text: String) -> YAMLReadError? {
        do {
            _ = try YAMLReader.read(text, file: "t.yaml")
            return nil
        } catch {
            return error
        }
    }

    /// Nine levels of nine aliases: 9^9 leaves from ten lines.
    private let laughs: String = {
        var lines = ["l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
        for level in 1...9 {
            lines.append("l\(level): &l\(level) [" + Array(repeating: "*l\(level - 1)", count: 9).joined(separator: ", ") + "]")
        }
        return lines.joined(separator: "\n") + "\n"
    }()

    func testNestedAliasesThatExpandFarBeyondTheTextAreAnError() throws {
        let error = try XCTUnwrap(readError(laughs))
        XCTAssertTrue(error.message.contains("aliases expand the document"), error.message)
    }

    func testALongScalarAliasedManyTimesIsAnError() throws {
        let long = String(repeating: "x", count: 200_000)
        let error = try XCTUnwrap(readError("s: &s \(long)\nl: [" + Array(repeating: "*s", count: 20).joined(separator: ", ") + "]\n"))
        XCTAssertTrue(error.message.contains("aliases expand the document"), error.message)
    }

    func testALongScalarAliasedAsAKeyManyTimesIsAnErrorBeforeYamsHashesIt() throws {
        let long = String(repeating: "x", count: 200_000)
        let error = try XCTUnwrap(readError("s: &s \(long)\nl:\n" + String(repeating: "  - { *s : 1 }\n", count: 5)))
        XCTAssertTrue(error.message.contains("aliases used as keys"), error.message)
        XCTAssertEqual(error.location.description, "t.yaml:4:7", "the second use already repeats more than the text")
    }

    func testAliasesThatExpandModestlyStillRead() throws {
        let root = try XCTUnwrap(try YAMLReader.read("base: &b { a: 1, b: [2, 3] }\nx: *b\ny: *b\n", file: "t.yaml"))
        XCTAssertEqual(root.json.serialized(sortedKeys: true), #"{"base":{"a":1,"b":[2,3]},"x":{"a":1,"b":[2,3]},"y":{"a":1,"b":[2,3]}}"#)
    }

    func testAnAliasOfACollectionAsAKeyIsAnErrorBeforeItIsExpanded() throws {
        let error = try XCTUnwrap(readError(laughs + "? *l9\n: boom\n"))
        XCTAssertEqual(error.problem, .nonScalarKey)
        XCTAssertEqual(error.location.description, "t.yaml:11:3")
    }

    func testCollectionKeysAreErrorsAtTheKey() throws {
        XCTAssertEqual(readError("a: 1\n[x, y]: 2\n")?.description, "t.yaml:2:1: a mapping or list cannot be a key")
        XCTAssertEqual(readError("? - x\n: 1\n")?.description, "t.yaml:1:3: a mapping or list cannot be a key")
        XCTAssertEqual(readError("{ a: [ { [1]: 2 } ] }")?.description, "t.yaml:1:10: a mapping or list cannot be a key")
    }

    func testAnAliasOfAScalarIsAFineKey() throws {
        let root = try XCTUnwrap(try YAMLReader.read("name: &n title\n*n : 1\n", file: "t.yaml"))
        XCTAssertEqual(root.json.serialized(sortedKeys: true), #"{"name":"title","title":1}"#)
    }

    func testASyntaxErrorIsStillYamsMessage() throws {
        let error = try XCTUnwrap(readError("a: [1, 2\n"))
        guard case .syntax = error.problem else { return XCTFail("\(error)") }
    }
}
