// The boolean check (`isValid`) takes its own fast path — instance read in place, names compared
// by bytes, `type`-only leaves answered by the parent. These examples pin the corners where that
// path could disagree with the error-collecting `validate`.

import JSON
import JSONSchema
import XCTest

final class BooleanCheckTests: XCTestCase {
    private func schema(_ text: String, formats: FormatMode = .assert) throws -> Schema {
        try Schema(JSON.parse(text), formats: formats)
    }

    /// Asserts that both paths give `expected` for `instanceText`.
    private func assertVerdict(_ schema: Schema, _ instanceText: String, _ expected: Bool,
                               file: StaticString = #filePath, line: UInt = #line) throws {
        let instance = try JSON.parse(instanceText)
        XCTAssertEqual(schema.isValid(instance), expected, "isValid on \(instanceText)", file: file, line: line)
        XCTAssertEqual(schema.validate(instance).isEmpty, expected, "validate on \(instanceText)", file: file, line: line)
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

    func testCanonicallyEquivalentNamesAndEnumValuesGetTheSameAnswerOnBothPaths() throws {
        // Different bytes, equal Swift strings: KELVIN SIGN is canonically "K"; "é" composed or not.
        let names = try self.schema(#"{"properties": {"K": {"type": "integer"}}, "required": ["K"]}"#)
        let kelvin = "{\"\u{212A}\": \"not an integer\"}"
        let instance = try JSON.parse(kelvin)
        XCTAssertEqual(names.isValid(instance), names.validate(instance).isEmpty)
        let values = try self.schema(#"{"enum": ["caf\u00e9", "tea"]}"#)
        let decomposed = try JSON.parse("\"cafe\u{301}\"")
        XCTAssertEqual(values.isValid(decomposed), values.validate(decomposed).isEmpty)
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
}
