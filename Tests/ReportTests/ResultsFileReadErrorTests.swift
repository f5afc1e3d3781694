// What the reader says about a results file it cannot use: the file, the JSON Pointer of the
// member, what was expected and what was found. Never a trap, whatever the input.
import Foundation
import Histogram
import JSON
import XCTest

@testable import Report

final class ResultsFileReadErrorTests: XCTestCase {
    func testTextThatIsNotJSONKeepsTheLineAndColumn() {
        let text = "{\n  \"format\": \"fcharness-results/1\",\n  \"run\": {,}\n}\n"
        let error = readError(bytes: Array(text.utf8))
        guard case .notJSON(let path, let parseError)? = error else { return XCTFail("\(String(describing: error))") }
        XCTAssertEqual(path, "results.json")
        XCTAssertEqual(parseError.line, 3)
        XCTAssertEqual(parseError.column, 11)
        XCTAssertTrue(error?.description.hasPrefix("results.json:3:11: not JSON: ") ?? false, error?.description ?? "")
    }

    func testAnotherFormatIsNamed() throws {
        let error = try readError(editing: "/format", to: "fcharness-contract/1")
        XCTAssertEqual(error, .unsupportedFormat(path: "results.json", found: "\"fcharness-contract/1\""))
        XCTAssertEqual(error?.pointer?.description, "/format")
        XCTAssertEqual(error?.description,
                       "results.json: /format: expected \"fcharness-results/1\", found \"fcharness-contract/1\" "
                           + "(a `contract --json` report, not load results)")
        XCTAssertEqual(try readError(editing: "/format", to: 1)?.description,
                       "results.json: /format: expected \"fcharness-results/1\", found 1")
        XCTAssertEqual(try readError(editing: "/format", to: nil)?.description,
                       "results.json: /format: missing; expected \"fcharness-results/1\"")
    }

    func testTheFormatIsCheckedBeforeAnythingElse() throws {
        // A newer file would fail on some member first, and the message would hide the reason.
        let written = try ResultsFileFixtures.openModelDocument()
        let newer = ResultsFileFixtures.editing(
            ResultsFileFixtures.editing(written, at: "/format", to: "fcharness-results/2"), at: "/run", to: nil)
        guard case .unsupportedFormat? = readError(bytes: newer.serializedBytes()) else {
            return XCTFail("expected the format to be named")
        }
    }

    func testAMissingMemberIsNamedByItsPointer() throws {
        let error = try readError(editing: "/run/started", to: nil)
        XCTAssertEqual(error?.pointer?.description, "/run/started")
        XCTAssertEqual(error?.description, "results.json: /run/started: missing; expected an RFC 3339 time, e.g. 2025-03-14T09:26:53.589Z")
        XCTAssertEqual(try readError(editing: "/windows/2/histogram", to: nil)?.pointer?.description, "/windows/2/histogram")
    }

    func testAWrongTypeIsNamedByItsPointerWithWhatWasFound() throws {
        XCTAssertEqual(try readError(editing: "/operations/listAgents/requests", to: "x")?.description,
                       "results.json: /operations/listAgents/requests: expected a non-negative integer up to 2^53, found \"x\"")
        XCTAssertEqual(try readError(editing: "/totals/errors", to: -3)?.description,
                       "results.json: /totals/errors: expected a non-negative integer up to 2^53, found -3")
        XCTAssertEqual(try readError(editing: "/iterations/started", to: 2.5)?.description,
                       "results.json: /iterations/started: expected a non-negative integer up to 2^53, found 2.5")
        XCTAssertEqual(try readError(editing: "/run/model", to: "half-open")?.description,
                       "results.json: /run/model: expected one of open, closed, found \"half-open\"")
        XCTAssertEqual(try readError(editing: "/errors/1/class", to: "teapot")?.description,
                       "results.json: /errors/1/class: expected one of timeout, refused, reset, dns, tls, protocol, too_large, "
                           + "other, 4xx, 5xx, found \"teapot\"")
        XCTAssertEqual(try readError(editing: "/run/validate_sample", to: 10)?.description,
                       "results.json: /run/validate_sample: expected a number from 0 to 1, found 10")
        XCTAssertEqual(try readError(editing: "/run/shard", to: 3)?.description,
                       "results.json: /run/shard: expected an integer from 1 to 2, found 3")
        XCTAssertEqual(try readError(editing: "/windows", to: ["second": 1])?.description,
                       "results.json: /windows: expected an array, found an object")
        XCTAssertEqual(try readError(editing: "/operations/listAgents/status/2xx", to: 5)?.description,
                       "results.json: /operations/listAgents/status/2xx: expected a member named by an HTTP status code "
                           + "(100 to 999), found a member named \"2xx\"")
        XCTAssertEqual(readError(bytes: Array("[1, 2]".utf8))?.description,
                       "results.json: /: expected an object (an fcharness-results/1 file), found an array")
    }

    func testTimesBeyondWhatCompareAndMergeCanCountAreRefusedByName() throws {
        // Once a trap in `compare`: a start of 1e300 s did not fit a whole second.
        XCTAssertEqual(try readError(editing: "/run/started_epoch_s", to: 1e300)?.description,
                       "results.json: /run/started_epoch_s: expected a number from 0 to 253402300799, found 1e+300")
        XCTAssertEqual(try readError(editing: "/run/planned_duration_s", to: 1e20)?.description,
                       "results.json: /run/planned_duration_s: expected a number from 0 to 9223372036, found 1e+20")
        XCTAssertNil(try readError(editing: "/run/planned_duration_s", to: 86_400), "a day is fine")
    }

    func testCountsAreAtMost2To53SoThatMergeCanAddThemUp() throws {
        // Once a trap in `merge`: two shards' requests of Int64.max overflowed their sum.
        XCTAssertEqual(try readError(editing: "/totals/requests", to: 9_223_372_036_854_775_807)?.description,
                       "results.json: /totals/requests: expected a non-negative integer up to 2^53, found 9223372036854775807")
        XCTAssertEqual(try readError(editing: "/run/threads", to: 1_099_511_627_776)?.description,
                       "results.json: /run/threads: expected an integer from 1 to 1048576, found 1099511627776")
        XCTAssertEqual(try readError(editing: "/run/shards", to: 5000)?.description,
                       "results.json: /run/shards: expected an integer from 1 to 1024, found 5000")
        XCTAssertNil(try readError(editing: "/totals/bytes_in", to: 9_007_199_254_740_992), "2^53 itself is fine")
    }

    func testErrorsAndThrottledAreCountedWithinTheirRequests() throws {
        // Found by fuzzing (`make fuzz-smoke`, target results): a file with more throttled
        // responses than requests was read, and the writer then wrote a throttled rate far
        // past 100% that the reader itself refused. Each count is part of its requests.
        let listAgents = try XCTUnwrap(try ResultsFileFixtures.openModelRun().operations["listAgents"])
        XCTAssertEqual(try readError(editing: "/operations/listAgents/throttled", to: .integer(Int64(listAgents.requests + 1)))?.description,
                       "results.json: /operations/listAgents/throttled: expected a count no larger than requests (\(listAgents.requests)), "
                           + "found \(listAgents.requests + 1)")
        XCTAssertEqual(try readError(editing: "/totals/errors", to: 1_000_000)?.pointer?.description, "/totals/errors")
        XCTAssertEqual(try readError(editing: "/windows/1/errors", to: 26)?.description,
                       "results.json: /windows/1/errors: expected a count no larger than requests (25), found 26")
        XCTAssertEqual(try readError(editing: "/windows/1/throttled", to: 26)?.pointer?.description, "/windows/1/throttled")
        XCTAssertEqual(try readError(editing: "/windows/1/operations/getConversation/errors", to: 11)?.description,
                       "results.json: /windows/1/operations/getConversation/errors: expected a count no larger than requests (10), found 11")
        XCTAssertNil(try readError(editing: "/windows/1/operations/getConversation/errors", to: 10), "every request an error is fine")
    }

    func testAnUnknownMemberIsNamedWithTheMembersThatAreAllowed() throws {
        let error = try readError(editing: "/rate_limits/longest_wait", to: 3)
        XCTAssertEqual(error?.description,
                       "results.json: /rate_limits/longest_wait: unexpected member; expected one of waits, capped, longest_wait_s, total_wait_s")
        XCTAssertEqual(try readError(editing: "/operations/listAgents/error_classes/slow", to: 1)?.pointer?.description,
                       "/operations/listAgents/error_classes/slow")
    }

    func testABadHistogramIsNamedWithTheCodecsReason() throws {
        // A histogram cut short by four base64 characters (three bytes): still base64, but
        // fewer bytes than its header announces.
        let written = try ResultsFileFixtures.openModelDocument()
        let encoded = try XCTUnwrap(written["operations"]?["getConversation"]?["service_histogram"]?.stringValue)
        let cut = String(encoded.dropLast(4))
        let error = try readError(editing: "/operations/getConversation/service_histogram", to: .string(cut))
        guard case .invalidHistogram(_, let pointer, .compressedLengthMismatch)? = error else {
            return XCTFail("\(String(describing: error))")
        }
        XCTAssertEqual(pointer.description, "/operations/getConversation/service_histogram")
        XCTAssertTrue(error?.description.hasPrefix("results.json: /operations/getConversation/service_histogram: not a readable histogram: ") ?? false,
                      error?.description ?? "")

        XCTAssertEqual(try readError(editing: "/windows/0/histogram", to: "not base64!")?.description,
                       "results.json: /windows/0/histogram: not a readable histogram: " + HistogramCodecError.notBase64.description)
    }

    func testAHistogramWithOtherSettingsIsRefused() throws {
        // It would decode, but could not be added to this run's histograms or another shard's.
        let seconds = Histogram<UInt64>(lowestDiscernibleValue: 1, highestTrackableValue: 3_600, numberOfSignificantValueDigits: .two)
        let error = try readError(editing: "/lateness_histogram", to: .string(try HistogramCodec.encode(seconds)))
        XCTAssertEqual(error?.description,
                       "results.json: /lateness_histogram: expected a histogram with the latency settings (lowest 1 µs, "
                           + "highest 60000000 µs, 3 significant digits), found lowest 1, highest 3600, 2 digits")
    }

    func testAnUnreadableFileIsNamed() {
        let path = "/nonexistent-\(UUID().uuidString)/results.json"
        XCTAssertThrowsError(try ResultsFile.read(path: path)) { error in
            guard case .unreadable(let errorPath, _)? = error as? ResultsFileError else { return XCTFail("\(error)") }
            XCTAssertEqual(errorPath, path)
        }
    }

    func testEveryMemberIsCheckedAndNamedByItsPointer() throws {
        // Each value in turn replaced by one of the wrong kind, and each member in turn removed:
        // the reader names exactly that member (or, for what may be left out, reads the file).
        let written = try JSON.parse(try ResultsFile.bytes(try lightweight(ResultsFileFixtures.openModelRun())))
        let optional: Set<String> = ["planned_rate", "planned_iterations", "vus", "max_vus", "shard", "capacity", "unchecked_patterns"]
        let maps: Set<String> = ["operations", "status", "error_classes"]
        for (pointer, _) in ResultsFileFixtures.allMembers(of: written) {
            // An object where an array belongs, an array anywhere else.
            let misfit: JSON = written.value(at: pointer)?.arrayValue != nil ? [:] : []
            let wrong = readError(bytes: ResultsFileFixtures.editing(written, at: pointer.description, to: misfit).serializedBytes())
            XCTAssertEqual(wrong?.pointer, pointer, "\(pointer) = \(misfit): \(String(describing: wrong))")

            guard let parent = pointer.parent, let name = pointer.tokens.last, written.value(at: parent)?.objectValue != nil else {
                continue  // an array element: arrays may have any length
            }
            let removed = readError(bytes: ResultsFileFixtures.editing(written, at: pointer.description, to: nil).serializedBytes())
            let windowSplit = name == "operations" && parent.tokens.first == "windows"  // absent in older files
            if optional.contains(name) || maps.contains(parent.tokens.last ?? "") || windowSplit {
                XCTAssertNil(removed, "\(pointer) may be left out")
            } else {
                XCTAssertEqual(removed?.pointer, pointer, "without \(pointer): \(String(describing: removed))")
            }
        }
    }

    func testCutShortOrCorruptedFilesGiveErrorsNotTraps() throws {
        let bytes = try ResultsFile.bytes(try ResultsFileFixtures.openModelRun())
        for length in stride(from: 0, to: bytes.count, by: 211) {
            XCTAssertNotNil(readError(bytes: Array(bytes[..<length])), "cut at \(length)")
        }
        // Flipped bytes inside the encoded histograms: either still a histogram, or an error.
        var corrupted = bytes
        for index in stride(from: 0, to: corrupted.count, by: 37) where corrupted[index] == UInt8(ascii: "A") {
            corrupted[index] = UInt8(ascii: "B")
        }
        _ = readError(bytes: corrupted)
    }

    // MARK: Helpers

    /// `result` with one-value histograms: the same members, read some 600 times in a second.
    private func lightweight(_ result: LoadResult) throws -> LoadResult {
        var histogram = LatencyHistogram.make()
        histogram.record(microseconds: 12_345)
        var light = result
        for operationId in light.operations.keys {
            light.operations[operationId]?.latency = histogram
            light.operations[operationId]?.service = histogram
        }
        light.overall.latency = histogram
        light.overall.service = histogram
        light.lateness = histogram
        let encoded = try HistogramCodec.encode(histogram)
        light.windows = light.windows.map { window in
            var window = window
            window.histogram = encoded
            window.operations = window.operations.mapValues { share in
                OperationWindow(requests: share.requests, errors: share.errors, histogram: encoded)
            }
            return window
        }
        return light
    }

    private func readError(bytes: [UInt8]) -> ResultsFileError? {
        do {
            _ = try ResultsFile.read(bytes: bytes, path: "results.json")
            return nil
        } catch {
            return error
        }
    }

    /// The error for a written file with the member at `pointer` set to `value` (removed if nil).
    private func readError(editing pointer: String, to value: JSON?) throws -> ResultsFileError? {
        let written = try ResultsFileFixtures.openModelDocument()
        return readError(bytes: ResultsFileFixtures.editing(written, at: pointer, to: value).serializedBytes())
    }
}
