import Foundation
import JSON
import XCTest

final class OperationsCommandTests: XCTestCase {
    func testListsEverySpecOperationWithMethodPathAndStatuses() throws {
        let run = try runCLI(["operations"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let lines = run.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 17, run.stdout)
        XCTAssertEqual(lines.last, "16 operations (spec: scenarios/freshchat.openapi.yaml)")
        let sendMessage = try XCTUnwrap(lines.first { $0.hasPrefix("sendMessage ") })
        XCTAssertEqual(sendMessage.split(separator: " ").map(String.init),
                       ["sendMessage", "POST", "/conversations/{conversation_id}/messages", "200", "400", "401", "404"])
    }

    func testJSONOutputNamesEveryOperation() throws {
        let run = try runCLI(["operations", "--json"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let operations = try XCTUnwrap(JSON.parse(run.stdout).arrayValue)
        XCTAssertEqual(operations.count, 16)
        let getUser = try XCTUnwrap(operations.first { $0["operationId"] == "getUser" })
        XCTAssertEqual(getUser["method"], "GET")
        XCTAssertEqual(getUser["path"], "/users/{user_id}")
        XCTAssertEqual(getUser["statuses"], ["200", "401", "404"])
        XCTAssertEqual(getUser["parameters"]?[0]?["in"], "path")
    }

    func testWorksOutsideTheProjectWithTheBuiltInSpec() throws {
        let run = try runCLI(["operations"], in: URL(fileURLWithPath: NSTemporaryDirectory()))
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.hasSuffix("16 operations (spec: built-in freshchat.openapi.yaml)\n"), run.stdout)
    }

    func testABrokenSpecIsBadInputWithItsPosition() throws {
        let path = NSTemporaryDirectory() + "broken-\(UInt32.random(in: 0 ... .max)).yaml"
        try "openapi: 3.1.0\npaths:\n  /a:\n    get: [unclosed\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let run = try runCLI(["operations", "--spec", path])
        XCTAssertEqual(run.status, 2)
        XCTAssertTrue(run.stderr.contains(path + ":"), run.stderr)
    }

    func testUnknownFlagsAreBadInput() throws {
        let run = try runCLI(["operations", "--no-such-flag"])
        XCTAssertEqual(run.status, 2)
        XCTAssertTrue(run.stderr.contains("--no-such-flag"), run.stderr)
    }

    func testVersionAndHelp() throws {
        let version = try runCLI(["--version"])
        XCTAssertEqual(version.status, 0)
        XCTAssertTrue(version.stdout.hasPrefix("fcharness "), version.stdout)
        let help = try runCLI(["--help"])
        XCTAssertEqual(help.status, 0)
        XCTAssertTrue(help.stdout.contains("operations"), help.stdout)
    }
}
