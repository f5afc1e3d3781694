// An `fcharness` process started for a test to signal (Ctrl-C, SIGTERM) and then to wait for,
// boundedly; shared by the interrupt tests and the rate-limit tests.
import Foundation
import XCTest

/// An `fcharness` process for the test to signal; its output goes to files, so that an
/// unread pipe can never block it.
struct SignalledRun {
    let process = Process()
    private let stderrPath: String

    init(_ arguments: [String], output folder: URL) throws {
        let name = UUID().uuidString
        let stdoutPath = folder.appendingPathComponent("\(name).out").path
        stderrPath = folder.appendingPathComponent("\(name).err").path
        _ = FileManager.default.createFile(atPath: stdoutPath, contents: nil)
        _ = FileManager.default.createFile(atPath: stderrPath, contents: nil)
        process.executableURL = try fcharnessBinary()
        process.arguments = arguments
        process.currentDirectoryURL = packageRoot
        process.standardOutput = FileHandle(forWritingAtPath: stdoutPath)
        process.standardError = FileHandle(forWritingAtPath: stderrPath)
        try process.run()
    }

    func signal(_ number: Int32) {
        kill(process.processIdentifier, number)
    }

    /// Waits up to 10 s for the process to end (killing it after that) and returns its status.
    func exitStatus(file: StaticString = #filePath, line: UInt = #line) async throws -> Int32 {
        for _ in 0..<400 where process.isRunning { try await Task.sleep(for: .milliseconds(25)) }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            XCTFail("fcharness did not exit within 10 s of the signal", file: file, line: line)
        }
        process.waitUntilExit()
        return process.terminationStatus
    }

    var terminationReason: Process.TerminationReason { process.terminationReason }

    /// What the process wrote to standard error, for failure messages.
    var stderr: String { (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "" }
}
