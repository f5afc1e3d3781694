// Load results built by hand, shaped like real runs, and helpers the results-file tests share:
// comparing two results field by field and editing a written document member by member.
import Foundation
import Histogram
import JSON
import XCTest

@testable import Report

enum ResultsFileFixtures {
    /// One minute of an open-model run (constant-arrival-rate, shard 1 of 2) against two
    /// operations, with statuses, errors of several classes, 429s, windows, thresholds (one
    /// failed and aborting), violations and lateness.
    static func openModelRun() throws -> LoadResult { try openModel.get() }

    /// `openModelRun()` as the writer writes it, parsed.
    static func openModelDocument() throws -> JSON { try openModelJSON.get() }

    // Built once: recording and encoding the histograms takes a while in debug builds.
    private static let openModel = Result { () throws -> LoadResult in try buildOpenModelRun() }
    private static let openModelJSON = Result { () throws -> JSON in try JSON.parse(ResultsFile.bytes(openModelRun())) }

    private static func buildOpenModelRun() throws -> LoadResult {
        var listAgents = OperationResult(emptyWith: LatencyHistogram.make())
        for index in 0 ..< 900 {
            // A spread from 1.8 ms to ~250 ms, and a few stalls past the histogram's 60 s.
            let microseconds = UInt64(1_800 + (index * 7_919) % 250_000)
            listAgents.latency.record(microseconds: index % 300 == 0 ? 75_000_000 : microseconds)
            listAgents.service.record(microseconds: microseconds - 1_200)
        }
        listAgents.requests = 900
        listAgents.statusCounts = [200: 883, 429: 5, 503: 8]
        listAgents.errors = 12
        listAgents.errorClasses = [.http5xx: 8, .timeout: 4]
        listAgents.throttled = 5
        listAgents.throttledDropped = 3
        listAgents.budgetDelayed = 7
        listAgents.timings = timings(responses: 896, newConnections: 16)
        listAgents.bytesIn = 1_843_200
        listAgents.bytesOut = 212_400
        listAgents.checksPassed = 1_780
        listAgents.checksFailed = 9
        listAgents.violations = 3
        listAgents.validated = 90

        var getConversation = OperationResult(emptyWith: LatencyHistogram.make())
        for index in 0 ..< 600 {
            let microseconds = UInt64(3_000 + (index * 104_729) % 90_000)
            getConversation.latency.record(microseconds: microseconds)
            getConversation.service.record(microseconds: microseconds / 2)
        }
        getConversation.requests = 600
        getConversation.statusCounts = [200: 590, 404: 7]
        getConversation.errors = 10
        getConversation.errorClasses = [.http4xx: 7, .reset: 2, .refused: 1]
        getConversation.timings = timings(responses: 597, newConnections: 3)
        getConversation.bytesIn = 950_000
        getConversation.bytesOut = 141_000
        getConversation.checksPassed = 1_190
        getConversation.checksFailed = 0
        getConversation.violations = 1
        getConversation.validated = 60

        var overall = OperationResult(emptyWith: LatencyHistogram.make())
        try overall.add(listAgents)
        try overall.add(getConversation)

        var lateness = LatencyHistogram.make()
        for index in 0 ..< 1_500 { lateness.record(microseconds: UInt64(index % 40 == 0 ? 4_800 : 12 + index % 90)) }

        var iterations = IterationCounts()
        iterations.started = 1_500
        iterations.completed = 1_470
        iterations.failed = 21
        iterations.interrupted = 2
        iterations.dropped = 4
        iterations.throttledDropped = 3
        iterations.peakVUs = 37

        var validation = ValidationCounts()
        validation.sampled = 152
        validation.validated = 150
        validation.skipped = 2
        validation.violations = 4

        var rateLimits = RateLimitCounts()
        rateLimits.waits = 5
        rateLimits.capped = 1
        rateLimits.longestWaitSeconds = 10
        rateLimits.totalWaitSeconds = 17.25

        let run = LoadRunInfo(
            profile: "steady-browse", profileFile: "scenarios/load/steady-browse.yaml",
            profileHash: "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
            executor: "constant-arrival-rate", model: "open", started: "2025-03-14T09:26:53.589Z",
            startedEpochSeconds: 1_741_944_413.589, durationSeconds: 60.012_345, plannedDurationSeconds: 60,
            plannedRate: 25, plannedIterations: 1_500, vus: 10, maxVUs: 50, stages: [], gracefulStopSeconds: 30,
            validateSample: 0.1, target: "https://acme.freshchat.com/v2", shards: 2, shard: 1, threads: 2,
            version: "0.4.0", machine: MachineInfo(hostname: "load-runner-1", cores: 8, system: "Linux x86_64"))

        var result = LoadResult(
            run: run, operations: ["listAgents": listAgents, "getConversation": getConversation], overall: overall,
            iterations: iterations, lateness: lateness, windows: try windows(startingAt: 1_741_944_413, count: 3),
            thresholds: [
                ThresholdVerdict(expression: "p99(listAgents) < 300ms", ok: true, actual: "248.3ms", abortOnFail: false),
                ThresholdVerdict(expression: "error_rate < 1%", ok: false, actual: "1.5%", abortOnFail: true),
            ],
            errors: [
                ErrorSummary(operation: "listAgents", errorClass: .http5xx, message: "HTTP 503", count: 8,
                             sample: "HTTP 503: {\"message\": \"upstream \u{E9}t\u{E9} indisponible\"}\n(after 2.1 s)"),
                ErrorSummary(operation: "listAgents", errorClass: .timeout, message: "Operation timed out", count: 4,
                             sample: "GET https://acme.freshchat.com/v2/agents?page=3: timed out after 10 s"),
                ErrorSummary(operation: "getConversation", errorClass: .http4xx, message: "HTTP 404", count: 7,
                             sample: "HTTP 404: {\"code\": \"NOT_FOUND\"}"),
            ],
            failedChecks: [
                CheckFailureSummary(scenario: "browse agents", step: "step 1 (listAgents)", check: "$.agents exists",
                                    count: 9, sample: "{\"links\": {}}"),
            ],
            violations: [
                ViolationSummary(operation: "listAgents", status: 200, pointer: "/agents/0/availability_status",
                                 keyword: "enum", count: 3, message: "\"busy\" is not one of available, unavailable"),
                ViolationSummary(operation: "getConversation", status: 200, pointer: "/status", keyword: "enum", count: 1,
                                 message: "\"closed\" is not one of new, assigned, resolved, reopened"),
            ],
            validation: validation, rateLimits: rateLimits, interrupted: false, abortedBy: "error_rate < 1%")
        result.uncheckedPatterns = [
            UncheckedPatternSummary(operation: "getConversation", pattern: "[0-9]+x", count: 2,
                                    note: "/code: not checked: the pattern /[0-9]+x/ is not run on text longer than 3162 characters (found 5000): matching can cost n^2 steps (an unanchored search)"),
        ]
        return result
    }

    /// A closed-model run (ramping-vus, unsharded): no planned rate, iterations or shard, two
    /// stages, no lateness, nothing aborted; one operation with a mean-less timing (no new
    /// connections: every transfer reused one).
    static func closedModelRun() throws -> LoadResult {
        var result = try openModelRun()
        result.run.executor = "ramping-vus"
        result.run.model = "closed"
        result.run.plannedRate = nil
        result.run.plannedIterations = nil
        result.run.vus = nil
        result.run.maxVUs = nil
        result.run.stages = [PlannedStage(durationSeconds: 30, target: 10), PlannedStage(durationSeconds: 90.5, target: 2.5)]
        result.run.shards = 1
        result.run.shard = nil
        result.lateness = LatencyHistogram.make()
        result.abortedBy = nil
        result.operations["getConversation"]?.timings = timings(responses: 597, newConnections: 0)
        result.errors = []
        result.failedChecks = []
        result.thresholds = []
        return result
    }

    /// `count` one-second windows from `second`, each with its own encoded histogram, split
    /// between listAgents (15 requests, the errors) and getConversation (10).
    static func windows(startingAt second: Int64, count: Int) throws -> [SecondWindow] {
        try (0 ..< count).map { offset in
            var histogram = LatencyHistogram.make()
            var listAgents = LatencyHistogram.make()
            var getConversation = LatencyHistogram.make()
            for index in 0 ..< 25 {
                let value = UInt64(2_000 + (offset * 31 + index * 977) % 40_000)
                histogram.record(microseconds: value)
                if index < 15 { listAgents.record(microseconds: value) } else { getConversation.record(microseconds: value) }
            }
            return SecondWindow(
                second: second + Int64(offset), requests: 25, errors: offset % 2, throttled: offset % 3 == 0 ? 1 : 0,
                dropped: 0, inFlight: 3 + offset % 4, histogram: try HistogramCodec.encode(histogram),
                p50Milliseconds: histogram.milliseconds(atPercentile: 50), p99Milliseconds: histogram.milliseconds(atPercentile: 99),
                operations: [
                    "listAgents": OperationWindow(requests: 15, errors: offset % 2, histogram: try HistogramCodec.encode(listAgents)),
                    "getConversation": OperationWindow(requests: 10, errors: 0, histogram: try HistogramCodec.encode(getConversation)),
                ])
        }
    }

    private static func timings(responses: Int, newConnections: Int) -> TimingTotals {
        var timings = TimingTotals()
        timings.responses = responses
        timings.newConnections = newConnections
        timings.connectMicroseconds = Int64(newConnections * 850)
        timings.tlsMicroseconds = Int64(newConnections * 4_210)
        timings.firstByteMicroseconds = Int64(responses * 18_333)
        return timings
    }

    // MARK: Comparing

    /// Asserts that `read` holds every field of `written`; histograms hold the same buckets.
    static func assertSameResult(_ read: LoadResult, _ written: LoadResult, file: StaticString = #filePath, line: UInt = #line) {
        // A new field in the model must be added here (and to the file): fail until it is.
        XCTAssertEqual(Mirror(reflecting: written).children.count, 16, "LoadResult has a new field", file: file, line: line)
        XCTAssertEqual(String(reflecting: read.run), String(reflecting: written.run), file: file, line: line)
        XCTAssertEqual(read.capacity, written.capacity, file: file, line: line)
        XCTAssertEqual(Set(read.operations.keys), Set(written.operations.keys), file: file, line: line)
        for (operationId, operation) in written.operations {
            guard let readOperation = read.operations[operationId] else { continue }
            assertSameOperation(readOperation, operation, file: file, line: line)
        }
        assertSameOperation(read.overall, written.overall, file: file, line: line)
        XCTAssertEqual(read.iterations, written.iterations, file: file, line: line)
        assertSameHistogram(read.lateness, written.lateness, file: file, line: line)
        XCTAssertEqual(read.windows, written.windows, file: file, line: line)
        XCTAssertEqual(read.thresholds, written.thresholds, file: file, line: line)
        XCTAssertEqual(read.errors, written.errors, file: file, line: line)
        XCTAssertEqual(read.failedChecks, written.failedChecks, file: file, line: line)
        XCTAssertEqual(read.violations, written.violations, file: file, line: line)
        XCTAssertEqual(read.uncheckedPatterns, written.uncheckedPatterns, file: file, line: line)
        XCTAssertEqual(read.validation, written.validation, file: file, line: line)
        XCTAssertEqual(read.rateLimits, written.rateLimits, file: file, line: line)
        XCTAssertEqual(read.interrupted, written.interrupted, file: file, line: line)
        XCTAssertEqual(read.abortedBy, written.abortedBy, file: file, line: line)
    }

    static func assertSameOperation(_ read: OperationResult, _ written: OperationResult, file: StaticString, line: UInt) {
        XCTAssertEqual(Mirror(reflecting: written).children.count, 16, "OperationResult has a new field", file: file, line: line)
        XCTAssertEqual(read.requests, written.requests, file: file, line: line)
        XCTAssertEqual(read.errors, written.errors, file: file, line: line)
        XCTAssertEqual(read.throttled, written.throttled, file: file, line: line)
        XCTAssertEqual(read.throttledDropped, written.throttledDropped, file: file, line: line)
        XCTAssertEqual(read.budgetDelayed, written.budgetDelayed, file: file, line: line)
        XCTAssertEqual(read.statusCounts, written.statusCounts, file: file, line: line)
        XCTAssertEqual(read.errorClasses, written.errorClasses, file: file, line: line)
        assertSameHistogram(read.latency, written.latency, file: file, line: line)
        assertSameHistogram(read.service, written.service, file: file, line: line)
        XCTAssertEqual(read.timings, written.timings, file: file, line: line)
        XCTAssertEqual(read.bytesIn, written.bytesIn, file: file, line: line)
        XCTAssertEqual(read.bytesOut, written.bytesOut, file: file, line: line)
        XCTAssertEqual(read.checksPassed, written.checksPassed, file: file, line: line)
        XCTAssertEqual(read.checksFailed, written.checksFailed, file: file, line: line)
        XCTAssertEqual(read.violations, written.violations, file: file, line: line)
        XCTAssertEqual(read.validated, written.validated, file: file, line: line)
    }

    /// The same settings and buckets. The encoding keeps buckets, not exact values, so the
    /// extremes and percentiles agree to the bucket: read back, a value is its bucket's highest
    /// (the minimum its lowest), as HdrHistogram's other decoders give it.
    static func assertSameHistogram(_ read: Histogram<UInt64>, _ written: Histogram<UInt64>, file: StaticString, line: UInt) {
        XCTAssertTrue(LatencyHistogram.hasLatencySettings(read), file: file, line: line)
        XCTAssertEqual(read.totalCount, written.totalCount, file: file, line: line)
        XCTAssertEqual(read.recordedValues().map { [$0.value, UInt64($0.count)] },
                       written.recordedValues().map { [$0.value, UInt64($0.count)] }, "buckets", file: file, line: line)
        for percentile in [50.0, 99, 100] {
            XCTAssertEqual(read.valueAtPercentile(percentile),
                           written.highestEquivalentForValue(written.valueAtPercentile(percentile)),
                           "p\(percentile)", file: file, line: line)
        }
        XCTAssertEqual(read.min, written.lowestEquivalentForValue(written.min), "min", file: file, line: line)
        XCTAssertEqual(read.max, written.max, "max", file: file, line: line)
    }

    // MARK: Editing documents

    /// `document` with the member at `pointer` set to `value`, or removed when `value` is nil.
    static func editing(_ document: JSON, at pointer: String, to value: JSON?) -> JSON {
        let tokens = pointer.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
            .map { $0.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~") }
        return editing(document, tokens: tokens[...], to: value) ?? .null
    }

    private static func editing(_ node: JSON, tokens: ArraySlice<String>, to value: JSON?) -> JSON? {
        guard let token = tokens.first else { return value }
        switch node {
        case .object(var object):
            let child = object[token] ?? .null
            object[token] = tokens.count == 1 ? value : editing(child, tokens: tokens.dropFirst(), to: value)
            return .object(object)
        case .array(var elements):
            guard let index = Int(token), elements.indices.contains(index) else { return node }
            if let edited = editing(elements[index], tokens: tokens.dropFirst(), to: value) {
                elements[index] = edited
            } else {
                elements.remove(at: index)
            }
            return .array(elements)
        default:
            return node
        }
    }

    /// The pointer of every member and element under `node`, with its value, parents first.
    static func allMembers(of node: JSON, at pointer: JSONPointer = .root) -> [(pointer: JSONPointer, value: JSON)] {
        var found: [(pointer: JSONPointer, value: JSON)] = []
        switch node {
        case .object(let object):
            for member in object {
                let child = pointer.appending(member.key)
                found.append((child, member.value))
                found += allMembers(of: member.value, at: child)
            }
        case .array(let elements):
            for (index, element) in elements.enumerated() {
                let child = pointer.appending(index: index)
                found.append((child, element))
                found += allMembers(of: element, at: child)
            }
        default:
            break
        }
        return found
    }
}
