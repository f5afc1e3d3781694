// `SpecComparison` on schemas, keyword by keyword: each test puts schema A and schema B in the
// 200 response of one operation and reads the lines `fcharness diff-spec` would print, without
// their common prefix (`getThing  200 application/json  `).

import OpenAPI
import XCTest

final class SchemaDiffTests: XCTestCase {
    /// A spec whose one operation answers 200 with `schema`; `components` are its schemas. Both
    /// are YAML flow text (JSON works too).
    func spec(_ schema: String, components: String = "{}") -> String {
        """
        openapi: 3.1.0
        info: { title: Things, version: '1' }
        paths:
          /things:
            get:
              operationId: getThing
              responses:
                '200':
                  description: OK
                  content:
                    application/json:
                      schema: \(schema)
        components:
          schemas: \(components)
        """
    }

    /// The report's lines for schema A against schema B, prefix removed.
    func diff(_ schemaA: String, _ schemaB: String, componentsA: String = "{}", componentsB: String = "{}") throws -> [String] {
        let a = try OperationIndex(document: .load(text: spec(schemaA, components: componentsA), name: "a.yaml"))
        let b = try OperationIndex(document: .load(text: spec(schemaB, components: componentsB), name: "b.yaml"))
        let prefix = "getThing  200 application/json  "
        return try SpecComparison(a, b).differences.map { difference in
            difference.line.hasPrefix(prefix) ? String(difference.line.dropFirst(prefix.count)) : difference.line
        }
    }

    // MARK: - type

    func testATypeArrayAllowsNullBeside() throws {
        XCTAssertEqual(try diff(#"{ type: string }"#, #"{ type: [string, "null"] }"#), [
            "/type: A string, B [string, null] — B also allows null",
        ])
    }

    func testNullableIsTheSameAsATypeArrayWithNull() throws {
        XCTAssertEqual(try diff(#"{ type: string, nullable: true }"#, #"{ type: ["null", string] }"#), [])
    }

    func testNumberAllowsWhatIntegerDoesNot() throws {
        XCTAssertEqual(try diff("{ type: number }", "{ type: integer }"), [
            "/type: A number, B integer — A also allows non-integer numbers",
        ])
    }

    func testDisjointTypesAreOneLineWithoutTheKeywordsOfEither() throws {
        // A string's format says nothing about B's objects, nor B's properties about A's strings.
        XCTAssertEqual(try diff(
            "{ type: string, format: uri }",
            "{ type: object, properties: { href: { type: string } } }"), [
            "/type: A string, B object",
        ])
    }

    func testAnnotationsAreNotDifferences() throws {
        XCTAssertEqual(try diff(
            "{ type: string, description: one, example: a, title: T }",
            "{ type: string, description: two, example: b, x-note: n }"), [])
    }

    // MARK: - enum and const

    func testEnumValuesAddedAndRemoved() throws {
        XCTAssertEqual(try diff("{ enum: [new, open, closed] }", "{ enum: [new, closed, waiting] }"), [
            #"/enum: A 3 values, B 3 values — A also allows "open"; B also allows "waiting""#,
        ])
    }

    func testAnEnumOnOneSideOnly() throws {
        XCTAssertEqual(try diff("{ type: integer, enum: [1, 2] }", "{ type: integer }"), [
            "/enum: A 2 values, B none — B also allows values other than 1, 2",
        ])
    }

    func testConstAgainstEnum() throws {
        XCTAssertEqual(try diff("{ const: x }", "{ enum: [x, y] }"), [
            #"/const: A "x", B 2 values — B also allows "y""#,
        ])
    }

    // MARK: - objects

    func testRequiredMembers() throws {
        XCTAssertEqual(try diff(
            "{ type: object, required: [id, name] }",
            "{ type: object, required: [id, email] }"), [
            "/required: A [id, name], B [id, email] — A also allows objects without email; B also allows objects without name",
        ])
    }

    func testAPropertyOnOneSideIsOneLineSayingWhatTheOtherAllowsThere() throws {
        XCTAssertEqual(try diff(
            "{ type: object, properties: { id: { type: string }, code: { type: string } } }",
            "{ type: object, properties: { id: { type: string }, status: { type: string } } }"), [
            "/properties/code: only in A — B allows any value there",
            "/properties/status: only in B — A allows any value there",
        ])
    }

    func testAdditionalPropertiesFalseAgainstAbsent() throws {
        XCTAssertEqual(try diff(
            "{ type: object, properties: { id: { type: string } }, additionalProperties: false }",
            "{ type: object, properties: { id: { type: string }, extra: { type: integer } } }"), [
            "/properties/extra: only in B — B also allows it (A's additionalProperties is false)",
            "/additionalProperties: A false, B any — B also allows properties not listed in properties",
        ])
    }

    func testAdditionalPropertiesSchemasAreCompared() throws {
        XCTAssertEqual(try diff(
            "{ type: object, additionalProperties: { type: string } }",
            "{ type: object, additionalProperties: { type: integer } }"), [
            "/additionalProperties/type: A string, B integer",
        ])
    }

    // MARK: - bounds

    func testAnIntegerMaximumSaysWhichValuesTheOtherAlsoAllows() throws {
        XCTAssertEqual(try diff("{ type: integer, minimum: 1, maximum: 50 }", "{ type: integer, minimum: 1, maximum: 100 }"), [
            "/maximum: A 50, B 100 — B also allows 51…100",
        ])
    }

    func testABoundOnOneSideOnly() throws {
        XCTAssertEqual(try diff("{ type: number, maximum: 10 }", "{ type: number }"), [
            "/maximum: A 10, B none — B also allows values above 10",
        ])
        XCTAssertEqual(try diff("{ type: integer }", "{ type: integer, minimum: 1 }"), [
            "/minimum: A none, B 1 — A also allows 0 and below",
        ])
    }

    func testExclusiveBoundsInBothSpellings() throws {
        // OpenAPI 3.1: exclusiveMinimum is a number.
        XCTAssertEqual(try diff("{ type: number, exclusiveMinimum: 0 }", "{ type: number, minimum: 0 }"), [
            "/exclusiveMinimum: A > 0, B ≥ 0 — B also allows 0",
        ])
        // OpenAPI 3.0: exclusiveMinimum: true makes minimum exclusive.
        XCTAssertEqual(try diff("{ type: number, minimum: 5, exclusiveMinimum: true }", "{ type: number, minimum: 5 }"), [
            "/minimum: A > 5, B ≥ 5 — B also allows 5",
        ])
        XCTAssertEqual(try diff("{ type: number, exclusiveMaximum: 10 }", "{ type: number, exclusiveMaximum: 12.5 }"), [
            "/exclusiveMaximum: A 10, B 12.5 — B also allows 10 ≤ x < 12.5",
        ])
    }

    func testIntegerBoundsThatAllowTheSameIntegersAreTheSame() throws {
        XCTAssertEqual(try diff("{ type: integer, exclusiveMinimum: 0 }", "{ type: integer, minimum: 1 }"), [])
    }

    func testLengthBounds() throws {
        XCTAssertEqual(try diff("{ type: string, minLength: 3, maxLength: 10 }", "{ type: string, maxLength: 20 }"), [
            "/minLength: A 3, B none — B also allows strings of 0…2 characters",
            "/maxLength: A 10, B 20 — B also allows strings of 11…20 characters",
        ])
        XCTAssertEqual(try diff("{ type: string, minLength: 0 }", "{ type: string }"), [], "minLength 0 is no bound")
    }

    func testItemCountBounds() throws {
        XCTAssertEqual(try diff("{ type: array, minItems: 1, maxItems: 5 }", "{ type: array }"), [
            "/minItems: A 1, B none — B also allows arrays of 0 items",
            "/maxItems: A 5, B none — B also allows arrays of 6 or more items",
        ])
    }

    // MARK: - strings

    func testFormatAndPattern() throws {
        XCTAssertEqual(try diff("{ type: string }", "{ type: string, format: date-time, pattern: '^2' }"), [
            "/format: A none, B date-time — A also allows strings that are not date-time",
            #"/pattern: A none, B "^2" — A also allows strings that do not match "^2""#,
        ])
        XCTAssertEqual(try diff("{ type: string, format: uri }", "{ type: string, format: uri-reference }"), [
            "/format: A uri, B uri-reference",
        ])
    }

    // MARK: - arrays

    func testItemsAreCompared() throws {
        XCTAssertEqual(try diff("{ type: array, items: { type: string } }", "{ type: array, items: { type: integer } }"), [
            "/items/type: A string, B integer",
        ])
    }

    func testItemsFalseAgainstAbsent() throws {
        XCTAssertEqual(try diff("{ type: array, items: false }", "{ type: array }"), [
            "/items: A false, B any — B also allows array items",
        ])
    }

    func testUniqueItems() throws {
        XCTAssertEqual(try diff("{ type: array, uniqueItems: true }", "{ type: array }"), [
            "/uniqueItems: A true, B none — B also allows arrays with repeated items",
        ])
    }

    // MARK: - composition and other keywords

    func testBranchesAreComparedInOrderWhenBothHaveAsMany() throws {
        XCTAssertEqual(try diff(
            "{ oneOf: [{ type: string }, { type: integer }] }",
            "{ oneOf: [{ type: string }, { type: boolean }] }"), [
            "/oneOf/1/type: A integer, B boolean",
        ])
    }

    func testDifferentNumbersOfBranchesAreSaidToDiffer() throws {
        XCTAssertEqual(try diff("{ anyOf: [{ type: string }, { type: integer }] }", "{ anyOf: [{ type: string }] }"), [
            "/anyOf: A 2 schemas, B 1 schema — they differ; compare the branches by hand",
        ])
        XCTAssertEqual(try diff("{ type: object }", "{ type: object, allOf: [{ required: [id] }] }"), [
            "/allOf: A none, B 1 schema — they differ; compare the branches by hand",
        ])
    }

    func testOtherKeywordsAreComparedAsJSON() throws {
        XCTAssertEqual(try diff("{ type: integer, multipleOf: 5 }", "{ type: integer, multipleOf: 10 }"), [
            "/multipleOf: A 5, B 10",
        ])
        XCTAssertEqual(try diff("{ not: { type: string } }", "{ not: { type: integer } }"), [
            #"/not: A {"type":"string"}, B {"type":"integer"}"#,
        ])
    }

    // MARK: - $ref

    func testARefOnEitherSideIsFollowed() throws {
        let thing = #"{ Thing: { type: object, properties: { code: { type: string } } } }"#
        let inline = "{ type: object, properties: { code: { type: integer } } }"
        XCTAssertEqual(try diff("{ $ref: '#/components/schemas/Thing' }", inline, componentsA: thing), [
            "/properties/code/type: A string, B integer",
        ])
        XCTAssertEqual(try diff(inline, "{ $ref: '#/components/schemas/Thing' }", componentsB: thing), [
            "/properties/code/type: A integer, B string",
        ])
    }

    func testRefsToDifferentNamesWithTheSameSchemaAreTheSame() throws {
        XCTAssertEqual(try diff(
            "{ $ref: '#/components/schemas/Old' }", "{ $ref: '#/components/schemas/New' }",
            componentsA: "{ Old: { $ref: '#/components/schemas/Chained' }, Chained: { type: string, maxLength: 5 } }",
            componentsB: "{ New: { type: string, maxLength: 5 } }"), [])
    }

    func testARefWithSiblingsKeepsThem() throws {
        XCTAssertEqual(try diff(
            "{ $ref: '#/components/schemas/Code', maxLength: 3, description: a code }", "{ type: string }",
            componentsA: "{ Code: { type: string } }"), [
            "/maxLength: A 3, B none — B also allows strings of 4 or more characters",
        ])
    }

    // MARK: - recursion

    /// A comment whose replies are comments: both sides recurse, and the difference in `text` is
    /// reported once, where the recursion starts, instead of at every depth.
    func testRecursiveSchemasAreComparedOncePerPair() throws {
        let comment = { (text: String) in
            "{ Comment: { type: object, properties: { text: \(text), replies: { type: array, items: { $ref: '#/components/schemas/Comment' } } } } }"
        }
        let lines = try diff(
            "{ $ref: '#/components/schemas/Comment' }", "{ $ref: '#/components/schemas/Comment' }",
            componentsA: comment("{ type: string }"), componentsB: comment("{ type: string, maxLength: 100 }"))
        XCTAssertEqual(lines, [
            "/properties/text/maxLength: A none, B 100 — A also allows strings of 101 or more characters",
        ])
    }

    /// One side recursive, the other written out two levels deep: the comparison follows the
    /// written side until it ends.
    func testARecursiveSchemaAgainstAFiniteOne() throws {
        let lines = try diff(
            "{ $ref: '#/components/schemas/Node' }",
            "{ type: object, properties: { child: { type: object, properties: { child: { type: string } } } } }",
            componentsA: "{ Node: { type: object, properties: { child: { $ref: '#/components/schemas/Node' } } } }")
        XCTAssertEqual(lines, [
            "/properties/child/properties/child/type: A object, B string",
        ])
    }

    func testIdenticalRecursiveSchemasHaveNoDifferences() throws {
        let node = "{ Node: { type: object, properties: { next: { $ref: '#/components/schemas/Node' } } } }"
        XCTAssertEqual(try diff(
            "{ $ref: '#/components/schemas/Node' }", "{ $ref: '#/components/schemas/Node' }",
            componentsA: node, componentsB: node), [])
    }
}
