// `fcharness report` end to end: a results file from a real (one-second) load run against the
// embedded mock, rendered as the console summary, Markdown, JUnit, HTML and .hgrm files;
// exit 2 with the file named when the input or an output is wrong.
import Foundation
import JSON
import XCTest

final class ReportCommandTests: XCTestCase {
    private var scratch: URL!

    override func setUpWithError() throws {
        scratch = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("fcharness-report-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: scratch)
    }

    /// One results file for every test: a second of listChannels against the drifting mock,
    /// every response validated, so the file has sampled violations.
    private static let sharedResults = Result { () throws -> String in
        let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("fcharness-report-results-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try "name: list channels\nsteps:\n  - operation: listChannels\n".write(
            to: folder.appendingPathComponent("list-channels.yaml"), atomically: true, encoding: .utf8)
        let profile = folder.appendingPathComponent("short.yaml")
        try """
            executor: constant-arrival-rate
            rate: 20/s
            duration: 1s
            vus: 5
            max_vus: 50
            mix: [{ scenario: list-channels.yaml }]
            thresholds: ["p99 < 60s"]
            """.write(to: profile, atomically: true, encoding: .utf8)
        let out = folder.appendingPathComponent("results.json").path
        let run = try runCLI(["load", profile.path, "--no-progress", "--mock-drift", "--validate-sample", "1", "--out", out])
        guard run.status == 0 else { throw ResultsNotWritten(output: run.stdout + run.stderr) }
        return out
    }

    private struct ResultsNotWritten: Error { var output: String }

    override class func tearDown() {
        if case .success(let results) = sharedResults {
            try? FileManager.default.removeItem(at: URL(fileURLWithPath: results).deletingLastPathComponent())
        }
        super.tearDown()
    }

    private func results() throws -> String { try Self.sharedResults.get() }

    private func path(_ name: String) -> String { scratch.appendingPathComponent(name).path }

    // MARK: Outputs

    func testWithoutOutputFlagsItPrintsTheLoadSummary() throws {
        let run = try runCLI(["report", try results()])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.hasPrefix("load run: short ("), run.stdout)
        XCTAssertTrue(run.stdout.contains("contract violations in sampled responses"), run.stdout)
        XCTAssertNotNil(run.stdout.split(separator: "\n").last?.wholeMatch(of: /Requests\/sec: [0-9]+\.[0-9]{2}/), run.stdout)
    }

    func testEveryFormatIsWrittenWhereAsked() throws {
        let run = try runCLI(["report", try results(), "--markdown", path("report.md"), "--junit", path("junit.xml"),
                              "--html", path("report.html"), "--hgrm", path("hgrm")])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(run.stdout, "", "files only: nothing on stdout")

        let markdown = try String(contentsOfFile: path("report.md"), encoding: .utf8)
        XCTAssertTrue(markdown.hasPrefix("## Load run short: ✅ passed: 1 of 1 thresholds held\n"), markdown)
        XCTAssertTrue(markdown.contains("| listChannels | "), markdown)
        XCTAssertTrue(markdown.contains("| listChannels | 200 | /channels/0/enabled | type | expected boolean"), markdown)

        let junit = try String(contentsOfFile: path("junit.xml"), encoding: .utf8)
        XCTAssertTrue(junit.contains(#"<testcase classname="load.short.thresholds" name="p99 &lt; 60s" time="0">"#), junit)
        XCTAssertTrue(junit.contains(#"<testcase classname="load.short.contract" name="listChannels" time="0">"#), junit)
        XCTAssertTrue(junit.contains(#"type="contract">"#), "the drifting mock's violations fail the operation's testcase")

        let html = try String(contentsOfFile: path("report.html"), encoding: .utf8)
        XCTAssertTrue(html.lowercased().contains("<html"), String(html.prefix(200)))

        let files = try FileManager.default.contentsOfDirectory(atPath: path("hgrm")).sorted()
        XCTAssertEqual(files, ["all.hgrm", "all.service.hgrm", "listChannels.hgrm", "listChannels.service.hgrm"])
        let hgrm = try String(contentsOfFile: path("hgrm/listChannels.hgrm"), encoding: .utf8)
        XCTAssertTrue(hgrm.hasPrefix("       Value     Percentile TotalCount 1/(1-Percentile)\n\n"), hgrm)
        XCTAssertTrue(hgrm.contains(" 1.000000000000 "), "a 100% line")
        XCTAssertTrue(hgrm.hasSuffix("#[Buckets =           16, SubBuckets     =         2048]\n"), hgrm)
    }

    func testMarkdownDashGoesToStandardOutput() throws {
        let run = try runCLI(["report", try results(), "--markdown", "-"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.hasPrefix("## Load run short: "), run.stdout)
        XCTAssertFalse(run.stdout.contains("Requests/sec:"), "the Markdown, not the console summary")
        XCTAssertFalse(FileManager.default.fileExists(atPath: packageRoot.appendingPathComponent("-").path))
    }

    func testStringsPlantedInTheResultsFileComeOutEscaped() throws {
        guard case .object(var document) = try JSON.parse(contentsOfFile: try results()),
              case .object(var run) = document["run"],
              case .array(var violations) = document["violations"], case .object(var first) = violations.first
        else { return XCTFail("the results file has a run and violations") }
        run["profile"] = .string("nightly <script>x</script> | `y`")
        first["message"] = .string("<script>alert(1)</script> | a\nb")
        violations[0] = .object(first)
        document["run"] = .object(run)
        document["violations"] = .array(violations)
        let planted = path("planted.json")
        try Data(JSON.object(document).serializedBytes(pretty: true)).write(to: URL(fileURLWithPath: planted))

        let report = try runCLI(["report", planted, "--markdown", path("planted.md"), "--junit", path("planted.xml")])
        XCTAssertEqual(report.status, 0, report.stderr)
        let markdown = try String(contentsOfFile: path("planted.md"), encoding: .utf8)
        XCTAssertFalse(markdown.contains("<script>"), markdown)
        XCTAssertTrue(markdown.hasPrefix("## Load run nightly &lt;script&gt;x&lt;/script&gt; \\| \\`y\\`: "), markdown)
        XCTAssertTrue(markdown.contains("&lt;script&gt;alert(1)&lt;/script&gt; \\| a ⏎ b |"), markdown)
        let junit = try String(contentsOfFile: path("planted.xml"), encoding: .utf8)
        XCTAssertFalse(junit.contains("<script>"), junit)
        XCTAssertTrue(junit.contains("&lt;script&gt;alert(1)&lt;/script&gt; | a\nb"), junit)
        XCTAssertTrue(junit.contains(#"name="fcharness load: nightly &lt;script&gt;x&lt;/script&gt; | `y`""#), junit)
    }

    // MARK: Bad input

    func testAMissingResultsFileExits2NamingIt() throws {
        let missing = path("no-such-results.json")
        let run = try runCLI(["report", missing, "--markdown", path("out.md")])
        XCTAssertEqual(run.status, 2)
        XCTAssertTrue(run.stderr.contains("\(missing): cannot read"), run.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: path("out.md")))
    }

    func testAFileThatIsNotResultsExits2NamingFileAndMember() throws {
        let contract = path("contract.json")
        try #"{"format": "fcharness-contract/1"}"#.write(toFile: contract, atomically: true, encoding: .utf8)
        let run = try runCLI(["report", contract])
        XCTAssertEqual(run.status, 2)
        XCTAssertTrue(run.stderr.contains("\(contract): /format: expected \"fcharness-results/1\""), run.stderr)

        let broken = path("broken.json")
        try "{\"format\": ".write(toFile: broken, atomically: true, encoding: .utf8)
        let second = try runCLI(["report", broken])
        XCTAssertEqual(second.status, 2)
        XCTAssertTrue(second.stderr.contains("\(broken):1:"), second.stderr)
    }

    func testAnUnwritableOutputExits2AndTheOtherOutputsAreStillWritten() throws {
        let blocked = path("missing-folder/report.md")
        let run = try runCLI(["report", try results(), "--markdown", blocked, "--junit", path("junit.xml")])
        XCTAssertEqual(run.status, 2)
        XCTAssertTrue(run.stderr.contains("cannot write \(blocked)"), run.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: path("junit.xml")))
    }

    func testOnlyOneOutputCanUseStandardOutput() throws {
        let run = try runCLI(["report", try results(), "--markdown", "-", "--junit", "-"])
        XCTAssertEqual(run.status, 2)
        XCTAssertTrue(run.stderr.contains("only one of --markdown and --junit"), run.stderr)
    }
}
