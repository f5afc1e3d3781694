// The static check: every `{{name}}` is defined where it is used, before anything is sent.

import JSON
import OpenAPI
import XCTest
@testable import Scenario

final class VariableCheckTests: XCTestCase {
    func testACaptureIsUsableInLaterSteps() throws {
        let scenario = try loadScenario("""
            steps:
              - operation: createUser
                capture: { user_id: $.id }
              - operation: getUser
                path: { user_id: "{{user_id}}" }
            """)
        XCTAssertNoThrow(try scenario.checkVariables(defined: []))
    }

    func testUsingACaptureBeforeTheStepThatDefinesItIsAnError() throws {
        let scenario = try loadScenario("""
            steps:
              - operation: getUser
                path: { user_id: "{{user_id}}" }
              - operation: createUser
                capture: { user_id: $.id }
            """)
        XCTAssertThrowsError(try scenario.checkVariables(defined: ["token"])) { error in
            XCTAssertEqual("\(error)", "test.yaml:3:23: undefined variable 'user_id' (defined here: token)")
        }
    }

    func testAStepCannotUseItsOwnCaptureInItsRequest() throws {
        let scenario = try loadScenario("""
            steps:
              - operation: createUser
                body: { id: "{{id}}" }
                capture: { id: $.id }
            """)
        XCTAssertThrowsError(try scenario.checkVariables(defined: [])) { error in
            guard let error = error as? ScenarioError, case .undefinedVariable(name: "id", defined: []) = error.problem else {
                return XCTFail("\(error)")
            }
        }
    }

    func testVariablesMayUseEarlierVariablesButNotLaterOnes() throws {
        let good = try loadScenario("""
            variables: { first: Ada, greeting: "hi {{first}}" }
            steps:
              - operation: listAgents
            """)
        XCTAssertNoThrow(try good.checkVariables(defined: []))

        let bad = try loadScenario("""
            variables: { greeting: "hi {{first}}", first: Ada }
            steps:
              - operation: listAgents
            """)
        XCTAssertThrowsError(try bad.checkVariables(defined: [])) { error in
            XCTAssertEqual("\(error)", "test.yaml:1:28: undefined variable 'first' (defined here: none)")
        }
    }

    func testAnOverrideDefinesANameAndSkipsTheDefaultItReplaces() throws {
        let scenario = try loadScenario("""
            variables:
              app_id: "{{env.FRESHCHAT_APP_ID}}"
            steps:
              - operation: getChannel
                path: { channel_id: "{{channel}}" }
            """)
        let noEnvironment: (String) -> String? = { _ in nil }
        XCTAssertThrowsError(try scenario.checkVariables(defined: ["channel"], environment: noEnvironment)) { error in
            XCTAssertEqual("\(error)", "test.yaml:2:12: environment variable 'FRESHCHAT_APP_ID' is not set")
        }
        XCTAssertNoThrow(try scenario.checkVariables(defined: ["channel", "app_id"], environment: noEnvironment))
    }

    func testAssertionTemplatesAreCheckedToo() throws {
        let scenario = try loadScenario("""
            steps:
              - operation: listAgents
                expect:
                  json:
                    $.agents[0].id: "{{agent}}"
            """)
        XCTAssertThrowsError(try scenario.checkVariables(defined: [])) { error in
            XCTAssertEqual("\(error)", "test.yaml:5:26: undefined variable 'agent' (defined here: none)")
        }
    }

    func testFlagsOverrideEnvironmentWhichOverridesDefaults() throws {
        let scenario = try loadScenario("""
            variables: { app_id: default-app, region: eu, count: 3 }
            steps:
              - operation: listAgents
            """)
        let overrides = scenario.variableOverrides(
            flags: ["region": "us"],
            environment: ["FCHARNESS_VAR_APP_ID": "env-app", "FCHARNESS_VAR_region": "ap", "PATH": "/bin", "FCHARNESS_VAR_extra": "x"])
        XCTAssertEqual(overrides, ["app_id": "env-app", "region": "us", "extra": "x"])

        var context = fixedContext()
        try scenario.applyVariables(overrides: overrides, to: &context)
        XCTAssertEqual(context.variables, ["app_id": "env-app", "region": "us", "count": 3, "extra": "x"])
    }

    func testDefaultsRenderInOrderWithTheEnvironment() throws {
        let scenario = try loadScenario("""
            variables: { app: "{{env.APP_ID}}", label: "app {{app}}" }
            steps:
              - operation: listAgents
            """)
        var context = fixedContext()
        try scenario.applyVariables(overrides: [:], to: &context)
        XCTAssertEqual(context.variables["label"], "app app-7")
    }

    func testAVarFlagSplitsAtTheFirstEqualsSign() {
        XCTAssertEqual(ScenarioFile.parseVariableAssignment("query=a=b")?.value, "a=b")
        XCTAssertEqual(ScenarioFile.parseVariableAssignment("query=a=b")?.name, "query")
        XCTAssertNil(ScenarioFile.parseVariableAssignment("no-equals"))
        XCTAssertNil(ScenarioFile.parseVariableAssignment("bad name=1"))
    }
}
