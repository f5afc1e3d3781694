// `fcharness spec` and `--overlay`, run as users run them: the printed spec reads back to the
// same document, overlays apply in the order given, every spec-reading command sees them, and
// a broken overlay is bad input naming the overlay's file:line:column.

import Foundation
import JSON
import XCTest

final class SpecCommandTests: XCTestCase {
    var scratch: ScratchFolder!

    override func setUpWithError() throws {
        scratch = try ScratchFolder(name: "fcharness-spec")
    }

    override func tearDownWithError() throws {
        scratch.remove()
    }

    /// Writes `text` to `name` in the scratch folder and returns its path.
    func file(_ name: String, _ text: String) throws -> String {
        try scratch.file(name, text)
    }

    /// An overlay whose one action sets `info.title`.
    func titleOverlay(_ title: String) -> String {
        "overlay: 1.0.0\ninfo:\n  title: sets the title\n  version: '1'\nactions:\n  - target: $.info\n    update:\n      title: \(title)\n"
    }

    func testPrintedYAMLReadsBackToTheSameDocument() throws {
        let yaml = try runCLI(["spec"])
        XCTAssertEqual(yaml.status, 0, yaml.stderr)
        XCTAssertTrue(yaml.stdout.hasPrefix("openapi: '3.1.0'\ninfo:\n  title: Freshworks Freshchat API\n"), yaml.stdout)
        let printed = try file("printed.yaml", yaml.stdout)

        let original = try runCLI(["spec", "--json"])
        let reread = try runCLI(["spec", "--json", "--spec", printed])
        XCTAssertEqual(reread.status, 0, reread.stderr)
        XCTAssertEqual(try JSON.parse(reread.stdout), try JSON.parse(original.stdout))
        XCTAssertEqual(reread.stdout, original.stdout, "member order survives too")
    }

    func testOverlaysApplyInTheOrderGiven() throws {
        let first = try file("first.yaml", titleOverlay("First"))
        let second = try file("second.yaml", titleOverlay("Second"))
        let forwards = try runCLI(["spec", "--json", "--overlay", first, "--overlay", second])
        XCTAssertEqual(forwards.status, 0, forwards.stderr)
        XCTAssertEqual(try JSON.parse(forwards.stdout)["info"]?["title"], "Second")
        let backwards = try runCLI(["spec", "--json", "--overlay", second, "--overlay", first])
        XCTAssertEqual(try JSON.parse(backwards.stdout)["info"]?["title"], "First")
    }

    func testOperationsSeesAnOperationAnOverlayAdds() throws {
        let overlay = try file("adds.yaml", """
            overlay: 1.0.0
            info: { title: Adds an operation, version: '1' }
            actions:
              - target: $.paths
                update:
                  /reports:
                    get:
                      operationId: listReports
                      responses:
                        '200': { description: OK }
            """)
        let run = try runCLI(["operations", "--overlay", overlay])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.contains("listReports"), run.stdout)
        XCTAssertTrue(run.stdout.hasSuffix("17 operations (spec: scenarios/freshchat.openapi.yaml)\n"), run.stdout)
    }

    func testAMalformedTargetIsBadInputAtItsCharacter() throws {
        let overlay = try file("malformed.yaml", "overlay: 1.0.0\ninfo: { title: T, version: '1' }\nactions:\n  - target: $.paths[?@.x = 1]\n    remove: true\n")
        let run = try runCLI(["spec", "--overlay", overlay])
        XCTAssertEqual(run.status, 2)
        XCTAssertEqual(run.stdout, "")
        XCTAssertTrue(run.stderr.contains("\(overlay):4:26: action 1: target \"$.paths[?@.x = 1]\" is not valid JSONPath"), run.stderr)
    }

    func testAnUnknownKeyIsBadInputWithTheNearestKey() throws {
        let overlay = try file("typo.yaml", "overlay: 1.0.0\ninfo: { title: T, version: '1' }\nactions:\n  - taget: $.info\n    update: { x: 1 }\n")
        let run = try runCLI(["operations", "--overlay", overlay])
        XCTAssertEqual(run.status, 2)
        XCTAssertTrue(run.stderr.contains("\(overlay):4:5: unknown key 'taget' in action 1 (did you mean 'target'?)"), run.stderr)
    }

    func testAMissingOverlayFileIsBadInput() throws {
        let missing = scratch.path("missing.yaml")
        let run = try runCLI(["contract", "--dry-run", "--overlay", missing])
        XCTAssertEqual(run.status, 2)
        XCTAssertTrue(run.stderr.contains("\(missing): cannot read the overlay: no such file"), run.stderr)
    }

    func testAnActionThatSelectsNothingIsAWarningOnly() throws {
        let overlay = try file("nothing.yaml", "overlay: 1.0.0\ninfo: { title: T, version: '1' }\nactions:\n  - target: $.paths['/x'].get\n    remove: true\n")
        let run = try runCLI(["spec", "--overlay", overlay])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(run.stderr, "warning: \(overlay):4:13: action 1 (target $.paths['/x'].get): selected nothing\n")
        XCTAssertFalse(run.stdout.isEmpty)
    }

    func testTheShippedOverlaySelectsSomethingEverywhereAndLoads() throws {
        let overlay = "scenarios/overlays/freshchat-observed.yaml"
        let spec = try runCLI(["spec", "--overlay", overlay])
        XCTAssertEqual(spec.status, 0, spec.stderr)
        XCTAssertEqual(spec.stderr, "", "every action selects something")
        XCTAssertTrue(spec.stdout.contains("X-RateLimit-Reset"), spec.stdout)

        let operations = try runCLI(["operations", "--overlay", overlay])
        XCTAssertEqual(operations.status, 0, operations.stderr)
        XCTAssertTrue(operations.stdout.contains("createUser"), operations.stdout)

        let dryRun = try runCLI(["contract", "--dry-run", "--overlay", overlay])
        XCTAssertEqual(dryRun.status, 0, dryRun.stderr)
    }
}
