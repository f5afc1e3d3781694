// Large objects (a spec's `paths`, a big response) look keys up through an index; it must say
// exactly what a scan of the members would, through appends, replacements and removals.
import JSON
import XCTest

final class JSONObjectLookupTests: XCTestCase {
    func testEveryKeyOfALargeObjectIsFoundAfterAppendsReplacementsAndRemovals() {
        var object = JSONObject()
        var expected: [String: Int64] = [:]
        for number in 0..<1_000 {
            object["/r\(number)/{id}"] = .integer(Int64(number))
            expected["/r\(number)/{id}"] = Int64(number)
        }
        for number in stride(from: 0, to: 1_000, by: 3) {  // removals move later members down
            object["/r\(number)/{id}"] = nil
            expected["/r\(number)/{id}"] = nil
        }
        for number in stride(from: 1, to: 1_000, by: 7) {  // replacements keep their place
            object["/r\(number)/{id}"] = .integer(-1)
            expected["/r\(number)/{id}"] = -1
        }
        object["new"] = .string("appended after removals")

        XCTAssertEqual(object.count, expected.count + 1)
        for (key, value) in expected {
            XCTAssertEqual(object[key], .integer(value), key)
            XCTAssertEqual(object.index(of: key).map { object.members[$0].key }, key)
        }
        XCTAssertEqual(object["new"], .string("appended after removals"))
        XCTAssertNil(object["/r0/{id}"])
        XCTAssertEqual(object.members.last?.key, "new", "document order is kept")
    }

    func testKeysCompareByCodePointsInLargeObjectsToo() {
        var members = (0..<100).map { JSONObject.Member(key: "k\($0)", value: .integer(Int64($0))) }
        members.append(JSONObject.Member(key: "\u{E9}", value: .string("precomposed")))
        let object = JSONObject(uniqueMembers: members)
        XCTAssertEqual(object["\u{E9}"], .string("precomposed"))
        XCTAssertNil(object["e\u{301}"], "canonically equivalent but different code points: another key")
    }

    func testShrinkingBelowTheIndexedSizeStillFindsEveryKey() {
        var object = JSONObject(uniqueMembers: (0..<40).map { JSONObject.Member(key: "k\($0)", value: .integer(Int64($0))) })
        for number in 0..<30 { object["k\(number)"] = nil }
        XCTAssertEqual(object.keys, (30..<40).map { "k\($0)" })
        for number in 30..<40 { XCTAssertEqual(object["k\(number)"], .integer(Int64(number))) }
    }
}
