// Request bodies generated from schemas: every body the Freshchat spec accepts validates with
// the project's own validator, seeds repeat bodies exactly, and each keyword is honoured.

import JSON
import JSONSchema
import OpenAPI
import XCTest
@testable import Scenario

final class BodyGeneratorTests: XCTestCase {
    private let seeds: [UInt64] = [0, 1, 7, 42, 20_261_202]

    // MARK: - The Freshchat spec

    func testEveryRequestBodyOfTheSpecValidatesForFiveVariantsAndSeveralSeeds() throws {
        let index = try FreshchatSpec.index()
        let validators = try SpecValidators(index: index, formats: .assert)
        let withBodies = index.operations.filter { $0.requestBody?.schema(forContentType: "application/json") != nil }
        XCTAssertFalse(withBodies.isEmpty)
        var checked = 0
        for operation in withBodies {
            let schema = try XCTUnwrap(validators.requestBodySchema(operationId: operation.id))
            for seed in seeds {
                let bodies = try BodyGenerator(seed: seed).bodies(forOperation: operation.id, in: index, count: 5)
                for (variant, body) in bodies.enumerated() {
                    XCTAssertEqual(schema.validate(body).map(\.message), [],
                                   "\(operation.id) seed \(seed) variant \(variant): \(body)")
                    checked += 1
                }
            }
        }
        XCTAssertEqual(checked, withBodies.count * seeds.count * 5)
    }

    func testTheMinimalVariantHasOnlyRequiredMembersAndTheFullOneHasEvery() throws {
        let index = try FreshchatSpec.index()
        let generator = BodyGenerator(seed: 5)
        let minimal = try generator.body(forOperation: "createConversation", in: index, variant: 0)
        XCTAssertEqual(minimal.objectValue?.keys, ["app_id", "channel_id", "messages"])
        XCTAssertEqual(minimal["messages"], [])

        let full = try generator.body(forOperation: "updateConversation", in: index, variant: 1)
        XCTAssertEqual(full.objectValue?.keys, ["status", "assigned_agent_id", "assigned_group_id"])
    }

    func testTheSameSeedGivesByteIdenticalBodies() throws {
        let index = try FreshchatSpec.index()
        for operation in ["createConversation", "sendMessage", "createUser"] {
            let first = try BodyGenerator(seed: 99).bodies(forOperation: operation, in: index, count: 5)
            let again = try BodyGenerator(seed: 99).bodies(forOperation: operation, in: index, count: 5)
            XCTAssertEqual(first.map { $0.serializedBytes() }, again.map { $0.serializedBytes() })
        }
        // A variant does not depend on which variants were generated before it.
        let alone = try BodyGenerator(seed: 99).body(forOperation: "createUser", in: index, variant: 3)
        let inSequence = try BodyGenerator(seed: 99).bodies(forOperation: "createUser", in: index, count: 5)[3]
        XCTAssertEqual(alone.serialized(), inSequence.serialized())
    }

    func testDifferentSeedsChooseDifferentOptionalMembers() throws {
        let index = try FreshchatSpec.index()
        func memberChoices(seed: UInt64) throws -> [[String]] {
            try BodyGenerator(seed: seed).bodies(forOperation: "createUser", in: index, count: 6)
                .dropFirst(2).map { $0.objectValue?.keys ?? [] }
        }
        let choices = try Set(seeds.map(memberChoices))
        XCTAssertGreaterThan(choices.count, 1, "every seed chose the same optional members")
    }

    func testAnOperationWithoutABodyIsATypedError() throws {
        let index = try FreshchatSpec.index()
        XCTAssertThrowsError(try BodyGenerator(seed: 1).body(forOperation: "listAgents", in: index, variant: 0)) { error in
            XCTAssertEqual(error as? BodyGenerationError, .noJSONRequestBody(operationId: "listAgents"))
        }
        XCTAssertThrowsError(try BodyGenerator(seed: 1).body(forOperation: "noSuchThing", in: index, variant: 0)) { error in
            XCTAssertEqual(error as? BodyGenerationError, .unknownOperation(operationId: "noSuchThing"))
        }
    }

    // MARK: - Keywords, on small schemas

    func testRequiredEnumAndConst() throws {
        let schema: JSON = [
            "type": "object",
            "required": ["kind", "version"],
            "properties": [
                "kind": ["enum": ["first", "second", "third"]],
                "version": ["const": 2],
                "note": ["type": "string"],
            ],
        ]
        let minimal = try assertValidVariants(schema)[0]
        XCTAssertEqual(minimal, ["kind": "first", "version": 2])
        // Enum members the schema's other keywords rule out are never picked.
        let long = try assertValidVariants(["enum": ["a", "bb", 3, "ccc"], "type": "string", "minLength": 2])
        XCTAssertEqual(long[0], "bb")
        XCTAssertEqual(try assertValidVariants(["enum": ["a", 3, 4.5], "type": "integer"])[0], 3)
    }

    func testEveryAssertedFormatProducesAValueTheValidatorAccepts() throws {
        for format in ["email", "uuid", "date-time", "date", "time", "uri", "uri-reference", "hostname", "ipv4", "ipv6"] {
            let values = try assertValidVariants(["type": "string", "format": .string(format)])
            XCTAssertTrue(values.allSatisfy { $0.stringValue != nil }, format)
        }
        let email = try assertValidVariants(["type": "string", "format": "email", "minLength": 40, "maxLength": 40])
        XCTAssertTrue(email.allSatisfy { $0.stringValue?.count == 40 })
    }

    func testStringLengthsAndPatterns() throws {
        let sized = try assertValidVariants(["type": "string", "minLength": 3, "maxLength": 5])
        XCTAssertEqual(sized[0].stringValue?.count, 3)
        try assertValidVariants(["type": "string", "pattern": "^[A-Z]{2}-\\d{3,5}(x|yz)?$"])
        try assertValidVariants(["type": "string", "pattern": "^(?:[a-f0-9]{2}:){2}[a-f0-9]{2}$"])
        try assertValidVariants(["type": "string", "pattern": "ab+c", "minLength": 12])
        try assertValidVariants(["type": "string", "pattern": "^\\+?[1-9][0-9 .()-]{6,14}$"])
    }

    func testNumberBoundsExclusiveBoundsAndMultipleOf() throws {
        let integers = try assertValidVariants(["type": "integer", "exclusiveMinimum": 10, "maximum": 13])
        XCTAssertEqual(integers[0], 11)
        try assertValidVariants(["type": "integer", "minimum": -50, "maximum": -20, "multipleOf": 7])
        let decimals = try assertValidVariants(["type": "number", "minimum": 0.25, "exclusiveMaximum": 1, "multipleOf": 0.05])
        XCTAssertEqual(decimals[0], 0.25)
        try assertValidVariants(["type": "number", "exclusiveMinimum": 0, "exclusiveMaximum": 0.001])
        try assertValidVariants(["type": "number", "maximum": -1000.5])
    }

    func testArraysHonourItemCountsAndUniqueness() throws {
        let values = try assertValidVariants([
            "type": "array", "minItems": 3, "maxItems": 4, "uniqueItems": true,
            "items": ["type": "integer", "minimum": 1, "maximum": 5],
        ])
        XCTAssertEqual(values[0].arrayValue?.count, 3)
        XCTAssertTrue(values.allSatisfy { Set($0.arrayValue ?? []).count == $0.arrayValue?.count })
        try assertValidVariants(["type": "array", "prefixItems": [["const": "x"], ["type": "boolean"]], "items": false])
    }

    func testAllOfMergesAndOneOfMatchesExactlyOneBranch() throws {
        let merged = try assertValidVariants([
            "allOf": [
                ["type": "object", "required": ["a"], "properties": ["a": ["type": "integer", "minimum": 3]]],
                ["required": ["b"], "properties": ["a": ["maximum": 4], "b": ["type": "string", "format": "uuid"]]],
            ],
        ])
        XCTAssertEqual(merged[0]["a"], 3)
        // A value matching both branches (any string of 3–5 characters) would break oneOf.
        try assertValidVariants([
            "oneOf": [
                ["type": "string", "maxLength": 5],
                ["type": "string", "minLength": 3],
            ],
        ])
        try assertValidVariants(["anyOf": [["type": "null"], ["type": "integer", "minimum": 5]]])
    }

    func testReferencesNullableTypesAndRecursionThroughOptionalMembers() throws {
        let schema: JSON = [
            "$ref": "#/$defs/node",
            "$defs": [
                "node": [
                    "type": "object",
                    "required": ["name"],
                    "properties": [
                        "name": ["type": ["string", "null"]],
                        "children": ["type": "array", "items": ["$ref": "#/$defs/node"]],
                    ],
                ],
            ],
        ]
        try assertValidVariants(schema)
    }

    func testAdditionalPropertiesFalseIsRespected() throws {
        let values = try assertValidVariants([
            "type": "object", "additionalProperties": false, "minProperties": 2,
            "properties": ["x": ["type": "boolean"], "y": ["type": "boolean"], "z": ["type": "boolean"]],
        ])
        XCTAssertTrue(values.allSatisfy { ($0.objectValue?.keys ?? []).allSatisfy(["x", "y", "z"].contains) })
        XCTAssertEqual(values[0].objectValue?.count, 2)
    }

    func testUnsatisfiableSchemasAreTypedErrorsNamingTheLocation() throws {
        XCTAssertEqual(generationError(false), .unsatisfiable(pointer: .root, reason: "the schema is `false`"))
        guard case .unsatisfiable(let pointer, _)? = generationError(
            ["type": "object", "required": ["n"], "properties": ["n": ["type": "integer", "minimum": 5, "maximum": 4]]])
        else { return XCTFail("expected unsatisfiable") }
        XCTAssertEqual(pointer, JSONPointer(tokens: ["properties", "n"]))
        guard case .unsatisfiable? = generationError(["type": "string", "minLength": 4, "maxLength": 2]) else {
            return XCTFail("expected unsatisfiable")
        }
        guard case .unsatisfiable? = generationError(["type": "string", "format": "uuid", "maxLength": 10]) else {
            return XCTFail("expected unsatisfiable")
        }
        guard case .unsupported(_, "pattern", _)? = generationError(["type": "string", "pattern": "^(?=a)b"]) else {
            return XCTFail("expected a refused pattern")
        }
        guard case .unresolvedReference(_, "#/nowhere")? = generationError(["$ref": "#/nowhere"]) else {
            return XCTFail("expected an unresolved reference")
        }
        guard case .tooDeep? = generationError(["$ref": "#/$defs/loop", "$defs": ["loop": [
            "type": "object", "required": ["next"], "properties": ["next": ["$ref": "#/$defs/loop"]]]]])
        else { return XCTFail("expected too deep") }
    }

    // MARK: - Helpers

    /// Variants 0…4 of `schema` for several seeds, each checked with the project's validator
    /// (formats asserting); returns seed 0's variants.
    @discardableResult
    private func assertValidVariants(_ schema: JSON, file: StaticString = #filePath, line: UInt = #line) throws -> [JSON] {
        let validator = try Schema(schema, formats: .assert)
        var firstSeed: [JSON] = []
        for seed in seeds {
            for variant in 0..<5 {
                let value = try BodyGenerator(seed: seed).body(for: schema, variant: variant)
                XCTAssertEqual(validator.validate(value).map(\.message), [], "seed \(seed) variant \(variant): \(value)",
                               file: file, line: line)
                if seed == seeds[0] { firstSeed.append(value) }
            }
        }
        return firstSeed
    }

    private func generationError(_ schema: JSON) -> BodyGenerationError? {
        do {
            _ = try BodyGenerator(seed: 1).body(for: schema, variant: 0)
            return nil
        } catch {
            return error
        }
    }
}
