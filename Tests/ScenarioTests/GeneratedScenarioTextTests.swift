// The YAML a generated scenario is written as: the layout of hand-written files, and text that
// the scenario loader reads back to the same requests.

import JSON
import OpenAPI
import XCTest
@testable import Scenario

final class GeneratedScenarioTextTests: XCTestCase {
    private func scenario(body: JSON?, statuses: [String] = ["200"]) -> GeneratedScenario {
        GeneratedScenario(
            fileName: "users-lifecycle.yaml", name: "users lifecycle (generated)", tags: ["generated", "users"],
            header: ["Generated for a test."], variables: [],
            steps: [GeneratedStep(
                comment: ["Creates the user this lifecycle follows."], name: nil, operationId: "createUser",
                path: [], query: [], headers: [], body: body, expectedStatuses: statuses,
                captures: [NamedText("user_id", "$.id")]
            )],
            trailer: []
        )
    }

    func testAStepReadsLikeAHandWrittenOne() {
        let text = scenario(body: .object(["email": .string("grace@example.com"), "first_name": .string("Grace")])).yamlText
        XCTAssertEqual(text, """
            # Generated for a test.
            name: users lifecycle (generated)
            tags: [generated, users]
            steps:
              # Creates the user this lifecycle follows.
              - operation: createUser
                body:
                  email: grace@example.com
                  first_name: Grace
                expect: { status: 200 }
                capture: { user_id: "$.id" }

            """)
    }

    func testNestedArraysOfObjectsAndTemplates() {
        let body: JSON = .object([
            "users": .array([.object(["id": .string("{{user_id}}"), "role": .string("owner")])]),
            "tags": .array([.string("a"), .integer(2)]),
            "empty": .object([:]),
        ])
        XCTAssertTrue(scenario(body: body).yamlText.contains("""
                body:
                  users:
                    - id: "{{user_id}}"
                      role: owner
                  tags:
                    - a
                    - 2
                  empty: {}
            """))
    }

    func testStringsThatWouldReadAsSomethingElseAreQuoted() {
        for text in ["true", "No", "null", "42", "1.5", "", " padded", "a: b", "x #y", "{{id}}", "-1", "[x]", "é"] {
            XCTAssertEqual(YAMLScalarText.string(text), JSON.string(text).serialized(), text)
        }
        for text in ["grace@example.com", "no-such-user", "users lifecycle (generated)", "a/b.c"] {
            XCTAssertEqual(YAMLScalarText.string(text), text)
        }
    }

    func testStatusClassesAreWrittenAsHandWrittenFilesDo() {
        XCTAssertTrue(scenario(body: nil, statuses: ["400", "4XX"]).yamlText.contains("expect: { status: [400, 4xx] }"))
    }

    /// Every JSON value the writer meets comes back from the loader unchanged.
    func testTheLoaderReadsBackWhatWasWritten() throws {
        let body: JSON = .object([
            "email": .string("grace@example.com"), "count": .integer(-3), "ratio": .double(0.25), "on": .bool(true),
            "nothing": .null, "quote": .string("she said \"hi\"\nthen left: #1"), "list": .array([.array([.string("x")]), .object([:])]),
            "users": .array([.object(["id": .string("{{user_id}}")])]),
        ])
        let file = try ScenarioLoader.load(text: scenario(body: body).yamlText, name: "generated.yaml", index: try FreshchatSpec.index())
        let step = try XCTUnwrap(file.steps.first)
        XCTAssertEqual(step.operationId, "createUser")
        XCTAssertEqual(step.captures.map(\.name), ["user_id"])
        var context = TemplateContext(variables: ["user_id": .string("u-1")], seed: 1)
        let rendered = try XCTUnwrap(step.body).render(&context)
        XCTAssertEqual(rendered, body.setting(.string("u-1"), at: JSONPointer(tokens: ["users", "0", "id"])))
    }
}
