// Which documented statuses a negative case must get: the specific codes the spec lists for
// that kind of refusal, else its 4XX range, else none (a spec gap, reported as such).

import OpenAPI

/// The statuses an operation documents for one kind of refusal.
enum ExpectedRefusal {
    /// The refusal of a credential.
    static let unauthorized = ["401"]
    /// The refusal of an id that names nothing.
    static let notFound = ["404"]
    /// The refusal of a malformed query or body.
    static let invalidInput = ["400", "422"]

    /// The codes of `preferred` that `operation` documents, sorted; else ["4XX"] when it
    /// documents that range; else empty. `default` does not count: it promises no refusal.
    static func statuses(_ preferred: [String], of operation: Operation) -> [String] {
        let documented = Set(operation.responses.map(\.status))
        let codes = preferred.filter(documented.contains).sorted()
        if !codes.isEmpty { return codes }
        return documented.contains("4XX") ? ["4XX"] : []
    }
}
