// JSON Schema compares strings code point by code point: "é" written as U+00E9 ("composed")
// and as "e" + U+0301 ("decomposed") are different values and different property names, even
// though Swift's `String ==` calls them equal. One example per keyword that compares strings.

import JSON
import JSONSchema
import XCTest

final class CodePointKeywordTests: XCTestCase {
    /// The two spellings, as JSON text escapes (for schemas) and as Swift strings.
    let composedEscape = #"\u00e9"#
    let decomposedEscape = #"e\u0301"#
    let composed = "\u{E9}"
    let decomposed = "e\u{301}"

    private func schema(_ text: String) throws -> Schema {
        try Schema(JSON.parse(text), formats: .assert)
    }

    /// Asserts that `isValid` and `validate` both answer `expected`.
    private func assertVerdict(_ schema: Schema, _ instance: JSON, _ expected: Bool,
                               file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(schema.isValid(instance), expected, "isValid on \(instance)", file: file, line: line)
        XCTAssertEqual(schema.validate(instance).isEmpty, expected, "validate on \(instance)", file: file, line: line)
    }

    func testConst() throws {
        let schema = try self.schema(#"{"const": "\#(decomposedEscape)"}"#)
        assertVerdict(schema, .string(decomposed), true)
        assertVerdict(schema, .string(composed), false)
        let object = try self.schema(#"{"const": {"\#(decomposedEscape)": 1}}"#)
        assertVerdict(object, [decomposed: 1], true)
        assertVerdict(object, [composed: 1], false)
    }

    func testEnumOfFewStringsOfManyValuesAndOfObjects() throws {
        let few = try schema(#"{"enum": ["\#(decomposedEscape)", "tea"]}"#)
        assertVerdict(few, .string(decomposed), true)
        assertVerdict(few, .string(composed), false)
        // More than eight values are looked up in a hash set.
        let many = try schema(#"{"enum": ["\#(decomposedEscape)", "a", "b", "c", "d", "e", "f", "g", "h", "i"]}"#)
        assertVerdict(many, .string(decomposed), true)
        assertVerdict(many, .string(composed), false)
        let objects = try schema(#"{"enum": [{"\#(decomposedEscape)": true}, null]}"#)
        assertVerdict(objects, [decomposed: true], true)
        assertVerdict(objects, [composed: true], false)
    }

    func testRequired() throws {
        let schema = try self.schema(#"{"required": ["\#(decomposedEscape)"]}"#)
        assertVerdict(schema, [decomposed: 1], true)
        assertVerdict(schema, [composed: 1], false)
        XCTAssertEqual(schema.validate([composed: 1]).map(\.message), ["missing required property \"\(decomposed)\""])
    }

    func testPropertiesAreTwoPropertiesWithTheirOwnSchemas() throws {
        let schema = try self.schema(#"""
            {"properties": {"\#(composedEscape)": {"type": "integer"}, "\#(decomposedEscape)": {"type": "string"}}}
            """#)
        assertVerdict(schema, [composed: 1, decomposed: "one"], true)
        assertVerdict(schema, [composed: "one"], false)
        assertVerdict(schema, [decomposed: 1], false)
        XCTAssertEqual(schema.validate([decomposed: 1]).first?.keywordLocation, "/properties/\(decomposed)/type")
    }

    func testPropertiesOfALargeSchemaAreLookedUpExactlyToo() throws {
        // More than eight declared names take the dictionary lookup.
        let filler = (0..<10).map { #""p\#($0)": {}"# }.joined(separator: ", ")
        let schema = try self.schema(#"{"properties": {\#(filler), "\#(composedEscape)": {"type": "integer"}}}"#)
        assertVerdict(schema, [composed: 1], true)
        assertVerdict(schema, [composed: "x"], false)
        assertVerdict(schema, [decomposed: "x"], true)
    }

    func testPatternPropertiesMatchTheKeyScalarByScalar() throws {
        let schema = try self.schema(#"{"patternProperties": {"^\#(composedEscape)$": {"type": "integer"}}}"#)
        assertVerdict(schema, [composed: "x"], false)
        assertVerdict(schema, [decomposed: "x"], true)
    }

    func testAdditionalAndUnevaluatedPropertiesDoNotTakeOneSpellingForTheOther() throws {
        let additional = try schema(#"{"properties": {"\#(composedEscape)": {}}, "additionalProperties": false}"#)
        assertVerdict(additional, [composed: 1], true)
        assertVerdict(additional, [decomposed: 1], false)
        XCTAssertEqual(additional.validate([decomposed: 1]).map(\.message), ["property \"\(decomposed)\" is not allowed"])
        let unevaluated = try schema(#"{"allOf": [{"properties": {"\#(composedEscape)": {}}}], "unevaluatedProperties": false}"#)
        assertVerdict(unevaluated, [composed: 1], true)
        assertVerdict(unevaluated, [decomposed: 1], false)
    }

    func testDependentRequiredAndDependentSchemas() throws {
        let required = try schema(#"{"dependentRequired": {"\#(composedEscape)": ["\#(decomposedEscape)"]}}"#)
        assertVerdict(required, [composed: 1, decomposed: 2], true)
        assertVerdict(required, [composed: 1], false)
        assertVerdict(required, [decomposed: 1], true)
        let schemas = try schema(#"{"dependentSchemas": {"\#(composedEscape)": {"required": ["x"]}}}"#)
        assertVerdict(schemas, [composed: 1], false)
        assertVerdict(schemas, [decomposed: 1], true)
    }

    func testPropertyNames() throws {
        let schema = try self.schema(#"{"propertyNames": {"enum": ["\#(composedEscape)"]}}"#)
        assertVerdict(schema, [composed: 1], true)
        assertVerdict(schema, [decomposed: 1], false)
    }

    func testUniqueItems() throws {
        let schema = try self.schema(#"{"uniqueItems": true}"#)
        assertVerdict(schema, [.string(composed), .string(decomposed)], true)
        assertVerdict(schema, [.string(composed), .string(composed)], false)
        assertVerdict(schema, [[composed: 1], [decomposed: 1]], true)
        // Beyond 16 items duplicates are found by hashing.
        let many = (0..<20).map { JSON.string("item \($0)") }
        assertVerdict(schema, .array(many + [.string(composed), .string(decomposed)]), true)
        assertVerdict(schema, .array(many + [.string(decomposed), .string(decomposed)]), false)
    }

    func testReferencesToDifferentlySpelledDefinitionsReachDifferentSchemas() throws {
        let schema = try self.schema(#"""
            {"$defs": {"\#(composedEscape)": {"type": "integer"}, "\#(decomposedEscape)": {"type": "string"}},
             "properties": {"a": {"$ref": "#/$defs/\#(composedEscape)"}, "b": {"$ref": "#/$defs/\#(decomposedEscape)"}}}
            """#)
        assertVerdict(schema, ["a": 1, "b": "one"], true)
        assertVerdict(schema, ["a": "one"], false)
        assertVerdict(schema, ["b": 1], false)
    }

    func testKelvinSignIsNotTheLetterK() throws {
        // U+212A KELVIN SIGN is canonically equivalent to ASCII "K".
        let kelvin = "\u{212A}"
        let values = try schema(#"{"enum": ["K", "M"]}"#)
        assertVerdict(values, "K", true)
        assertVerdict(values, .string(kelvin), false)
        let names = try schema(#"{"required": ["K"], "properties": {"K": {"type": "integer"}}}"#)
        assertVerdict(names, ["K": 1], true)
        assertVerdict(names, [kelvin: 1], false)
        assertVerdict(names, ["K": 1, kelvin: "not checked by properties/K"], true)
    }
}
