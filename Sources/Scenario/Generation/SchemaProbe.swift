// Asks the project's own validator whether a value satisfies a schema that sits in (or was
// merged from parts of) a larger document, so `oneOf` choices are checked, not guessed.

import JSON
import JSONSchema

/// Compiles schemas against a document's `$ref` targets and checks values with them.
struct SchemaProbe {
    /// The member a probed schema is placed under, beside the document's own members, so that
    /// its `#/components/...` references resolve as they do in place.
    static let probeKey = "x-fcharness-generation-probe"

    let document: JSON

    /// Whether `value` satisfies `schema`, with `format` asserting.
    func accepts(_ schema: JSON, _ value: JSON, at pointer: JSONPointer, keyword: String) throws(BodyGenerationError) -> Bool {
        var host: JSONObject = document.objectValue ?? [:]
        host[Self.probeKey] = schema
        do {
            let compiled = try Schema(document: .object(host), pointer: JSONPointer(tokens: [Self.probeKey]), formats: .assert)
            return compiled.isValid(value)
        } catch {
            throw .unsupported(pointer: pointer, keyword: keyword, reason: "the validator cannot compile it: \(error)")
        }
    }
}
