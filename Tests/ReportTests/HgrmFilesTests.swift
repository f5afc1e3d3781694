// The `.hgrm` files against the reference: Python's hdrh prints the same histogram (decoded from
// our encoding) and every line must agree; the layout is checked column by column as Java's
// `outputPercentileDistribution` defines it; and file names stay inside the output folder.
import Foundation
import Histogram
import XCTest

@testable import Report

final class HgrmFilesTests: XCTestCase {
    // MARK: Against Python's hdrh

    /// Python's `output_percentile_distribution(out, 1000, 5)` for each encoded histogram.
    ///
    /// hdrh 0.10 departs from Java (and from hdrhistogram-swift, a port of Java) in three places,
    /// each undone here so that what remains is compared exactly:
    /// - its percentile ticks do not truncate log2 to a whole number as Java does, so after the
    ///   first half-distance its steps differ; the iterator's step is replaced with Java's formula;
    /// - its footer prints the standard deviation unscaled and the total count as a float
    ///   (`TotalCount = 1029.000`, Java: `Total count = 1029`): the footer's numbers are
    ///   returned separately and compared as numbers.
    private static let pythonPrinter = """
        import io, json, math, sys
        from hdrh.histogram import HdrHistogram
        from hdrh.iterators import PercentileIterator

        def java_ticks(self):
            self.percentile_to_iterate_from = self.percentile_to_iterate_to
            if self.percentile_to_iterate_to == 100.0:
                return
            ticks = self.percentile_ticks_per_half_distance * int(math.pow(2, int(math.log2(100.0 / (100.0 - self.percentile_to_iterate_to))) + 1))
            self.percentile_to_iterate_to += 100.0 / ticks
        PercentileIterator.increment_iteration_level = java_ticks

        out = []
        for text in json.load(sys.stdin):
            h = HdrHistogram.decode(text)
            buffer = io.BytesIO()
            h.output_percentile_distribution(buffer, 1000, 5)
            out.append({
                "text": buffer.getvalue().decode(),
                "mean": h.get_mean_value() / 1000, "stddev": h.get_stddev() / 1000,
                "max": h.get_max_value() / 1000, "total": h.get_total_count(),
                "buckets": h.bucket_count, "subBuckets": h.sub_bucket_count,
            })
        json.dump(out, sys.stdout)
        """

    /// What Python printed for one histogram, and the footer's numbers.
    private struct PythonDistribution: Decodable {
        var text: String
        var mean: Double
        var stddev: Double
        var max: Double
        var total: UInt64
        var buckets: Int
        var subBuckets: Int
    }

    private func printWithPython(_ histograms: [Histogram<UInt64>]) throws -> [PythonDistribution] {
        try runPythonHdrh(Self.pythonPrinter, on: histograms.map { try HistogramCodec.encode($0) }, as: [PythonDistribution].self)
    }

    /// Histograms shaped like load runs: typical latencies, a wide span with a 60 s stall, a
    /// single value, and counts past 2^32 (a merged run of billions of requests).
    private func sampleHistograms() -> [Histogram<UInt64>] {
        var span = LatencyHistogram.make()
        for (n, value) in [1, 2, 4, 999, 2048, 2049, 123_456, 1_000_000, 59_999_999, 60_000_000].enumerated() {
            span.record(UInt64(value), count: UInt64(n == 0 ? 450 : 50))
        }
        var single = LatencyHistogram.make()
        single.record(1_234)
        var large = LatencyHistogram.make()
        large.record(1_500, count: 5_000_000_000)
        large.record(20_000, count: 3_000_000_000)
        large.record(45_000_000, count: 2_000_000_000)
        return [typicalLatencies(count: 20_000), span, single, large]
    }

    func testEveryDistributionLineMatchesPythonsHdrh() throws {
        let histograms = sampleHistograms()
        let references = try printWithPython(histograms)
        XCTAssertEqual(references.count, histograms.count)
        for (n, (histogram, reference)) in zip(histograms, references).enumerated() {
            let ours = lines(HgrmFiles.text(histogram))
            let theirs = lines(reference.text)
            // Header, blank line and every percentile line: identical text.
            let ourRows = Array(ours.prefix { !$0.hasPrefix("#[") })
            let theirRows = Array(theirs.prefix { !$0.hasPrefix("#[") })
            XCTAssertEqual(ourRows.count, theirRows.count, "histogram \(n): rows")
            for (row, (our, their)) in zip(ourRows, theirRows).enumerated() {
                XCTAssertEqual(our, their, "histogram \(n), line \(row + 1)")
            }
            // The footer: Java's wording, Python's numbers.
            let footer = Array(ours.suffix(3))
            XCTAssertEqual(footer[0], "#[Mean    = \(f12_3(reference.mean)), StdDeviation   = \(f12_3(reference.stddev))]", "histogram \(n)")
            XCTAssertEqual(footer[1], "#[Max     = \(f12_3(reference.max)), Total count    = \(d12(reference.total))]", "histogram \(n)")
            XCTAssertEqual(footer[2], "#[Buckets = \(d12(UInt64(reference.buckets))), SubBuckets     = \(d12(UInt64(reference.subBuckets)))]", "histogram \(n)")
            XCTAssertEqual(theirs.last, footer[2], "histogram \(n): the buckets line is the same in both")
        }
    }

    // MARK: The reference layout

    func testTheLayoutIsJavasColumnForColumn() throws {
        let text = HgrmFiles.text(typicalLatencies(count: 5_000))
        let all = lines(text)
        XCTAssertEqual(all[0], "       Value     Percentile TotalCount 1/(1-Percentile)")
        XCTAssertEqual(all[1], "")
        let rows = all.dropFirst(2).prefix { !$0.hasPrefix("#[") }
        XCTAssertGreaterThan(rows.count, 40, "5 ticks per half-distance give dozens of rows")

        // `%12.3f %2.12f %10d %14.2f`: value in ms, percentile as a fraction, count, 1/(1-p).
        let row = /^ *\d+\.\d{3} \d\.\d{12} +\d+ +\d+\.\d{2}$/
        let lastRow = /^ *\d+\.\d{3} 1\.000000000000 +\d+$/
        for line in rows.dropLast() {
            XCTAssertNotNil(line.wholeMatch(of: row), "row: \(line)")
            XCTAssertEqual(line.count, 12 + 1 + 14 + 1 + 10 + 1 + 14, "row width: \(line)")
            XCTAssertEqual(line.firstRange(of: ".")?.lowerBound.utf16Offset(in: line), 12 - 4, "values line up: \(line)")
        }
        let last = try XCTUnwrap(rows.last)
        XCTAssertNotNil(last.wholeMatch(of: lastRow), "the 100% line has no 1/(1-Percentile): \(last)")
        XCTAssertEqual(last.count, 12 + 1 + 14 + 1 + 10)
        XCTAssertTrue(last.hasSuffix("      5000"), "the 100% line counts every value: \(last)")

        // The first row is the lowest value, at 0 %, with its count; the values only grow.
        XCTAssertTrue(try XCTUnwrap(rows.first).contains(" 0.000000000000 "))
        let values = rows.compactMap { Double($0.split(separator: " ")[0]) }
        XCTAssertEqual(values, values.sorted())

        let footer = Array(all.suffix(3))
        XCTAssertNotNil(footer[0].wholeMatch(of: /#\[Mean    = {1,11}\d+\.\d{3}, StdDeviation   = {1,11}\d+\.\d{3}\]/), footer[0])
        XCTAssertNotNil(footer[1].wholeMatch(of: /#\[Max     = {1,11}\d+\.\d{3}, Total count    = {9}5000\]/), footer[1])
        XCTAssertEqual(footer[2], "#[Buckets =           16, SubBuckets     =         2048]")
        XCTAssertTrue(text.hasSuffix("]\n"))
    }

    func testValuesArePrintedInMillisecondsFromMicroseconds() throws {
        var histogram = LatencyHistogram.make()
        histogram.record(12_500)  // 12.5 ms
        let all = lines(HgrmFiles.text(histogram))
        XCTAssertEqual(all[2], "      12.503 0.000000000000          1           1.00")
        XCTAssertEqual(all[3], "      12.503 1.000000000000          1")
        XCTAssertEqual(all[5], "#[Max     =       12.503, Total count    =            1]")
    }

    func testAnEmptyHistogramHasTheHeaderAndAFooterOfZeros() {
        let all = lines(HgrmFiles.text(LatencyHistogram.make()))
        XCTAssertEqual(all[0], "       Value     Percentile TotalCount 1/(1-Percentile)")
        XCTAssertEqual(all[1], "")
        XCTAssertEqual(all[2], "#[Mean    =        0.000, StdDeviation   =        0.000]")
        XCTAssertEqual(all[3], "#[Max     =        0.000, Total count    =            0]")
        XCTAssertEqual(all.count, 5)
    }

    func testPastTwoToThe53CountsTheDistributionStillEndsAtOneHundredPercent() {
        // At such counts the library's steps toward 100 % stop advancing and its iterator repeats
        // one step for ever: `report --hgrm` on such a results file never ended. The text now
        // stops there with the final line. On a thread of its own, so a regression fails here
        // rather than hanging the suite.
        var huge = LatencyHistogram.make()
        huge.record(1, count: 1 << 53)
        huge.record(3, count: 5)
        let histogram = huge
        let finished = expectation(description: "the distribution text is complete")
        Thread.detachNewThread {
            let rows = HgrmFiles.text(histogram).split(separator: "\n").map(String.init).filter { !$0.hasPrefix("#[") }
            XCTAssertEqual(rows.last, "       0.003 1.000000000000 9007199254740997")
            XCTAssertLessThan(rows.count, 1_000, "no step repeated")
            finished.fulfill()
        }
        wait(for: [finished], timeout: 60)
    }

    // MARK: Files and names

    func testAnOpenModelRunGetsLatencyAndServiceFilesForAllAndEachOperation() throws {
        let result = try ResultsFileFixtures.openModelRun()
        let files = HgrmFiles.files(for: result)
        XCTAssertEqual(files.map(\.name), [
            "all.hgrm", "all.service.hgrm",
            "getConversation.hgrm", "getConversation.service.hgrm",
            "listAgents.hgrm", "listAgents.service.hgrm",
        ])
        XCTAssertEqual(files.map(\.operation), [nil, nil, "getConversation", "getConversation", "listAgents", "listAgents"])
        let listAgents = try XCTUnwrap(files.first { $0.name == "listAgents.hgrm" })
        XCTAssertEqual(listAgents.text, HgrmFiles.text(try XCTUnwrap(result.operations["listAgents"]).latency))
        let service = try XCTUnwrap(files.first { $0.name == "listAgents.service.hgrm" })
        XCTAssertEqual(service.measure, .service)
        XCTAssertEqual(service.text, HgrmFiles.text(try XCTUnwrap(result.operations["listAgents"]).service))
        XCTAssertTrue(try XCTUnwrap(files.first).text.contains("Total count    =         1500]"), "all.hgrm counts both operations")
    }

    func testAClosedModelRunGetsLatencyFilesOnly() throws {
        let files = HgrmFiles.files(for: try ResultsFileFixtures.closedModelRun())
        XCTAssertEqual(files.map(\.name), ["all.hgrm", "getConversation.hgrm", "listAgents.hgrm"])
    }

    func testOperationIdsBecomeSafeDistinctFileNames() throws {
        var result = try ResultsFileFixtures.closedModelRun()
        let operation = try XCTUnwrap(result.operations["listAgents"])
        result.operations = [:]
        for name in ["../../etc/passwd", "all", "a/b", "a:b", "A_b", ".hidden", "", "x.service", "ünïcode"] {
            result.operations[name] = operation
        }
        let files = HgrmFiles.files(for: result)
        let byOperation = Dictionary(uniqueKeysWithValues: files.compactMap { file in file.operation.map { ($0, file.name) } })
        XCTAssertEqual(byOperation, [
            "": "operation.hgrm",
            ".hidden": "_hidden.hgrm",
            "../../etc/passwd": "______etc_passwd.hgrm",
            "A_b": "A_b.hgrm",
            "a/b": "a_b-2.hgrm",  // a_b clashes with A_b on a case-insensitive disk
            "a:b": "a_b-3.hgrm",
            "all": "all-2.hgrm",  // all.hgrm is every operation together
            "x.service": "x_service.hgrm",
            "ünïcode": "_n_code.hgrm",
        ])
        XCTAssertEqual(Set(files.map { $0.name.lowercased() }).count, files.count, "no two files share a name")
        for file in files {
            XCTAssertNil(file.name.firstIndex(of: "/"), file.name)
            XCTAssertFalse(file.name.hasPrefix("."), file.name)
        }
    }

    func testWriteCreatesTheFolderAndWritesEveryFile() throws {
        let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("hgrm-\(UUID().uuidString)/nested")
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        let result = try ResultsFileFixtures.openModelRun()
        let paths = try HgrmFiles.write(result, to: folder.path)
        XCTAssertEqual(paths.map { URL(fileURLWithPath: $0).lastPathComponent }, HgrmFiles.files(for: result).map(\.name))
        for (path, file) in zip(paths, HgrmFiles.files(for: result)) {
            XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), file.text)
        }
    }

    func testAFolderThatCannotBeCreatedIsAWriteError() throws {
        let blocker = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("hgrm-file-\(UUID().uuidString)")
        try "a file, not a folder".write(to: blocker, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: blocker) }
        XCTAssertThrowsError(try HgrmFiles.write(try ResultsFileFixtures.closedModelRun(), to: blocker.appendingPathComponent("out").path)) { error in
            XCTAssertEqual((error as? ReportWriteError)?.path, blocker.appendingPathComponent("out").path)
        }
    }

    // MARK: Helpers

    private func lines(_ text: String) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
    }

    /// `%12.3f` and `%12d`, as Java prints the footer.
    private func f12_3(_ value: Double) -> String { String(format: "%12.3f", value) }
    private func d12(_ value: UInt64) -> String { String(format: "%12lu", value) }
}
