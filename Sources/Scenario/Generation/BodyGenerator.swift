// The front door of body generation: a valid JSON body for a schema or an operation's request,
// the same for the same seed and variant, checked with the project's validator before it is
// handed out. Nothing here is specific to one API.

import JSON
import JSONSchema
import OpenAPI
import Quantities

/// Generates request bodies that satisfy their JSON Schema (required members, enums, formats,
/// lengths, bounds), deterministically from a seed.
///
/// ```swift
/// let generator = BodyGenerator(seed: 42)
/// let body = try generator.body(forOperation: "createUser", in: index, variant: 0)
/// ```
public struct BodyGenerator: Sendable {
    /// The seed every choice is drawn from.
    public let seed: UInt64
    /// Nesting depth after which only required members and `minItems` items are generated.
    public let depthLimit: Int
    /// Values generated (with fresh draws) before giving up on one the validator accepts.
    public let attempts: Int

    /// A generator for `seed`.
    public init(seed: UInt64, depthLimit: Int = 8, attempts: Int = 8) {
        self.seed = seed
        self.depthLimit = max(1, depthLimit)
        self.attempts = max(1, attempts)
    }

    /// A body for the schema at `schema.pointer` of `document` (the whole spec, so its `$ref`s
    /// resolve), in the style of `variant` (see `GenerationStyle(variant:)`).
    public func body(for schema: SchemaRef, in document: JSON, variant: Int) throws(BodyGenerationError) -> JSON {
        var compiled: Schema?
        var failure = BodyGenerationError.noValidValue(pointer: schema.pointer, attempts: attempts, errors: [])
        for attempt in 0..<attempts {
            var generator = ValueGenerator(document: document, style: GenerationStyle(variant: variant),
                                           random: Self.random(seed: seed, pointer: schema.pointer, variant: variant, attempt: attempt),
                                           depthLimit: depthLimit)
            do {
                let value = try generator.value(for: schema.schema, at: schema.pointer, depth: 0)
                // Compiled only once a value exists, so that the generator's own, more precise
                // error (an unresolved $ref, say) comes first.
                let validator: Schema
                if let compiled {
                    validator = compiled
                } else {
                    validator = try Self.validator(for: schema, in: document)
                    compiled = validator
                }
                let errors = validator.validate(value, maxErrors: 5)
                if errors.isEmpty { return value }
                failure = .noValidValue(pointer: schema.pointer, attempts: attempts, errors: errors.map { "\($0)" })
            } catch {
                failure = error
            }
        }
        throw failure
    }

    private static func validator(for schema: SchemaRef, in document: JSON) throws(BodyGenerationError) -> Schema {
        do {
            return try Schema(document: document, pointer: schema.pointer, formats: .assert)
        } catch {
            throw .unsupported(pointer: schema.pointer, keyword: "schema", reason: "the validator cannot compile it: \(error)")
        }
    }

    /// A body for a standalone schema (its `$ref`s resolve within itself).
    public func body(for schema: JSON, variant: Int) throws(BodyGenerationError) -> JSON {
        try body(for: SchemaRef(schema: schema, pointer: .root), in: schema, variant: variant)
    }

    /// A body for the `application/json` request body of `operationId`.
    public func body(forOperation operationId: String, in index: OperationIndex, variant: Int) throws(BodyGenerationError) -> JSON {
        try body(for: try Self.requestBodySchema(operationId: operationId, in: index), in: index.document.root, variant: variant)
    }

    /// The `application/json` request body schema of `operationId`.
    public static func requestBodySchema(operationId: String, in index: OperationIndex) throws(BodyGenerationError) -> SchemaRef {
        guard let operation = index.operation(id: operationId) else { throw .unknownOperation(operationId: operationId) }
        guard let schema = operation.requestBody?.schema(forContentType: "application/json") else {
            throw .noJSONRequestBody(operationId: operationId)
        }
        return schema
    }
}
