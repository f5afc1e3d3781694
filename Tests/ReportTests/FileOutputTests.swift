// Every file fcharness writes goes through `writeAtomically`: whoever reads the path (a CI
// upload, `compare`, a person) finds the old file or the new one, never part of one, and no
// temporary file is left behind.
import Foundation
import Report
import NIOConcurrencyHelpers
import XCTest

final class FileOutputTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("fcharness-output-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    func testAWriteReplacesTheWholeFileAndLeavesNothingElseBehind() throws {
        let path = folder.appendingPathComponent("results.json").path
        try writeAtomically(Array(repeating: UInt8(ascii: "a"), count: 100_000), to: path)
        try writeAtomically(Array("{}\n".utf8), to: path)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path)), Data("{}\n".utf8), "no tail of the longer old file")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), ["results.json"])
    }

    /// A reader racing a writer that keeps replacing the file sees one whole version each time.
    func testAReaderSeesTheOldFileOrTheNewNeverPartOfOne() throws {
        let path = folder.appendingPathComponent("report.html").path
        let versions = [Data(repeating: UInt8(ascii: "a"), count: 1 << 20), Data(repeating: UInt8(ascii: "b"), count: 3 << 19)]
        try writeAtomically(Array(versions[0]), to: path)
        let writing = NIOLockedValueBox(true)
        let writer = Thread {
            for round in 1...60 { try? writeAtomically(Array(versions[round % 2]), to: path) }
            writing.withLockedValue { $0 = false }
        }
        writer.start()
        var reads = 0
        var mixed = 0
        while writing.withLockedValue({ $0 }) || reads < 20 {
            let seen = try Data(contentsOf: URL(fileURLWithPath: path))
            reads += 1
            if !versions.contains(seen) { mixed += 1 }
        }
        XCTAssertEqual(mixed, 0, "\(mixed) of \(reads) reads found a partial or mixed file")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), ["report.html"])
    }

    func testAWriteThatFailsLeavesNoTemporaryFile() throws {
        // A directory where the file should go: the final rename fails.
        let path = folder.appendingPathComponent("out.json").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        XCTAssertThrowsError(try writeAtomically(Array("{}".utf8), to: path)) { error in
            XCTAssertEqual((error as? ReportWriteError)?.path, path)
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), ["out.json"])
    }

    func testASymbolicLinkIsFollowedAndKept() throws {
        let target = folder.appendingPathComponent("run-42.json").path
        let link = folder.appendingPathComponent("latest.json").path
        try writeAtomically(Array("old\n".utf8), to: target)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "run-42.json")
        try writeAtomically(Array("{}\n".utf8), to: link)
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: link), "run-42.json", "the link stays a link")
        XCTAssertEqual(try String(contentsOfFile: target, encoding: .utf8), "{}\n", "the file it names has the new bytes")
    }

    /// `--out /dev/stdout` or a named pipe: renaming over it would put a plain file where
    /// the pipe was, and the reader would get nothing.
    func testAFIFOIsWrittenIntoNotReplaced() throws {
        let fifo = folder.appendingPathComponent("results.fifo").path
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        let received = NIOLockedValueBox(Data())
        let reader = Thread {
            guard let handle = FileHandle(forReadingAtPath: fifo) else { return }
            let data = handle.readDataToEndOfFile()
            received.withLockedValue { $0 = data }
        }
        reader.start()
        try checkWritable(fifo)
        try writeAtomically(Array("{\"format\": 1}\n".utf8), to: fifo)
        for _ in 0..<400 where received.withLockedValue({ $0.isEmpty }) { usleep(25_000) }
        XCTAssertEqual(received.withLockedValue { $0 }, Data("{\"format\": 1}\n".utf8))
        var info = stat()
        XCTAssertEqual(stat(fifo, &info), 0)
        XCTAssertEqual(info.st_mode & S_IFMT, S_IFIFO, "still a FIFO")
    }
}
