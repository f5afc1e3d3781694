// Reads `servers` and `security` at any level (document, path item, operation) for
// OperationReader: server URL templates with their variables, and security requirements
// resolved against components/securitySchemes.

import JSON

extension OperationReader {
    /// The servers listed at `tokens`; nil when absent or empty (the level above applies).
    func servers(at tokens: [String]) throws(SpecError) -> [Server]? {
        guard let value = document.root.value(at: JSONPointer(tokens: tokens)) else { return nil }
        guard case .array(let list) = value else {
            throw .invalid(location(tokens), problem: "'servers' is \(article(value.typeName)), expected a list")
        }
        var servers: [Server] = []
        for (index, entry) in list.enumerated() {
            let serverTokens = tokens + [String(index)]
            let fields = try object(entry, at: serverTokens, what: "server")
            guard case .string(let url)? = fields["url"] else { throw .missing(location(serverTokens), what: "'url' of a server") }
            var variables: [String: ServerVariable] = [:]
            if let declared = fields["variables"] {
                for variable in try object(declared, at: serverTokens + ["variables"], what: "server variables") {
                    let variableTokens = serverTokens + ["variables", variable.key]
                    let variableFields = try object(variable.value, at: variableTokens, what: "server variable")
                    guard let defaultValue = variableFields["default"].flatMap(Self.scalarText) else {
                        throw .missing(location(variableTokens), what: "'default' of server variable '\(variable.key)'")
                    }
                    variables[variable.key] = ServerVariable(
                        defaultValue: defaultValue,
                        allowedValues: variableFields["enum"]?.arrayValue?.compactMap(Self.scalarText),
                        description: variableFields["description"]?.stringValue
                    )
                }
            }
            servers.append(Server(url: url, description: fields["description"]?.stringValue, variables: variables))
        }
        return servers.isEmpty ? nil : servers
    }

    /// The requirements listed at `tokens`; nil when absent (an empty list means "none needed").
    func security(at tokens: [String]) throws(SpecError) -> [SecurityRequirement]? {
        guard let value = document.root.value(at: JSONPointer(tokens: tokens)) else { return nil }
        guard case .array(let list) = value else {
            throw .invalid(location(tokens), problem: "'security' is \(article(value.typeName)), expected a list")
        }
        var requirements: [SecurityRequirement] = []
        for (index, entry) in list.enumerated() {
            let requirementTokens = tokens + [String(index)]
            var entries: [SecurityRequirement.Entry] = []
            for member in try object(entry, at: requirementTokens, what: "security requirement") {
                let scheme = try securityScheme(named: member.key, referencedAt: requirementTokens + [member.key])
                entries.append(.init(scheme: scheme, scopes: member.value.arrayValue?.compactMap(\.stringValue) ?? []))
            }
            requirements.append(SecurityRequirement(entries: entries))
        }
        return requirements
    }

    private func securityScheme(named name: String, referencedAt referenceTokens: [String]) throws(SpecError) -> SecurityScheme {
        let declaredTokens = ["components", "securitySchemes", name]
        guard document.root.value(at: JSONPointer(tokens: declaredTokens)) != nil else {
            throw .invalid(
                location(referenceTokens),
                problem: "security scheme '\(name)' is not defined under /components/securitySchemes"
            )
        }
        let (value, tokens) = try resolver.follow(from: declaredTokens)
        let fields = try object(value, at: tokens, what: "security scheme '\(name)'")
        let kind: SecurityScheme.Kind
        switch fields["type"]?.stringValue {
        case "http":
            kind = .http(scheme: fields["scheme"]?.stringValue?.lowercased() ?? "", bearerFormat: fields["bearerFormat"]?.stringValue)
        case "apiKey":
            guard case .string(let keyName)? = fields["name"],
                  let place = fields["in"]?.stringValue.flatMap(ParameterLocation.init(rawValue:)), place != .path else {
                throw .missing(location(tokens), what: "'name' and 'in' (query, header or cookie) of apiKey scheme '\(name)'")
            }
            kind = .apiKey(name: keyName, location: place)
        case "oauth2":
            kind = .oauth2
        case "openIdConnect":
            kind = .openIdConnect(url: fields["openIdConnectUrl"]?.stringValue ?? "")
        case "mutualTLS":
            kind = .mutualTLS
        case let other:
            throw .invalid(
                location(tokens + ["type"]),
                problem: "security scheme '\(name)' has type '\(other ?? "(none)")'; expected http, apiKey, oauth2, openIdConnect or mutualTLS"
            )
        }
        return SecurityScheme(name: name, kind: kind)
    }
}
