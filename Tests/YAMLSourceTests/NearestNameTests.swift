// "Did you mean …?": the nearest valid name to a misspelt one, or none when nothing is close.

import YAMLSource
import XCTest

final class NearestNameTests: XCTestCase {
    func testATypoSuggestsTheNameItWasMeantToBe() {
        XCTAssertEqual(NearestName.suggestion(for: "captur", among: ["operation", "capture", "expect"]), "capture")
        XCTAssertEqual(NearestName.suggestion(for: "EXPECT", among: ["operation", "capture", "expect"]), "expect", "case is ignored")
    }

    func testANameFarFromEveryCandidateSuggestsNothing() {
        XCTAssertNil(NearestName.suggestion(for: "timeout", among: ["operation", "capture", "expect"]))
        XCTAssertNil(NearestName.suggestion(for: "x", among: []))
    }

    func testEditDistanceCountsInsertionsDeletionsAndSubstitutions() {
        XCTAssertEqual(NearestName.editDistance("kitten", "sitting"), 3)
        XCTAssertEqual(NearestName.editDistance("", "abc"), 3)
        XCTAssertEqual(NearestName.editDistance("getUser", "getUser"), 0)
        XCTAssertEqual(NearestName.editDistance("café", "cafe"), 1, "characters, not bytes")
    }
}
