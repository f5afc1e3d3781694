// Positions found after reading: any JSON Pointer into a read document names where it was written.

import YAMLSource
import XCTest

final class SourceMapTests: XCTestCase {
    private func map(_ text: String) throws -> SourceMap {
        SourceMap(of: try XCTUnwrap(try YAMLReader.read(text, file: "t.yaml")))
    }

    func testMembersAreLocatedAtTheirKeyAndElementsAtTheirValue() throws {
        let map = try map("# spec\ninfo:\n  title: T\ntags:\n  - name: a\n  -   name: b\n")
        XCTAssertEqual(map.location(of: ["info", "title"]), SourceLocation(file: "t.yaml", line: 3, column: 3))
        XCTAssertEqual(map.location(of: ["tags", "1"]).description, "t.yaml:6:7")
        XCTAssertEqual(map.location(of: ["tags", "1", "name"]).description, "t.yaml:6:7")
    }

    func testAPointerPastTheDocumentFallsBackToItsNearestAncestor() throws {
        let map = try map("# spec\ninfo:\n  title: T\n")
        XCTAssertEqual(map.location(of: ["info", "nothing", "here"]).description, "t.yaml:2:1")
        XCTAssertEqual(map.location(of: ["elsewhere"]).description, "t.yaml:2:1", "the root, where the document starts")
        XCTAssertEqual(map.location(of: []).description, "t.yaml:2:1")
    }
}
