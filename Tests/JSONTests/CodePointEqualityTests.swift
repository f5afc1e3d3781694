// JSON compares strings code point by code point, not by Swift's canonical equivalence: "é"
// written as U+00E9 and as "e" + U+0301 are different strings and different object keys.

import JSON
import XCTest

final class CodePointEqualityTests: XCTestCase {
    /// "é" as one code point and as "e" + COMBINING ACUTE ACCENT: equal for Swift's `==`.
    let composed = "\u{E9}"
    let decomposed = "e\u{301}"

    func testSwiftCallsTheSpellingsEqualButJSONDoesNot() {
        XCTAssertEqual(composed, decomposed, "the premise: String == is canonical equivalence")
        XCTAssertFalse(composed.hasSameCodePoints(as: decomposed))
        XCTAssertNotEqual(JSON.string(composed), JSON.string(decomposed))
        XCTAssertEqual(JSON.string(composed), JSON.string("\u{E9}"))
        // KELVIN SIGN is canonically "K".
        XCTAssertNotEqual(JSON.string("\u{212A}"), JSON.string("K"))
    }

    func testLongAndShortStringsCompareByContent() {
        let long = String(repeating: "conversation_", count: 3)
        XCTAssertTrue(long.hasSameCodePoints(as: String(repeating: "conversation_", count: 3)))
        XCTAssertFalse(long.hasSameCodePoints(as: String(long.dropLast()) + "-"))
        XCTAssertTrue("".hasSameCodePoints(as: ""))
        XCTAssertFalse("".hasSameCodePoints(as: "a"))
    }

    func testTwoSpellingsAreTwoMembersOfAnObject() {
        var object = JSONObject()
        object[composed] = 1
        object[decomposed] = 2
        XCTAssertEqual(object.count, 2)
        XCTAssertEqual(object[composed], 1)
        XCTAssertEqual(object[decomposed], 2)
        XCTAssertEqual(object.index(of: decomposed), 1)
        object[composed] = nil
        XCTAssertEqual(object.keys, [decomposed])
        XCTAssertNil(object[composed])
    }

    func testTheParserKeepsBothSpellingsAsTwoMembers() throws {
        let small = try JSON.parse(#"{"\u00e9": 1, "e\u0301": 2}"#)
        XCTAssertEqual(small.objectValue?.count, 2)
        XCTAssertEqual(small[composed], 1)
        XCTAssertEqual(small[decomposed], 2)
        // Raw UTF-8 rather than escapes, and an object large enough for the set-based duplicate check.
        let filler = (0..<30).map { "\"k\($0)\": \($0)" }.joined(separator: ", ")
        let large = try JSON.parse("{\(filler), \"\(composed)\": 1, \"\(decomposed)\": 2}")
        XCTAssertEqual(large.objectValue?.count, 32)
        XCTAssertEqual(large[decomposed], 2)
        // A true duplicate is still one member, the later value winning.
        XCTAssertEqual(try JSON.parse(#"{"\u00e9": 1, "é": 2}"#), [composed: 2])
    }

    func testObjectsWithDifferentSpellingsAreUnequalAndHashApart() {
        let first: JSON = [composed: 1]
        let second: JSON = [decomposed: 1]
        XCTAssertNotEqual(first, second)
        XCTAssertEqual(Set([first, second, [composed: 1]]).count, 2)
        XCTAssertEqual(Set<JSON>([.string(composed), .string(decomposed)]).count, 2)
        XCTAssertEqual(Set([CodePointString(composed), CodePointString(decomposed), CodePointString("\u{E9}")]).count, 2)
    }

    func testPointersAndPathsNameKeysByCodePoint() throws {
        let document: JSON = [composed: "one code point", decomposed: "two code points"]
        XCTAssertEqual(document.value(at: JSONPointer(tokens: [decomposed])), "two code points")
        XCTAssertNotEqual(JSONPointer(tokens: [composed]), JSONPointer(tokens: [decomposed]))
        XCTAssertEqual(Set([JSONPointer(tokens: [composed]), JSONPointer(tokens: [decomposed])]).count, 2)
        let path = try JSONPath("$['\(decomposed)']")
        XCTAssertEqual(path.evaluate(document), "two code points")
        XCTAssertNotEqual(path, try JSONPath("$['\(composed)']"))
    }
}
