// The capture/assertion path language: parsing, evaluation, canonical text and errors.

import JSON
import XCTest

final class JSONPathTests: XCTestCase {
    let response: JSON = [
        "agents": [["id": "ag-1", "name": "Ann"], ["id": "ag-2", "name": "Bo"]],
        "messages": ["hi", "there", "you"],
        "meta": ["length": 99, "key with space": true, "it's": 1, "k": "v"],
        "grid": [[1, 2], [3, 4], [5, 6]],
        "title": "héllo",
    ]

    func testEvaluatesMembersIndexesAndLengths() throws {
        let expectations: [(String, JSON)] = [
            ("$", response),
            ("$.agents[0].id", "ag-1"),
            ("$.agents[-1].name", "Bo"),
            ("$.messages.length", 3),
            ("$.agents.length", 2),
            ("$.meta.length", 4),
            ("$.title.length", 5),
            ("$['meta']['length']", 99),
            ("$.meta['key with space']", true),
            (#"$.meta["k"]"#, "v"),
            (#"$.meta['it\'s']"#, 1),
            ("$.grid[2][0]", 5),
            ("$.grid[-3][1]", 2),
        ]
        for (text, expected) in expectations {
            let path = try JSONPath(text)
            XCTAssertEqual(path.evaluate(response), expected, text)
        }
    }

    func testEvaluatesToNilWhenNothingMatches() throws {
        for text in ["$.missing", "$.agents[2]", "$.agents[-3]", "$.agents.id", "$.title[0]", "$.messages[0].length.length", "$.agents[0].id.x", "$.meta.length.length"] {
            XCTAssertNil(try JSONPath(text).evaluate(response), text)
        }
        XCTAssertEqual(try JSONPath("$.meta.length.length").components, [.member("meta"), .length, .length])
    }

    func testParsesIntoComponents() throws {
        XCTAssertEqual(try JSONPath("$").components, [])
        XCTAssertEqual(
            try JSONPath("$.a.b[2][0]").components, [.member("a"), .member("b"), .index(2), .index(0)])
        XCTAssertEqual(try JSONPath("$['length']").components, [.member("length")])
        XCTAssertEqual(try JSONPath("$.length").components, [.length])
        XCTAssertEqual(try JSONPath("$.snake_case-and-dash.é").components, [.member("snake_case-and-dash"), .member("é")])
        XCTAssertEqual(try JSONPath(#"$["a\"b\\c"]"#).components, [.member("a\"b\\c")])
        XCTAssertEqual(try JSONPath("$['']").components, [.member("")])
    }

    func testDescriptionIsCanonicalAndParsesBack() throws {
        let cases: [(String, String)] = [
            ("$", "$"), ("$.a[0].b", "$.a[0].b"), (#"$["a"]"#, "$.a"), ("$['length']", "$['length']"),
            ("$.x.length", "$.x.length"), ("$['a b']", "$['a b']"), (#"$["it's"]"#, #"$['it\'s']"#), ("$[-1]", "$[-1]"),
        ]
        for (text, canonical) in cases {
            let path = try JSONPath(text)
            XCTAssertEqual(path.description, canonical, text)
            XCTAssertEqual(try JSONPath(path.description), path, text)
        }
    }

    func testErrorsGiveTheColumnAndWhatWasExpected() {
        let cases: [(text: String, column: Int, expected: String, found: String)] = [
            ("", 1, "'$' at the start of the path", "end of path"),
            ("agents[0]", 1, "'$' at the start of the path", "'a'"),
            ("$.", 3, "a member name after '.'", "end of path"),
            ("$.a..b", 5, "a member name after '.'", "'.'"),
            ("$.a[", 5, "an index or a quoted name after '['", "end of path"),
            ("$.a[x]", 5, "an index or a quoted name after '['", "'x'"),
            ("$.a[0", 6, "']'", "end of path"),
            ("$.a['b'", 8, "']'", "end of path"),
            ("$.a['b", 7, "\"'\" to end the name", "end of path"),
            ("$.a[01]", 5, "an index without leading zeros", "'0'"),
            ("$.a[-]", 6, "a digit", "']'"),
            ("$ .a", 2, "'.' or '[' or end of path", "' '"),
            ("$.é b", 4, "'.' or '[' or end of path", "' '"),
        ]
        for item in cases {
            XCTAssertThrowsError(try JSONPath(item.text), item.text) { error in
                guard let error = error as? JSONPathError else { return XCTFail("\(error)") }
                XCTAssertEqual(error.column, item.column, "column for \(item.text): \(error)")
                XCTAssertEqual(error.expected, item.expected, item.text)
                XCTAssertEqual(error.found, item.found, item.text)
            }
        }
        XCTAssertEqual(
            "\(JSONPathError(path: "$.a[", column: 5, expected: "']'", found: "end of path"))",
            #"invalid path "$.a[" at column 5: expected ']', found end of path"#)
    }
}
