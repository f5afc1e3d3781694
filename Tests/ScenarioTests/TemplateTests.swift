// Templates: parsing, escaping, every expression, seeded randomness and typed body leaves.

import Foundation
import JSON
import OpenAPI
import XCTest
@testable import Scenario

final class TemplateTests: XCTestCase {
    func testLiteralTextAndVariablesRender() throws {
        var context = fixedContext(["name": "Ada", "n": 3, "flag": true, "tags": ["a", "b"]])
        let rendered = try template("hi {{name}}, n={{ n }}, {{flag}} {{tags}}").render(&context)
        XCTAssertEqual(rendered, #"hi Ada, n=3, true ["a","b"]"#)
    }

    func testFourOpeningBracesWriteALiteralPair() throws {
        var context = fixedContext(["x": "1"])
        XCTAssertEqual(try template("{{{{x}} is {{x}}").render(&context), "{{x}} is 1")
        XCTAssertTrue(try template("a {{{{ b").isLiteral)
    }

    func testTheEnvironmentIsReadByName() throws {
        var context = fixedContext()
        XCTAssertEqual(try template("{{env.APP_ID}}").render(&context), "app-7")
        XCTAssertThrowsError(try template("x{{env.MISSING}}").render(&context)) { error in
            XCTAssertEqual("\(error)", "t.yaml:1:2: environment variable 'MISSING' is not set")
        }
    }

    func testAnUndefinedVariableAtRenderTimeNamesTheDefinedOnes() throws {
        var context = fixedContext(["b": "1", "a": "2"])
        XCTAssertThrowsError(try template("{{c}}").render(&context)) { error in
            XCTAssertEqual("\(error)", "t.yaml:1:1: undefined variable 'c' (defined here: a, b)")
        }
    }

    func testUUIDsAreVersionFourAndLowercase() throws {
        var context = fixedContext()
        let uuid = try template("{{uuid}}").render(&context)
        let pattern = try XCTUnwrap(MatchPattern("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"))
        XCTAssertTrue(pattern.matches(uuid), uuid)
        XCTAssertNotEqual(uuid, try template("{{uuid}}").render(&context), "each uuid is new")
    }

    func testNowIsRFC3339InUTCWithMilliseconds() throws {
        var context = fixedContext()
        XCTAssertEqual(try template("{{now}}").render(&context), "2024-05-01T12:34:56.789Z")
        context.clock = { Date(timeIntervalSince1970: -1.5) }
        XCTAssertEqual(try template("{{now}}").render(&context), "1969-12-31T23:59:58.500Z")
        context.clock = { Date(timeIntervalSince1970: 951_782_400) }
        XCTAssertEqual(try template("{{now}}").render(&context), "2000-02-29T00:00:00.000Z")
    }

    func testRandomFunctionsStayInTheirRanges() throws {
        var context = fixedContext()
        let int = try template("{{random.int(1, 9)}}")
        let string = try template("{{random.string(8)}}")
        let email = try template("{{ random.email }}")
        let emailPattern = try XCTUnwrap(MatchPattern("^user-[a-z0-9]{10}@example\\.com$"))
        let stringPattern = try XCTUnwrap(MatchPattern("^[A-Za-z0-9]{8}$"))
        var seen = Set<Int>()
        for _ in 0..<200 {
            let value = try XCTUnwrap(Int(try int.render(&context)))
            XCTAssertTrue((1...9).contains(value), "\(value)")
            seen.insert(value)
            XCTAssertTrue(stringPattern.matches(try string.render(&context)))
            XCTAssertTrue(emailPattern.matches(try email.render(&context)))
        }
        XCTAssertEqual(seen, Set(1...9), "200 draws cover every value of 1...9")
        XCTAssertEqual(try template("{{random.int(-3,-3)}}").render(&context), "-3")
    }

    func testTheSameSeedRepeatsTheSameValues() throws {
        let text = try template("{{uuid}} {{random.email}} {{random.int(0, 1000000)}} {{random.string(12)}}")
        var first = fixedContext(seed: 7)
        var second = fixedContext(seed: 7)
        var other = fixedContext(seed: 8)
        let a = try text.render(&first)
        XCTAssertEqual(a, try text.render(&second))
        XCTAssertNotEqual(a, try text.render(&other))
        XCTAssertNotEqual(a, try text.render(&first), "the sequence advances")
    }

    func testExpressionErrorsPointAtTheirColumn() {
        let cases: [(String, Int, String)] = [
            ("ab{{ }}", 6, "empty '{{}}'"),
            ("{{random.int(9, 1)}}", 10, "lower bound is above the upper bound"),
            ("{{random.string(0)}}", 17, "the length must be 1 to 4096"),
            ("{{env.}}", 7, "expected an environment variable name"),
            ("{{a b}}", 5, "unexpected 'b' after 'a'"),
            ("x {{name", 3, "'{{' is not closed"),
            ("{{random.int(1 2)}}", 16, "expected ','"),
        ]
        for (text, column, message) in cases {
            XCTAssertThrowsError(try template(text), text) { error in
                guard let error = error as? ScenarioError else { return XCTFail("\(error)") }
                XCTAssertEqual(error.location.column, column, "\(text): \(error)")
                XCTAssertTrue("\(error)".contains(message), "\(text): \(error)")
            }
        }
    }

    func testColumnsFollowLineBreaksInsideTheText() throws {
        XCTAssertThrowsError(try Template(parsing: "line one\n  {{bad name}}", at: SourceLocation(file: "f", line: 4, column: 9))) { error in
            XCTAssertEqual((error as? ScenarioError)?.location, SourceLocation(file: "f", line: 5, column: 9))
        }
    }

    func testABodyLeafThatIsOneExpressionKeepsItsJSONType() throws {
        let scenario = try loadScenario("""
            steps:
              - operation: createUser
                body: { n: "{{count}}", label: "n={{count}}", dice: "{{random.int(1,6)}}", name: "{{name}}", list: ["{{count}}", 2] }
            """)
        var context = fixedContext(["count": 3, "name": "Ada"])
        let body = try XCTUnwrap(scenario.steps[0].body).render(&context)
        XCTAssertEqual(body["n"], 3)
        XCTAssertEqual(body["label"], "n=3")
        XCTAssertEqual(body["name"], "Ada")
        XCTAssertEqual(body["list"], [3, 2])
        guard case .integer(let dice)? = body["dice"] else { return XCTFail("random.int renders a number") }
        XCTAssertTrue((1...6).contains(dice))
    }
}
