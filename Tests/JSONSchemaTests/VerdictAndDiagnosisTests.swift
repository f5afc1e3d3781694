// `isValid` and `validate` run the same evaluator in two modes: a verdict (stops at the first
// failure, takes shortcuts such as testing `type` first and answering `type`-only leaves in the
// parent) and a diagnosis (keeps going and records errors). These examples pin the corners where
// the shortcuts could make the modes disagree, and the differential tests run both modes
// directly — not through `validate`, which asks the verdict first — on every case of the
// JSON-Schema-Test-Suite and on seeded random variations of real documents.

import Foundation
import JSON
@testable import JSONSchema
import XCTest

final class VerdictAndDiagnosisTests: XCTestCase {
    private func schema(_ text: String, formats: FormatMode = .assert) throws -> Schema {
        try Schema(JSON.parse(text), formats: formats)
    }

    /// Asserts that both paths give `expected` for `instanceText`.
    private func assertVerdict(_ schema: Schema, _ instanceText: String, _ expected: Bool,
                               file: StaticString = #filePath, line: UInt = #line) throws {
        let instance = try JSON.parse(instanceText)
        XCTAssertEqual(schema.isValid(instance), expected, "isValid on \(instanceText)", file: file, line: line)
        XCTAssertEqual(schema.validate(instance).isEmpty, expected, "validate on \(instanceText)", file: file, line: line)
        XCTAssertEqual(schema.diagnose(instance).valid, expected, "diagnosis alone on \(instanceText)", file: file, line: line)
    }

    func testLongPropertyNamesFromTheParserMatchTheSchemaNamesByContent() throws {
        // Names over 15 bytes live in separate storage in schema and instance: compared byte by byte.
        let schema = try self.schema(#"""
            {"properties": {"assigned_agent_id": {"type": "string"}, "a_very_long_property_name_indeed": {"type": "integer"}}}
            """#)
        try assertVerdict(schema, #"{"assigned_agent_id": "ag-1", "a_very_long_property_name_indeed": 3}"#, true)
        try assertVerdict(schema, #"{"assigned_agent_id": 7}"#, false)
        try assertVerdict(schema, #"{"a_very_long_property_name_indeed": "three"}"#, false)
        // Same length, one byte different: not the declared property, so unconstrained.
        try assertVerdict(schema, #"{"assigned_agent_ix": 7, "a_very_long_property_name_indeeD": "x"}"#, true)
    }

    func testMembersInAnotherOrderThanTheSchemaAreStillChecked() throws {
        let schema = try self.schema(#"""
            {"properties": {"a": {"type": "string"}, "b": {"type": "integer"}, "c": {"type": "boolean"}},
             "required": ["a", "b", "c"]}
            """#)
        try assertVerdict(schema, #"{"c": true, "b": 1, "a": "x"}"#, true)
        try assertVerdict(schema, #"{"c": true, "b": "one", "a": "x"}"#, false)
        try assertVerdict(schema, #"{"c": true, "a": "x"}"#, false)
    }

    func testCanonicallyEquivalentNamesAndEnumValuesAreDifferentOnBothPaths() throws {
        // Different code points, equal Swift strings: KELVIN SIGN is canonically "K"; "é" composed or not.
        let names = try self.schema(#"{"properties": {"K": {"type": "integer"}}, "required": ["K"]}"#)
        try assertVerdict(names, "{\"\u{212A}\": \"not an integer\"}", false)
        try assertVerdict(names, "{\"K\": 1, \"\u{212A}\": \"not an integer\"}", true)
        let values = try self.schema(#"{"enum": ["caf\u00e9", "tea"]}"#)
        try assertVerdict(values, "\"cafe\u{301}\"", false)
        try assertVerdict(values, "\"caf\u{E9}\"", true)
        try assertVerdict(values, #""coffee""#, false)
        try assertVerdict(values, #""tea""#, true)
    }

    func testStringEnumRejectsOtherKindsAndNearMisses() throws {
        let schema = try self.schema(#"{"enum": ["new", "assigned", "resolved", "reopened"]}"#)
        try assertVerdict(schema, #""resolved""#, true)
        try assertVerdict(schema, #""resolvee""#, false)
        try assertVerdict(schema, #""Resolved""#, false)
        try assertVerdict(schema, "3", false)
        try assertVerdict(schema, "null", false)
    }

    func testTypeOnlyLeavesAcceptIntegralDoublesAsIntegers() throws {
        let schema = try self.schema(#"{"type": "array", "items": {"type": "integer"}}"#)
        try assertVerdict(schema, "[1, 2.0, -3]", true)
        try assertVerdict(schema, "[1, 2.5]", false)
        try assertVerdict(schema, #"[1, "2"]"#, false)
    }

    func testUnevaluatedPropertiesBelowAPlainSchemaIsStillEnforced() throws {
        // The outer schema takes the fast path; the inner one needs evaluated-location records.
        let schema = try self.schema(#"""
            {"type": "object", "properties": {"user": {
              "allOf": [{"properties": {"id": {"type": "string"}}}],
              "unevaluatedProperties": false}}}
            """#)
        try assertVerdict(schema, #"{"user": {"id": "u-1"}}"#, true)
        try assertVerdict(schema, #"{"user": {"id": "u-1", "extra": 1}}"#, false)
        try assertVerdict(schema, #"{"user": {"id": 5}}"#, false)
    }

    func testDateTimeFormatIsCheckedInPlaceOnlyWhenFormatsAssert() throws {
        let text = #"{"type": "array", "items": {"type": "string", "format": "date-time"}}"#
        try assertVerdict(try schema(text), #"["2026-11-24T10:00:00.000Z", "2024-02-29T23:59:60Z"]"#, true)
        try assertVerdict(try schema(text), #"["2026-11-24T10:00:00.000Z", "2026-02-29T10:00:00Z"]"#, false)
        try assertVerdict(try schema(text), #"["2026-11-24 10:00:00Z"]"#, false)
        try assertVerdict(try schema(text, formats: .annotate), #"["2026-02-29T10:00:00Z"]"#, true)
    }

    func testReferencesAndCombinatorsOnTheFastPath() throws {
        let schema = try self.schema(#"""
            {"$defs": {"id": {"type": "string", "minLength": 2}},
             "type": "object",
             "properties": {
               "id": {"$ref": "#/$defs/id"},
               "kind": {"oneOf": [{"const": "a"}, {"const": "b"}]},
               "size": {"anyOf": [{"type": "integer", "minimum": 0}, {"type": "null"}]},
               "tags": {"type": "array", "items": {"not": {"const": ""}}, "maxItems": 2}},
             "additionalProperties": false}
            """#)
        try assertVerdict(schema, #"{"id": "ab", "kind": "a", "size": null, "tags": ["x"]}"#, true)
        try assertVerdict(schema, #"{"id": "a"}"#, false)
        try assertVerdict(schema, #"{"kind": "c"}"#, false)
        try assertVerdict(schema, #"{"size": -1}"#, false)
        try assertVerdict(schema, #"{"tags": ["x", ""]}"#, false)
        try assertVerdict(schema, #"{"tags": ["x", "y", "z"]}"#, false)
        try assertVerdict(schema, #"{"other": 1}"#, false)
    }

    // MARK: - Differential

    func testBothModesAgreeOnEveryCaseOfTheSuite() throws {
        var cases = 0
        var disagreements: [String] = []
        try forEachSuiteGroup { name, schema, instances in
            for instance in instances {
                cases += 1
                if let problem = disagreement(schema, instance) { disagreements.append("\(name): \(problem)") }
            }
        }
        XCTAssertGreaterThan(cases, 1000, "the suite looks truncated")
        XCTAssertEqual(disagreements, [])
    }

    func testBothModesAgreeOnSeededVariationsOfSuiteInstances() throws {
        var random = SeededRandom(seed: 2026)
        var cases = 0
        var disagreements: [String] = []
        try forEachSuiteGroup { name, schema, instances in
            let words = strings(in: .array(instances))
            for instance in instances {
                for _ in 0..<4 {
                    let variation = random.mutation(of: instance, words: words)
                    cases += 1
                    if let problem = disagreement(schema, variation) { disagreements.append("\(name): \(problem)") }
                }
            }
        }
        XCTAssertGreaterThan(cases, 4000)
        XCTAssertEqual(disagreements, [])
    }

    func testBothModesAgreeOnSeededVariationsOfTheListConversationsResponse() throws {
        // The Freshchat "list conversations" response and its schema from the spec (the benchmark's pair).
        let schemaJSON = try SharedData.json("bench/list-conversations.schema.json")
        let document = try SharedData.json("bench/list-conversations.json")
        let schema = try Schema(schemaJSON, formats: .assert)
        XCTAssertTrue(schema.isValid(document))
        let words = strings(in: schemaJSON) + strings(in: document) + ["\u{E9}", "e\u{301}", "\u{212A}", "2026-02-30T10:00:00Z"]
        var random = SeededRandom(seed: 7)
        var invalid = 0
        var disagreements: [String] = []
        for _ in 0..<1500 {
            var variation = document
            for _ in 0...random.below(3) { variation = random.mutation(of: variation, words: words) }
            if !schema.isValid(variation) { invalid += 1 }
            if let problem = disagreement(schema, variation) { disagreements.append(problem) }
        }
        XCTAssertGreaterThan(invalid, 300, "the variations should exercise failures, not only valid documents")
        XCTAssertEqual(disagreements, [])
    }

    // MARK: - Helpers

    /// Why the verdict and the diagnosis disagree on `instance`, or nil when they agree (and the
    /// diagnosis has errors exactly when it says invalid).
    private func disagreement(_ schema: Schema, _ instance: JSON) -> String? {
        let verdict = schema.isValid(instance)
        let diagnosis = schema.diagnose(instance)
        if verdict != diagnosis.valid {
            return "verdict \(verdict), diagnosis \(diagnosis.valid) on \(instance.serialized().prefix(200))"
        }
        if diagnosis.valid != diagnosis.errors.isEmpty {
            return "diagnosis \(diagnosis.valid) with \(diagnosis.errors.count) errors on \(instance.serialized().prefix(200))"
        }
        return nil
    }

    /// Calls `body` with each group of the suite (required tests with formats as annotations,
    /// optional/format with formats asserted): its name, compiled schema and test instances.
    private func forEachSuiteGroup(_ body: (String, Schema, [JSON]) -> Void) throws {
        let registry = try SharedData.suiteRegistry()
        for (folder, formats) in [("tests", FormatMode.annotate), ("tests/optional/format", .assert)] {
            for (file, content) in try SharedData.suiteFiles(folder) {
                for group in content.arrayValue ?? [] {
                    guard let schemaJSON = group["schema"],
                          let schema = try? Schema(schemaJSON, registry: registry, formats: formats) else { continue }
                    let instances = (group["tests"]?.arrayValue ?? []).compactMap { $0["data"] }
                    body("\(folder)/\(file) | \(group["description"]?.stringValue ?? "?")", schema, instances)
                }
            }
        }
    }

    /// Every string and object key in `value`, for mutations that should hit names the schema knows.
    private func strings(in value: JSON) -> [String] {
        switch value {
        case .string(let text): return [text]
        case .array(let elements): return elements.flatMap { strings(in: $0) }
        case .object(let object): return object.flatMap { [$0.key] + strings(in: $0.value) }
        default: return []
        }
    }
}

/// A small seeded generator (SplitMix64), so the random variations are the same on every run.
private struct SeededRandom {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in 0..<bound (bound > 0).
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }

    mutating func pick<Element>(_ choices: [Element]) -> Element? {
        choices.isEmpty ? nil : choices[below(choices.count)]
    }

    /// `value` with one change somewhere inside it: a value replaced, a member or item removed
    /// or added, a string or number nudged.
    mutating func mutation(of value: JSON, words: [String]) -> JSON {
        switch value {
        case .array(var elements) where !elements.isEmpty && below(3) != 0:
            let position = below(elements.count)
            elements[position] = mutation(of: elements[position], words: words)
            return .array(elements)
        case .object(let object) where !object.isEmpty && below(3) != 0:
            var members = object.members
            let position = below(members.count)
            members[position].value = mutation(of: members[position].value, words: words)
            return .object(JSONObject(uniqueMembers: members))
        default:
            return change(value, words: words)
        }
    }

    private mutating func change(_ value: JSON, words: [String]) -> JSON {
        switch (below(7), value) {
        case (0, .object(var object)) where !object.isEmpty:
            object[object.keys[below(object.count)]] = nil
            return .object(object)
        case (1, .object(var object)):
            object[pick(words) ?? "extra"] = scalar(words: words)
            return .object(object)
        case (2, .array(var elements)) where !elements.isEmpty:
            elements.remove(at: below(elements.count))
            return .array(elements)
        case (3, .array(var elements)):
            elements.append(pick(elements) ?? scalar(words: words))
            return .array(elements)
        case (4, .string(let text)):
            return .string(below(2) == 0 ? String(text.dropLast()) : text + (pick(words) ?? "x"))
        case (5, .integer(let integer)):
            return below(2) == 0 ? .integer(integer &+ Int64(below(3)) &- 1) : .double(Double(integer) + 0.5)
        case (6, _):
            return below(2) == 0 ? [value] : ["wrapped": value]
        default:
            return scalar(words: words)
        }
    }

    private mutating func scalar(words: [String]) -> JSON {
        switch below(9) {
        case 0: return .null
        case 1: return .bool(below(2) == 0)
        case 2: return .integer(Int64(below(200)) - 100)
        case 3: return .double([0.5, -2.5, 1e300, 3.0][below(4)])
        case 4: return []
        case 5: return [:]
        default: return .string(pick(words) ?? "")
        }
    }
}
