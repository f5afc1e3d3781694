// What the RFC 9535 grammar accepts (blanks where allowed, string escapes, integer limits) and
// how a malformed query is reported: the character where reading stopped and what was expected.

import JSON
import XCTest

final class JSONPathQuerySyntaxTests: XCTestCase {
    let document: JSON = [
        "paths": [
            "/users": ["get": ["parameters": [["name": "page", "in": "query"], ["name": "filter", "in": "query"]]]],
            "/agents": ["get": ["x-tag": "a"], "post": [:]],
        ],
        "quote\"d": 1,
        "😀": 2,
    ]

    func values(_ query: String) throws -> [JSON] {
        try JSONPathQuery(query).select(in: document).map(\.value)
    }

    func testBlanksAreAllowedWhereTheRFCAllowsThem() throws {
        XCTAssertEqual(try values("$ .paths [ '/agents' ] .get ['x-tag']"), ["a"])
        XCTAssertEqual(try values("$.paths.*.get.parameters[? @.name == 'filter' && @.in=='query' ].name"), ["filter"])
        XCTAssertEqual(try values("$.paths['/users'].get.parameters[ 0 : 1 ].name"), ["page"])
        XCTAssertEqual(try values("$.paths['/users'].get.parameters[\n?(@.name=='page')\t].in"), ["query"])
    }

    /// `&&` binds tighter than `||`; `!` applies to one test or a parenthesized expression.
    func testOperatorPrecedenceAndLiterals() throws {
        let items: JSON = [["a": 1, "b": true], ["a": 2, "b": false], ["a": 3], ["c": nil], ["a": -5e-1]]
        func positions(_ query: String) throws -> [String] {
            try JSONPathQuery(query).select(in: items).map(\.location.description)
        }
        XCTAssertEqual(try positions("$[?@.a == 1 || @.a == 2 && @.b == true]"), ["$[0]"])
        XCTAssertEqual(try positions("$[?(@.a == 1 || @.a == 2) && @.b == false]"), ["$[1]"])
        XCTAssertEqual(try positions("$[? ! @.a]"), ["$[3]"])
        XCTAssertEqual(try positions("$[?!(@.a >= 2)]"), ["$[0]", "$[3]", "$[4]"])
        XCTAssertEqual(try positions("$[?@.c == null]"), ["$[3]"])
        XCTAssertEqual(try positions("$[?@.a == -0.5]"), ["$[4]"])
        XCTAssertEqual(try positions("$[?@.a == -5E-1]"), ["$[4]"])
        XCTAssertEqual(try positions("$[?@.a == 3.0]"), ["$[2]"])
        XCTAssertEqual(try positions("$[?@.a < 2 && @.a > -1]"), ["$[0]", "$[4]"])
    }

    func testStringEscapes() throws {
        XCTAssertEqual(try values(#"$["quote\"d"]"#), [1])
        XCTAssertEqual(try values(#"$['quote"d']"#), [1])
        XCTAssertEqual(try values(#"$['\ud83d\ude00']"#), [2])
        XCTAssertEqual(try values(#"$['\u002fusers']"#), [])
        XCTAssertEqual(try values(#"$.paths['\/users'].get.parameters[0].name"#), ["page"])
    }

    func testWildcardPathsAndDescendants() throws {
        XCTAssertEqual(try JSONPathQuery("$.paths.*.get").select(in: document).map(\.location.description), [
            "$['paths']['/users']['get']", "$['paths']['/agents']['get']",
        ])
        XCTAssertEqual(try values("$..parameters[?@.name == 'page'].in"), ["query"])
        XCTAssertEqual(try JSONPathQuery("$..parameters[-1]").select(in: document).map(\.location.pointer.description), [
            "/paths/~1users/get/parameters/1",
        ])
    }

    func testSingularQueries() throws {
        XCTAssertTrue(try JSONPathQuery("$.a['b'][0]").isSingular)
        XCTAssertFalse(try JSONPathQuery("$.a.*").isSingular)
        XCTAssertFalse(try JSONPathQuery("$..a").isSingular)
        XCTAssertFalse(try JSONPathQuery("$.a[0,1]").isSingular)
    }

    /// Each malformed query with the 1-based character and the start of what was expected there.
    func testMalformedQueriesNameTheCharacterAndWhatWasExpected() {
        let cases: [(query: String, column: Int, expected: String)] = [
            ("", 1, "'$' at the start"),
            ("paths", 1, "'$' at the start"),
            ("$.", 3, "a member name or '*'"),
            ("$..", 4, "a member name, '*' or '['"),
            ("$.paths[", 9, "a selector"),
            ("$.paths['/users'", 17, "',' or ']'"),
            ("$.paths['/users", 16, "\"'\" to end the string"),
            ("$['a\\x']", 6, "an escape"),
            ("$['\\ude00']", 4, "a high surrogate"),
            ("$[01]", 4, "no digit after a leading '0'"),
            ("$[-0]", 3, "an integer ('-0' is not one)"),
            ("$[9007199254740992]", 3, "an integer between"),
            ("$[1:2:3:4]", 8, "',' or ']'"),
            ("$.a ", 4, "'.', '..', '['"),
            ("$.a[?@.b = 1]", 10, "a comparison operator"),
            ("$.a[?@.b == ]", 13, "a query ('@…' or '$…'), a literal"),
            ("$.a[?@.* == 1]", 6, "a singular query"),
            ("$.a[?1]", 7, "a comparison operator after a literal"),
            ("$.a[?length(@.b)]", 17, "a comparison: functions give values"),
            ("$.a[?length(@.*) > 1]", 13, "a singular query"),
            ("$.a[?count(1) == 1]", 12, "a query ('@…' or '$…') as the argument of count()"),
            ("$.a[?match(@.b, 'x')]", 6, "length(), count() or value(); match() is not supported"),
            ("$.a[?frobnicate(@)]", 6, "a function: length(), count() or value()"),
            ("$.a[?(@.b == 1]", 15, "')', '&&' or '||'"),
            ("$.a[?@.b == 'x' &&]", 19, "a query ('@…' or '$…'), a literal"),
            ("$.a[?@.b == tru]", 13, "a query ('@…' or '$…'), a literal or a function call"),
            ("$.a[?@.b == 1.]", 15, "a digit after '.'"),
            ("$.a[?!1]", 7, "'(' or a query"),
            ("$['tab\there']", 7, "a character or an escape"),
        ]
        for (query, column, expected) in cases {
            XCTAssertThrowsError(try JSONPathQuery(query), query) { error in
                guard let error = error as? JSONPathQueryError else { return XCTFail("\(query): \(error)") }
                XCTAssertEqual(error.column, column, "\(query): \(error)")
                XCTAssertTrue(error.expected.hasPrefix(expected), "\(query): \(error)")
                XCTAssertEqual(error.query, query)
            }
        }
    }

    func testErrorDescriptionReadsAsOneLine() {
        XCTAssertThrowsError(try JSONPathQuery("$.paths[")) { error in
            XCTAssertEqual(
                "\(error)",
                #"invalid JSONPath "$.paths[" at character 9: expected a selector: a quoted name, '*', an index, a slice or a '?' filter, found end of query"#)
        }
    }
}
