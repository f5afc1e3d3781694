// Where rendered requests go and the headers every request carries: the one rule that joins a
// step with its target, for contract and load runs alike (still without any HTTP library).

/// A server to send rendered steps to: its base URL and bearer token.
public struct RequestTarget: Sendable {
    /// The API's base URL, up to and including the base path, without a trailing `/`.
    public var baseURL: String
    /// The bearer token; never printed.
    public var token: String?

    /// Creates a target; a trailing `/` on `baseURL`'s path is dropped.
    public init(baseURL: String, token: String?) {
        let parts = Self.split(baseURL)
        self.baseURL = parts.path + (parts.query.map { "?" + $0 } ?? "")
        self.token = token
    }

    /// The absolute URL of `rendered`: the base URL's path, the filled path, then the base URL's
    /// own query (`?api_key=…`, sent with every request) joined with the step's encoded query.
    public func url(for rendered: RenderedRequest) -> String {
        let stepQuery = rendered.pathAndQuery.firstIndex(of: "?").map { String(rendered.pathAndQuery[rendered.pathAndQuery.index(after: $0)...]) }
        return url(forPath: rendered.path, query: stepQuery)
    }

    /// The absolute URL of `path` (already filled, or a template to name an operation in a
    /// message) with the base URL's own query, then `query`.
    public func url(forPath path: String, query: String? = nil) -> String {
        let base = Self.split(baseURL)
        let queries = [base.query, query].compactMap { $0 }.filter { !$0.isEmpty }
        return base.path + path + (queries.isEmpty ? "" : "?" + queries.joined(separator: "&"))
    }

    /// `baseURL` as its part before any `?` (without a trailing `/`) and its query; a fragment
    /// is never sent, so it is dropped.
    private static func split(_ baseURL: String) -> (path: String, query: String?) {
        let withoutFragment = baseURL.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? baseURL
        let pieces = withoutFragment.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        var path = String(pieces[0])
        if path.hasSuffix("/") { path.removeLast() }
        return (path, pieces.count > 1 ? String(pieces[1]) : nil)
    }

    /// The header fields to send with a step's rendered headers, in order: `Accept` and
    /// `Authorization: Bearer TOKEN` first, then the step's own. A step header replaces the
    /// value of a field of the same name (compared ignoring ASCII case), keeping the name as the
    /// request already had it; one set to the empty string removes it, which is how a scenario
    /// sends no token.
    public func headerFields(for stepHeaders: [RenderedRequest.Field]) -> [(name: String, value: String)] {
        var fields: [(name: String, value: String)] = [("Accept", "application/json")]
        if let token { fields.append(("Authorization", "Bearer \(token)")) }
        for field in stepHeaders {
            let existing = fields.firstIndex { sameHeaderName($0.name, field.name) }
            guard !field.value.isEmpty else {
                fields.removeAll { sameHeaderName($0.name, field.name) }
                continue
            }
            if let existing {
                fields[existing].value = field.value
                var index = fields.count - 1
                while index > existing {
                    if sameHeaderName(fields[index].name, field.name) { fields.remove(at: index) }
                    index -= 1
                }
            } else {
                fields.append((field.name, field.value))
            }
        }
        return fields
    }
}

/// HTTP field names compare ignoring ASCII case.
private func sameHeaderName(_ lhs: String, _ rhs: String) -> Bool {
    lhs.utf8.count == rhs.utf8.count && lhs.lowercased() == rhs.lowercased()
}
