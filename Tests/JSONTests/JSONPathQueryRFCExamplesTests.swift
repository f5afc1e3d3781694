// RFC 9535's own examples: the bookstore of section 1.5 with its table of queries, and the
// example documents and queries of each selector's section, with the nodes (values and
// normalized paths) the RFC lists as results.

import JSON
import XCTest

final class JSONPathQueryRFCExamplesTests: XCTestCase {
    /// RFC 9535 figure 1.
    let bookstore: JSON = [
        "store": [
            "book": [
                ["category": "reference", "author": "Nigel Rees", "title": "Sayings of the Century", "price": 8.95],
                ["category": "fiction", "author": "Evelyn Waugh", "title": "Sword of Honour", "price": 12.99],
                ["category": "fiction", "author": "Herman Melville", "title": "Moby Dick", "isbn": "0-553-21311-3", "price": 8.99],
                ["category": "fiction", "author": "J. R. R. Tolkien", "title": "The Lord of the Rings", "isbn": "0-395-19395-8", "price": 22.99],
            ],
            "bicycle": ["color": "red", "price": 399],
        ]
    ]

    /// The values `query` selects in `document`.
    func values(_ query: String, in document: JSON) throws -> [JSON] {
        try JSONPathQuery(query).select(in: document).map(\.value)
    }

    /// The normalized paths of the nodes `query` selects in `document`.
    func paths(_ query: String, in document: JSON) throws -> [String] {
        try JSONPathQuery(query).select(in: document).map(\.location.description)
    }

    func book(_ index: Int) -> JSON { bookstore["store"]?["book"]?[index] ?? nil }

    // MARK: - Section 1.5, table 2

    func testBookstoreTable() throws {
        let authors: [JSON] = ["Nigel Rees", "Evelyn Waugh", "Herman Melville", "J. R. R. Tolkien"]
        XCTAssertEqual(try values("$.store.book[*].author", in: bookstore), authors)
        XCTAssertEqual(try values("$..author", in: bookstore), authors)
        XCTAssertEqual(try paths("$.store.*", in: bookstore), ["$['store']['book']", "$['store']['bicycle']"])
        XCTAssertEqual(try values("$.store..price", in: bookstore), [8.95, 12.99, 8.99, 22.99, 399])
        XCTAssertEqual(try values("$..book[2]", in: bookstore), [book(2)])
        XCTAssertEqual(try values("$..book[2].author", in: bookstore), ["Herman Melville"])
        XCTAssertEqual(try values("$..book[2].publisher", in: bookstore), [])
        XCTAssertEqual(try values("$..book[-1]", in: bookstore), [book(3)])
        XCTAssertEqual(try values("$..book[0,1]", in: bookstore), [book(0), book(1)])
        XCTAssertEqual(try values("$..book[:2]", in: bookstore), [book(0), book(1)])
        XCTAssertEqual(try values("$..book[?@.isbn]", in: bookstore), [book(2), book(3)])
        XCTAssertEqual(try values("$..book[?@.price<10]", in: bookstore), [book(0), book(2)])
        // Every member value and array element: 2 in store, 4 books + 2 bicycle members,
        // 4 + 4 + 5 + 5 book members, plus the store itself.
        XCTAssertEqual(try values("$..*", in: bookstore).count, 1 + 2 + 4 + 2 + 18)
    }

    func testBookstoreLocations() throws {
        XCTAssertEqual(try paths("$..book[?@.price<10].title", in: bookstore), [
            "$['store']['book'][0]['title']", "$['store']['book'][2]['title']",
        ])
        XCTAssertEqual(try JSONPathQuery("$..book[-1]").select(in: bookstore).map(\.location.pointer.description), ["/store/book/3"])
    }

    // MARK: - Section 2.3.1.3, name selector

    func testNameSelector() throws {
        let document: JSON = ["o": ["j j": ["k.k": 3]], "'": ["@": 2]]
        XCTAssertEqual(try values("$.o['j j']", in: document), [["k.k": 3]])
        XCTAssertEqual(try paths("$.o['j j']['k.k']", in: document), ["$['o']['j j']['k.k']"])
        XCTAssertEqual(try values(#"$.o["j j"]["k.k"]"#, in: document), [3])
        XCTAssertEqual(try paths(#"$["'"]["@"]"#, in: document), [#"$['\'']['@']"#])
        XCTAssertEqual(try values(#"$["'"]["@"]"#, in: document), [2])
    }

    // MARK: - Section 2.3.2.3, wildcard selector

    func testWildcardSelector() throws {
        let document: JSON = ["o": ["j": 1, "k": 2], "a": [5, 3]]
        XCTAssertEqual(try values("$[*]", in: document), [["j": 1, "k": 2], [5, 3]])
        XCTAssertEqual(try values("$.o[*]", in: document), [1, 2])
        XCTAssertEqual(try values("$.o[*, *]", in: document), [1, 2, 1, 2])
        XCTAssertEqual(try paths("$.a[*]", in: document), ["$['a'][0]", "$['a'][1]"])
    }

    // MARK: - Section 2.3.3.3, index selector

    func testIndexSelector() throws {
        let document: JSON = ["a", "b"]
        XCTAssertEqual(try paths("$[1]", in: document), ["$[1]"])
        XCTAssertEqual(try values("$[1]", in: document), ["b"])
        XCTAssertEqual(try paths("$[-2]", in: document), ["$[0]"])
        XCTAssertEqual(try values("$[-3]", in: document), [])
    }

    // MARK: - Section 2.3.4.3, array slice selector

    func testSliceSelector() throws {
        let document: JSON = ["a", "b", "c", "d", "e", "f", "g"]
        XCTAssertEqual(try values("$[1:3]", in: document), ["b", "c"])
        XCTAssertEqual(try values("$[5:]", in: document), ["f", "g"])
        XCTAssertEqual(try values("$[1:5:2]", in: document), ["b", "d"])
        XCTAssertEqual(try values("$[5:1:-2]", in: document), ["f", "d"])
        XCTAssertEqual(try values("$[::-1]", in: document), ["g", "f", "e", "d", "c", "b", "a"])
        XCTAssertEqual(try values("$[0:7:0]", in: document), [])
        XCTAssertEqual(try values("$[-100:100]", in: document).count, 7)
    }

    // MARK: - Section 2.3.5.3, filter selector

    let filterDocument: JSON = [
        "a": [3, 5, 1, 2, 4, 6, ["b": "j"], ["b": "k"], ["b": [:]], ["b": "kilo"]],
        "o": ["p": 1, "q": 2, "r": 3, "s": 5, "t": ["u": 6]],
        "e": "f",
    ]

    func testFilterSelector() throws {
        XCTAssertEqual(try paths("$.a[?@.b == 'kilo']", in: filterDocument), ["$['a'][9]"])
        XCTAssertEqual(try paths("$.a[?(@.b == 'kilo')]", in: filterDocument), ["$['a'][9]"])
        XCTAssertEqual(try values("$.a[?@>3.5]", in: filterDocument), [5, 4, 6])
        XCTAssertEqual(try paths("$.a[?@.b]", in: filterDocument), ["$['a'][6]", "$['a'][7]", "$['a'][8]", "$['a'][9]"])
        XCTAssertEqual(try paths("$[?@.*]", in: filterDocument), ["$['a']", "$['o']"])
        XCTAssertEqual(try paths("$[?@[?@.b]]", in: filterDocument), ["$['a']"])
        XCTAssertEqual(try values("$.o[?@<3, ?@<3]", in: filterDocument), [1, 2, 1, 2])
        XCTAssertEqual(try paths(#"$.a[?@<2 || @.b == "k"]"#, in: filterDocument), ["$['a'][2]", "$['a'][7]"])
        XCTAssertEqual(try values("$.o[?@>1 && @<4]", in: filterDocument), [2, 3])
        XCTAssertEqual(try values("$.o[?@.u || @.x]", in: filterDocument), [["u": 6]])
        XCTAssertEqual(try values("$.a[?@.b == $.x]", in: filterDocument), [3, 5, 1, 2, 4, 6])
        XCTAssertEqual(try values("$.a[?@ == @]", in: filterDocument).count, 10)
    }

    func testNegationAndParentheses() throws {
        XCTAssertEqual(try values("$.a[?!@.b]", in: filterDocument), [3, 5, 1, 2, 4, 6])
        XCTAssertEqual(try values("$.a[?!(@ > 2 && @ < 6)]", in: filterDocument).prefix(3), [1, 2, 6])
        XCTAssertEqual(try values("$.o[?(@ == 1 || @ == 5) && !(@ == 5)]", in: filterDocument), [1])
    }

    /// The comparison table of section 2.3.5.3: `$[?expr]` over a document of two members
    /// selects both when `expr` is true and none when it is false.
    func testComparisonTable() throws {
        let document: JSON = ["obj": ["x": "y"], "arr": [2, 3]]
        let table: [(String, Bool)] = [
            ("$.absent1 == $.absent2", true), ("$.absent1 <= $.absent2", true), ("$.absent == 'g'", false),
            ("$.absent1 != $.absent2", false), ("$.absent != 'g'", true), ("1 <= 2", true), ("1 > 2", false),
            ("13 == '13'", false), ("'a' <= 'b'", true), ("'a' > 'b'", false), ("$.obj == $.arr", false),
            ("$.obj != $.arr", true), ("$.obj == $.obj", true), ("$.obj != $.obj", false), ("$.arr == $.arr", true),
            ("$.arr != $.arr", false), ("$.obj == 17", false), ("$.obj != 17", true), ("$.obj <= $.arr", false),
            ("$.obj < $.arr", false), ("$.obj <= $.obj", true), ("$.arr <= $.arr", true), ("1 <= $.arr", false),
            ("1 >= $.arr", false), ("1 > $.arr", false), ("1 < $.arr", false), ("true <= true", true), ("true > true", false),
        ]
        for (expression, expected) in table {
            XCTAssertEqual(try values("$[?\(expression)]", in: document).count, expected ? 2 : 0, expression)
        }
    }

    // MARK: - Section 2.4, function extensions

    func testFunctions() throws {
        let document: JSON = [
            ["authors": ["a", "b", "c", "d", "e"], "tags": ["x"]],
            ["authors": ["a"], "tags": ["x", "y"], "color": "red"],
            ["nested": ["color": "red"], "name": "abcdef"],
        ]
        XCTAssertEqual(try paths("$[?length(@.authors) >= 5]", in: document), ["$[0]"])
        XCTAssertEqual(try paths("$[?count(@.tags.*) == 2]", in: document), ["$[1]"])
        XCTAssertEqual(try paths(#"$[?value(@..color) == "red"]"#, in: document), ["$[1]", "$[2]"])
        XCTAssertEqual(try paths("$[?length(@.name) == 6]", in: document), ["$[2]"])
        XCTAssertEqual(try paths("$[?length(@) == 2]", in: document), ["$[0]", "$[2]"])
    }

    // MARK: - Section 2.5.2.3, descendant segment

    func testDescendantSegment() throws {
        let document: JSON = ["o": ["j": 1, "k": 2], "a": [5, 3, [["j": 4], ["k": 6]]]]
        XCTAssertEqual(try paths("$..j", in: document), ["$['o']['j']", "$['a'][2][0]['j']"])
        XCTAssertEqual(try values("$..[0]", in: document), [5, ["j": 4]])
        let everything: [JSON] = [["j": 1, "k": 2], [5, 3, [["j": 4], ["k": 6]]], 1, 2, 5, 3, [["j": 4], ["k": 6]], ["j": 4], ["k": 6], 4, 6]
        XCTAssertEqual(try values("$..[*]", in: document), everything)
        XCTAssertEqual(try values("$..*", in: document), everything)
        XCTAssertEqual(try values("$..o", in: document), [["j": 1, "k": 2]])
        XCTAssertEqual(try values("$.o..[*, *]", in: document), [1, 2, 1, 2])
        XCTAssertEqual(try values("$.a..[0, 1]", in: document), [5, 3, ["j": 4], ["k": 6]])
    }

    // MARK: - Section 2.6.1, null semantics

    func testNullSemantics() throws {
        let document: JSON = ["a": nil, "b": [nil], "c": [[:]], "null": 1]
        XCTAssertEqual(try values("$.a", in: document), [nil])
        XCTAssertEqual(try values("$.a[0]", in: document), [])
        XCTAssertEqual(try values("$.a.d", in: document), [])
        XCTAssertEqual(try values("$.b[0]", in: document), [nil])
        XCTAssertEqual(try values("$.b[*]", in: document), [nil])
        XCTAssertEqual(try values("$.b[?@]", in: document), [nil])
        XCTAssertEqual(try values("$.b[?@==null]", in: document), [nil])
        XCTAssertEqual(try values("$.c[?@.d==null]", in: document), [])
        XCTAssertEqual(try values("$.null", in: document), [1])
    }

    // MARK: - Section 2.7, normalized paths

    func testNormalizedPathEscapes() throws {
        let document: JSON = ["a\u{0B}b": 1, "tab\there": 2, "it's\\": 3]
        XCTAssertEqual(try paths("$.*", in: document), [#"$['a\u000bb']"#, #"$['tab\there']"#, #"$['it\'s\\']"#])
    }
}
