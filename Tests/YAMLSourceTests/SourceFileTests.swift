// Source files are read whole, from a file or a pipe, and a failure says why.
import Foundation
import XCTest

@testable import YAMLSource

final class SourceFileTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("fcharness-source-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    func testAFileIsReadWhole() throws {
        let path = folder.appendingPathComponent("profile.yaml").path
        let text = String(repeating: "name: ü\n", count: 20_000)  // longer than one read
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        XCTAssertEqual(try SourceFile.readText(atPath: path), text)
    }

    /// `fcharness load <(make-profile)`: the shell passes a pipe's /dev/fd path.
    func testAPipeIsReadToItsEnd() throws {
        let fifo = folder.appendingPathComponent("profile.fifo").path
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        let writer = Thread {
            guard let handle = FileHandle(forWritingAtPath: fifo) else { return }
            handle.write(Data("executor: constant-vus\n".utf8))
            try? handle.close()
        }
        writer.start()
        XCTAssertEqual(try SourceFile.readText(atPath: fifo), "executor: constant-vus\n")
    }

    func testEachFailureSaysWhy() throws {
        XCTAssertThrowsError(try SourceFile.readText(atPath: folder.appendingPathComponent("missing.yaml").path)) {
            XCTAssertEqual($0 as? SourceFileError, SourceFileError(reason: "no such file"))
        }
        XCTAssertThrowsError(try SourceFile.readText(atPath: folder.path)) {
            XCTAssertEqual($0 as? SourceFileError, SourceFileError(reason: "it is a folder; expected a file"))
        }
        let latin1 = folder.appendingPathComponent("latin1.yaml").path
        try Data([0x6E, 0x61, 0x6D, 0x65, 0x3A, 0x20, 0xE9, 0x0A]).write(to: URL(fileURLWithPath: latin1))
        XCTAssertThrowsError(try SourceFile.readText(atPath: latin1)) {
            XCTAssertEqual($0 as? SourceFileError, SourceFileError(reason: "not UTF-8 text"))
        }
    }
}
