// Maps a request's method and path to an operation of the spec, or to the reason none fits
// (unknown path → 404, known path with another method → 405 with `Allow`).
import NIOHTTP1

/// The outcome of matching a request against the spec's paths.
enum RouteMatch {
    /// An operation, with its path parameters' decoded values in template order.
    case operation(MockOperation, pathValues: [String])
    /// The path exists but not with this method; `allow` lists the methods it has.
    case methodNotAllowed(allow: String)
    /// No path of the spec matches.
    case notFound
    /// A path segment is not valid percent-encoding.
    case malformedPath(String)

    var ordinal: Int? {
        if case .operation(let operation, _) = self { return operation.ordinal }
        return nil
    }
}

/// The spec's operations, grouped by path template, for fast matching.
struct RouteTable: Sendable {
    private struct TemplateRoutes: Sendable {
        var segments: [PathSegment]
        var byMethod: [(method: HTTPMethod, ordinal: Int)]
        var allow: String
    }

    /// The server's base path from the spec (`/v2`), without a trailing slash.
    let basePath: String
    let operations: [MockOperation]
    private let templates: [TemplateRoutes]
    /// Templates without parameters, by their path: one dictionary lookup for list requests.
    private let literalTemplates: [Substring: Int]

    init(basePath: String, operations: [MockOperation]) {
        self.basePath = basePath.hasSuffix("/") ? String(basePath.dropLast()) : basePath
        self.operations = operations
        var templates: [TemplateRoutes] = []
        var byTemplate: [String: Int] = [:]
        for operation in operations {
            let at: Int
            if let existing = byTemplate[operation.pathTemplate] {
                at = existing
            } else {
                at = templates.count
                byTemplate[operation.pathTemplate] = at
                templates.append(TemplateRoutes(segments: operation.segments, byMethod: [], allow: ""))
            }
            templates[at].byMethod.append((operation.method, operation.ordinal))
            templates[at].allow += (templates[at].allow.isEmpty ? "" : ", ") + operation.method.rawValue
        }
        self.templates = templates
        var literal: [Substring: Int] = [:]
        for (template, at) in byTemplate where !template.contains("{") { literal[Substring(template)] = at }
        literalTemplates = literal
    }

    func match(method: HTTPMethod, path: Substring) -> RouteMatch {
        guard path.hasPrefix(basePath) else { return .notFound }
        let rest = path.dropFirst(basePath.count)
        guard rest.first == "/" else { return .notFound }
        if let at = literalTemplates[rest] { return resolve(templates[at], method: method, pathValues: []) }
        let parts = rest.dropFirst().split(separator: "/", omittingEmptySubsequences: false)
        for template in templates where template.segments.count == parts.count {
            var values: [String] = []
            var matches = true
            for (segment, part) in zip(template.segments, parts) {
                switch segment {
                case .literal(let text):
                    if part != text { matches = false }
                case .parameter:
                    if part.isEmpty { matches = false; break }
                    guard let decoded = PercentDecoding.decode(part, plusAsSpace: false) else {
                        return .malformedPath("path segment \"\(part)\" is not valid percent-encoding")
                    }
                    values.append(decoded)
                }
                if !matches { break }
            }
            if matches { return resolve(template, method: method, pathValues: values) }
        }
        return .notFound
    }

    private func resolve(_ template: TemplateRoutes, method: HTTPMethod, pathValues: [String]) -> RouteMatch {
        guard let ordinal = template.byMethod.first(where: { $0.method == method })?.ordinal else { return .methodNotAllowed(allow: template.allow) }
        return .operation(operations[ordinal], pathValues: pathValues)
    }
}
