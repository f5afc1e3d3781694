import Foundation
import XCTest

final class ValidateCommandTests: XCTestCase {
    private func shared(_ path: String) throws -> String {
        let url = packageRoot.deletingLastPathComponent().appendingPathComponent("shared").appendingPathComponent(path)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw XCTSkip("\(url.path) is absent (it sits beside the project in CI; a user's clone may not have it)")
        }
        return url.path
    }

    func testTheOfficialSuitePassesThroughTheCLI() throws {
        let run = try runCLI(["validate", "--suite", try shared("jsonschema-suite")])
        XCTAssertEqual(run.status, 0, run.stdout.suffix(2000) + run.stderr)
        XCTAssertTrue(run.stdout.hasSuffix(" passed, 0 failed\n"), String(run.stdout.suffix(500)))
    }

    func testAValidResponseAgainstItsOperation() throws {
        let run = try runCLI(["validate", try shared("bench/list-conversations.json"), "--operation", "listConversations"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.hasSuffix(": valid\n"))
    }

    func testABrokenResponseListsEveryFailureWithPointerAndKeyword() throws {
        let file = NSTemporaryDirectory() + "broken-\(UUID().uuidString).json"
        try #"{"conversations":[{"status":"closed","created_time":"yesterday"}]}"#.write(toFile: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let run = try runCLI(["validate", file, "--operation", "listConversations", "--status", "200"])
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stdout.contains(#"/conversations/0/status: "closed" is not one of new, assigned, resolved, reopened [enum"#), run.stdout)
        XCTAssertTrue(run.stdout.contains("/conversations/0/created_time:"), run.stdout)
        XCTAssertTrue(run.stdout.contains("[format"), run.stdout)
    }

    func testAnUndocumentedStatusIsAViolation() throws {
        let file = NSTemporaryDirectory() + "error-\(UUID().uuidString).json"
        try #"{"code":"x"}"#.write(toFile: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let run = try runCLI(["validate", file, "--operation", "getUser", "--status", "500"])
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stdout.contains("status 500 is not documented for getUser"), run.stdout)
    }

    func testMalformedJSONAndUnknownOperationsAreBadInput() throws {
        let file = NSTemporaryDirectory() + "malformed-\(UUID().uuidString).json"
        try "{\n  \"a\": [1,}\n".write(toFile: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let malformed = try runCLI(["validate", file, "--operation", "getUser"])
        XCTAssertEqual(malformed.status, 2)
        XCTAssertTrue(malformed.stderr.contains("\(file):2:"), malformed.stderr)
        let unknown = try runCLI(["validate", file, "--operation", "getUsr"])
        XCTAssertEqual(unknown.status, 2)
        XCTAssertTrue(unknown.stderr.contains("did you mean getUser"), unknown.stderr)
    }

    func testASchemaFile() throws {
        let run = try runCLI(["validate", try shared("bench/list-conversations.json"), "--schema", try shared("bench/list-conversations.schema.json")])
        XCTAssertEqual(run.status, 0, run.stderr)
    }
}
