// Long templates parse in one pass: many expressions and many `{{{{` escapes once took
// quadratic time (found by fcharness-fuzz). These check the results at a size where the old
// behaviour was visibly slow; they assert no timings.

import JSON
import OpenAPI
import XCTest
@testable import Scenario

final class TemplateScaleTests: XCTestCase {
    func testManyExpressionsKeepTheirLocationsAcrossLines() throws {
        let line = String(repeating: "ab{{x}}", count: 500)
        let text = Array(repeating: line, count: 40).joined(separator: "\n")
        let parsed = try template(text)
        XCTAssertEqual(parsed.expressions.count, 20_000)
        XCTAssertEqual(parsed.expressions[1].location.description, "t.yaml:1:10")
        XCTAssertEqual(parsed.expressions[500].location.description, "t.yaml:2:3")
        XCTAssertEqual(parsed.expressions.last?.location.description, "t.yaml:40:3496")
        var context = fixedContext(["x": "1"])
        XCTAssertEqual(try parsed.render(&context).count, text.count - 20_000 * 4)
    }

    func testAnErrorAfterManyExpressionsPointsAtItsCharacter() throws {
        let text = String(repeating: "{{x}}", count: 5000) + "\n  {{x y}}"
        XCTAssertThrowsError(try template(text)) { error in
            XCTAssertEqual("\(error)", "t.yaml:2:7: invalid template: unexpected 'y' after 'x'; expected '}}'")
        }
    }

    func testManyEscapesBecomeOneLiteral() throws {
        let parsed = try template(String(repeating: "{{{{", count: 50_000))
        XCTAssertEqual(parsed.parts, [.literal(String(repeating: "{{", count: 50_000))])
    }
}
