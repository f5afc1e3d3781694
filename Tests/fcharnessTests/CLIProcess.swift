// Runs the real `fcharness` binary, as users and scripts do, and captures what it prints.
import Foundation
import NIOConcurrencyHelpers
import XCTest

/// The outcome of one run of the binary.
struct CLIRun {
    /// The exit status, or the signal number when `signalled`.
    var status: Int32
    var stdout: String
    var stderr: String
    /// Whether a signal ended the process (a crash: SIGILL on a trap, SIGSEGV, SIGABRT).
    var signalled = false
}

/// The package root, from this file's location (Tests/fcharnessTests/CLIProcess.swift).
let packageRoot: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The binary built beside the test bundle (`swift build --build-tests` builds both).
func fcharnessBinary() throws -> URL {
    let buildFolder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    for candidate in [buildFolder, buildFolder.deletingLastPathComponent()] {
        let binary = candidate.appendingPathComponent("fcharness")
        if FileManager.default.isExecutableFile(atPath: binary.path) { return binary }
    }
    let fallback = packageRoot.appendingPathComponent(".build/debug/fcharness")
    if FileManager.default.isExecutableFile(atPath: fallback.path) { return fallback }
    XCTFail("the fcharness binary is not built next to the tests (\(buildFolder.path)); run `swift build --build-tests` first")
    throw CocoaError(.fileNoSuchFile)
}

/// Runs `fcharness ARGS` in `directory` (default: the package root) with a bounded time.
func runCLI(_ arguments: [String], in directory: URL = packageRoot, environment: [String: String] = [:], timeout: TimeInterval = 120) throws -> CLIRun {
    let process = Process()
    process.executableURL = try fcharnessBinary()
    process.arguments = arguments
    process.currentDirectoryURL = directory
    var env = ProcessInfo.processInfo.environment
    env["NO_COLOR"] = "1"
    for (key, value) in environment { env[key] = value }
    process.environment = env
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    // Read both pipes while the process runs so a large output cannot block it.
    let outData = LockedData()
    let errData = LockedData()
    let group = DispatchGroup()
    for (pipe, sink) in [(out, outData), (err, errData)] {
        group.enter()
        DispatchQueue.global().async {
            sink.set(pipe.fileHandleForReading.readDataToEndOfFile())
            group.leave()
        }
    }
    if group.wait(timeout: .now() + timeout) == .timedOut {
        kill(process.processIdentifier, SIGKILL)  // SIGTERM may be blocked in children of the test process
        XCTFail("fcharness \(arguments.joined(separator: " ")) did not finish within \(Int(timeout)) s")
    }
    process.waitUntilExit()
    return CLIRun(
        status: process.terminationStatus,
        stdout: String(decoding: outData.get(), as: UTF8.self),
        stderr: String(decoding: errData.get(), as: UTF8.self),
        signalled: process.terminationReason == .uncaughtSignal)
}

/// What one pipe said: written once by its reader thread, read after the group is done.
private final class LockedData: Sendable {
    private let data = NIOLockedValueBox(Data())
    func set(_ value: Data) { data.withLockedValue { $0 = value } }
    func get() -> Data { data.withLockedValue { $0 } }
}
