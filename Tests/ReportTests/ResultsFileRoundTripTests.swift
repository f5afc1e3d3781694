// The results file as `load --out` writes it and `report`, `compare` and `merge` read it:
// what goes in comes back out, the document has the documented shape, and writing is atomic.
import Foundation
import Histogram
import JSON
import XCTest

@testable import Report

final class ResultsFileRoundTripTests: XCTestCase {
    func testAnOpenModelRunReadsBackFieldForField() throws {
        let written = try ResultsFileFixtures.openModelRun()
        let read = try ResultsFile.read(bytes: try ResultsFile.bytes(written), path: "results.json")
        ResultsFileFixtures.assertSameResult(read, written)
    }

    /// A file written by an older build, or edited by hand, may hold credentials in its
    /// target: reading it drops them, so no report, comparison or merge can show them.
    func testCredentialsInTheTargetOfAFileAreDroppedOnRead() throws {
        var written = try ResultsFileFixtures.openModelRun()
        written.run.target = "https://user:pw@acme.freshchat.com/v2?api_key=K&region=eu"
        let read = try ResultsFile.read(bytes: try ResultsFile.bytes(written), path: "results.json")
        XCTAssertEqual(read.run.target, "https://acme.freshchat.com/v2?region=eu")
    }

    func testAClosedModelRunWithoutOptionalMembersReadsBackFieldForField() throws {
        let written = try ResultsFileFixtures.closedModelRun()
        let bytes = try ResultsFile.bytes(written)
        let run = try JSON.parse(bytes)["run"]
        for absent in ["planned_rate", "planned_iterations", "vus", "max_vus", "shard"] {
            XCTAssertNil(run?[absent], "\(absent) is left out, not written as null")
        }
        XCTAssertEqual(try JSON.parse(bytes)["aborted_by"], .null)
        ResultsFileFixtures.assertSameResult(try ResultsFile.read(bytes: bytes, path: "results.json"), written)
    }

    /// Files written before unchecked patterns were counted have no such member, and still read.
    func testAFileWithoutUncheckedPatternsReadsAsNone() throws {
        let written = try ResultsFileFixtures.openModelRun()
        let document = try JSON.parse(try ResultsFile.bytes(written))
        let older = try XCTUnwrap(document.removing(at: JSONPointer(tokens: ["unchecked_patterns"])))
        let read = try ResultsFile.read(bytes: older.serializedBytes(), path: "older.json")
        XCTAssertEqual(read.uncheckedPatterns, [])
    }

    func testReadingThenWritingGivesTheSameFile() throws {
        // The derived figures (percentiles, rates) come from what the file holds, so a file
        // that `merge` or `report` reads and writes again does not drift.
        for written in [try ResultsFileFixtures.openModelRun(), try ResultsFileFixtures.closedModelRun()] {
            let bytes = try ResultsFile.bytes(written)
            let again = try ResultsFile.bytes(try ResultsFile.read(bytes: bytes, path: "results.json"))
            XCTAssertEqual(String(decoding: again, as: UTF8.self), String(decoding: bytes, as: UTF8.self))
        }
    }

    func testTheDocumentHasCLIShapeWithExactCountsAndFiniteNumbers() throws {
        let result = try ResultsFileFixtures.openModelRun()
        let bytes = try ResultsFile.bytes(result)
        let text = String(decoding: bytes, as: UTF8.self)
        XCTAssertTrue(text.hasPrefix("{\n  \"format\": \"fcharness-results/1\",\n  \"interrupted\": false,"), "pretty, CLI.md's order")
        XCTAssertTrue(text.hasSuffix("}\n"))
        let document = try JSON.parse(bytes)
        XCTAssertEqual(document.objectValue?.keys, [
            "format", "interrupted", "aborted_by", "run", "totals", "iterations", "lateness_ms", "lateness_histogram",
            "operations", "windows", "thresholds", "errors", "failed_checks", "violations", "validation", "rate_limits",
            "capacity", "unchecked_patterns",
        ])
        XCTAssertEqual(document["run"]?["started"], "2025-03-14T09:26:53.589Z")
        XCTAssertEqual(document["run"]?["duration_s"], 60.012345)
        XCTAssertEqual(document["run"]?["executor"], "constant-arrival-rate")
        XCTAssertEqual(document["run"]?["target"], "https://acme.freshchat.com/v2")
        XCTAssertEqual(document["run"]?["shards"], 2)

        let totals = document["totals"]
        guard case .integer(1_500)? = totals?["requests"] else { return XCTFail("requests is the integer 1500: \(String(describing: totals?["requests"]))") }
        XCTAssertEqual(totals?["errors"], 22)
        XCTAssertEqual(totals?["rps"], 24.995)  // 1500 / 60.012345 s, to 3 decimals
        XCTAssertEqual(totals?["error_rate"], 0.014667)
        XCTAssertEqual(document["operations"]?.objectValue?.keys, ["getConversation", "listAgents"], "sorted")

        let listAgents = document["operations"]?["listAgents"]
        XCTAssertEqual(listAgents?["status"]?.objectValue?.keys, ["200", "429", "503"])
        XCTAssertEqual(listAgents?["status"]?["503"], 8)
        XCTAssertEqual(listAgents?["error_classes"]?.objectValue?.keys, ["timeout", "5xx"], "ErrorClass order")
        XCTAssertEqual(listAgents?["timings_ms"]?["connect_mean"], 0.85)
        XCTAssertEqual(listAgents?["timings_ms"]?["tls_mean"], 4.21)
        XCTAssertEqual(listAgents?["timings_totals"]?["connect_us"], 13_600)
        // The stalls past 60 s were clamped to the histogram's top: the maximum says 60 s.
        XCTAssertEqual(listAgents?["latency_ms"]?["max"]?.doubleValue ?? 0, 60_000, accuracy: 60)
        let encoded = try XCTUnwrap(listAgents?["histogram"]?.stringValue)
        XCTAssertTrue(encoded.hasPrefix("HISTF"))
        XCTAssertEqual(try HistogramCodec.decode(encoded).totalCount, 900)
        XCTAssertEqual(try HistogramCodec.decode(XCTUnwrap(totals?["histogram"]?.stringValue)).totalCount, 1_500)

        // Every number is finite and every count exact (the parser would have turned `NaN` or
        // `1e400` into an error, and `null` only stands for a mean without samples).
        for (pointer, value) in ResultsFileFixtures.allMembers(of: document) {
            if case .double(let number) = value { XCTAssertTrue(number.isFinite, "\(pointer)") }
            if value.isNull { XCTAssertTrue(pointer.description == "/aborted_by" || pointer.description == "/capacity" || pointer.description.hasSuffix("_mean"), "\(pointer)") }
        }
    }

    func testMeansWithoutSamplesAreNull() throws {
        let document = try JSON.parse(try ResultsFile.bytes(try ResultsFileFixtures.closedModelRun()))
        let timings = document["operations"]?["getConversation"]?["timings_ms"]
        XCTAssertEqual(timings?["connect_mean"], .null)
        XCTAssertEqual(timings?["tls_mean"], .null)
        XCTAssertEqual(timings?["new_connections"], 0)
        XCTAssertEqual(timings?["first_byte_mean"], 18.333)
    }

    // MARK: Writing

    func testWriteReplacesAnExistingFileAndLeavesNothingElse() throws {
        let folder = try temporaryFolder()
        let path = folder.appendingPathComponent("results.json").path
        try Data("old results".utf8).write(to: URL(fileURLWithPath: path))

        let result = try ResultsFileFixtures.openModelRun()
        try ResultsFile.write(result, to: path)

        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), ["results.json"], "no temporary file left")
        XCTAssertEqual([UInt8](try Data(contentsOf: URL(fileURLWithPath: path))), try ResultsFile.bytes(result))
        ResultsFileFixtures.assertSameResult(try ResultsFile.read(path: path), result)
    }

    func testAReaderNeverSeesAHalfWrittenFile() throws {
        // Files of 640 and 330 KB written in turn while another thread reads: with a plain
        // write (tried), the reader catches files cut short; through a rename it never does.
        let folder = try temporaryFolder()
        let path = folder.appendingPathComponent("results.json").path
        var large = try ResultsFileFixtures.openModelRun()
        let window = large.windows[0]
        large.windows = (0 ..< 2_000).map { offset in
            var copy = window
            copy.second += Int64(offset)
            return copy
        }
        var small = large
        small.windows.removeLast(1_000)
        try ResultsFile.write(small, to: path)

        let reads = ReadLog()
        let reader = Thread {
            repeat {
                guard let bytes = FileManager.default.contents(atPath: path) else { continue }
                reads.record(complete: (try? JSON.parse([UInt8](bytes))) != nil)
            } while !reads.isFinished
            reads.readerStopped()
        }
        reader.start()
        for round in 0 ..< 8 { try ResultsFile.write(round.isMultiple(of: 2) ? large : small, to: path) }
        reads.finish()
        reads.waitForReader()

        XCTAssertGreaterThan(reads.counts.complete, 0, "the reader read")
        XCTAssertEqual(reads.counts.partial, 0, "a read saw a half-written file")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), ["results.json"])
    }

    func testWriteIntoAMissingFolderSaysWhichFile() throws {
        let path = try temporaryFolder().appendingPathComponent("no-such-folder/results.json").path
        XCTAssertThrowsError(try ResultsFile.write(try ResultsFileFixtures.openModelRun(), to: path)) { error in
            XCTAssertEqual((error as? ReportWriteError)?.path, path)
        }
    }

    private func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("results-file-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
        return folder
    }
}

/// What the reading thread saw, shared with the test under a lock.
private final class ReadLog: @unchecked Sendable {
    private let lock = NSCondition()
    private var complete = 0
    private var partial = 0
    private var finished = false
    private var stopped = false

    var isFinished: Bool { lock.withLock { finished } }
    var counts: (complete: Int, partial: Int) { lock.withLock { (complete, partial) } }

    func record(complete isComplete: Bool) {
        lock.withLock { if isComplete { complete += 1 } else { partial += 1 } }
    }

    func finish() { lock.withLock { finished = true } }

    func readerStopped() {
        lock.withLock {
            stopped = true
            lock.broadcast()
        }
    }

    func waitForReader() {
        lock.lock()
        while !stopped { lock.wait() }
        lock.unlock()
    }
}
