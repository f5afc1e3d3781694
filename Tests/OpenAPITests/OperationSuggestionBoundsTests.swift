// Suggestions for a very long unknown operationId: ids too different in length to be a typo
// are not compared at all (a pasted megabyte once cost a second and a half; fcharness-fuzz).

import OpenAPI
import XCTest

final class OperationSuggestionBoundsTests: XCTestCase {
    func testALongUnknownIdHasNoSuggestions() throws {
        let index = try OperationIndex.embedded()
        XCTAssertEqual(index.suggestions(for: String(repeating: "getUser", count: 20_000)), [])
        XCTAssertEqual(index.suggestions(for: "getUserr").first, "getUser")
    }
}
