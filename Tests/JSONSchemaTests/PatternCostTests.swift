// The bound on pattern matching (PatternCost.swift): patterns that can backtrack exponentially
// are never run, polynomial ones only on texts short enough, and a text that is not checked
// is reported, never counted as a mismatch.

import Dispatch
import Foundation
import JSON
import JSONSchema
import XCTest

final class PatternCostTests: XCTestCase {
    /// Runs `body` on another thread and fails when it has not finished after `seconds`: a
    /// bounded wait, not a timing assertion (a match that hangs keeps its thread, and the
    /// test says so instead of hanging the suite).
    private func finishes(within seconds: Int, _ what: String, _ body: @escaping @Sendable () -> Void,
                          file: StaticString = #filePath, line: UInt = #line) {
        let done = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            body()
            done.signal()
        }
        if done.wait(timeout: .now() + .seconds(seconds)) == .timedOut {
            XCTFail("\(what) did not finish within \(seconds) s", file: file, line: line)
        }
    }

    func testPatternsThatBacktrackExponentiallyAreNeverRun() throws {
        for pattern in [#"^(a+)+$"#, #"^(a|a)*$"#, #"^(\d+\.?)+$"#, #"^(a|ab)*c$"#, #"(x+x+)+y"#, #"^(\w+\s?)*$"#,
                        #"^(a?){25}a{25}$"#, #"^([a-z]*)*$"#] {
            let regex = try PatternRegex(pattern)
            XCTAssertTrue(regex.cost.neverRuns, pattern)
            XCTAssertTrue(regex.cost.reason?.contains("backtracks exponentially") ?? false, "\(pattern): \(regex.cost.reason ?? "-")")
            let text = String(repeating: "a", count: 40) + "b"
            finishes(within: 10, pattern) { XCTAssertNil(regex.test(text), pattern) }
            XCTAssertFalse(regex.matches(text), "not run counts as no match for `matches`; `test` tells them apart")
        }
    }

    func testLinearPatternsRunOnAnyText() throws {
        let long = String(repeating: "a", count: 200_000)
        for pattern in [#"^[a-z0-9]+(-[a-z0-9]+)*$"#, #"^\d+$"#, "a+", "^a*$", #"^\p{Letter}+$"#, "[0-9]{2,}", "b.*", "x",
                        #"^[0-9]+x"#, #"^\d{4}-\d{2}-\d{2}$"#, #"^(ab|cd)+$"#, #"^[^@]+@[^@]+$"#] {
            let regex = try PatternRegex(pattern)
            XCTAssertEqual(regex.cost.longestText, .max, "\(pattern): \(regex.cost.reason ?? "")")
            XCTAssertNotNil(regex.test(long), pattern)
        }
    }

    func testPolynomialPatternsRunOnlyOnTextsShortEnough() throws {
        // n^d ≤ 10⁷: d = 2 → 3,162 characters, d = 4 → 56.
        let cases: [(pattern: String, longest: Int, unit: String, tail: String)] = [
            (#"[0-9]+x"#, 3_162, "1", ""),                          // unanchored search that can fail after scanning
            (#"\s+$"#, 3_162, " ", "x"),
            (#"^([\w-]+\.)+[a-z]{2,}$"#, 3_162, "a.", "!"),          // the outer + and [a-z] share letters
            (#"^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$"#, 3_162, "a", "@"),
            (#"a*a*a*x"#, 56, "a", ""),
            (#"^(?=.*[A-Z])(?=.*\d).{8,}$"#, 3_162, "a", ""),
        ]
        for entry in cases {
            let regex = try PatternRegex(entry.pattern)
            XCTAssertEqual(regex.cost.longestText, entry.longest, "\(entry.pattern): \(regex.cost.reason ?? "")")
            XCTAssertTrue(regex.cost.reason?.hasPrefix("matching can cost n^") ?? false, regex.cost.reason ?? "-")
            // The worst texts the rule lets through finish (each within a bounded wait) …
            let units = max(1, (entry.longest - entry.tail.unicodeScalars.count) / entry.unit.unicodeScalars.count)
            let atBound = String(repeating: entry.unit, count: units) + entry.tail
            finishes(within: 30, "\(entry.pattern) on \(atBound.count) characters") {
                XCTAssertNotNil(regex.test(atBound), entry.pattern)
            }
            // … and one character more is not run.
            let over = String(repeating: "a", count: entry.longest + 1)
            XCTAssertNil(regex.test(over), entry.pattern)
            XCTAssertTrue(regex.notRunReason(length: over.count).contains("not run on text longer than \(entry.longest) characters"))
        }
    }

    func testInlineOptionsAreNotAnalysedAndSoNeverRun() throws {
        let regex = try PatternRegex("(?i)^abc$")
        XCTAssertTrue(regex.cost.neverRuns)
        XCTAssertTrue(regex.cost.reason?.contains("cannot analyse") ?? false, regex.cost.reason ?? "-")
    }

    func testASchemaNamesItsPatternsThatAreNeverRunAndNotesTheValuesItDidNotCheck() throws {
        let schema = try Schema(JSON.parse(#"""
            {"type": "object",
             "properties": {"name": {"type": "string", "pattern": "^(a+)+$"},
                            "code": {"type": "string", "pattern": "[0-9]+x"},
                            "id": {"type": "string", "pattern": "^[a-z]+$"}},
             "patternProperties": {"^(x+x+)+y$": {"type": "integer"}},
             "additionalProperties": false}
            """#))
        XCTAssertEqual(schema.patternsNeverRun.count, 2, "\(schema.patternsNeverRun)")
        XCTAssertTrue(schema.patternsNeverRun.contains { $0.hasSuffix("#/properties/name/pattern: the pattern /^(a+)+$/ is never run, so values are not checked against it: the repeated part '(a+)+' can split the same text in more than one way, so a failing match backtracks exponentially") },
                      "\(schema.patternsNeverRun)")

        let hostile: JSON = ["name": .string(String(repeating: "a", count: 40) + "b"),
                             "code": .string(String(repeating: "1", count: 5_000)),
                             "id": "abc",
                             "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxz": "not an integer"]
        let collected = CollectedNotes()
        finishes(within: 30, "validating the hostile instance") {
            let unchecked = UncheckedPatterns()
            XCTAssertEqual(schema.validate(hostile, unchecked: unchecked), [], "what is not checked never fails")
            collected.set(unchecked.notes)
        }
        let unchecked = (notes: collected.get(), ())
        XCTAssertEqual(unchecked.notes.count, 3, "\(unchecked.notes)")
        XCTAssertTrue(unchecked.notes.contains { $0.contains("not checked: the pattern /^(a+)+$/ is never run") }, "\(unchecked.notes)")
        XCTAssertTrue(unchecked.notes.contains { $0.contains("not checked: the pattern /[0-9]+x/ is not run on text longer than 3162 characters (found 5000)") },
                      "\(unchecked.notes)")
        XCTAssertTrue(unchecked.notes.contains { $0.contains("/^(x+x+)+y$/") }, "a key the pattern was not run on is not an additional property")

        // Patterns that can run still check.
        XCTAssertEqual(schema.validate(["id": "ABC"]).map(\.keyword), ["pattern"])
    }
}

/// Notes handed from the thread that validated to the test.
private final class CollectedNotes: @unchecked Sendable {
    private let lock = NSLock()
    private var notes: [String] = []
    func set(_ value: [String]) { lock.withLock { notes = value } }
    func get() -> [String] { lock.withLock { notes } }
}
