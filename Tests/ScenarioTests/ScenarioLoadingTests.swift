// Loading the scenario format of CLI.md: the documented example, defaults, folders.

import Foundation
import JSON
import OpenAPI
import XCTest
@testable import Scenario

final class ScenarioLoadingTests: XCTestCase {
    /// The example of /work/shared/CLI.md, verbatim.
    static let cliExample = """
        name: conversation lifecycle
        tags: [smoke, conversations]
        variables:                     # defaults; --var NAME=VALUE and FCHARNESS_VAR_NAME override
          app_id: "{{env.FRESHCHAT_APP_ID}}"
        steps:
          - operation: listChannels          # an operationId of the spec: method and path come from it
            capture:
              channel_id: $.channels[0].id   # path into the response body
          - operation: createUser
            body: { email: "{{random.email}}", first_name: Ada }
            expect: { status: 200 }
            capture: { user_id: $.id }
          - operation: getUser
            path: { user_id: "{{user_id}}" }
            query: { }                       # query parameters
            headers: { }                     # extra headers
            expect:
              status: 200
              json:                          # assertions on the body
                $.first_name: Ada
        """

    func testTheCLIExampleLoadsWithEveryPart() throws {
        let scenario = try loadScenario(Self.cliExample)
        XCTAssertEqual(scenario.name, "conversation lifecycle")
        XCTAssertEqual(scenario.tags, ["smoke", "conversations"])
        XCTAssertEqual(scenario.variables.map(\.name), ["app_id"])
        XCTAssertEqual(scenario.variables[0].location, SourceLocation(file: "test.yaml", line: 4, column: 3))
        XCTAssertEqual(scenario.steps.map(\.operationId), ["listChannels", "createUser", "getUser"])
        XCTAssertEqual(scenario.steps.map(\.index), [0, 1, 2])

        let list = scenario.steps[0]
        XCTAssertEqual(list.location, SourceLocation(file: "test.yaml", line: 6, column: 5))
        XCTAssertEqual(list.operationLocation, SourceLocation(file: "test.yaml", line: 6, column: 16))
        XCTAssertEqual(list.captures.map(\.name), ["channel_id"])
        XCTAssertEqual(list.captures[0].pathText, "$.channels[0].id")
        XCTAssertNil(list.expect.status)

        let create = scenario.steps[1]
        XCTAssertEqual(create.expect.status?.patterns, [.code(200)])
        guard case .object(let members)? = create.body else { return XCTFail("body should be a templated object") }
        XCTAssertEqual(members.map(\.key), ["email", "first_name"])
        XCTAssertEqual(members[1].value, .literal("Ada"))

        let get = scenario.steps[2]
        XCTAssertEqual(get.path.map(\.name), ["user_id"])
        XCTAssertTrue(get.query.isEmpty)
        XCTAssertTrue(get.headers.isEmpty)
        XCTAssertEqual(get.expect.assertions.count, 1)
        XCTAssertEqual(get.expect.assertions[0].pathText, "$.first_name")
        XCTAssertEqual(get.expect.assertions[0].location, SourceLocation(file: "test.yaml", line: 20, column: 9))
    }

    func testTheCLIExamplePassesTheVariableCheckWhenTheEnvironmentHasTheAppId() throws {
        let scenario = try loadScenario(Self.cliExample)
        XCTAssertNoThrow(try scenario.checkVariables(defined: [], environment: { $0 == "FRESHCHAT_APP_ID" ? "a1" : nil }))
    }

    func testAScenarioWithoutANameIsNamedAfterItsFile() throws {
        let scenario = try loadScenario("steps:\n  - operation: listAgents\n", file: "scenarios/contract/browse-agents.yaml")
        XCTAssertEqual(scenario.name, "browse-agents")
        XCTAssertEqual(scenario.file, "scenarios/contract/browse-agents.yaml")
        XCTAssertEqual(scenario.tags, [])
    }

    func testStatusAcceptsCodesClassesAndLists() throws {
        let scenario = try loadScenario("""
            steps:
              - operation: listAgents
                expect: { status: [200, "201", 4xx] }
            """)
        let status = try XCTUnwrap(scenario.steps[0].expect.status)
        XCTAssertEqual(status.patterns, [.code(200), .code(201), .codeClass(4)])
        XCTAssertTrue(status.matches(404))
        XCTAssertTrue(status.matches(201))
        XCTAssertFalse(status.matches(500))
        XCTAssertEqual(status.description, "200, 201 or 4xx")
    }

    func testQueryListsRepeatTheParameterInOrder() throws {
        let scenario = try loadScenario("""
            steps:
              - operation: listConversations
                query: { status: [new, assigned], page: 2 }
            """)
        XCTAssertEqual(scenario.steps[0].query.map(\.name), ["status", "status", "page"])
        XCTAssertEqual(scenario.steps[0].query.map(\.template.source), ["new", "assigned", "2"])
    }

    func testYAMLOneOneWordsStayStrings() throws {
        // YAML 1.2 core schema: `no`, `on` and `0123` are text, not booleans or octal.
        let scenario = try loadScenario("""
            steps:
              - operation: createUser
                body: { answer: no, switch: on, zip: 0123, n: 12, ok: true, ratio: 0.5, nothing: null }
            """)
        guard case .literal(let body)? = scenario.steps[0].body else { return XCTFail("a body without templates is a literal") }
        XCTAssertEqual(body, ["answer": "no", "switch": "on", "zip": .integer(123), "n": 12, "ok": true, "ratio": 0.5, "nothing": nil])
    }

    func testScalarsResolveAsTheSpecsDo() throws {
        // One YAML reader for specs and scenarios: the whole YAML 1.2 core schema, quoting wins.
        let scenario = try loadScenario("""
            steps:
              - operation: createUser
                body: { hex: 0x1F, octal: 0o17, huge: 123456789012345678901234567890, quoted: '0x1F', tagged: !!str 12 }
            """)
        guard case .literal(let body)? = scenario.steps[0].body else { return XCTFail("a body without templates is a literal") }
        XCTAssertEqual(body, ["hex": 31, "octal": 15, "huge": 1.2345678901234568e29, "quoted": "0x1F", "tagged": "12"])
    }

    func testAnExplicitTagThatDoesNotFitIsAYAMLError() throws {
        XCTAssertThrowsError(try loadScenario("steps:\n  - operation: createUser\n    body: { n: !!int twelve }\n")) { error in
            XCTAssertEqual("\(error)", "test.yaml:3:16: invalid YAML: 'twelve' is not a valid tag:yaml.org,2002:int")
        }
    }

    func testAFolderLoadsItsYAMLFilesSortedByName() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("scenario-folder-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for (file, operation) in [("b.yml", "listGroups"), ("a.yaml", "listAgents"), ("c.txt", "listUsers"), ("c.yaml", "listChannels")] {
            try "steps:\n  - operation: \(operation)\n".write(to: folder.appendingPathComponent(file), atomically: true, encoding: .utf8)
        }
        let scenarios = try ScenarioLoader.load(path: folder.path, index: try FreshchatSpec.index())
        XCTAssertEqual(scenarios.map(\.name), ["a", "b", "c"])
        XCTAssertEqual(scenarios.map { $0.steps[0].operationId }, ["listAgents", "listGroups", "listChannels"])
        XCTAssertEqual(scenarios[0].file, folder.path + "/a.yaml")
    }

    func testAMissingFileIsReportedByPath() throws {
        XCTAssertThrowsError(try ScenarioLoader.load(path: "/nonexistent/x.yaml", index: try FreshchatSpec.index())) { error in
            XCTAssertEqual("\(error)", "/nonexistent/x.yaml: cannot read: no such file or folder")
        }
    }
}
