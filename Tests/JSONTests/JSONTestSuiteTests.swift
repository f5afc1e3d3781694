// The parser against JSONTestSuite's parsing cases: every y_ file accepted, every n_ file
// rejected, every i_ file (implementation-defined) answered as our documented policy says.

import JSON
import XCTest

final class JSONTestSuiteTests: XCTestCase {
    func testEveryMustAcceptFileParses() throws {
        let files = try SharedFiles.testSuiteCases(prefix: "y_")
        XCTAssertGreaterThan(files.count, 50)
        var failures: [String] = []
        for file in files {
            do {
                _ = try JSON.parse(SharedFiles.bytes(file))
            } catch {
                failures.append("\(file.lastPathComponent): \(error)")
            }
        }
        XCTAssertEqual(failures, [], "valid documents rejected")
    }

    func testEveryMustRejectFileFailsWithAPosition() throws {
        let files = try SharedFiles.testSuiteCases(prefix: "n_")
        XCTAssertGreaterThan(files.count, 100)
        var accepted: [String] = []
        for file in files {
            let bytes = try SharedFiles.bytes(file)
            do {
                let value = try JSON.parse(bytes)
                accepted.append("\(file.lastPathComponent) -> \(value)")
            } catch {
                XCTAssertLessThanOrEqual(error.offset, bytes.count, file.lastPathComponent)
                XCTAssertGreaterThanOrEqual(error.line, 1, file.lastPathComponent)
                XCTAssertGreaterThanOrEqual(error.column, 1, file.lastPathComponent)
                XCTAssertFalse(error.reason.isEmpty, file.lastPathComponent)
            }
        }
        XCTAssertEqual(accepted, [], "invalid documents accepted")
    }

    /// Our answer to every implementation-defined (`i_`) case, the policy in JSON+Parse.swift:
    /// - numbers: a value too large for a Double (overflow to infinity) is an error; one too small
    ///   rounds to 0; an integer too large for Int64 becomes the nearest Double;
    /// - strings: only well-formed UTF-8 is accepted, and `\u` escapes must not leave a lone or
    ///   out-of-order surrogate; UTF-16 input (with or without a byte-order mark) is not UTF-8.
    /// Accepted files map to the value they parse to; rejected ones to nil.
    private static let implementationDefinedAnswers: [String: JSON?] = [
        "i_number_double_huge_neg_exp.json": [0.0],
        "i_number_neg_int_huge_exp.json": nil,
        "i_number_real_neg_overflow.json": nil,
        "i_number_real_pos_overflow.json": nil,
        "i_number_too_big_neg_int.json": [.double(Double("-123123123123123123123123123123")!)],
        "i_number_very_big_negative_int.json": [.double(Double("-237462374673276894279832749832423479823246327846")!)],
        "i_string_1st_valid_surrogate_2nd_invalid.json": nil,
        "i_string_UTF-16LE_with_BOM.json": nil,
        "i_string_incomplete_surrogate_and_escape_valid.json": nil,
        "i_string_incomplete_surrogate_pair.json": nil,
        "i_string_incomplete_surrogates_escape_valid.json": nil,
        "i_string_invalid_lonely_surrogate.json": nil,
        "i_string_invalid_surrogate.json": nil,
        "i_string_inverted_surrogates_U+1D11E.json": nil,
        "i_string_not_in_unicode_range.json": nil,
        "i_string_overlong_sequence_2_bytes.json": nil,
        "i_string_overlong_sequence_6_bytes_null.json": nil,
        "i_string_truncated-utf-8.json": nil,
        "i_string_utf16BE_no_BOM.json": nil,
        "i_string_utf16LE_no_BOM.json": nil,
    ]

    func testEveryImplementationDefinedFileGetsTheDocumentedAnswer() throws {
        let files = try SharedFiles.testSuiteCases(prefix: "i_")
        // A new i_ file in the suite needs a decision in the table, not a silent pass.
        XCTAssertEqual(Set(files.map(\.lastPathComponent)), Set(Self.implementationDefinedAnswers.keys))
        for file in files {
            let name = file.lastPathComponent
            guard let expected = Self.implementationDefinedAnswers[name] else { continue }
            let bytes = try SharedFiles.bytes(file)
            let answer = Result { () throws(JSONParseError) -> JSON in try JSON.parse(bytes) }
            switch (answer, expected) {
            case (.success(let value), let expected?):
                XCTAssertEqual(value, expected, name)
                XCTAssertTrue(sameKinds(value, expected), "\(name): \(value) should hold doubles")
            case (.success(let value), nil):
                XCTFail("\(name): accepted as \(value), but the policy rejects it")
            case (.failure(let error), let expected?):
                XCTFail("\(name): rejected (\(error)), but the policy accepts it as \(expected)")
            case (.failure(let error), nil):
                XCTAssertFalse(error.reason.isEmpty, name)
            }
        }
    }

    func testRoundTripOfEveryMustAcceptFileIsLossless() throws {
        var failures: [String] = []
        for file in try SharedFiles.testSuiteCases(prefix: "y_") {
            let original = try JSON.parse(SharedFiles.bytes(file))
            for pretty in [false, true] {
                let text = original.serialized(pretty: pretty)
                guard let reparsed = try? JSON.parse(text) else {
                    failures.append("\(file.lastPathComponent): output does not parse: \(text)")
                    continue
                }
                if reparsed != original || !sameKinds(reparsed, original) {
                    failures.append("\(file.lastPathComponent): \(original) became \(reparsed)")
                }
            }
        }
        XCTAssertEqual(failures, [])
    }

    func testRoundTripOfTheBenchmarkPayloadIsLossless() throws {
        let bytes = try SharedFiles.bytes(SharedFiles.url("bench/list-conversations.json"))
        let original = try JSON.parse(bytes)
        XCTAssertEqual(original["conversations"]?.arrayValue?.count, 50)
        let compact = original.serializedBytes()
        XCTAssertEqual(try JSON.parse(compact), original)
        XCTAssertEqual(try JSON.parse(original.serializedBytes(pretty: true, sortedKeys: true)), original)
        // Writing the re-parsed value gives the same bytes: the writer is deterministic.
        XCTAssertEqual(try JSON.parse(compact).serializedBytes(), compact)
    }
}

/// Whether two equal values also agree on integer-versus-double everywhere (== does not check).
func sameKinds(_ a: JSON, _ b: JSON) -> Bool {
    switch (a, b) {
    case (.integer, .integer), (.double, .double), (.null, .null), (.bool, .bool), (.string, .string):
        return true
    case (.array(let x), .array(let y)):
        return x.count == y.count && zip(x, y).allSatisfy(sameKinds)
    case (.object(let x), .object(let y)):
        return x.count == y.count && x.allSatisfy { member in y[member.key].map { sameKinds(member.value, $0) } ?? false }
    default:
        return false
    }
}
