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

    /// One line per `pattern` / `patternProperties` regex of the schema that is never run,
    /// because it can backtrack exponentially (PatternCost): its location, the pattern and why.
    /// Values are not checked against those patterns; report these lines where the schema is loaded.
    public let patternsNeverRun: [String]

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
        patternsNeverRun = compiler.patternsNeverRun
    }

    /// Whether `instance` matches. Stops at the first failure; allocates nothing for messages.
    public func isValid(_ instance: JSON) -> Bool {
        evaluate(instance, as: Verdict.self, report: nil, unchecked: nil)
    }

    /// Every reason `instance` does not match, in document order, at most `maxErrors` of them
    /// (empty when it matches). An `anyOf` / `oneOf` that nothing matches gives one error saying
    /// so, followed by the errors of the alternative that came closest.
    public func validate(_ instance: JSON, maxErrors: Int = 100) -> [ValidationError] {
        validate(instance, maxErrors: maxErrors, unchecked: nil)
    }

    /// `validate(_:maxErrors:)`, noting in `unchecked` each pattern not run on a string of
    /// the instance (PatternRegex.test); such a string counts as matching.
    public func validate(_ instance: JSON, maxErrors: Int = 100, unchecked: UncheckedPatterns?) -> [ValidationError] {
        // Most documents are valid: answer those with the verdict, and pay for paths and
        // messages only when there is something to report — errors, or patterns not run,
        // which the diagnosis notes with where they are.
        let probe = unchecked.map { _ in UncheckedPatterns() }
        let verdict = evaluate(instance, as: Verdict.self, report: nil, unchecked: probe)
        if verdict && (probe?.entries.isEmpty ?? true) { return [] }
        let (valid, errors) = diagnose(instance, maxErrors: maxErrors, unchecked: unchecked)
        if verdict { return [] }
        if !valid && errors.isEmpty {
            // Every failure records an error; this only guards against a silent mismatch.
            return [ValidationError(instanceLocation: .root, keywordLocation: "", keyword: "", message: "does not match the schema")]
        }
        return valid ? [] : errors
    }

    /// The diagnosing evaluation alone (without the verdict first): its answer and its errors.
    /// `validate` runs it only on instances the verdict rejected; tests compare the two answers.
    func diagnose(_ instance: JSON, maxErrors: Int = 100, unchecked: UncheckedPatterns? = nil) -> (valid: Bool, errors: [ValidationError]) {
        let report = ErrorReport(limit: max(1, maxErrors))
        let valid = evaluate(instance, as: Diagnosis.self, report: report, unchecked: unchecked)
        return (valid, report.errors)
    }

    private func evaluate<Mode: EvaluationMode>(_ instance: JSON, as mode: Mode.Type, report: ErrorReport?,
                                                unchecked: UncheckedPatterns?) -> Bool {
        program.withTables { tables in
            withUnsafePointer(to: instance) { instance in
                var evaluator = Evaluator<Mode>(program: program, tables: tables, report: report, unchecked: unchecked)
                return evaluator.evaluate(program.root, instance, nil)
            }
        }
    }
}
