// `fcharness validate`: one JSON document against a schema file or an operation's response in
// the spec, or a whole folder in JSON-Schema-Test-Suite format.
import ArgumentParser
import Foundation
import JSON
import JSONSchema
import OpenAPI

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Validate a JSON document against a schema or an operation's response in the spec.",
        discussion: """
            Prints every failure as `FILE: POINTER: message [keyword]`. Exit 0 valid, 1 invalid, \
            2 bad input (unreadable or malformed file, schema that does not compile, unknown operation).

            Examples:
              fcharness validate response.json --schema conversation.schema.json
              fcharness validate response.json --operation listConversations --status 200
              fcharness validate --suite ../shared/jsonschema-suite       # ends with `N passed, M failed`
            """
    )

    @Argument(help: ArgumentHelp("The JSON document to validate.", valueName: "file"))
    var file: String?

    @Option(name: .long, help: ArgumentHelp("A JSON Schema (draft 2020-12) file.", valueName: "schema.json"))
    var schema: String?

    @Option(name: .long, help: ArgumentHelp("Validate as this operation's response (an operationId of the spec).", valueName: "id"))
    var operation: String?

    @Option(name: .long, help: ArgumentHelp("The response status to validate for, with --operation.", valueName: "code"))
    var status: Int = 200

    @Option(name: .long, help: ArgumentHelp(
        "Run a folder in JSON-Schema-Test-Suite format (tests/ and remotes/, remotes served as http://localhost:1234/PATH).",
        valueName: "dir"))
    var suite: String?

    @Option(name: .long, help: ArgumentHelp("`assert` (default) or `annotate`: whether `format` is checked.", valueName: "mode"))
    var formats: String = "assert"

    @OptionGroup var specOptions: SpecOptions

    func validate() throws {
        let modes = [schema != nil, operation != nil, suite != nil].filter { $0 }.count
        guard modes == 1 else { throw ValidationError("give exactly one of --schema, --operation or --suite") }
        if suite == nil && file == nil { throw ValidationError("missing the FILE to validate") }
        if suite != nil && file != nil { throw ValidationError("--suite takes no FILE") }
        guard formats == "assert" || formats == "annotate" else {
            throw ValidationError("--formats: expected assert or annotate, got '\(formats)'")
        }
    }

    func run() throws {
        if let suite { return try SuiteRun(folder: suite).run() }
        guard let file else { return }
        // An unknown operation is reported before the document is read: it is the likelier typo.
        let specValidators = try operation.map { try validators(for: $0) }
        let document = try readJSON(file)
        let failures: [String]
        if let schema {
            let compiled: Schema
            do {
                compiled = try Schema(try readJSON(schema), baseURI: URL(fileURLWithPath: schema).absoluteString,
                                      formats: formats == "assert" ? .assert : .annotate)
            } catch let error as CommandFailure {
                throw error
            } catch {
                throw CommandFailure(.badInput, "\(schema): the schema does not compile: \(error)")
            }
            warnAboutPatternsNeverRun(compiled.patternsNeverRun)
            let unchecked = UncheckedPatterns()
            failures = compiled.validate(document, unchecked: unchecked).map { "\($0.instanceLocation): \($0.message) [\($0.keyword) at \($0.keywordLocation)]" }
            for note in unchecked.notes { printError("\(file): \(note)") }
        } else if let operation, let specValidators {
            warnAboutPatternsNeverRun(specValidators.patternsNeverRun)
            var notes: [String] = []
            defer { for note in notes { printError("\(file): \(note)") } }
            failures = specValidators.check(operationId: operation, status: status, body: document.serializedBytes(), notes: &notes).map { violation in
                let pointer = violation.pointer.tokens.isEmpty ? "/" : violation.pointer.description
                return "\(pointer): \(violation.message) [\(violation.keyword)\(violation.schemaPath.map { " at \($0)" } ?? "")]"
            }
        } else {
            return
        }
        if failures.isEmpty {
            writeOutput("\(file): valid\n")
            return
        }
        writeOutput(failures.map { "\(file): \($0)\n" }.joined())
        throw CommandFailure(.checkFailed, "\(file): \(failures.count) error\(failures.count == 1 ? "" : "s")")
    }

    private func validators(for operationId: String) throws -> SpecValidators {
        let index = try specOptions.loadIndex()
        guard index.operation(id: operationId) != nil else {
            let suggestions = index.suggestions(for: operationId)
            let hint = suggestions.isEmpty ? "" : " (did you mean \(suggestions.joined(separator: ", "))?)"
            throw CommandFailure(.badInput, "unknown operation '\(operationId)'\(hint)")
        }
        let validators: SpecValidators
        do { validators = try SpecValidators(index: index, formats: formats == "assert" ? .assert : .annotate) } catch {
            throw CommandFailure(.badInput, "\(error)")
        }
        return validators
    }
}

/// Reads and parses a JSON file; unreadable or malformed input is bad input with its position.
func readJSON(_ path: String) throws(CommandFailure) -> JSON {
    do {
        return try JSON.parse(contentsOfFile: path)
    } catch {
        throw CommandFailure(.badInput, "\(error)")
    }
}

/// `validate --suite DIR`: every file in JSON-Schema-Test-Suite format under DIR.
struct SuiteRun {
    var folder: String

    func run() throws {
        let root = URL(fileURLWithPath: folder).standardizedFileURL
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw CommandFailure(.badInput, "\(folder): not a folder")
        }
        let registry = try remotes(under: root.appendingPathComponent("remotes"))
        let testsFolder = root.appendingPathComponent("tests")
        let searchRoot = FileManager.default.fileExists(atPath: testsFolder.path) ? testsFolder : root
        let files = jsonFiles(under: searchRoot)
        guard !files.isEmpty else { throw CommandFailure(.badInput, "\(folder): no .json suite files found") }
        var passed = 0
        var failed = 0
        var report = ""
        for file in files {
            let relative = String(file.path.dropFirst(searchRoot.path.count + 1))
            // Format assertions apply to the suite's optional/format files, as the suite specifies.
            let mode: FormatMode = relative.contains("format/") ? .assert : .annotate
            for result in SchemaTestSuite.run(try readJSON(file.path), registry: registry, formats: mode) {
                if result.passed {
                    passed += 1
                    continue
                }
                failed += 1
                var line = "FAIL \(relative) | \(result.group) | \(result.test): expected \(result.expected ? "valid" : "invalid")"
                if let error = result.compileError {
                    line += ", schema does not compile: \(error)"
                } else {
                    line += ", isValid said \(result.isValidAnswer)"
                    if let first = result.errors.first { line += "; \(first)" }
                }
                report += line + "\n"
            }
        }
        report += "\(passed) passed, \(failed) failed\n"
        writeOutput(report)
        if failed > 0 { throw CommandFailure(.checkFailed, "") }
    }

    private func remotes(under folder: URL) throws -> SchemaRegistry {
        var registry = SchemaRegistry()
        for file in jsonFiles(under: folder) {
            let relative = String(file.path.dropFirst(folder.path.count + 1))
            registry.register(try readJSON(file.path), at: "http://localhost:1234/" + relative)
        }
        return registry
    }

    private func jsonFiles(under folder: URL) -> [URL] {
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else { return [] }
        return walker.compactMap { $0 as? URL }
            .filter { $0.pathExtension == "json" }
            .map { $0.standardizedFileURL }
            .sorted { $0.path < $1.path }
    }
}
