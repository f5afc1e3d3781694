// The parser against JSONTestSuite's parsing cases: every y_ file accepted, every n_ file
// rejected, every i_ file (implementation-defined) answered without crashing.

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

    func testEveryImplementationDefinedFileGetsAnAnswer() throws {
        let files = try SharedFiles.testSuiteCases(prefix: "i_")
        XCTAssertGreaterThan(files.count, 10)
        var answered: [String] = []
        for file in files {
            let bytes = try SharedFiles.bytes(file)
            // Either outcome is allowed; the test is that the call returns.
            if let value = try? JSON.parse(bytes) {
                answered.append("\(file.lastPathComponent): accepted \(value)")
            } else {
                answered.append("\(file.lastPathComponent): rejected")
            }
        }
        XCTAssertEqual(answered.count, files.count)
    }

    func testImplementationDefinedChoicesAreTheDocumentedOnes() throws {
        let folder = try SharedFiles.url("json-test-suite/test_parsing")
        func parse(_ name: String) throws -> JSON {
            try JSON.parse(SharedFiles.bytes(folder.appendingPathComponent(name)))
        }
        // Overflow to infinity is an error; underflow rounds to zero; huge integers become doubles.
        XCTAssertThrowsError(try parse("i_number_real_pos_overflow.json"))
        XCTAssertThrowsError(try parse("i_number_real_neg_overflow.json"))
        XCTAssertEqual(try parse("i_number_double_huge_neg_exp.json"), [0.0])
        XCTAssertEqual(try parse("i_number_very_big_negative_int.json")[0]?.typeName, "integer")
        if case .double = try parse("i_number_too_big_neg_int.json")[0] {} else { XCTFail("expected a double") }
        // Lone surrogates and invalid UTF-8 are errors; so is anything that is not UTF-8.
        XCTAssertThrowsError(try parse("i_string_invalid_lonely_surrogate.json"))
        XCTAssertThrowsError(try parse("i_string_inverted_surrogates_U+1D11E.json"))
        XCTAssertThrowsError(try parse("i_string_overlong_sequence_2_bytes.json"))
        XCTAssertThrowsError(try parse("i_string_UTF-16LE_with_BOM.json"))
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
