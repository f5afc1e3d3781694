// The credential cases: the request sent without its credential, and with one of the right
// shape that no server issued. Both must be refused with 401.

import OpenAPI

extension NegativeCasePlanner {
    /// The header a credential travels in and a well-formed value no server accepts.
    struct CredentialHeader {
        let name: String
        let wrongValue: String
    }

    /// `noToken` and `wrongToken` for a secured operation; nothing for one callable anonymously
    /// or whose schemes send no header (an API key in the query or a cookie, mutual TLS).
    func credentialCases(of operation: Operation) -> [NegativeCase] {
        guard !operation.security.allowsAnonymous, let header = Self.credentialHeader(of: operation.security) else { return [] }
        let expected = ExpectedRefusal.statuses(ExpectedRefusal.unauthorized, of: operation)
        return [
            NegativeCase(operationId: operation.id, kind: .noToken, name: "no token",
                         change: .header(name: header.name, value: ""), expectedStatuses: expected),
            NegativeCase(operationId: operation.id, kind: .wrongToken, name: "wrong token",
                         change: .header(name: header.name, value: header.wrongValue), expectedStatuses: expected),
        ]
    }

    /// The header of the first scheme, in the order the requirements list them, that sends one.
    static func credentialHeader(of requirements: [SecurityRequirement]) -> CredentialHeader? {
        for requirement in requirements {
            for entry in requirement.entries {
                if let header = credentialHeader(of: entry.scheme) { return header }
            }
        }
        return nil
    }

    private static func credentialHeader(of scheme: SecurityScheme) -> CredentialHeader? {
        let bearer = CredentialHeader(name: "Authorization", wrongValue: "Bearer not-a-valid-token")
        switch scheme.kind {
        case .http(let name, _) where name == "bearer": return bearer
        // "not:valid", base64-encoded.
        case .http(let name, _) where name == "basic": return CredentialHeader(name: "Authorization", wrongValue: "Basic bm90OnZhbGlk")
        case .apiKey(let name, .header): return CredentialHeader(name: name, wrongValue: "not-a-valid-key")
        // OAuth 2 and OpenID Connect access tokens travel as bearer tokens.
        case .oauth2, .openIdConnect: return bearer
        case .http, .apiKey, .mutualTLS: return nil
        }
    }
}
