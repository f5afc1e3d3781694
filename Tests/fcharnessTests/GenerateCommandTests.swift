// `fcharness generate` end to end: the files it writes run unchanged against the embedded mock
// (and, for a second API, against a tiny server of the tests), reach every documented response,
// fail exactly where the mock drifts, name the spec's gaps, repeat byte for byte, feed a load
// mix, and lead `contract --shrink` to the smallest body a server wrongly refuses.
import Foundation
import JSON
import XCTest

final class GenerateCommandTests: XCTestCase {
    private var scratch: URL!

    override func setUpWithError() throws {
        scratch = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("fcharness-generate-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: scratch)
    }

    /// Runs `generate ARGS --out <scratch>/NAME`; the folder.
    private func generate(_ name: String, _ arguments: [String] = [], file: StaticString = #filePath, line: UInt = #line) throws -> (folder: String, run: CLIRun) {
        let folder = scratch.appendingPathComponent(name).path
        let run = try runCLI(["generate", "--out", folder] + arguments)
        XCTAssertEqual(run.status, 0, run.stdout + run.stderr, file: file, line: line)
        return (folder, run)
    }

    private func files(in folder: String) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder) {
            files[name] = try Data(contentsOf: URL(fileURLWithPath: folder).appendingPathComponent(name))
        }
        return files
    }

    private func lastLine(_ text: String) -> String {
        text.split(separator: "\n").last.map(String.init) ?? ""
    }

    // MARK: Against the mock

    func testGeneratedScenariosPassUneditedAndReachEveryDocumentedResponse() throws {
        let (folder, generated) = try generate("negative", ["--negative", "--examples", "3"])
        XCTAssertTrue(generated.stdout.contains("wrote 12 scenarios"), generated.stdout)

        let json = scratch.appendingPathComponent("run.json").path
        let run = try runCLI(["contract", folder, "--coverage", "--min-coverage", "100", "--json", json])
        XCTAssertEqual(run.status, 0, run.stdout + run.stderr)
        XCTAssertTrue(run.stdout.contains("coverage: 46 of 46 documented responses (100%), 16 of 16 operations"), run.stdout)
        let report = try JSON.parse(contentsOfFile: json)
        XCTAssertEqual(report["summary"]?["violations"], 0)
    }

    func testWithoutNegativeCasesEveryOperationSucceedsOnce() throws {
        let (folder, generated) = try generate("lifecycles")
        XCTAssertEqual(try files(in: folder).keys.sorted(), [
            "agents-lifecycle.yaml", "channels-lifecycle.yaml", "conversations-lifecycle.yaml",
            "groups-lifecycle.yaml", "messages-lifecycle.yaml", "users-lifecycle.yaml",
        ], generated.stdout)
        let run = try runCLI(["contract", folder, "--coverage"])
        XCTAssertEqual(run.status, 0, run.stdout + run.stderr)
        XCTAssertTrue(run.stdout.contains("16 of 16 operations"), run.stdout)
    }

    func testAgainstTheDriftingMockTheyFailExactlyAtTheDriftedOperations() throws {
        let (folder, _) = try generate("drift", ["--negative"])
        let json = scratch.appendingPathComponent("drift.json").path
        let run = try runCLI(["contract", folder, "--mock-drift", "--json", json])
        XCTAssertEqual(run.status, 1, run.stdout + run.stderr)
        let report = try JSON.parse(contentsOfFile: json)
        var failed: Set<String> = []
        for scenario in report["scenarios"]?.arrayValue ?? [] {
            for step in scenario["steps"]?.arrayValue ?? [] where step["outcome"]?.stringValue == "failed" {
                failed.insert(step["operation"]?.stringValue ?? "?")
            }
        }
        // MockDrift.catalog: the five operations whose responses break the spec on purpose.
        XCTAssertEqual(failed, ["getAgent", "getUser", "listChannels", "getChannel", "getGroup"])
    }

    func testSpecGapsAreWarnedAboutAndListedInTheFile() throws {
        let (folder, generated) = try generate("gaps", ["--negative"])
        // The list operations cap items_per_page at 50 but document no 400.
        XCTAssertTrue(generated.stderr.contains(
            "warning: spec gap: listAgents: query items_per_page above maximum 50 — the spec documents no 400 or 422 (nor 4XX) for it"),
            generated.stderr)
        XCTAssertTrue(generated.stdout.contains("; 20 spec gaps"), generated.stdout)
        let agents = try String(contentsOfFile: folder + "/agents-negative.yaml", encoding: .utf8)
        XCTAssertTrue(agents.contains("#   listAgents: query items_per_page above maximum 50 (wanted 400 or 422)"), agents)
    }

    func testTheSameSeedWritesTheSameBytes() throws {
        let first = try files(in: try generate("first", ["--negative", "--examples", "4", "--seed", "7"]).folder)
        let second = try files(in: try generate("second", ["--negative", "--examples", "4", "--seed", "7"]).folder)
        XCTAssertEqual(first, second)
        let other = try files(in: try generate("other", ["--negative", "--examples", "4", "--seed", "8"]).folder)
        XCTAssertNotEqual(first["users-lifecycle.yaml"], other["users-lifecycle.yaml"], "another seed gives other values")
    }

    func testExplainPrintsTheGraphWithReasonsAndWritesNothing() throws {
        let folder = scratch.appendingPathComponent("explained").path
        let run = try runCLI(["generate", "--explain", "--out", folder])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.contains("createUser 200 $.id → getUser path user_id"), run.stdout)
        XCTAssertTrue(run.stdout.contains("resource-id, high:"), run.stdout)
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder))
    }

    func testAGeneratedLifecycleRunsInALoadMixUnchanged() throws {
        let (folder, _) = try generate("load")
        let profile = scratch.appendingPathComponent("generated-mix.yaml").path
        try """
            executor: constant-arrival-rate
            rate: 20/s
            duration: 1s
            vus: 5
            max_vus: 20
            graceful_stop: 5s
            mix:
              - { scenario: \(folder)/users-lifecycle.yaml, weight: 2 }
              - { scenario: \(folder)/conversations-lifecycle.yaml, weight: 1 }
            thresholds: ["error_rate < 1%", "checks > 99%"]
            """.write(toFile: profile, atomically: true, encoding: .utf8)
        let run = try runCLI(["load", profile, "--out", scratch.appendingPathComponent("load.json").path])
        XCTAssertEqual(run.status, 0, run.stdout + run.stderr)
    }

    func testBadFlagsAreRefusedWithExitTwo() throws {
        let run = try runCLI(["generate", "--examples", "0", "--out", scratch.appendingPathComponent("x").path])
        XCTAssertEqual(run.status, 2)
        XCTAssertTrue(run.stderr.contains("--examples must be between 1 and 100"), run.stderr)
        let blocked = scratch.appendingPathComponent("a-file")
        try "not a folder".write(to: blocked, atomically: true, encoding: .utf8)
        let unwritable = try runCLI(["generate", "--out", blocked.path])
        XCTAssertEqual(unwritable.status, 2)
        XCTAssertTrue(unwritable.stderr.contains("cannot create \(blocked.path)"), unwritable.stderr)
    }

    // MARK: A second API

    func testTheLibraryAPIGetsWorkingLifecyclesAndNegativeCases() throws {
        let token = "library-\(UUID().uuidString)"
        let server = try XCTUnwrap(LibraryServer(token: token))
        defer { server.stop() }
        let spec = try LibraryAPI.writeSpec(to: scratch.appendingPathComponent("spec")).path
        let (folder, generated) = try generate("library", ["--spec", spec, "--negative", "--examples", "3"])
        XCTAssertTrue(generated.stderr.contains("spec gap: listAuthors: query limit above maximum 100"), generated.stderr)
        let lifecycle = try String(contentsOfFile: folder + "/reviews-lifecycle.yaml", encoding: .utf8)
        // Parent before child: the author, then the book, then the review under it.
        let order = ["operation: createAuthor", "operation: createBook", "operation: createReview", "operation: getReview"]
        let positions = order.compactMap { lifecycle.range(of: $0)?.lowerBound }
        XCTAssertEqual(positions.count, order.count, lifecycle)
        XCTAssertEqual(positions, positions.sorted(), lifecycle)

        let run = try runCLI(["contract", folder, "--spec", spec, "--base-url", server.baseURL, "--token", token,
                              "--coverage", "--min-coverage", "100"])
        XCTAssertEqual(run.status, 0, run.stdout + run.stderr)
        XCTAssertTrue(run.stdout.contains("11 of 11 operations"), run.stdout)
    }

    func testShrinkFindsTheSmallestValidBodyAServerRefuses() throws {
        let token = "library-\(UUID().uuidString)"
        let server = try XCTUnwrap(LibraryServer(token: token, rejectsSubtitle: true))
        defer { server.stop() }
        let spec = try LibraryAPI.writeSpec(to: scratch.appendingPathComponent("spec")).path
        // Example 2 has every optional member, the subtitle the server wrongly refuses among them.
        let (folder, _) = try generate("shrink", ["--spec", spec, "--examples", "2"])
        let json = scratch.appendingPathComponent("shrink.json").path
        let run = try runCLI(["contract", folder + "/books-lifecycle.yaml", "--spec", spec, "--base-url", server.baseURL,
                              "--token", token, "--shrink", "--json", json])
        XCTAssertEqual(run.status, 1, run.stdout + run.stderr)
        let report = try JSON.parse(contentsOfFile: json)
        let notes = (report["scenarios"]?[0]?["steps"]?.arrayValue ?? []).flatMap { $0["notes"]?.arrayValue ?? [] }.compactMap(\.stringValue)
        let note = try XCTUnwrap(notes.first { $0.contains("smallest valid body") }, "\(notes)")
        // Required members and the subtitle, each as short as the schema allows.
        let body = try JSON.parse(Array(String(note[note.range(of: ": {")!.lowerBound...].dropFirst(2)).utf8))
        XCTAssertEqual(body.objectValue?.keys.sorted(), ["author_id", "subtitle", "title"], note)
        XCTAssertEqual(body["subtitle"], .string(""), note)
    }
}
