// JSON Pointer (RFC 6901): parsing, escaping, the URI fragment form and resolution.

import JSON
import XCTest

final class JSONPointerTests: XCTestCase {
    /// The example document of RFC 6901 section 5.
    let document = try! JSON.parse(#"""
        {
          "foo": ["bar", "baz"],
          "": 0,
          "a/b": 1,
          "c%d": 2,
          "e^f": 3,
          "g|h": 4,
          "i\\j": 5,
          "k\"l": 6,
          " ": 7,
          "m~n": 8
        }
        """#)

    func testResolvesTheRFC6901StringExamples() throws {
        let expectations: [(String, JSON)] = [
            ("", document), ("/foo", ["bar", "baz"]), ("/foo/0", "bar"), ("/", 0), ("/a~1b", 1), ("/c%d", 2),
            ("/e^f", 3), ("/g|h", 4), ("/i\\j", 5), ("/k\"l", 6), ("/ ", 7), ("/m~0n", 8),
        ]
        for (pointer, expected) in expectations {
            XCTAssertEqual(document.value(at: try JSONPointer(pointer)), expected, pointer)
        }
    }

    func testResolvesTheRFC6901FragmentExamples() throws {
        let expectations: [(String, JSON)] = [
            ("#", document), ("#/foo", ["bar", "baz"]), ("#/foo/0", "bar"), ("#/", 0), ("#/a~1b", 1),
            ("#/c%25d", 2), ("#/e%5Ef", 3), ("#/g%7Ch", 4), ("#/i%5Cj", 5), ("#/k%22l", 6), ("#/%20", 7),
            ("#/m~0n", 8),
        ]
        for (fragment, expected) in expectations {
            let pointer = try JSONPointer(fragment: fragment)
            XCTAssertEqual(document.value(at: pointer), expected, fragment)
            XCTAssertEqual(try JSONPointer(fragment: pointer.fragment), pointer, "fragment form round-trips for \(fragment)")
        }
        XCTAssertEqual(try JSONPointer(fragment: "#/a%20b").tokens, ["a b"])
        XCTAssertEqual(try JSONPointer(fragment: "/caf%C3%A9").tokens, ["café"])
    }

    func testTokensAreDecodedAndDescriptionReescapes() throws {
        let pointer = try JSONPointer("/a~1b/m~0n/~01")
        XCTAssertEqual(pointer.tokens, ["a/b", "m~n", "~1"])
        XCTAssertEqual(pointer.description, "/a~1b/m~0n/~01")
        XCTAssertEqual(JSONPointer(tokens: ["x/y", "0"]).description, "/x~1y/0")
        XCTAssertEqual(JSONPointer.root.description, "")
        XCTAssertEqual(JSONPointer.root.appending("a b").appending(index: 3).description, "/a b/3")
        XCTAssertEqual(JSONPointer(tokens: ["a b", "é"]).fragment, "#/a%20b/%C3%A9")
        XCTAssertEqual(try JSONPointer("/a/b").parent, try JSONPointer("/a"))
        XCTAssertNil(JSONPointer.root.parent)
    }

    func testRejectsMalformedPointers() {
        XCTAssertThrowsError(try JSONPointer("foo")) { error in
            XCTAssertEqual((error as? JSONPointerError)?.offset, 0)
        }
        XCTAssertThrowsError(try JSONPointer("/a~2")) { error in
            XCTAssertEqual((error as? JSONPointerError)?.offset, 2)
            XCTAssertTrue("\(error)".contains("'~' must be followed by '0' or '1'"), "\(error)")
        }
        XCTAssertThrowsError(try JSONPointer("/a~"))
        XCTAssertThrowsError(try JSONPointer(fragment: "#/a%2"))
        XCTAssertThrowsError(try JSONPointer(fragment: "#/%FF"))
    }

    func testArrayTokensMustBeCanonicalIndexesInRange() throws {
        XCTAssertEqual(document.value(at: try JSONPointer("/foo/1")), "baz")
        XCTAssertNil(document.value(at: try JSONPointer("/foo/01")))
        XCTAssertNil(document.value(at: try JSONPointer("/foo/-")))
        XCTAssertNil(document.value(at: try JSONPointer("/foo/2")))
        XCTAssertNil(document.value(at: try JSONPointer("/foo/-1")))
        XCTAssertNil(document.value(at: try JSONPointer("/foo/+1")))
        XCTAssertNil(document.value(at: try JSONPointer("/foo/99999999999999999999999")))
        XCTAssertNil(document.value(at: try JSONPointer("/missing")))
        XCTAssertNil(document.value(at: try JSONPointer("/foo/0/deeper")))
    }
}
