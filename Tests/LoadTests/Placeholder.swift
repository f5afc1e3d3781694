import XCTest
final class LoadPlaceholderTests: XCTestCase { func testPlaceholder() { XCTAssertTrue(true) } }
