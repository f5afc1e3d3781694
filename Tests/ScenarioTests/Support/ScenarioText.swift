// Helpers shared by the tests: loading scenario text against the Freshchat spec and
// catching the typed error a load throws.

import JSON
import OpenAPI
import XCTest
@testable import Scenario

/// Loads scenario YAML as file `test.yaml` against the repository's Freshchat spec.
func loadScenario(_ yaml: String, file: String = "test.yaml") throws -> ScenarioFile {
    try ScenarioLoader.load(text: yaml, name: file, index: try FreshchatSpec.index())
}

/// The error loading `yaml` throws; fails the test when it loads.
func loadError(_ yaml: String, file: StaticString = #filePath, line: UInt = #line) throws -> ScenarioError {
    let index = try FreshchatSpec.index()
    do {
        _ = try ScenarioLoader.load(text: yaml, name: "test.yaml", index: index)
    } catch {
        return error
    }
    XCTFail("expected the scenario to be rejected", file: file, line: line)
    throw XCTSkip("no error to inspect")
}

/// A context with a fixed seed, an empty environment and a fixed clock.
func fixedContext(_ variables: [String: JSON] = [:], seed: UInt64 = 42) -> TemplateContext {
    TemplateContext(
        variables: variables, environment: { $0 == "APP_ID" ? "app-7" : nil }, seed: seed,
        clock: { Date(timeIntervalSince1970: 1_714_566_896.789_4) })
}

/// A template parsed at line 1, column 1 of `t.yaml`.
func template(_ text: String) throws -> Template {
    try Template(parsing: text, at: SourceLocation(file: "t.yaml", line: 1, column: 1))
}
