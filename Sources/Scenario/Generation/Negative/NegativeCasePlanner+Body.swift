// The body cases: each proposal of BodyChangeFinder applied to the valid body and kept only
// when the project's validator rejects the result.

import JSON
import JSONSchema
import OpenAPI

extension NegativeCasePlanner {
    /// The body cases of `operation` for `validBody`; none when the operation has no JSON body
    /// schema, the validator cannot compile it, or `validBody` does not satisfy it.
    func bodyCases(of operation: Operation, validBody: JSON) -> [NegativeCase] {
        let root = index.document.root
        guard let schema = operation.requestBody?.schema(forContentType: "application/json"),
              let validator = try? Schema(document: root, pointer: schema.pointer, formats: .assert),
              validator.isValid(validBody) else { return [] }
        let expected = ExpectedRefusal.statuses(ExpectedRefusal.invalidInput, of: operation)
        var seen: Set<RequestChange> = []
        var cases: [NegativeCase] = []
        for proposal in BodyChangeFinder(schemas: ResolvedSchema(document: root)).proposals(for: validBody, schema: schema.schema) {
            guard !seen.contains(proposal.change), !validator.isValid(proposal.change.apply(toBody: validBody)) else { continue }
            seen.insert(proposal.change)
            cases.append(NegativeCase(operationId: operation.id, kind: proposal.kind, name: proposal.name,
                                      change: proposal.change, expectedStatuses: expected))
        }
        return cases
    }
}
