// Every kind of load error, with the exact file:line:column and message a person sees.

import JSON
import OpenAPI
import XCTest
@testable import Scenario

final class ScenarioErrorTests: XCTestCase {
    func testInvalidYAMLNamesTheLineAndColumn() throws {
        let error = try loadError("""
            steps:
              - operation: listAgents
                expect: { status: 200
            """)
        guard case .yamlSyntax = error.problem else { return XCTFail("expected a YAML syntax error, got \(error)") }
        XCTAssertEqual(error.location.file, "test.yaml")
        XCTAssertEqual(error.location.line, 4)
        XCTAssertTrue("\(error)".hasPrefix("test.yaml:4:"), "\(error)")
    }

    func testADuplicateKeyIsAYAMLError() throws {
        let error = try loadError("steps:\n  - operation: listAgents\n    operation: listUsers\n")
        XCTAssertTrue("\(error)".contains("duplicate key 'operation'"), "\(error)")
        XCTAssertEqual(error.location.line, 2)
    }

    func testAnUnquotedTemplateSaysToQuoteIt() throws {
        let error = try loadError("steps:\n  - operation: createUser\n    body: { email: {{email}} }\n")
        XCTAssertEqual(
            "\(error)",
            "test.yaml:3:21: invalid YAML: a mapping or list cannot be a key; if this is a template, quote it: \"{{name}}\"")
    }

    func testAnEmptyFileIsRejected() throws {
        let error = try loadError("")
        XCTAssertEqual("\(error)", "test.yaml:1:1: invalid YAML: the file is empty")
    }

    func testAnUnknownStepKeySuggestsTheNearestOne() throws {
        let error = try loadError("steps:\n  - opration: listAgents\n")
        XCTAssertEqual(
            "\(error)",
            "test.yaml:2:5: unknown key 'opration' in step 1 (did you mean 'operation'?); "
                + "expected one of: name, operation, path, query, headers, body, expect, capture")
    }

    func testAnUnknownTopLevelKeySuggestsTheNearestOne() throws {
        let error = try loadError("name: x\nvariabels: {}\nsteps:\n  - operation: listAgents\n")
        XCTAssertEqual(error.location, SourceLocation(file: "test.yaml", line: 2, column: 1))
        XCTAssertEqual(error.problem, .unknownKey(key: "variabels", context: "scenario", allowed: ScenarioDecoder.keys, suggestion: "variables"))
    }

    func testAnUnknownExpectKeySuggestsStatus() throws {
        let error = try loadError("steps:\n  - operation: listAgents\n    expect: { staus: 200 }\n")
        XCTAssertEqual(error.location, SourceLocation(file: "test.yaml", line: 3, column: 15))
        XCTAssertEqual(error.problem, .unknownKey(key: "staus", context: "expect", allowed: ["status", "json"], suggestion: "status"))
    }

    func testAMisspeltAssertionKindIsAnErrorNotAnEquality() throws {
        let error = try loadError("""
            steps:
              - operation: listAgents
                expect:
                  json:
                    $.agents: { lenght: 2 }
            """)
        XCTAssertEqual(error.location, SourceLocation(file: "test.yaml", line: 5, column: 21))
        guard case .unknownKey(key: "lenght", _, _, suggestion: "length") = error.problem else { return XCTFail("\(error)") }
    }

    func testAWrongValueTypeSaysWhatWasExpected() throws {
        let error = try loadError("steps: listAgents\n")
        XCTAssertEqual("\(error)", "test.yaml:1:8: 'steps' must be a list, found the string \"listAgents\"")
    }

    func testAStepWithoutOperationIsRejectedAtTheStep() throws {
        let error = try loadError("steps:\n  - path: { user_id: 1 }\n")
        XCTAssertEqual("\(error)", "test.yaml:2:5: missing key 'operation' in step 1")
    }

    func testAnEmptyStepListIsRejected() throws {
        let error = try loadError("steps: []\n")
        XCTAssertEqual("\(error)", "test.yaml:1:8: 'steps' must be a list of at least one step, found an empty list")
    }

    func testAnUnknownOperationSuggestsTheNearestOperationIds() throws {
        let error = try loadError("steps:\n  - operation: getUsr\n")
        XCTAssertEqual(error.location, SourceLocation(file: "test.yaml", line: 2, column: 16))
        guard case .unknownOperation(operationId: "getUsr", let suggestions) = error.problem else { return XCTFail("\(error)") }
        XCTAssertEqual(suggestions.first, "getUser")
        XCTAssertTrue("\(error)".hasPrefix("test.yaml:2:16: unknown operation 'getUsr' (did you mean getUser"), "\(error)")
    }

    func testAMissingPathParameterPointsAtThePathMap() throws {
        let error = try loadError("steps:\n  - operation: getUser\n    path: { }\n")
        XCTAssertEqual(
            "\(error)",
            "test.yaml:3:5: path parameter 'user_id' of getUser (/users/{user_id}) has no value: add it under 'path'")
    }

    func testAMissingPathMapPointsAtTheStep() throws {
        let error = try loadError("steps:\n  - operation: getUser\n")
        XCTAssertEqual(error.location, SourceLocation(file: "test.yaml", line: 2, column: 5))
        XCTAssertEqual(error.problem, .missingPathParameter(name: "user_id", operationId: "getUser", pathTemplate: "/users/{user_id}"))
    }

    func testAPathParameterTheOperationLacksIsRejected() throws {
        let error = try loadError("steps:\n  - operation: getUser\n    path: { user_id: 1, id: 2 }\n")
        XCTAssertEqual("\(error)", "test.yaml:3:25: getUser has no path parameter 'id' (its path parameters: user_id)")
    }

    func testAnInvalidJSONPathInACapturePointsInsideTheFile() throws {
        let bad = "$.agents[?"
        let column = try jsonPathErrorColumn(bad)
        let error = try loadError("steps:\n  - operation: listAgents\n    capture: { first: \"\(bad)\" }\n")
        guard case .invalidJSONPath(path: bad, _) = error.problem else { return XCTFail("\(error)") }
        // The value's text starts after its quote, at column 24.
        XCTAssertEqual(error.location, SourceLocation(file: "test.yaml", line: 3, column: 24 + column - 1))
    }

    func testAnInvalidJSONPathInAnAssertionKeyPointsInsideTheFile() throws {
        let bad = "$.agents[0"
        let column = try jsonPathErrorColumn(bad)
        let error = try loadError("""
            steps:
              - operation: listAgents
                expect:
                  json:
                    \(bad): 1
            """)
        guard case .invalidJSONPath(path: bad, _) = error.problem else { return XCTFail("\(error)") }
        XCTAssertEqual(error.location, SourceLocation(file: "test.yaml", line: 5, column: 9 + column - 1))
    }

    func testAnInvalidStatusIsRejectedAtTheValue() throws {
        let error = try loadError("steps:\n  - operation: listAgents\n    expect: { status: [200, 700] }\n")
        XCTAssertEqual(
            "\(error)",
            "test.yaml:3:29: invalid status '700': expected an HTTP status code 100-599, a class like 2xx, or a list of them")
    }

    func testAStatusThatIsNotACodeIsRejected() throws {
        let error = try loadError("steps:\n  - operation: listAgents\n    expect:\n      status: ok\n")
        XCTAssertEqual(error.location, SourceLocation(file: "test.yaml", line: 4, column: 15))
        XCTAssertEqual(error.problem, .invalidStatus(value: "ok"))
    }

    func testATemplateSyntaxErrorPointsAtTheOffendingCharacter() throws {
        let error = try loadError("steps:\n  - operation: getUser\n    path: { user_id: \"{{ random.foo }}\" }\n")
        // The string's text starts at column 23 (after its quote); `foo` is 10 characters in.
        XCTAssertEqual(error.location, SourceLocation(file: "test.yaml", line: 3, column: 33))
        XCTAssertTrue("\(error)".contains("unknown function 'random.foo'"), "\(error)")
    }

    func testAnUnclosedTemplateIsRejected() throws {
        let error = try loadError("steps:\n  - operation: createUser\n    body: { email: \"x{{uuid\" }\n")
        XCTAssertEqual(error.location, SourceLocation(file: "test.yaml", line: 3, column: 22))
        XCTAssertTrue("\(error)".contains("'{{' is not closed by '}}'"), "\(error)")
    }

    func testAnInvalidRegexIsRejected() throws {
        let error = try loadError("""
            steps:
              - operation: listAgents
                expect:
                  json:
                    $.agents[0].email: { matches: "([a-z" }
            """)
        XCTAssertEqual(error.location, SourceLocation(file: "test.yaml", line: 5, column: 39))
        guard case .invalidValue(key: "regex", value: "([a-z", _) = error.problem else { return XCTFail("\(error)") }
    }

    func testAnUnknownTypeNameSuggestsTheNearest() throws {
        let error = try loadError("""
            steps:
              - operation: listAgents
                expect:
                  json:
                    $.agents: { type: arary }
            """)
        XCTAssertTrue("\(error)".hasSuffix("(did you mean 'array'?)"), "\(error)")
        XCTAssertEqual(error.location, SourceLocation(file: "test.yaml", line: 5, column: 27))
    }

    func testAReservedVariableNameIsRejected() throws {
        let error = try loadError("variables:\n  uuid: x\nsteps:\n  - operation: listAgents\n")
        XCTAssertEqual(error.location, SourceLocation(file: "test.yaml", line: 2, column: 3))
        XCTAssertTrue("\(error)".contains("'uuid' is reserved"), "\(error)")
    }

    func testACaptureNameMustBeAName() throws {
        let error = try loadError("steps:\n  - operation: listAgents\n    capture: { first-agent: $.id }\n")
        XCTAssertEqual(error.location, SourceLocation(file: "test.yaml", line: 3, column: 16))
        guard case .invalidValue(key: "capture name", value: "first-agent", _) = error.problem else { return XCTFail("\(error)") }
    }

    /// The column the JSON module reports for a bad path, so the test follows its parser.
    private func jsonPathErrorColumn(_ text: String) throws -> Int {
        do {
            _ = try JSONPath(text)
        } catch {
            return error.column
        }
        XCTFail("'\(text)' should not parse as JSONPath")
        return 1
    }
}
