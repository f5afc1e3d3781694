// How an operation authenticates: the security requirements that apply to it (its own, else the
// document's), each naming schemes from components/securitySchemes.

/// A security scheme declared under `components/securitySchemes`.
public struct SecurityScheme: Sendable, Hashable {
    /// What kind of credential the scheme takes.
    public enum Kind: Sendable, Hashable {
        /// `type: http`; `scheme` is lower-cased ("bearer", "basic").
        case http(scheme: String, bearerFormat: String?)
        /// `type: apiKey`: a key sent as the named header, query parameter or cookie.
        case apiKey(name: String, location: ParameterLocation)
        /// `type: oauth2`.
        case oauth2
        /// `type: openIdConnect`.
        case openIdConnect(url: String)
        /// `type: mutualTLS`.
        case mutualTLS
    }

    /// The scheme's name in components/securitySchemes, e.g. "bearerAuth".
    public let name: String
    /// The kind of credential.
    public let kind: Kind

    /// Whether a `Authorization: Bearer <token>` header satisfies this scheme.
    public var isBearer: Bool {
        if case .http(let scheme, _) = kind { return scheme == "bearer" }
        return false
    }
}

/// One alternative of an operation's `security` list: every scheme in it must be satisfied.
public struct SecurityRequirement: Sendable, Hashable {
    /// A scheme and the scopes the operation needs of it.
    public struct Entry: Sendable, Hashable {
        /// The scheme, as declared under components/securitySchemes.
        public let scheme: SecurityScheme
        /// The scopes required (OAuth2 and OpenID Connect); empty otherwise.
        public let scopes: [String]
    }

    /// The schemes that together satisfy this alternative; empty means "no authentication".
    public let entries: [Entry]
}

extension Array where Element == SecurityRequirement {
    /// Whether a bearer token alone satisfies one of the alternatives (that is how fcharness
    /// authenticates); false for an operation that needs no authentication at all.
    public var acceptsBearerToken: Bool {
        contains { requirement in !requirement.entries.isEmpty && requirement.entries.allSatisfy(\.scheme.isBearer) }
    }

    /// Whether the operation can be called without credentials (no requirement, or an empty one).
    public var allowsAnonymous: Bool {
        isEmpty || contains { $0.entries.isEmpty }
    }
}
