// The console summary of a load run, read as a person (and a benchmark script) would.
import Histogram
import Report
import XCTest

final class LoadSummaryTests: XCTestCase {
    /// `browsingRun` with what a real run adds: iterations, checks, bytes, timings, errors,
    /// verdicts.
    private func finishedRun(model: String = "open") -> LoadResult {
        var run = loadResult(
            [
                "listAgents": operationResult(latencies: [(10, 99), (287.1, 1)], checksPassed: 100),
                "getUser": operationResult(latencies: [(500, 10)], errors: 2, throttled: 1, checksPassed: 8, checksFailed: 2, violations: 1),
            ], model: model, dropped: 3,
            thresholds: [
                ThresholdVerdict(expression: "p99(listAgents) < 300ms", ok: true, actual: "10.0ms", abortOnFail: false),
                ThresholdVerdict(expression: "error_rate < 1%", ok: false, actual: "1.82%", abortOnFail: false),
            ],
            errors: [ErrorSummary(operation: "getUser", errorClass: .http5xx, message: "HTTP 503", count: 2,
                                  sample: #"HTTP 503 from GET http://127.0.0.1:8080/v2/users/u1: {"code":503}"#)])
        run.iterations.started = 110
        run.iterations.completed = 106
        run.iterations.failed = 2
        run.iterations.peakVUs = 12
        run.overall.bytesIn = 1_234_567
        run.overall.bytesOut = 45_600
        run.overall.timings.responses = 110
        run.overall.timings.newConnections = 4
        run.overall.timings.connectMicroseconds = 4 * 1_200
        run.overall.timings.firstByteMicroseconds = 110 * 9_500
        run.failedChecks = [CheckFailureSummary(scenario: "browse agents", step: "step 2 (getUser)", check: "status == 200", count: 2, sample: "503")]
        run.violations = [ViolationSummary(operation: "getUser", status: 200, pointer: "/status", keyword: "enum", count: 1,
                                           message: #""closed" is not one of new, assigned, resolved, reopened"#)]
        return run
    }

    func testASummaryReadsTopToBottom() {
        XCTAssertEqual(LoadSummary.render(finishedRun(), color: false), #"""
            load run: pre-release (scenarios/load/pre-release.yaml)
              executor  constant-arrival-rate (200/s, 16 VUs pre-allocated, at most 64 VUs)
              model     open model: latency from the intended start
              target    http://127.0.0.1:8080/v2
              duration  10.0s (planned 10s, graceful stop 10s)
              threads   2

                                                         latency ms, from the intended start
            operation   count  errors  throttled  req/s   p50   p90   p99  p99.9  max  violations
            getUser        10       2          1    1.0   500   500   500    500  500           1
            listAgents    100       0          0   10.0  10.0  10.0  10.0    287  287           0
            -------------------------------------------------------------------------------------
            overall       110       2          1   11.0  10.0  10.0   500    500  500           1

              iterations  110 started, 106 completed, 2 failed, 3 dropped, 0 interrupted, 0 throttled-dropped (peak 12 VUs)
              checks      98.18% passed (108 of 110)
              data        1.2 MB in, 45.6 kB out
              mean times  connect 1.2ms (4 new connections), first byte 9.5ms

            errors (2 in all, 1 distinct)
              2  getUser  5xx  HTTP 503
                 e.g. HTTP 503 from GET http://127.0.0.1:8080/v2/users/u1: {"code":503}

            failed checks (2 in all, 1 distinct)
              2  browse agents, step 2 (getUser): status == 200
                 found: 503

            contract violations in sampled responses (1 in all, 1 distinct)
              1  getUser 200 /status [enum]: "closed" is not one of new, assigned, resolved, reopened

            thresholds
              ✓ p99(listAgents) < 300ms (10.0ms)
              ✗ error_rate < 1% (1.82%)

            Requests/sec: 11.00

            """#)
    }

    func testTheLastLineIsTheOneBenchmarkScriptsGrepFor() {
        var run = finishedRun()
        run.run.durationSeconds = 12.5  // 110 requests: 8.8 per second
        // A response that happens to contain the markers must not forge a second match.
        run.errors.append(ErrorSummary(operation: "listAgents", errorClass: .http4xx, message: "HTTP 400", count: 1,
                                       sample: "HTTP 400: Requests/sec: 99999 rps=5"))
        for color in [false, true] {
            let text = LoadSummary.render(run, color: color)
            XCTAssertTrue(text.hasSuffix("\nRequests/sec: 8.80\n"), text)
            XCTAssertEqual(text.components(separatedBy: "Requests/sec:").count, 2, "exactly one match")
            XCTAssertFalse(text.contains("rps="))
        }
    }

    func testTheClosedModelSaysItsPercentilesAreFromTheSend() {
        let text = LoadSummary.render(finishedRun(model: "closed"), color: false)
        XCTAssertTrue(text.contains("  model     closed model: latency from the send, coordinated omission not corrected\n"), text)
        XCTAssertTrue(text.contains("latency ms (closed model)\noperation   count"), text)
        XCTAssertTrue(text.contains("  executor  constant-vus (16 VUs)\n"), text)
    }

    func testTableColumnsLineUpForLongNamesAndSlowOperations() {
        let run = loadResult([
            "listConversationMessages": operationResult(latencies: [(1234.4, 10)]),
            "a": operationResult(latencies: [(0.24, 10)]),
            "neverCalled": OperationResult(emptyWith: LatencyHistogram.make()),
        ])
        let lines = LoadSummary.render(run, color: false).split(separator: "\n", omittingEmptySubsequences: false)
        guard let header = lines.firstIndex(where: { $0.hasPrefix("operation") }) else { return XCTFail("no table") }
        let table = lines[header...header + 5]
        XCTAssertEqual(Set(table.map(\.count)).count, 1, "every row as wide as the header:\n\(table.joined(separator: "\n"))")
        XCTAssertEqual(table[header + 1], "a                            10       0          0    1.0   0.2   0.2   0.2    0.2   0.2           0")
        XCTAssertEqual(table[header + 2], "listConversationMessages     10       0          0    1.0  1234  1234  1234   1234  1234           0")
        XCTAssertEqual(table[header + 3], "neverCalled                   0       0          0    0.0     -     -     -      -     -           0")
    }

    func testTheTenCommonestErrorsAreListedThenTheRestCounted() {
        var run = finishedRun()
        run.errors = (1...13).map { index in
            ErrorSummary(operation: "getUser", errorClass: .timeout, message: "timeout \(index)", count: index, sample: "")
        }
        let text = LoadSummary.render(run, color: false)
        XCTAssertTrue(text.contains("errors (91 in all, 13 distinct)\n  13  getUser  timeout  timeout 13\n"), text)
        XCTAssertTrue(text.contains("   4  getUser  timeout  timeout 4\n  … and 3 more (6 in all)\n"), text)
        XCTAssertFalse(text.contains("timeout 3\n"))
    }

    func testRunTextCannotStartLinesOrColourTheTerminal() {
        var run = finishedRun()
        run.errors = [ErrorSummary(operation: "getUser", errorClass: .other, message: "bad\nline", count: 1,
                                   sample: "\u{1B}[2Jcleared")]
        let text = LoadSummary.render(run, color: false)
        XCTAssertTrue(text.contains(#"  1  getUser  other  bad\nline"#), text)
        XCTAssertTrue(text.contains(#"e.g. \u{1b}[2Jcleared"#), text)
        XCTAssertFalse(text.contains("\u{1B}"))
    }

    func testAnEarlyStopAndAnInterruptAreSaidAfterTheVerdicts() {
        var run = finishedRun()
        run.thresholds.append(ThresholdVerdict(expression: "p99 < 400ms", ok: false, actual: "500.0ms", abortOnFail: true))
        run.abortedBy = "p99 < 400ms"
        run.interrupted = true
        let text = LoadSummary.render(run, color: false)
        XCTAssertTrue(text.contains("""
              ✗ p99 < 400ms (500.0ms) [abort_on_fail]

            stopped early: p99 < 400ms failed (abort_on_fail)
            interrupted: the results above are partial

            Requests/sec: 11.00
            """), text)
    }

    func testRateLimitsValidationAndLagShowWhenThereAreAny() {
        var run = finishedRun()
        run.rateLimits.waits = 12
        run.rateLimits.capped = 3
        run.rateLimits.longestWaitSeconds = 2
        run.rateLimits.totalWaitSeconds = 8.54
        run.run.validateSample = 0.1
        run.validation = ValidationCounts()
        run.validation.sampled = 11
        run.validation.validated = 10
        run.validation.skipped = 1
        run.validation.violations = 1
        run.lateness.record(microseconds: 300)
        run.overall.timings.tlsMicroseconds = 4 * 3_400
        let text = LoadSummary.render(run, color: false)
        XCTAssertTrue(text.contains("  rate limits  12 waits after 429 (3 capped), longest 2.0s, total 8.5s\n"), text)
        XCTAssertTrue(text.contains("  validation   10% of responses: 11 sampled, 10 validated, 1 skipped, 1 violations\n"), text)
        XCTAssertTrue(text.contains("  send lag     p99 0.300ms, max 0.300ms behind the intended start\n"), text)
        XCTAssertTrue(text.contains("connect 1.2ms (4 new connections), TLS 3.4ms, first byte 9.5ms"), text)
    }

    func testValuesNotCheckedAgainstAPatternAreListedWithTheirNote() {
        var run = finishedRun()
        run.uncheckedPatterns = [
            UncheckedPatternSummary(operation: "getUser", pattern: "[0-9]+x", count: 7,
                                    note: "/code: not checked: the pattern /[0-9]+x/ is not run on text longer than 3162 characters (found 5000)"),
        ]
        let text = LoadSummary.render(run, color: false)
        XCTAssertTrue(text.contains("sampled responses with values not checked against a pattern (7 in all, 1 distinct)\n"), text)
        XCTAssertTrue(text.contains("  7  getUser: /code: not checked: the pattern /[0-9]+x/ is not run on text longer than 3162 characters (found 5000)\n"), text)
        XCTAssertFalse(LoadSummary.render(finishedRun(), color: false).contains("not checked"))
    }

    func testShardsAndStagesAppearInTheHeader() {
        var run = finishedRun()
        run.run.executor = "ramping-arrival-rate"
        run.run.plannedRate = nil
        run.run.stages = [PlannedStage(durationSeconds: 60, target: 400), PlannedStage(durationSeconds: 30, target: 0)]
        run.run.shard = 2
        run.run.shards = 4
        let text = LoadSummary.render(run, color: false)
        XCTAssertTrue(text.contains("  executor  ramping-arrival-rate (stages 1m to 400/s, 30s to 0/s, 16 VUs pre-allocated, at most 64 VUs)\n"), text)
        XCTAssertTrue(text.contains("  shard     2/4\n"), text)
    }

    func testShortPlannedLengthsAreNotRoundedToZero() {
        var run = finishedRun()
        run.run.plannedDurationSeconds = 0.3
        run.run.gracefulStopSeconds = 1.5
        XCTAssertTrue(LoadSummary.render(run, color: false).contains("(planned 300ms, graceful stop 1.5s)"))
        run.run.plannedDurationSeconds = 90
        run.run.gracefulStopSeconds = 30
        XCTAssertTrue(LoadSummary.render(run, color: false).contains("(planned 1m30s, graceful stop 30s)"))
    }

    func testColourOnlyWhenAskedAndTheMarksEitherWay() {
        let plain = LoadSummary.render(finishedRun(), color: false)
        XCTAssertFalse(plain.contains("\u{1B}["))
        XCTAssertTrue(plain.contains("  ✓ p99(listAgents)"))
        let coloured = LoadSummary.render(finishedRun(), color: true)
        XCTAssertTrue(coloured.contains("\u{1B}[32m✓\u{1B}[0m p99(listAgents) < 300ms (10.0ms)"))
        XCTAssertTrue(coloured.contains("\u{1B}[31m✗\u{1B}[0m error_rate < 1% (1.82%)"))
    }
}
