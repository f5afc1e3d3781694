// The two ends of an inferred dependency: a value a response yields (source) and a slot of a
// later request that needs it (sink), each with the schema type and format it declares.

import JSON

/// The declared JSON Schema `type` and `format` of a value; either may be absent.
public struct ValueShape: Sendable, Hashable, CustomStringConvertible {
    /// The schema's `type` ("string", "integer", ...), nil when the schema gives none.
    public let type: String?
    /// The schema's `format` ("uuid", "int64", ...), nil when the schema gives none.
    public let format: String?

    /// A shape with this type and format.
    public init(type: String?, format: String?) {
        self.type = type
        self.format = format
    }

    /// `string`, `string/uuid`, or `untyped`.
    public var description: String {
        switch (type, format) {
        case (let type?, let format?): return "\(type)/\(format)"
        case (let type?, nil): return type
        case (nil, let format?): return "untyped/\(format)"
        case (nil, nil): return "untyped"
        }
    }

    /// Whether a value of this shape may be sent where `sink` is declared: the types agree
    /// (an integer fits a number), and the formats agree when both declare one.
    func fits(_ sink: ValueShape) -> Bool {
        if let type, let sinkType = sink.type, type != sinkType, !(type == "integer" && sinkType == "number") {
            return false
        }
        if let format, let sinkFormat = sink.format, format != sinkFormat { return false }
        return true
    }

    /// Whether both sides declare a type, so `fits` compared something.
    func isTyped(alongside other: ValueShape) -> Bool { type != nil && other.type != nil }
}

/// A value a response yields: where it is in which operation's response, and its shape.
public struct ValueSource: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The producing operation's operationId.
    public let operationId: String
    /// The documented status whose body carries it ("200", "201").
    public let status: String
    /// Where it sits in the body, the first array element standing for all: `$.channels[0].id`.
    public let path: JSONPath
    /// Its declared type and format.
    public let shape: ValueShape

    /// A source at `path` in `operationId`'s `status` response.
    public init(operationId: String, status: String, path: JSONPath, shape: ValueShape) {
        self.operationId = operationId
        self.status = status
        self.path = path
        self.shape = shape
    }

    /// Sorts by operation, status, then path text.
    public static func < (lhs: ValueSource, rhs: ValueSource) -> Bool {
        (lhs.operationId, lhs.status, lhs.path.description) < (rhs.operationId, rhs.status, rhs.path.description)
    }

    /// `createUser 200 $.id`.
    public var description: String { "\(operationId) \(status) \(path)" }
}

/// Where in a request a sink's value goes.
public enum SinkLocation: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// A `{name}` placeholder of the path template.
    case path(String)
    /// A query string parameter.
    case query(String)
    /// A field of the JSON request body, the first array element standing for all:
    /// `/users/0/id`, `/actor_id`.
    case body(JSONPointer)

    /// The field or parameter name the value goes under (`user_id`, `id`, `actor_id`).
    public var name: String {
        switch self {
        case .path(let name), .query(let name): return name
        case .body(let pointer): return pointer.tokens.last ?? ""
        }
    }

    /// Path parameters first, then query, then body; by name within each.
    public static func < (lhs: SinkLocation, rhs: SinkLocation) -> Bool {
        (lhs.rank, lhs.description) < (rhs.rank, rhs.description)
    }

    private var rank: Int {
        switch self {
        case .path: return 0
        case .query: return 1
        case .body: return 2
        }
    }

    /// `path user_id`, `query assigned_agent_id`, `body /users/0/id`.
    public var description: String {
        switch self {
        case .path(let name): return "path \(name)"
        case .query(let name): return "query \(name)"
        case .body(let pointer): return "body \(pointer)"
        }
    }
}

/// A slot of a request that needs a value another operation yields: a path parameter, or an
/// id-like query parameter or body field.
public struct ValueSink: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The consuming operation's operationId.
    public let operationId: String
    /// Where the value goes.
    public let location: SinkLocation
    /// Its declared type and format.
    public let shape: ValueShape
    /// Whether a request must carry it (path parameters always; body fields when every
    /// enclosing object lists them as required).
    public let required: Bool

    /// A sink at `location` of `operationId`.
    public init(operationId: String, location: SinkLocation, shape: ValueShape, required: Bool) {
        self.operationId = operationId
        self.location = location
        self.shape = shape
        self.required = required
    }

    /// Sorts by operation, then location.
    public static func < (lhs: ValueSink, rhs: ValueSink) -> Bool {
        (lhs.operationId, lhs.location) < (rhs.operationId, rhs.location)
    }

    /// `getUser path user_id`.
    public var description: String { "\(operationId) \(location)" }
}
