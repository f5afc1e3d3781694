// A server URL template from the spec (`https://{domain}.freshchat.com/v2`) and its expansion.

/// A value a server URL template can be filled with.
public struct ServerVariable: Sendable, Hashable {
    /// The value used when the caller gives none (required by the spec).
    public let defaultValue: String
    /// The allowed values, when the spec restricts them.
    public let allowedValues: [String]?
    /// The spec's description, if any.
    public let description: String?

    /// A variable with a default and optional restrictions.
    public init(defaultValue: String, allowedValues: [String]? = nil, description: String? = nil) {
        self.defaultValue = defaultValue
        self.allowedValues = allowedValues
        self.description = description
    }
}

/// A server an operation can be called on.
public struct Server: Sendable, Hashable {
    /// The URL template as written, e.g. `https://{domain}.freshchat.com/v2` (may be relative).
    public let url: String
    /// The spec's description, if any.
    public let description: String?
    /// The variables of `url`, by name.
    public let variables: [String: ServerVariable]

    /// A server with a URL template and its variables.
    public init(url: String, description: String? = nil, variables: [String: ServerVariable] = [:]) {
        self.url = url
        self.description = description
        self.variables = variables
    }

    /// The URL with each `{name}` replaced by `values[name]`, else the variable's default.
    ///
    /// Values are inserted as given (a server variable is a host or path fragment, not data).
    public func expandedURL(with values: [String: String] = [:]) throws(ServerURLError) -> String {
        for name in values.keys.sorted() where variables[name] == nil {
            throw .unknownVariable(name, url: url, known: variables.keys.sorted())
        }
        var expanded = ""
        var rest = Substring(url)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            expanded += rest[..<open]
            let name = String(rest[rest.index(after: open)..<close])
            guard let variable = variables[name] else { throw .undeclaredVariable(name, url: url) }
            let value = values[name] ?? variable.defaultValue
            if let allowed = variable.allowedValues, !allowed.contains(value) {
                throw .valueNotAllowed(name, value: value, allowed: allowed)
            }
            expanded += value
            rest = rest[rest.index(after: close)...]
        }
        return expanded + rest
    }
}

/// Why a server URL could not be expanded.
public enum ServerURLError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A value was given for a variable the server does not have.
    case unknownVariable(String, url: String, known: [String])
    /// The template uses `{name}` but the spec declares no such variable.
    case undeclaredVariable(String, url: String)
    /// The value is not among the variable's `enum`.
    case valueNotAllowed(String, value: String, allowed: [String])

    /// What went wrong, naming the variable.
    public var description: String {
        switch self {
        case .unknownVariable(let name, let url, let known):
            let list = known.isEmpty ? "none" : known.joined(separator: ", ")
            return "server \(url) has no variable '\(name)' (its variables: \(list))"
        case .undeclaredVariable(let name, let url):
            return "server \(url) uses {\(name)} but declares no such variable"
        case .valueNotAllowed(let name, let value, let allowed):
            return "server variable '\(name)' cannot be '\(value)'; allowed: \(allowed.joined(separator: ", "))"
        }
    }
}
