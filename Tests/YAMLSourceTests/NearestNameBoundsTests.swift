// "Did you mean" over a very long name: candidates whose length alone puts them out of reach
// are skipped, with the same answers as before (found slow by fcharness-fuzz).

import YAMLSource
import XCTest

final class NearestNameBoundsTests: XCTestCase {
    func testALongNameHasNoSuggestion() {
        XCTAssertNil(NearestName.suggestion(for: String(repeating: "x", count: 200_000), among: ["expect", "steps"]))
    }

    func testTyposStillFindTheirName() {
        XCTAssertEqual(NearestName.suggestion(for: "stpes", among: ["name", "steps", "variables"]), "steps")
        XCTAssertEqual(NearestName.suggestion(for: "VARIABLE", among: ["name", "steps", "variables"]), "variables")
        XCTAssertNil(NearestName.suggestion(for: "ab", among: ["abcdefgh"]))
    }
}
