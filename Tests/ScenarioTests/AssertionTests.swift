// Assertions on response bodies: each kind passing and failing, with the expression and
// message a report shows; and captures.

import JSON
import JSONSchema
import OpenAPI
import XCTest
@testable import Scenario

final class AssertionTests: XCTestCase {
    let body: JSON = [
        "first_name": "Ada", "age": 36, "score": 4.5, "active": true, "nickname": nil,
        "email": "ada@example.com",
        "agents": [["id": "a1"], ["id": "a2"]],
        "status": "open",
        "profile": ["city": "London", "zip": "N1"],
    ]

    /// The assertions of one `expect.json` block, loaded from a scenario.
    private func assertions(_ json: String) throws -> [Assertion] {
        let indented = json.split(separator: "\n").map { "        " + $0 }.joined(separator: "\n")
        let scenario = try loadScenario("steps:\n  - operation: listAgents\n    expect:\n      json:\n" + indented + "\n")
        return scenario.steps[0].expect.assertions
    }

    private func result(_ json: String, on body: JSON? = nil, context: TemplateContext = fixedContext()) throws -> AssertionResult {
        let all = try assertions(json)
        XCTAssertEqual(all.count, 1)
        var context = context
        return try XCTUnwrap(all.first).check(body ?? self.body, context: &context)
    }

    func testABareScalarMeansEquals() throws {
        let pass = try result("$.first_name: Ada")
        XCTAssertEqual(pass, AssertionResult(ok: true, expression: #"$.first_name == "Ada""#, message: nil, location: pass.location))
        XCTAssertEqual(pass.location, SourceLocation(file: "test.yaml", line: 5, column: 9))

        let fail = try result("$.first_name: Grace")
        XCTAssertFalse(fail.ok)
        XCTAssertEqual(fail.expression, #"$.first_name == "Grace""#)
        XCTAssertEqual(fail.message, #"expected "Grace", found "Ada""#)
    }

    func testEqualsComparesNumbersByValueAndObjectsRegardlessOfOrder() throws {
        XCTAssertTrue(try result("$.age: 36.0").ok)
        XCTAssertTrue(try result("$.profile: { equals: { zip: N1, city: London } }").ok)
        let fail = try result("$.profile: { equals: { city: Paris } }")
        XCTAssertEqual(fail.message, #"expected {"city":"Paris"}, found {"city":"London","zip":"N1"}"#)
    }

    func testExpectedValuesRenderTemplates() throws {
        let pass = try result(#"$.agents[1].id: "{{agent}}""#, context: fixedContext(["agent": "a2"]))
        XCTAssertEqual(pass.expression, #"$.agents[1].id == "a2""#)
        XCTAssertTrue(pass.ok)
        let undefined = try result(#"$.agents[1].id: "{{agent}}""#)
        XCTAssertFalse(undefined.ok)
        XCTAssertEqual(undefined.message, "undefined variable 'agent' (defined here: none)")
    }

    func testExists() throws {
        XCTAssertTrue(try result("$.nickname: { exists: true }").ok, "null is a value")
        XCTAssertTrue(try result("$.missing: { exists: false }").ok)
        let fail = try result("$.missing: { exists: true }")
        XCTAssertEqual(fail.expression, "$.missing exists")
        XCTAssertEqual(fail.message, "$.missing found nothing")
        let present = try result("$.age: { exists: false }")
        XCTAssertEqual(present.expression, "$.age does not exist")
        XCTAssertEqual(present.message, "expected nothing, found 36")
    }

    func testType() throws {
        XCTAssertTrue(try result("$.age: { type: integer }").ok)
        XCTAssertTrue(try result("$.age: { type: number }").ok)
        XCTAssertTrue(try result("$.nickname: { type: \"null\" }").ok)
        XCTAssertTrue(try result("$.agents: { type: array }").ok)
        let fail = try result("$.score: { type: integer }")
        XCTAssertEqual(fail.expression, "$.score is integer")
        XCTAssertEqual(fail.message, "expected integer, found number 4.5")
    }

    func testComparisons() throws {
        XCTAssertTrue(try result("$.age: { gt: 35 }").ok)
        XCTAssertTrue(try result("$.age: { gte: 36 }").ok)
        XCTAssertTrue(try result("$.score: { lt: 5 }").ok)
        XCTAssertTrue(try result("$.score: { lte: 4.5 }").ok)
        let fail = try result("$.age: { lt: 18 }")
        XCTAssertEqual(fail.expression, "$.age < 18")
        XCTAssertEqual(fail.message, "found 36")
        let notNumber = try result("$.first_name: { gt: 1 }")
        XCTAssertEqual(notNumber.message, #"expected a number, found string "Ada""#)
    }

    func testSeveralKindsInOneMappingBecomeSeveralAssertions() throws {
        let all = try assertions("$.age: { gt: 17, lte: 130, type: integer }")
        XCTAssertEqual(all.count, 3)
        XCTAssertEqual(all.map { $0.check(body).expression }, ["$.age > 17", "$.age <= 130", "$.age is integer"])
        XCTAssertTrue(all.allSatisfy { $0.check(body).ok })
    }

    func testLength() throws {
        XCTAssertTrue(try result("$.agents: { length: 2 }").ok)
        XCTAssertTrue(try result("$.first_name: { length: 3 }").ok)
        XCTAssertTrue(try result("$.profile: { length: 2 }").ok)
        XCTAssertTrue(try result("$.agents: { length: { gte: 1 } }").ok)
        let fail = try result("$.agents: { length: { gt: 5 } }")
        XCTAssertEqual(fail.expression, "length($.agents) > 5")
        XCTAssertEqual(fail.message, #"found length 2: [{"id":"a1"},{"id":"a2"}]"#)
        let bounded = try assertions("$.agents: { length: { gte: 1, lt: 2 } }")
        XCTAssertEqual(bounded.map { $0.check(body).ok }, [true, false])
        XCTAssertEqual(try result("$.age: { length: 1 }").message, "expected an array, string or object, found integer 36")
    }

    func testMatches() throws {
        XCTAssertTrue(try result(#"$.email: { matches: "^[^@]+@example\\.com$" }"#).ok)
        XCTAssertTrue(try result(#"$.email: { matches: "example" }"#).ok, "the search is unanchored")
        let fail = try result(#"$.first_name: { matches: "^G" }"#)
        XCTAssertEqual(fail.expression, "$.first_name matches /^G/")
        XCTAssertEqual(fail.message, #"found "Ada""#)
    }

    /// The bound of PatternCost applies to `matches` too: a pattern that can backtrack
    /// exponentially is refused where it is written, and a text too long for a costly pattern
    /// fails the check saying it was not run (never a hang).
    func testMatchesIsBoundedLikeASchemaPattern() throws {
        XCTAssertThrowsError(try assertions(#"$.first_name: { matches: "^(a+)+$" }"#)) { error in
            XCTAssertTrue("\(error)".contains("test.yaml:5:"), "\(error)")
            XCTAssertTrue("\(error)".contains("backtracks exponentially"), "\(error)")
        }
        let long: JSON = ["code": .string(String(repeating: "1", count: 5_000))]
        let skipped = try result(#"$.code: { matches: "[0-9]+x" }"#, on: long)
        XCTAssertFalse(skipped.ok)
        XCTAssertEqual(skipped.message, "not checked: the pattern /[0-9]+x/ is not run on text longer than 3162 characters (found 5000): "
                       + "matching can cost n^2 steps (an unanchored search)")
        XCTAssertTrue(try result(#"$.code: { matches: "^[0-9]+$" }"#, on: long).ok, "a linear pattern runs on any text")
    }

    func testMatchesUsesTheSchemaPatternDialect() throws {
        // The dialect of JSON Schema `pattern` (PatternRegex): `\d` and `\w` are ASCII only, so
        // Arabic-Indic digits are not digits here (they would be in ICU's dialect).
        let digits: JSON = ["code": "١٢٣", "ascii": "123", "word": "naïve"]
        XCTAssertFalse(try result(#"$.code: { matches: "^\\d+$" }"#, on: digits).ok)
        XCTAssertTrue(try result(#"$.ascii: { matches: "^\\d+$" }"#, on: digits).ok)
        XCTAssertFalse(try result(#"$.word: { matches: "^\\w+$" }"#, on: digits).ok)
        // `.` is one Unicode scalar, as in ECMA-262 with the `u` flag: "é" written as "e" and a
        // combining accent is two.
        let accents: JSON = ["composed": "\u{E9}", "decomposed": "e\u{301}"]
        XCTAssertTrue(try result(#"$.composed: { matches: "^.$" }"#, on: accents).ok)
        XCTAssertFalse(try result(#"$.decomposed: { matches: "^.$" }"#, on: accents).ok)
    }

    func testMatchesCompilesTheSamePatternTypeAsASchema() throws {
        let assertion = try XCTUnwrap(try assertions(#"$.email: { matches: "@example\\.com$" }"#).first)
        guard case .matches(let pattern) = assertion.predicate else { return XCTFail("expected a matches assertion") }
        XCTAssertEqual(pattern.regex.source, "@example\\.com$")
        XCTAssertNil(MatchPattern("([a-z"), "an invalid pattern is not a pattern")
        XCTAssertThrowsError(try MatchPattern(compiling: "([a-z"))
    }

    func testOneOf() throws {
        XCTAssertTrue(try result("$.status: { oneOf: [new, open, resolved] }").ok)
        let fail = try result("$.status: { oneOf: [new, resolved] }")
        XCTAssertEqual(fail.expression, #"$.status in ["new","resolved"]"#)
        XCTAssertEqual(fail.message, #"expected one of ["new","resolved"], found "open""#)
    }

    func testEveryKindFailsWithoutABody() throws {
        for json in ["$.a: 1", "$.a: { type: string }", "$.a: { gt: 1 }", "$.a: { length: 1 }", "$.a: { matches: x }", "$.a: { oneOf: [1] }", "$.a: { exists: true }"] {
            let assertion = try XCTUnwrap(try assertions(json).first)
            let result = assertion.check(nil)
            XCTAssertFalse(result.ok, json)
            XCTAssertEqual(result.message, "the response has no JSON body", json)
        }
        XCTAssertTrue(try XCTUnwrap(try assertions("$.a: { exists: false }").first).check(nil).ok)
    }

    func testLongValuesAreCutInMessages() throws {
        let long = String(repeating: "x", count: 200)
        let fail = try result("$.first_name: short", on: ["first_name": .string(long)])
        XCTAssertEqual(fail.message, "expected \"short\", found \"" + String(repeating: "x", count: 79) + "…")
    }

    func testACaptureReturnsTheValueItFinds() throws {
        let scenario = try loadScenario("steps:\n  - operation: listAgents\n    capture: { first: \"$.agents[0].id\", count: $.age, whole: $.profile }\n")
        let captures = scenario.steps[0].captures
        XCTAssertEqual(try captures[0].value(from: body), "a1")
        XCTAssertEqual(try captures[1].value(from: body).templateText, "36")
        XCTAssertEqual(try captures[2].value(from: body).templateText, #"{"city":"London","zip":"N1"}"#)
    }

    func testACaptureThatFindsNothingFailsWithItsLocation() throws {
        let scenario = try loadScenario("steps:\n  - operation: listAgents\n    capture: { first: \"$.agents[5].id\" }\n")
        let capture = scenario.steps[0].captures[0]
        XCTAssertThrowsError(try capture.value(from: body)) { error in
            XCTAssertEqual((error as? CaptureFailure)?.reason, .nothingFound)
            XCTAssertEqual("\(error)", "test.yaml:3:16: capture 'first' ($.agents[5].id) found nothing in the response body")
        }
        XCTAssertThrowsError(try capture.value(from: nil)) { error in
            XCTAssertEqual((error as? CaptureFailure)?.reason, .noBody)
        }
    }
}
