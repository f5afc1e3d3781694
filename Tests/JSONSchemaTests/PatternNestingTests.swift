// Character classes nested thousands deep once overflowed the stack inside Swift's Regex
// parser and killed the process (fcharness-fuzz, a scenario `matches`); they are now an
// invalid pattern, like groups nested past the engine's own limit.

import JSONSchema
import XCTest

final class PatternNestingTests: XCTestCase {
    func testDeeplyNestedCharacterClassesAreAnInvalidPattern() {
        for pattern in [
            String(repeating: "[", count: 5000) + "a" + String(repeating: "]", count: 5000),
            "^[a-z]" + String(repeating: "[{", count: 5000),
            "[a" + String(repeating: "&&[b", count: 5000),
        ] {
            XCTAssertThrowsError(try PatternRegex(pattern)) { error in
                XCTAssertEqual("\(error)", "character classes are nested more than 64 deep")
            }
        }
    }

    func testOrdinaryClassesStillCompile() throws {
        XCTAssertEqual(try PatternRegex("^[a-z[0-9]]+$").matches("ab12"), true)
        XCTAssertEqual(try PatternRegex(#"^[\[\]]+$"#).matches("[]"), true)
        XCTAssertEqual(try PatternRegex(String(repeating: "[", count: 64) + "a" + String(repeating: "]", count: 64)).matches("a"), true)
        XCTAssertEqual(try PatternRegex(#"^\[{100}$"#).matches(String(repeating: "[", count: 100)), true)
    }
}
