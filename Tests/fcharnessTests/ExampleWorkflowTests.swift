// examples/github-actions.yml is meant to be copied as it is: it must pass a workflow linter,
// and the files its commands name must exist in the repository.
import Foundation
import XCTest

final class ExampleWorkflowTests: XCTestCase {
    private let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    private func lint(_ file: String) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = root.appendingPathComponent("scripts/lint-workflow.sh")
        process.arguments = [file]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, output)
    }

    func testTheExampleWorkflowPassesTheLinter() throws {
        let (status, output) = try lint(root.appendingPathComponent("examples/github-actions.yml").path)
        XCTAssertEqual(status, 0, output)
    }

    func testTheLinterRejectsABrokenWorkflow() throws {
        // The same check must be able to fail: a job without `runs-on` whose steps are not a list.
        let broken = FileManager.default.temporaryDirectory.appendingPathComponent("broken-\(UUID().uuidString).yml")
        defer { try? FileManager.default.removeItem(at: broken) }
        try "name: broken\non: pull_request\njobs:\n  gate:\n    steps: 3\n".write(to: broken, atomically: true, encoding: .utf8)
        let (status, output) = try lint(broken.path)
        XCTAssertNotEqual(status, 0, output)
    }

    func testTheFilesTheWorkflowNamesExist() throws {
        let workflow = try String(contentsOf: root.appendingPathComponent("examples/github-actions.yml"), encoding: .utf8)
        for file in ["scenarios/load/pr-gate.yaml", "baselines/pr-gate.json"] {
            XCTAssertTrue(workflow.contains(file), "the workflow uses \(file)")
            XCTAssertTrue(FileManager.default.fileExists(atPath: root.appendingPathComponent(file).path), "\(file) is in the repository")
        }
    }
}
