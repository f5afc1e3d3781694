// Error messages and locations a person reads: what was expected, what was found, where in the
// instance, and which keyword (through $ref) said no.

import JSON
import JSONSchema
import XCTest

final class ValidationErrorTests: XCTestCase {
    private func schema(_ text: String, formats: FormatMode = .assert) throws -> Schema {
        try Schema(JSON.parse(text), formats: formats)
    }

    func testWrongEnumValueNamesTheAllowedValuesAndTheInstanceLocation() throws {
        let schema = try self.schema(#"""
            {"properties": {"conversations": {"type": "array", "items": {"properties": {
              "status": {"type": "string", "enum": ["new", "assigned", "resolved", "reopened"]}}}}}}
            """#)
        let errors = schema.validate(try JSON.parse(#"{"conversations": [{}, {}, {}, {"status": "closed"}]}"#))
        XCTAssertEqual(errors.count, 1)
        XCTAssertEqual(errors.first?.description, #"/conversations/3/status: "closed" is not one of new, assigned, resolved, reopened"#)
        XCTAssertEqual(errors.first?.keywordLocation, "/properties/conversations/items/properties/status/enum")
        XCTAssertEqual(errors.first?.keyword, "enum")
        XCTAssertEqual(errors.first?.instanceLocation.tokens, ["conversations", "3", "status"])
    }

    func testWrongTypeSaysExpectedAndFound() throws {
        let schema = try self.schema(#"{"properties": {"id": {"type": "string"}}}"#)
        let errors = schema.validate(try JSON.parse(#"{"id": 42}"#))
        XCTAssertEqual(errors.map(\.description), ["/id: expected string, found integer 42"])
        XCTAssertEqual(errors.first?.keywordLocation, "/properties/id/type")
    }

    func testBadDateTimeIsReportedWhenFormatsAssert() throws {
        let text = #"{"properties": {"created_time": {"type": "string", "format": "date-time"}}}"#
        let instance = try JSON.parse(#"{"created_time": "2026-13-01"}"#)
        XCTAssertEqual(try schema(text).validate(instance).map(\.description),
                       [#"/created_time: "2026-13-01" is not a valid date-time"#])
        XCTAssertTrue(try schema(text, formats: .annotate).validate(instance).isEmpty, "formats only annotate by default")
    }

    func testMissingRequiredPropertyIsNamed() throws {
        let schema = try self.schema(#"{"required": ["app_id", "channel_id"]}"#)
        let errors = schema.validate(try JSON.parse(#"{"channel_id": "c"}"#))
        XCTAssertEqual(errors.map(\.message), [#"missing required property "app_id""#])
        XCTAssertEqual(errors.first?.description, #"/: missing required property "app_id""#)
        XCTAssertEqual(errors.first?.keywordLocation, "/required")
    }

    func testErrorsThroughRefShowTheRefInTheKeywordLocation() throws {
        let schema = try self.schema(#"""
            {"$defs": {"user": {"properties": {"id": {"type": "string"}}}},
             "properties": {"users": {"items": {"$ref": "#/$defs/user"}}}}
            """#)
        let errors = schema.validate(try JSON.parse(#"{"users": [{"id": "a"}, {"id": true}]}"#))
        XCTAssertEqual(errors.first?.keywordLocation, "/properties/users/items/$ref/properties/id/type")
        XCTAssertEqual(errors.first?.description, "/users/1/id: expected string, found boolean true")
    }

    func testAllErrorsAreReportedInDocumentOrderUpToTheCap() throws {
        let schema = try self.schema(#"{"items": {"type": "integer"}}"#)
        let instance = try JSON.parse(#"["a", 1, "b", "c", 2.5]"#)
        XCTAssertEqual(schema.validate(instance).map { $0.instanceLocation.description }, ["/0", "/2", "/3", "/4"])
        XCTAssertEqual(schema.validate(instance, maxErrors: 2).count, 2)
        XCTAssertFalse(schema.isValid(instance))
    }

    func testAnyOfFailureGivesOneSummaryAndTheClosestBranchErrors() throws {
        let schema = try self.schema(#"""
            {"anyOf": [{"type": "string"},
                       {"type": "object", "required": ["id"], "properties": {"id": {"type": "string"}}}]}
            """#)
        let errors = schema.validate(try JSON.parse(#"{"id": 7}"#))
        XCTAssertEqual(errors.first?.keyword, "anyOf")
        XCTAssertTrue(errors.first?.message.contains("none of the 2 anyOf alternatives") ?? false, errors.first?.message ?? "")
        XCTAssertTrue(errors.first?.message.contains("#1") ?? false, "the object branch is closest: \(errors)")
        XCTAssertEqual(errors.dropFirst().map(\.keywordLocation), ["/anyOf/1/properties/id/type"])
    }

    func testOneOfMatchingTwiceSaysWhichAlternativesMatched() throws {
        let schema = try self.schema(#"{"oneOf": [{"type": "integer"}, {"minimum": 0}]}"#)
        let errors = schema.validate(3)
        XCTAssertEqual(errors.count, 1)
        XCTAssertEqual(errors.first?.message, "3 matches 2 oneOf alternatives (#0, #1); exactly one must match")
    }

    func testAdditionalPropertyFalseNamesTheProperty() throws {
        let schema = try self.schema(#"{"properties": {"a": true}, "additionalProperties": false}"#)
        XCTAssertEqual(schema.validate(try JSON.parse(#"{"a": 1, "b": 2}"#)).map(\.description),
                       [#"/: property "b" is not allowed"#])
    }

    func testNumberBoundsCompareIntegersAndDoublesExactly() throws {
        let schema = try self.schema(#"{"maximum": 9007199254740992}"#)
        XCTAssertFalse(schema.isValid(.integer(9_007_199_254_740_993)), "2^53 + 1 is above 2^53 even though Double rounds it down")
        XCTAssertTrue(schema.isValid(.integer(9_007_199_254_740_992)))
        XCTAssertEqual(schema.validate(.integer(9_007_199_254_740_993)).first?.message,
                       "expected at most 9007199254740992, found 9007199254740993")
    }

    func testMultipleOfSmallDecimalsIsExact() throws {
        let schema = try self.schema(#"{"multipleOf": 0.0001}"#)
        XCTAssertTrue(schema.isValid(0.0075))
        XCTAssertTrue(schema.isValid(19.99))
        XCTAssertFalse(schema.isValid(0.00751))
    }

    func testStringLengthCountsCodePoints() throws {
        let schema = try self.schema(#"{"maxLength": 2, "minLength": 2}"#)
        XCTAssertTrue(schema.isValid("💩💩"), "two code points (four UTF-16 units)")
        XCTAssertFalse(schema.isValid("e\u{301}e"), "three code points, two grapheme clusters")
    }

    func testPatternSearchesUnanchoredWithAsciiDigits() throws {
        let schema = try self.schema(#"{"pattern": "\\d{3}"}"#)
        XCTAssertTrue(schema.isValid("abc123def"))
        XCTAssertFalse(schema.isValid("١٢٣"), "\\d is ASCII-only, as in ECMA-262")
        XCTAssertEqual(schema.validate("12").first?.message, #""12" does not match the pattern \d{3}"#)
    }

    func testSelfRecursiveSchemaWithoutProgressFailsInsteadOfHanging() throws {
        let schema = try self.schema(##"{"$defs": {"loop": {"$ref": "#/$defs/loop"}}, "$ref": "#/$defs/loop"}"##)
        XCTAssertFalse(schema.isValid(1))
        XCTAssertTrue(schema.validate(1).first?.message.contains("recursion") ?? false)
    }

    func testUnresolvableRefIsACompileErrorNamingTheReference() throws {
        XCTAssertThrowsError(try self.schema(#"{"$ref": "https://example.com/missing.json"}"#)) { error in
            guard case SchemaCompileError.unresolvableReference(let reference, _, _)? = error as? SchemaCompileError else {
                return XCTFail("unexpected error \(error)")
            }
            XCTAssertEqual(reference, "https://example.com/missing.json")
        }
    }

    func testRegistryDocumentsResolveRemoteRefs() throws {
        let remote = try JSON.parse(#"{"$defs": {"id": {"type": "string", "minLength": 1}}}"#)
        let registry = SchemaRegistry(["https://schemas.example.com/common.json": remote])
        let schema = try Schema(JSON.parse(#"{"$ref": "common.json#/$defs/id"}"#),
                                baseURI: "https://schemas.example.com/root.json", registry: registry)
        XCTAssertTrue(schema.isValid("x"))
        XCTAssertFalse(schema.isValid(""))
    }

    // MARK: - Counts read as English

    /// The one message `validate` gives for `instanceText` against `schemaText`.
    private func message(_ schemaText: String, _ instanceText: String, file: StaticString = #filePath, line: UInt = #line) throws -> String? {
        let errors = try schema(schemaText).validate(JSON.parse(instanceText))
        XCTAssertEqual(errors.count, 1, "\(errors)", file: file, line: line)
        return errors.first?.message
    }

    func testStringLengthMessagesCountCharactersInTheSingularAndPlural() throws {
        XCTAssertEqual(try message(#"{"maxLength": 1}"#, #""ab""#), #"expected at most 1 character, found 2 in "ab""#)
        XCTAssertEqual(try message(#"{"maxLength": 2}"#, #""abc""#), #"expected at most 2 characters, found 3 in "abc""#)
        XCTAssertEqual(try message(#"{"minLength": 1}"#, #""""#), #"expected at least 1 character, found 0 in """#)
        XCTAssertEqual(try message(#"{"minLength": 3}"#, #""ab""#), #"expected at least 3 characters, found 2 in "ab""#)
    }

    func testPropertyCountMessagesSayPropertyForOne() throws {
        XCTAssertEqual(try message(#"{"maxProperties": 1}"#, #"{"a": 1, "b": 2}"#), "expected at most 1 property, found 2")
        XCTAssertEqual(try message(#"{"maxProperties": 0}"#, #"{"a": 1}"#), "expected at most 0 properties, found 1")
        XCTAssertEqual(try message(#"{"minProperties": 1}"#, "{}"), "expected at least 1 property, found 0")
        XCTAssertEqual(try message(#"{"minProperties": 2}"#, #"{"a": 1}"#), "expected at least 2 properties, found 1")
    }

    func testItemCountMessagesSayItemForOne() throws {
        XCTAssertEqual(try message(#"{"maxItems": 1}"#, "[1, 2]"), "expected at most 1 item, found 2")
        XCTAssertEqual(try message(#"{"minItems": 1}"#, "[]"), "expected at least 1 item, found 0")
        XCTAssertEqual(try message(#"{"minItems": 2}"#, "[1]"), "expected at least 2 items, found 1")
        XCTAssertEqual(try message(#"{"prefixItems": [true], "items": false}"#, "[1, 2]"), "expected at most 1 item, found 2")
        XCTAssertEqual(try message(#"{"prefixItems": [true, true], "items": false}"#, "[1, 2, 3]"), "expected at most 2 items, found 3")
    }

    func testContainsMessagesSayItemForOne() throws {
        XCTAssertEqual(try message(#"{"contains": {"type": "string"}}"#, "[1]"),
                       #"expected at least 1 item matching "contains", found 0"#)
        XCTAssertEqual(try message(#"{"contains": {"type": "string"}, "minContains": 2}"#, #"["a"]"#),
                       #"expected at least 2 items matching "contains", found 1"#)
        XCTAssertEqual(try message(#"{"contains": {"type": "string"}, "maxContains": 1}"#, #"["a", "b"]"#),
                       #"expected at most 1 item matching "contains", found 2"#)
    }

    func testValuesInMessagesCountItemsAndProperties() throws {
        XCTAssertEqual(try message(#"{"const": 1}"#, "[1]"), "expected 1, found an array of 1 item")
        XCTAssertEqual(try message(#"{"const": 1}"#, "[1, 2]"), "expected 1, found an array of 2 items")
        XCTAssertEqual(try message(#"{"const": 1}"#, #"{"a": 1}"#), "expected 1, found an object with 1 property")
        XCTAssertEqual(try message(#"{"const": 1}"#, "{}"), "expected 1, found an object with 0 properties")
    }

    func testAnyOfWithOneAlternativeSaysSo() throws {
        let errors = try schema(#"{"anyOf": [{"type": "string"}]}"#).validate(1)
        XCTAssertEqual(errors.first?.message, "does not match the only anyOf alternative, #0, which fails with: expected string, found integer 1")
    }

    func testLongStringsAreCutInMessagesAndEscapedAsJSON() throws {
        let long = String(repeating: "x", count: 70)
        XCTAssertEqual(try message(#"{"const": 1}"#, "\"\(long)\""), "expected 1, found \"" + String(repeating: "x", count: 60) + "…\"")
        XCTAssertEqual(try message(#"{"const": 1}"#, #""a\"b\n""#), #"expected 1, found "a\"b\n""#)
    }
}
