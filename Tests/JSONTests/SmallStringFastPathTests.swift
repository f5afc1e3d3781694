// The parser builds short ASCII strings straight from the standard library's in-memory layout
// when a start-up check says that layout is the one it knows (SmallASCIIString). If the check
// ever failed, parsing would quietly take the slower general path; these tests make that loud.

@_spi(Benchmarks) @testable import JSON
import XCTest

final class SmallStringFastPathTests: XCTestCase {
    func testTheLayoutCheckHoldsOnThePlatformsWeBuildFor() throws {
        #if (os(Linux) || os(macOS)) && (arch(x86_64) || arch(arm64))
        XCTAssertTrue(SmallASCIIString.layoutMatches, "short strings would be built the slow way")
        #else
        throw XCTSkip("the fast path is only promised on Linux and macOS, x86_64 and arm64")
        #endif
    }

    func testBothPathsParseTheSameValues() throws {
        let text = #"""
            {"id": "c-1", "status": "new", "empty": "", "fifteen_chars__": "abcdefghijklmno",
             "sixteen_chars___": "abcdefghijklmnop", "accented": "café", "list": ["a", "ab", "abcdefgh"]}
            """#
        let bytes = Array(text.utf8)
        let fast = try bytes.withUnsafeBytes { try JSON.parse($0, buildsSmallStringsDirectly: true) }
        let general = try bytes.withUnsafeBytes { try JSON.parse($0, buildsSmallStringsDirectly: false) }
        XCTAssertEqual(fast, general)
        XCTAssertEqual(fast["fifteen_chars__"], "abcdefghijklmno")
        // Strings built by the fast path behave as any other String.
        XCTAssertEqual(fast["status"]?.stringValue.map { $0 + "!" }, "new!")
        XCTAssertEqual(fast["list"]?[2]?.stringValue?.count, 8)
    }
}
