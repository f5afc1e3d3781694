// What the writer produces: exact compact and pretty text, escapes, numbers.

import JSON
import XCTest

final class JSONWriterTests: XCTestCase {
    let sample: JSON = ["name": "fc", "ids": [1, 2], "empty": [], "none": [:], "nested": ["b": true, "a": nil]]

    func testCompactOutputHasNoWhitespaceAndKeepsMemberOrder() {
        XCTAssertEqual(sample.serialized(), #"{"name":"fc","ids":[1,2],"empty":[],"none":{},"nested":{"b":true,"a":null}}"#)
        XCTAssertEqual(sample.description, sample.serialized())
        XCTAssertEqual(sample.serializedBytes(), Array(sample.serialized().utf8))
    }

    func testPrettyOutputIndentsByTwoSpaces() {
        let expected = """
            {
              "name": "fc",
              "ids": [
                1,
                2
              ],
              "empty": [],
              "none": {},
              "nested": {
                "b": true,
                "a": null
              }
            }
            """
        XCTAssertEqual(sample.serialized(pretty: true), expected)
    }

    func testSortedKeysOrdersMembersByUTF8Bytes() {
        XCTAssertEqual(
            sample.serialized(sortedKeys: true),
            #"{"empty":[],"ids":[1,2],"name":"fc","nested":{"a":null,"b":true},"none":{}}"#)
        let mixed: JSON = ["b": 1, "B": 2, "é": 3, "a": 4, "": 5]
        XCTAssertEqual(mixed.serialized(sortedKeys: true), #"{"":5,"B":2,"a":4,"b":1,"é":3}"#)
        XCTAssertEqual(
            JSON.object(["z": 1, "a": ["y": 2, "b": 3]]).serialized(pretty: true, sortedKeys: true),
            "{\n  \"a\": {\n    \"b\": 3,\n    \"y\": 2\n  },\n  \"z\": 1\n}")
    }

    func testStringsEscapeOnlyWhatJSONRequires() {
        let text: JSON = .string("q\" b\\ s/ \u{01}\u{1F}\n\r\t\u{08}\u{0C} \u{7F} é 😀")
        XCTAssertEqual(text.serialized(), #""q\" b\\ s/ \u0001\u001f\n\r\t\b\f "# + "\u{7F} é 😀\"")
        XCTAssertEqual(try JSON.parse(text.serialized()), text)
    }

    func testIntegersPrintExactly() {
        XCTAssertEqual(JSON.integer(.max).serialized(), "9223372036854775807")
        XCTAssertEqual(JSON.integer(.min).serialized(), "-9223372036854775808")
        XCTAssertEqual(JSON.integer(0).serialized(), "0")
        XCTAssertEqual(JSON.integer(-42).serialized(), "-42")
    }

    func testDoublesPrintShortestRoundTripFormAsValidJSON() throws {
        let cases: [(Double, String)] = [
            (0.1, "0.1"), (2.5, "2.5"), (1.0, "1.0"), (-0.0, "-0.0"), (1e20, "1e+20"), (1e-7, "1e-07"),
            (.leastNonzeroMagnitude, "5e-324"), (.greatestFiniteMagnitude, "1.7976931348623157e+308"),
        ]
        for (value, expected) in cases {
            let text = JSON.double(value).serialized()
            XCTAssertEqual(text, expected)
            XCTAssertEqual(try JSON.parse(text).doubleValue, value, text)
        }
    }

    func testNonFiniteDoublesBecomeNull() {
        XCTAssertEqual(JSON.array([.double(.infinity), .double(-.infinity), .double(.nan)]).serialized(), "[null,null,null]")
    }
}
