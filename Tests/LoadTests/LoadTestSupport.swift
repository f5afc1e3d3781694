// Test support for the load engine: the spec loaded once, a scratch folder holding profiles and
// the small scenarios they mix, the real mock started in-process on loopback, and a check that
// every result the engine produces writes a results file that matches docs/results.schema.json
// and reads back.
import Curl
import Foundation
import JSON
import JSONSchema
import MockServer
import OpenAPI
import Report
import Scenario
import XCTest

@testable import Load

/// The repository root, from this file (Tests/LoadTests/LoadTestSupport.swift).
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The spec's operations, validators and the results schema, built once per test process.
final class LoadTestSpec: Sendable {
    static let shared: LoadTestSpec = {
        do { return try LoadTestSpec() } catch { preconditionFailure("the embedded spec or the results schema does not load: \(error)") }
    }()

    let index: OperationIndex
    let validators: SpecValidators
    let resultsSchema: Schema

    private init() throws {
        index = try OperationIndex.embedded()
        validators = try SpecValidators(index: index, formats: .assert)
        let schemaPath = packageRoot.appendingPathComponent("docs/results.schema.json").path
        resultsSchema = try Schema(try JSON.parse(contentsOfFile: schemaPath), formats: .assert)
    }
}

/// Scenario files every engine test can mix, each a few steps of read-only traffic.
enum LoadScenarios {
    static let listAgents = """
        name: list agents
        steps:
          - operation: listAgents
        """
    static let listAgentsExpecting201 = """
        name: list agents expecting 201
        steps:
          - operation: listAgents
            expect: { status: 201 }
        """
    static let listAgentsExpecting200 = """
        name: list agents expecting 200
        steps:
          - operation: listAgents
            expect: { status: 200 }
        """
    static let browseChannels = """
        name: browse channels
        steps:
          - operation: listChannels
            capture: { channel_id: "$.channels[0].id" }
          - operation: getChannel
            path: { channel_id: "{{channel_id}}" }
        """
    static let browseGroups = """
        name: browse groups
        steps:
          - operation: listGroups
            capture: { group_id: "$.groups[0].id" }
          - operation: getGroup
            path: { group_id: "{{group_id}}" }
        """
}

/// A scratch folder with the scenarios of `LoadScenarios` and the profiles a test writes.
final class LoadWorkspace {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("fcharness-load-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try write("list-agents.yaml", LoadScenarios.listAgents)
        try write("list-agents-201.yaml", LoadScenarios.listAgentsExpecting201)
        try write("list-agents-200.yaml", LoadScenarios.listAgentsExpecting200)
        try write("browse-channels.yaml", LoadScenarios.browseChannels)
        try write("browse-groups.yaml", LoadScenarios.browseGroups)
    }

    func remove() {
        try? FileManager.default.removeItem(at: folder)
    }

    /// Writes `text` to `name` in the folder and returns its path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let url = folder.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    /// Writes the profile and loads it as `load` would.
    func profile(_ yaml: String, name: String = "profile.yaml") throws -> LoadProfile {
        try LoadProfileLoader.load(path: try write(name, yaml))
    }

    /// Writes, loads and plans a profile against `mock` (or a placeholder loopback target).
    func plan(
        _ yaml: String, _ overrides: LoadOverrides = LoadOverrides(threads: 2), name: String = "profile.yaml", mock: MockServer? = nil
    ) throws -> LoadPlan {
        let spec = LoadTestSpec.shared
        let target = LoadTarget(
            baseURL: mock?.baseURL ?? "http://127.0.0.1:9/v2", token: mock?.token ?? "unused", transfer: TransferOptions())
        return try LoadPlanner.plan(
            profile: try profile(yaml, name: name), overrides: overrides, index: spec.index, validators: spec.validators, target: target)
    }
}

/// Starts the mock in-process on a free loopback port with one event-loop thread, runs `body`,
/// and stops the mock whatever happens.
func withMock(
    seed: UInt64 = 3, _ configure: (inout MockConfiguration) throws -> Void = { _ in },
    _ body: (MockServer) async throws -> Void
) async throws {
    var configuration = MockConfiguration.embedded(seed: seed)
    configuration.threads = 1
    try configure(&configuration)
    let mock = try await MockServer.start(configuration)
    do {
        try await body(mock)
    } catch {
        await mock.shutdown()
        throw error
    }
    await mock.shutdown()
}

/// Runs `plan` to its end and checks that its results file validates and reads back.
func runLoad(_ plan: LoadPlan, file: StaticString = #filePath, line: UInt = #line) async throws -> LoadResult {
    let result = try await LoadRun(plan: plan, version: "test").run()
    try assertResultsFileRoundTrips(result, file: file, line: line)
    return result
}

/// Writes `result` with `ResultsFile`, validates the file against docs/results.schema.json
/// with the project's own validator, and reads it back with `ResultsFile.read(path:)`.
func assertResultsFileRoundTrips(_ result: LoadResult, file: StaticString = #filePath, line: UInt = #line) throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("results-\(UUID().uuidString).json").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    try ResultsFile.write(result, to: path)
    let document = try JSON.parse(contentsOfFile: path)
    XCTAssertEqual(LoadTestSpec.shared.resultsSchema.validate(document).map(\.description), [],
                   "the results file must match docs/results.schema.json", file: file, line: line)
    let read = try ResultsFile.read(path: path)
    XCTAssertEqual(read.overall.requests, result.overall.requests, "requests read back", file: file, line: line)
    XCTAssertEqual(read.overall.errors, result.overall.errors, "errors read back", file: file, line: line)
    XCTAssertEqual(read.iterations, result.iterations, "iterations read back", file: file, line: line)
    XCTAssertEqual(read.interrupted, result.interrupted, "interrupted read back", file: file, line: line)
    XCTAssertEqual(read.abortedBy, result.abortedBy, "aborted_by read back", file: file, line: line)
    XCTAssertEqual(read.thresholds, result.thresholds, "threshold verdicts read back", file: file, line: line)
    XCTAssertEqual(read.run.executor, result.run.executor, "executor read back", file: file, line: line)
    XCTAssertEqual(read.run.plannedIterations, result.run.plannedIterations, "planned iterations read back", file: file, line: line)
    XCTAssertEqual(Set(read.operations.keys), Set(result.operations.keys), "operations read back", file: file, line: line)
}

extension LoadResult {
    /// The verdict of the threshold written as `expression`.
    func verdict(_ expression: String) -> ThresholdVerdict? {
        thresholds.first { $0.expression == expression }
    }

    /// Iterations that ended one way or another.
    var endedIterations: Int {
        iterations.completed + iterations.failed + iterations.interrupted + iterations.throttledDropped
    }
}

/// The message of a planning error, or a failure when planning succeeds.
func planError(_ body: () throws -> LoadPlan, file: StaticString = #filePath, line: UInt = #line) -> String {
    do {
        _ = try body()
        XCTFail("expected the plan to be refused", file: file, line: line)
        return ""
    } catch {
        return "\(error)"
    }
}
