// The module's front door: compile a JSON Schema (draft 2020-12, as OpenAPI 3.1 uses it) once,
// then validate many instances with it, from any thread.

import JSON

/// A compiled JSON Schema (draft 2020-12). Compile once, validate many; immutable and
/// shareable across threads.
///
/// ```swift
/// let schema = try Schema(JSON.parse(schemaText), formats: .assert)
/// for error in schema.validate(try JSON.parse(body)) { print(error) }
/// ```
public struct Schema: Sendable {
    /// The base URI used when neither the caller nor the schema's `$id` gives one.
    public static let defaultBaseURI = "urn:fcharness:schema"

    private let program: CompiledProgram

    /// Compiles `schema` (an object or a boolean).
    ///
    /// - Parameters:
    ///   - baseURI: the schema's retrieval URI; its `$id` and relative `$ref`s resolve against it.
    ///   - registry: other documents `$ref`s may reach (the 2020-12 metaschemas are built in).
    ///   - formats: whether `format` asserts or only annotates.
    public init(_ schema: JSON, baseURI: String = Schema.defaultBaseURI, registry: SchemaRegistry = SchemaRegistry(),
                formats: FormatMode = .annotate) throws(SchemaCompileError) {
        try self.init(document: schema, pointer: .root, baseURI: baseURI, registry: registry, formats: formats)
    }

    /// Compiles the subschema at `pointer` inside a larger `document` — an OpenAPI document whose
    /// schemas `$ref` `#/components/schemas/...`. Fragment references resolve against the whole
    /// document; `$id`s and anchors under `components/schemas` are found too.
    public init(document: JSON, pointer: JSONPointer, baseURI: String = Schema.defaultBaseURI,
                registry: SchemaRegistry = SchemaRegistry(), formats: FormatMode = .annotate) throws(SchemaCompileError) {
        guard document.value(at: pointer) != nil else { throw .pointerNotFound(pointer: pointer.description) }
        var index = SchemaIndex(registry: registry)
        var roots: [[String]] = [pointer.tokens]
        if !pointer.tokens.isEmpty, case .object(let schemas)? = document["components"]?["schemas"] {
            roots += schemas.keys.map { ["components", "schemas", $0] }
        }
        let documentIndex = index.addDocument(document, baseURI: baseURI, schemaRoots: roots)
        var compiler = SchemaCompiler(index: index, formats: formats)
        program = try compiler.compileProgram(at: SchemaLocation(document: documentIndex, tokens: pointer.tokens),
                                              resource: 0)
    }

    /// Whether `instance` matches. Stops at the first failure; allocates nothing for messages.
    public func isValid(_ instance: JSON) -> Bool {
        if program.usesDynamicScope {
            // `$dynamicRef` reads the dynamic scope, which only the Evaluator tracks.
            var evaluator = Evaluator(program: program, report: nil)
            return evaluator.evaluate(program.root, instance, nil)
        }
        var evaluator = BooleanEvaluator(program: program)
        return withUnsafePointer(to: instance) { evaluator.matches(program.root.body, $0) }
    }

    /// Every reason `instance` does not match, in document order, at most `maxErrors` of them
    /// (empty when it matches). An `anyOf` / `oneOf` that nothing matches gives one error saying
    /// so, followed by the errors of the alternative that came closest.
    public func validate(_ instance: JSON, maxErrors: Int = 100) -> [ValidationError] {
        // Most documents are valid: answer those with the fast check, and pay for paths and
        // messages only when there is something to report.
        if isValid(instance) { return [] }
        let report = ErrorReport(limit: max(1, maxErrors))
        var evaluator = Evaluator(program: program, report: report)
        let valid = evaluator.evaluate(program.root, instance, nil)
        if !valid && report.errors.isEmpty {
            // Every failure records an error; this only guards against a silent mismatch.
            report.add(keyword: "", message: "does not match the schema")
        }
        return valid ? [] : report.errors
    }
}
