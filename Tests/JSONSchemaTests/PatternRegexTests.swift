// The regex dialect shared by schema `pattern` and scenario `matches` (PatternRegex), and
// compiled schemas used from many threads at once, which is what their `Sendable` promises.

import Dispatch
import JSON
import JSONSchema
import NIOConcurrencyHelpers
import XCTest

final class PatternRegexTests: XCTestCase {
    func testTheSearchIsUnanchoredAndAnchorsWork() throws {
        XCTAssertTrue(try PatternRegex("b+").matches("abbc"))
        XCTAssertFalse(try PatternRegex("^b").matches("abbc"))
        XCTAssertTrue(try PatternRegex("^a.*c$").matches("abbc"))
    }

    func testDigitsAndWordCharactersAreASCIIButSpacesAndPropertiesAreUnicode() throws {
        XCTAssertFalse(try PatternRegex(#"^\d$"#).matches("٣"), "ARABIC-INDIC DIGIT THREE")
        XCTAssertFalse(try PatternRegex(#"^\w$"#).matches("é"))
        XCTAssertTrue(try PatternRegex(#"^\s$"#).matches("\u{2003}"), "EM SPACE")
        XCTAssertTrue(try PatternRegex(#"^\p{L}$"#).matches("é"))
    }

    func testDotIsOneScalarAndDollarIsTheVeryEnd() throws {
        XCTAssertTrue(try PatternRegex("^.$").matches("😀"), "an astral character is one scalar")
        XCTAssertFalse(try PatternRegex("^.$").matches("e\u{301}"), "a combining accent is a second scalar")
        XCTAssertFalse(try PatternRegex("^a$").matches("a\n"), "$ does not match before a final newline")
    }

    func testAnInvalidPatternThrows() {
        XCTAssertThrowsError(try PatternRegex("([a-z"))
        XCTAssertThrowsError(try Schema(JSON.parse(#"{"pattern": "([a-z"}"#))) { error in
            guard case SchemaCompileError.invalidPattern(let pattern, _, let location)? = error as? SchemaCompileError else {
                return XCTFail("unexpected error \(error)")
            }
            XCTAssertEqual(pattern, "([a-z")
            XCTAssertTrue(location.hasSuffix("#/pattern"), location)
        }
    }

    func testOnePatternMatchedFromManyThreadsAtOnce() throws {
        let pattern = try PatternRegex(#"^conv-\d{4}$"#)
        let answers = AnswerLog(count: 2000)
        DispatchQueue.concurrentPerform(iterations: 2000) { index in
            let text = index % 2 == 0 ? "conv-\(1000 + index % 9000)" : "conv-x\(index)"
            answers.record(index, pattern.matches(text) == (index % 2 == 0))
        }
        XCTAssertEqual(answers.wrong, [])
    }

    func testOneCompiledSchemaValidatesFromManyThreadsAtOnce() throws {
        // Compiled schemas are shared by every worker of a load run: patterns, enums, property
        // maps and `$ref`s all read concurrently.
        let schema = try Schema(JSON.parse(#"""
            {"$defs": {"id": {"type": "string", "pattern": "^c-\\d+$"}},
             "type": "object", "required": ["id", "status"],
             "properties": {"id": {"$ref": "#/$defs/id"}, "status": {"enum": ["new", "assigned", "resolved"]},
                            "tags": {"type": "array", "items": {"type": "string"}, "uniqueItems": true}},
             "additionalProperties": false}
            """#), formats: .assert)
        let valid: JSON = ["id": "c-12", "status": "new", "tags": ["a", "b"]]
        let invalid: JSON = ["id": "c-x", "status": "closed", "tags": ["a", "a"], "extra": 1]
        let answers = AnswerLog(count: 1000)
        DispatchQueue.concurrentPerform(iterations: 1000) { index in
            let even = index % 2 == 0
            let instance = even ? valid : invalid
            let ok = schema.isValid(instance) == even && schema.validate(instance).isEmpty == even
            answers.record(index, ok)
        }
        XCTAssertEqual(answers.wrong, [])
        XCTAssertEqual(schema.validate(invalid).count, 4)
    }
}

/// Which of many concurrent checks gave the wrong answer.
private final class AnswerLog: Sendable {
    private let wrongIndexes = NIOLockedValueBox<[Int]>([])

    init(count: Int) { wrongIndexes.withLockedValue { $0.reserveCapacity(count) } }

    func record(_ index: Int, _ correct: Bool) {
        guard !correct else { return }
        wrongIndexes.withLockedValue { $0.append(index) }
    }

    var wrong: [Int] { wrongIndexes.withLockedValue { $0.sorted() } }
}
