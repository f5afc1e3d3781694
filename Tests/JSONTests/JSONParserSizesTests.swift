// The parser's fast paths depend on sizes: strings of up to 15 bytes are assembled in place,
// containers of up to 16 elements are built one way and larger ones another. These tests
// walk across each boundary and compare with what the standard library makes.

import JSON
import XCTest

final class JSONParserSizesTests: XCTestCase {
    /// A string of `length` characters drawn from `alphabet`, different at every position.
    private func sample(length: Int, from alphabet: [Character]) -> String {
        String((0..<length).map { alphabet[($0 * 7 + length) % alphabet.count] })
    }

    func testStringsOfEveryShortLengthReadExactly() throws {
        let ascii = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -_:.")
        let mixed = Array("aé€😀b")
        for alphabet in [ascii, mixed] {
            for length in 0...40 {
                let text = sample(length: length, from: alphabet)
                let reference = String(decoding: Array(text.utf8), as: UTF8.self)
                // As a value, as a key, and as the whole document (the string ends the input).
                let document = try JSON.parse("[\"\(text)\", {\"\(text)\": \"\(text)\"}]")
                XCTAssertEqual(document[0]?.stringValue, reference, "value of length \(length)")
                XCTAssertEqual(document[1]?.objectValue?.keys, [reference], "key of length \(length)")
                XCTAssertEqual(document[1]?[reference]?.stringValue, reference)
                let alone = try JSON.parse(Array("\"\(text)\"".utf8))
                XCTAssertEqual(alone.stringValue, reference, "document of length \(length)")
                // Equal strings must hash alike and behave alike, however they were made.
                let parsed = try XCTUnwrap(alone.stringValue)
                XCTAssertEqual(Set([parsed, reference]).count, 1, "hash of length \(length)")
                XCTAssertEqual(parsed.utf8.count, reference.utf8.count)
                XCTAssertEqual(Array(parsed.unicodeScalars), Array(reference.unicodeScalars))
                XCTAssertEqual(parsed + "!", reference + "!")
            }
        }
    }

    func testArraysOfEverySizeKeepTheirElementsInOrder() throws {
        for size in 0...40 {
            let elements: [JSON] = (0..<size).map { index in
                index % 3 == 0 ? .integer(Int64(index)) : .string("element number \(index) of \(size)")
            }
            let text = "[" + elements.map { element in
                if case .string(let string) = element { return "\"\(string)\"" }
                return "\(element.integerValue ?? -1)"
            }.joined(separator: ",") + "]"
            XCTAssertEqual(try JSON.parse(text).arrayValue, elements, "array of \(size)")
            // Nested inside an object, beside a sibling array, twice in a row.
            let nested = try JSON.parse("{\"a\": \(text), \"b\": [\(text), \(text)]}")
            XCTAssertEqual(nested["a"]?.arrayValue, elements)
            XCTAssertEqual(nested["b"], .array([.array(elements), .array(elements)]))
        }
    }

    func testObjectsOfEverySizeKeepTheirMembersInOrder() throws {
        for size in 0...40 {
            let keys = (0..<size).map { "key_\($0)_of_an_object" }
            let values: [JSON] = (0..<size).map { $0 % 2 == 0 ? .string("v\($0)") : .array([.integer(Int64($0))]) }
            let body = zip(keys, values).map { key, value in
                "\"\(key)\": " + (value.stringValue.map { "\"\($0)\"" } ?? "[\(value[0]?.integerValue ?? -1)]")
            }.joined(separator: ", ")
            // Three alike in a row, so the later ones take the predicted-shape path.
            let document = try JSON.parse("[{\(body)}, {\(body)}, {\(body)}]")
            for position in 0..<3 {
                let object = try XCTUnwrap(document[position]?.objectValue, "object of \(size)")
                XCTAssertEqual(object.keys, keys, "keys of object \(position) of \(size)")
                XCTAssertEqual(object.members.map(\.value), values, "values of object \(position) of \(size)")
            }
        }
    }

    func testErrorsInsideContainersLeaveTheNextParseClean() throws {
        // A failed parse leaves values and keys on the scratch stacks; the next parse on the
        // thread must neither see them nor leak or double-free them.
        let broken = [
            #"{"a": "long string value that lives on the heap", "b": [1, 2, "x"#,
            #"[{"k": "v"}, {"k": "v", "k2": ["heap allocated string value", {"z": tru}]}]"#,
            #"{"only key with a heap-sized name"#,
        ]
        for text in broken {
            XCTAssertThrowsError(try JSON.parse(text))
            XCTAssertEqual(
                try JSON.parse(#"{"a": ["long string value that lives on the heap"]}"#),
                ["a": ["long string value that lives on the heap"]])
        }
    }
}
