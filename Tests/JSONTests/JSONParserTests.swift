// What the parser accepts and produces, and how it reports what it rejects.

import Foundation
import JSON
import NIOConcurrencyHelpers
import XCTest

final class JSONParserTests: XCTestCase {
    // MARK: - Values

    func testParsesEveryKindOfValue() throws {
        let value = try JSON.parse(#"{"n": null, "t": true, "f": false, "i": -12, "d": 2.5, "s": "hi", "a": [1, [2]], "o": {}}"#)
        XCTAssertEqual(
            value,
            ["n": nil, "t": true, "f": false, "i": -12, "d": 2.5, "s": "hi", "a": [1, [2]], "o": [:]])
        XCTAssertEqual(value.objectValue?.keys, ["n", "t", "f", "i", "d", "s", "a", "o"], "document order kept")
    }

    func testAcceptsOnlyJSONWhitespaceAroundValues() throws {
        XCTAssertEqual(try JSON.parse(" \t\r\n[ 1 , 2 ]\n"), [1, 2])
        XCTAssertThrowsError(try JSON.parse("\u{0C}[1]"))
        XCTAssertThrowsError(try JSON.parse("[1]\u{0B}"))
        XCTAssertThrowsError(try JSON.parse("\u{A0}1"))
    }

    func testRejectsTrailingGarbageAndEmptyInput() {
        XCTAssertThrowsError(try JSON.parse("[1] x"))
        XCTAssertThrowsError(try JSON.parse("1 2"))
        XCTAssertThrowsError(try JSON.parse(""))
        XCTAssertThrowsError(try JSON.parse("   "))
        XCTAssertThrowsError(try JSON.parse([UInt8]()))
    }

    func testLaterDuplicateKeyWins() throws {
        let value = try JSON.parse(#"{"a": 1, "b": 2, "a": 3}"#)
        XCTAssertEqual(value.objectValue?.count, 2)
        XCTAssertEqual(value["a"], 3)
        // An escaped spelling of the same key is the same key.
        XCTAssertEqual(try JSON.parse(#"{"a": 1, "\u0061": 2}"#).objectValue?.count, 1)
        // Large objects take another path to find duplicates.
        let members = (0..<40).map { "\"k\($0)\": \($0)" }.joined(separator: ", ")
        let large = try JSON.parse("{\(members), \"k7\": \"last\"}")
        XCTAssertEqual(large.objectValue?.count, 40)
        XCTAssertEqual(large["k7"], "last")
        XCTAssertEqual(large["k39"], 39)
    }

    func testObjectsShapedLikeTheirPredecessorsStillReadRight() throws {
        // The parser predicts each key from the previous object at the same depth; every way
        // an object can differ from that prediction must still give the right members.
        let text = """
            [{"a": 1, "b": 2}, {"a": 3, "b": 4}, {"a": 5}, {"a": 6, "b": 7, "c": 8},
             {"a": 9, "a": 10}, {"ab": 11, "b": 12}, {"\\u0061": 13, "b": 14}, {"b": 15, "a": 16},
             {"a": 17, "b": 18, "a": 19}, {"a": {"a": 20, "b": 21}, "b": [{"x": 22}, {"x": 23, "y": 24}]}, {}]
            """
        let expected: JSON = [
            ["a": 1, "b": 2], ["a": 3, "b": 4], ["a": 5], ["a": 6, "b": 7, "c": 8],
            ["a": 10], ["ab": 11, "b": 12], ["a": 13, "b": 14], ["b": 15, "a": 16],
            ["a": 19, "b": 18], ["a": ["a": 20, "b": 21], "b": [["x": 22], ["x": 23, "y": 24]]], [:],
        ]
        let value = try JSON.parse(text)
        XCTAssertEqual(value, expected)
        XCTAssertEqual(value[4]?.objectValue?.count, 1)
        XCTAssertEqual(value[8]?.objectValue?.keys, ["a", "b"])
        XCTAssertEqual(value[7]?.objectValue?.keys, ["b", "a"])
    }

    func testValuesLikeTheirPredecessorsStillReadRight() throws {
        // String values are predicted from the previous value under the same key position.
        let text = #"[{"s": "ab"}, {"s": "ab"}, {"s": "abc"}, {"s": "a"}, {"s": "a\"b"}, {"s": "ab"}, {"s": ""}, {"s": 1}, {"s": "ab"}]"#
        let expected: JSON = [["s": "ab"], ["s": "ab"], ["s": "abc"], ["s": "a"], ["s": "a\"b"], ["s": "ab"], ["s": ""], ["s": 1], ["s": "ab"]]
        XCTAssertEqual(try JSON.parse(text), expected)
    }

    func testConsecutiveParsesDoNotShareState() throws {
        // Scratch memory is reused between parses on a thread; nothing of one input may leak
        // into the next, even when the two look alike byte for byte.
        XCTAssertEqual(try JSON.parse(#"[{"key": "v1", "k2": "same"}, {"key": "v1", "k2": "same"}]"#)[1]?["key"], "v1")
        XCTAssertEqual(try JSON.parse(#"[{"kez": "v2", "k2": "sane"}, {"kez": "v2", "k2": "sane"}]"#)[1], ["kez": "v2", "k2": "sane"])
        XCTAssertThrowsError(try JSON.parse(#"[{"key": "v1"}, {"key": "v1" x]"#))
        XCTAssertEqual(try JSON.parse(#"[{"key": "v3"}, {"key": "v3"}]"#), [["key": "v3"], ["key": "v3"]])
    }

    func testParsesOnManyThreadsAtOnce() throws {
        // Each thread has its own scratch memory; concurrent parses must not disturb each other.
        let documents = (0..<8).map { index in
            "[" + (0..<40).map { #"{"id": "item-\#($0)", "owner": "t\#(index)", "n": \#($0 * index)}"# }.joined(separator: ",") + "]"
        }
        let expected = try documents.map { try JSON.parse($0) }
        let results = ParseResults()
        DispatchQueue.concurrentPerform(iterations: 8 * 25) { iteration in
            results.record(iteration, try? JSON.parse(documents[iteration % 8]))
        }
        for iteration in 0..<(8 * 25) {
            XCTAssertEqual(results.value(iteration), expected[iteration % 8], "parse \(iteration)")
        }
    }

    func testRepeatedStringsComeBackEqual() throws {
        // Keys and short values are interned; every occurrence must still read right.
        let element = #"{"status": "assigned", "created_time": "2026-11-24T10:00:00.000Z", "id": "x"}"#
        let text = "[" + Array(repeating: element, count: 30).joined(separator: ",") + "]"
        let value = try JSON.parse(text)
        for item in value.arrayValue ?? [] {
            XCTAssertEqual(item, ["status": "assigned", "created_time": "2026-11-24T10:00:00.000Z", "id": "x"])
        }
        XCTAssertEqual(value.arrayValue?.count, 30)
    }

    // MARK: - Numbers

    func testIntegersThatFitInt64StayExact() throws {
        XCTAssertEqual(try JSON.parse("9223372036854775807"), .integer(.max))
        XCTAssertEqual(try JSON.parse("-9223372036854775808"), .integer(.min))
        XCTAssertEqual(try JSON.parse("9007199254740993"), .integer(9_007_199_254_740_993))
        XCTAssertEqual(try JSON.parse("0"), .integer(0))
        XCTAssertEqual(try JSON.parse("-0"), .integer(0), "-0 is documented to read as the integer 0")
    }

    func testIntegersBeyondInt64BecomeDoubles() throws {
        guard case .double(let big) = try JSON.parse("9223372036854775808") else { return XCTFail("expected a double") }
        XCTAssertEqual(big, 9_223_372_036_854_775_808.0)
        guard case .double(let small) = try JSON.parse("-9223372036854775809") else { return XCTFail("expected a double") }
        XCTAssertEqual(small, -9_223_372_036_854_775_808.0)
        guard case .double(let huge) = try JSON.parse("123456789012345678901234567890") else { return XCTFail("expected a double") }
        XCTAssertEqual(huge, 1.2345678901234568e29)
    }

    func testFractionsAndExponentsAreCorrectlyRoundedDoubles() throws {
        let cases: [(String, Double)] = [
            ("1.0", 1.0), ("-0.0", -0.0), ("0.1", 0.1), ("2.5e3", 2500), ("1E2", 100), ("1e-2", 0.01),
            ("0.30000000000000004", 0.30000000000000004),
            ("9007199254740993.0", 9_007_199_254_740_992),  // halfway: ties to even
            ("1.00000000000000011102230246251565404236316680908203125", 1.0),  // exactly halfway
            ("1.00000000000000011102230246251565404236316680908203126", 1.0000000000000002),
            ("1.7976931348623157e308", .greatestFiniteMagnitude),
            ("2.2250738585072014e-308", .leastNormalMagnitude),
            ("5e-324", .leastNonzeroMagnitude),
            ("1e-400", 0),
            ("123.456e-789", 0),
        ]
        for (text, expected) in cases {
            guard case .double(let value) = try JSON.parse(text) else {
                XCTFail("\(text) did not parse to a double")
                continue
            }
            XCTAssertEqual(value, expected, text)
            XCTAssertEqual(value.sign, expected.sign, text)
        }
    }

    func testNumbersThatOverflowToInfinityAreErrors() {
        for text in ["1e400", "-1e400", "1.5e+9999", "[123e65536]"] {
            XCTAssertThrowsError(try JSON.parse(text), text) { error in
                XCTAssertTrue("\(error)".contains("too large"), "\(error)")
            }
        }
    }

    func testMalformedNumbersAreRejected() {
        for text in ["01", "-01", "+1", ".5", "1.", "1.e3", "1e", "1e+", "-", "--1", "NaN", "Infinity", "-Infinity", "0x10", "1_000"] {
            XCTAssertThrowsError(try JSON.parse(text), text)
        }
    }

    // MARK: - Strings

    func testEscapesDecode() throws {
        XCTAssertEqual(try JSON.parse(#""\"\\\/\b\f\n\r\t""#), .string("\"\\/\u{08}\u{0C}\n\r\t"))
        XCTAssertEqual(try JSON.parse(#""\u00e9\u4E2D\u0000""#), .string("é中\u{0}"))
        XCTAssertEqual(try JSON.parse(#""caf\u00e9 ok""#), "café ok")
    }

    func testSurrogatePairsDecodeToOneScalar() throws {
        XCTAssertEqual(try JSON.parse(#""\uD83D\uDE00""#), "😀")
        XCTAssertEqual(try JSON.parse(#""\ud834\udd1e""#), "𝄞")
        XCTAssertEqual(try JSON.parse(#""\uDBFF\uDFFF""#), .string("\u{10FFFF}"))
    }

    func testLoneSurrogatesAreErrors() {
        for text in [#""\uD800""#, #""\uDC00""#, #""\uD800\u0041""#, #""\uD800x""#, #""\uDE00\uD83D""#, #""\uD800\""#] {
            XCTAssertThrowsError(try JSON.parse(text), text) { error in
                XCTAssertTrue("\(error)".contains("surrogate") || "\(error)".contains("expected"), "\(error)")
            }
        }
    }

    func testRawUTF8IsValidatedStrictly() throws {
        XCTAssertEqual(try JSON.parse(Array("\"héllo 😀\"".utf8)), "héllo 😀")
        let invalid: [[UInt8]] = [
            [0x22, 0xFF, 0x22],  // never valid
            [0x22, 0xC0, 0xAF, 0x22],  // overlong '/'
            [0x22, 0xED, 0xA0, 0x80, 0x22],  // encoded surrogate
            [0x22, 0xF4, 0x90, 0x80, 0x80, 0x22],  // above U+10FFFF
            [0x22, 0xE2, 0x82, 0x22],  // truncated
            [0x22, 0x61, 0x80, 0x22],  // lone continuation byte
        ]
        for bytes in invalid {
            XCTAssertThrowsError(try JSON.parse(bytes), "\(bytes)") { error in
                XCTAssertTrue("\(error)".contains("UTF-8"), "\(error)")
            }
        }
    }

    func testControlCharactersMustBeEscaped() {
        XCTAssertThrowsError(try JSON.parse("\"a\tb\"")) { error in
            XCTAssertEqual((error as? JSONParseError)?.offset, 2)
            XCTAssertTrue("\(error)".contains("U+0009"), "\(error)")
        }
        XCTAssertThrowsError(try JSON.parse("\"a\nb\""))
        XCTAssertNoThrow(try JSON.parse("\"a\u{7F}b\""), "DEL is not a control character in JSON")
    }

    // MARK: - Nesting

    func testNestingUpToTheLimitParses() throws {
        let text = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
        XCTAssertNoThrow(try JSON.parse(text))
        let objects = String(repeating: #"{"a":"#, count: 100) + "1" + String(repeating: "}", count: 100)
        XCTAssertEqual(try JSON.parse(objects, maxDepth: 100).objectValue?.count, 1)
    }

    func testNestingBeyondTheLimitIsAnErrorNotACrash() {
        let text = String(repeating: "[", count: 513) + String(repeating: "]", count: 513)
        XCTAssertThrowsError(try JSON.parse(text)) { error in
            XCTAssertEqual((error as? JSONParseError)?.offset, 512)
            XCTAssertTrue("\(error)".contains("nesting deeper than the limit of 512"), "\(error)")
        }
        XCTAssertThrowsError(try JSON.parse("[[[1]]]", maxDepth: 2))
        XCTAssertNoThrow(try JSON.parse("[[1]]", maxDepth: 2))
        // Far deeper than any call stack would take: the parser does not recurse.
        let deep = String(repeating: "[", count: 200_000)
        XCTAssertThrowsError(try JSON.parse(deep))
        XCTAssertThrowsError(try JSON.parse(deep, maxDepth: 1_000_000), "unclosed arrays are still an error")
    }

    // MARK: - Error reports

    func testErrorNamesLineColumnOffsetAndWhatWasExpected() {
        let text = "{\n  \"a\": 1,\n  \"b\": 2 x\n}"
        XCTAssertThrowsError(try JSON.parse(text)) { error in
            guard let error = error as? JSONParseError else { return XCTFail("\(error)") }
            XCTAssertEqual(error.line, 3)
            XCTAssertEqual(error.column, 10)
            XCTAssertEqual(error.offset, 21)
            XCTAssertEqual(error.reason, "expected ',' or '}' after object member, found 'x'")
            XCTAssertEqual(
                error.description,
                "line 3, column 10 (byte 21): expected ',' or '}' after object member, found 'x'")
        }
    }

    func testErrorPositionsForCommonMistakes() {
        let cases: [(text: String, offset: Int, line: Int, column: Int, reasonContains: String)] = [
            ("[1, 2", 5, 1, 6, "expected ',' or ']' after array element, found end of input"),
            ("[1,]", 3, 1, 4, "expected a JSON value, found ']'"),
            ("{\"a\" 1}", 5, 1, 6, "expected ':' after object key, found '1'"),
            ("{\"a\": 1,}", 8, 1, 9, "expected a string key after ',', found '}'"),
            ("{'a': 1}", 1, 1, 2, "expected a string key or '}' after '{', found '''"),
            ("[tru]", 4, 1, 5, "expected 'true', found ']' after 'tru'"),
            ("[1.]", 3, 1, 4, "expected a digit after '.', found ']' after '1.'"),
            ("\n\n  [01]", 6, 3, 5, "leading zeros"),
            ("[\"é\" x]", 6, 1, 6, "found 'x'"),  // columns count characters, offsets bytes
            ("[\"abc", 5, 1, 6, "expected '\"' to end the string that starts at byte 1, found end of input"),
            ("\"\\q\"", 2, 1, 3, "expected an escape character"),
            ("[1] ]", 4, 1, 5, "expected end of input after the JSON value, found ']'"),
        ]
        for item in cases {
            XCTAssertThrowsError(try JSON.parse(item.text), item.text) { error in
                guard let error = error as? JSONParseError else { return XCTFail("\(error)") }
                XCTAssertEqual(error.offset, item.offset, "offset for \(item.text): \(error)")
                XCTAssertEqual(error.line, item.line, "line for \(item.text): \(error)")
                XCTAssertEqual(error.column, item.column, "column for \(item.text): \(error)")
                XCTAssertTrue(error.reason.contains(item.reasonContains), "\(item.text): \(error.reason)")
            }
        }
    }

    // MARK: - Entry points

    func testAllEntryPointsAgree() throws {
        let text = #"{"k": [1, "two", 3.5]}"#
        let bytes = Array(text.utf8)
        let fromBuffer = try bytes.withUnsafeBytes { try JSON.parse($0) }
        XCTAssertEqual(try JSON.parse(text), fromBuffer)
        XCTAssertEqual(try JSON.parse(bytes), fromBuffer)
        // A Substring-backed, non-ASCII String works too.
        XCTAssertEqual(try JSON.parse(String("xx[\"ü\"]".dropFirst(2))), ["ü"])
    }

    func testParsesAFileAndNamesThePathInErrors() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("JSONParserTests-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let good = folder.appendingPathComponent("good.json")
        try Data(#"{"ok": true}"#.utf8).write(to: good)
        XCTAssertEqual(try JSON.parse(contentsOfFile: good.path), ["ok": true])

        let bad = folder.appendingPathComponent("bad.json")
        try Data("{\n  \"ok\": tru\n}".utf8).write(to: bad)
        XCTAssertThrowsError(try JSON.parse(contentsOfFile: bad.path)) { error in
            guard case .invalidJSON(let path, let parseError) = error as? JSONFileError else { return XCTFail("\(error)") }
            XCTAssertEqual(path, bad.path)
            XCTAssertEqual(parseError.line, 2)
            XCTAssertTrue("\(error)".hasPrefix("\(bad.path):2:12: expected 'true'"), "\(error)")
        }

        let missing = folder.appendingPathComponent("missing.json").path
        XCTAssertThrowsError(try JSON.parse(contentsOfFile: missing)) { error in
            XCTAssertEqual((error as? JSONFileError)?.path, missing)
            XCTAssertTrue("\(error)".contains("No such file"), "\(error)")
        }
    }
}

/// Results collected from concurrent parses.
private final class ParseResults: Sendable {
    private let values = NIOLockedValueBox<[Int: JSON]>([:])

    func record(_ index: Int, _ value: JSON?) {
        values.withLockedValue { $0[index] = value }
    }

    func value(_ index: Int) -> JSON? {
        values.withLockedValue { $0[index] }
    }
}
