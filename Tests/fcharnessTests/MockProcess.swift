// `fcharness mock` run as its own process, as a user runs it beside a load run: started on a
// free port, read until it says where it listens, stopped with SIGTERM. Every wait is bounded,
// so a mock that never starts or never stops fails its test instead of hanging the suite.
import Foundation
import XCTest

final class MockProcess {
    /// What it printed on standard output until it said its app id (then whatever followed, after `stop`).
    private(set) var said = ""
    /// `http://127.0.0.1:PORT/v2`
    let baseURL: String
    private let process = Process()
    private let output = Pipe()
    private let errorPath: String

    /// Starts `fcharness mock --port 0 --threads 1 ARGUMENTS` and waits up to `timeout` for
    /// the line that ends its greeting.
    init(_ arguments: [String] = [], environment: [String: String] = [:], timeout: TimeInterval = 30,
         file: StaticString = #filePath, line: UInt = #line) throws {
        errorPath = NSTemporaryDirectory() + "fcharness-mock-\(UUID().uuidString).err"
        _ = FileManager.default.createFile(atPath: errorPath, contents: nil)
        process.executableURL = try fcharnessBinary()
        process.arguments = ["mock", "--port", "0", "--threads", "1"] + arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardOutput = output
        process.standardError = FileHandle(forWritingAtPath: errorPath)
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while !said.contains("app id"), let chunk = Self.read(output, until: deadline) {
            said += chunk
        }
        guard let listening = said.firstMatch(of: /listening on (http:\/\/127\.0\.0\.1:[0-9]+)/), said.contains("app id") else {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            XCTFail("the mock did not say where it listens within \(Int(timeout)) s; it said: \(said)", file: file, line: line)
            throw CocoaError(.fileReadUnknown)
        }
        baseURL = String(listening.1) + "/v2"
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        try? FileManager.default.removeItem(atPath: errorPath)
    }

    /// Sends `signal` (SIGTERM by default), waits up to `timeout` for it to exit, killing it
    /// after that, and returns everything it printed.
    @discardableResult
    func stop(with signal: Int32 = SIGTERM, timeout: TimeInterval = 10, file: StaticString = #filePath, line: UInt = #line) -> CLIRun {
        if process.isRunning {
            kill(process.processIdentifier, signal)
            let deadline = Date().addingTimeInterval(timeout)
            while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                XCTFail("the mock did not stop within \(Int(timeout)) s of signal \(signal)", file: file, line: line)
            }
        }
        process.waitUntilExit()
        while let chunk = Self.read(output, until: Date()) { said += chunk }
        let errors = (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? ""
        return CLIRun(status: process.terminationStatus, stdout: said, stderr: errors,
                      signalled: process.terminationReason == .uncaughtSignal)
    }

    /// The next chunk of `pipe`, or nil at its end or once `deadline` has passed with nothing to read.
    private static func read(_ pipe: Pipe, until deadline: Date) -> String? {
        let descriptor = pipe.fileHandleForReading.fileDescriptor
        var ready = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        let milliseconds = Int32(max(0, min(deadline.timeIntervalSinceNow, 60)) * 1000)
        guard poll(&ready, 1, milliseconds) == 1 else { return nil }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = Glibc.read(descriptor, &buffer, buffer.count)
        guard count > 0 else { return nil }
        return String(decoding: buffer[..<count], as: UTF8.self)
    }
}
