// An operation of the spec as the mock serves it: where it lives, what it accepts, and the
// compiled checks its parameters and body must pass.
import JSON
import NIOHTTP1

/// One failure of a value against a schema, as the mock reports it in a `400`.
struct SchemaViolation: Sendable {
    /// JSON Pointer into the checked value ("" for the value itself).
    var pointer: String
    /// What the schema wanted.
    var message: String
}

/// A compiled schema check: built once at start, run per request.
struct SchemaCheck: Sendable {
    let run: @Sendable (JSON) -> [SchemaViolation]
}

/// The JSON type a query or path parameter's text is converted to before its schema check.
enum ParameterType: Sendable {
    case integer, number, boolean, string
}

/// A query or path parameter of an operation.
struct ParameterRule: Sendable {
    var name: String
    var type: ParameterType
    var required: Bool
    var check: SchemaCheck?
}

/// The request body rule of an operation.
struct BodyRule: Sendable {
    var required: Bool
    var check: SchemaCheck?
}

/// One segment of a path template.
enum PathSegment: Sendable, Equatable {
    case literal(String)
    case parameter(String)
}

/// An operation the mock routes to.
struct MockOperation: Sendable {
    /// Position in the route table; fault settings and statistics are indexed by it.
    var ordinal: Int
    var operationId: String
    var method: HTTPMethod
    /// The spec's path template, e.g. `/conversations/{conversation_id}`.
    var pathTemplate: String
    var queryParameters: [ParameterRule]
    var pathParameters: [ParameterRule]
    var body: BodyRule?
    /// The handler; nil when the spec has an operation the mock does not implement.
    var endpoint: FreshchatEndpoint?

    var segments: [PathSegment] {
        pathTemplate.split(separator: "/").map { part in
            part.hasPrefix("{") && part.hasSuffix("}")
                ? .parameter(String(part.dropFirst().dropLast())) : .literal(String(part))
        }
    }
}

/// The operations of the Freshchat spec the mock implements.
enum FreshchatEndpoint: String, Sendable, CaseIterable {
    case listConversations, createConversation, getConversation, updateConversation
    case listConversationMessages, sendMessage
    case listUsers, createUser, getUser, updateUser
    case listAgents, getAgent, listChannels, getChannel, listGroups, getGroup
}
