// The Error body of every error the mock sends, in its flavor's shape: the seed spec's
// `{"code": "not_found", "message": …}`, or the live API's as observed,
// `{"code": 404, "status": "AGENT_NOT_FOUND", "message": …}`. The one place either is written.
import JSON
import NIOCore
import NIOHTTP1

/// What went wrong, named once for both shapes of the Error body.
enum MockErrorCode: Equatable {
    case badRequest
    case unauthorized
    /// `resource` names what does not exist ("agent"), nil for a path no operation has.
    case notFound(resource: String?)
    case methodNotAllowed
    case payloadTooLarge
    case headersTooLarge
    case rateLimited
    case internalError

    /// The seed flavor's `code`.
    var seedCode: String {
        switch self {
        case .badRequest: return "bad_request"
        case .unauthorized: return "unauthorized"
        case .notFound: return "not_found"
        case .methodNotAllowed: return "method_not_allowed"
        case .payloadTooLarge: return "payload_too_large"
        case .headersTooLarge: return "request_header_fields_too_large"
        case .rateLimited: return "rate_limited"
        case .internalError: return "internal_error"
        }
    }

    /// The observed flavor's `status`: the seed code in capitals, and a missing record named
    /// by its kind, as the live API's `AGENT_NOT_FOUND` is.
    var observedStatus: String {
        if case .notFound(let resource?) = self { return resource.uppercased() + "_NOT_FOUND" }
        return seedCode.uppercased()
    }
}

enum ErrorBody {
    /// The Error body for `code` in `flavor`'s shape. The observed `code` is the HTTP status:
    /// public clients show an integer there, and the status is the integer a client can act on.
    static func json(status: HTTPResponseStatus, code: MockErrorCode, message: String, flavor: MockFlavor) -> JSON {
        switch flavor {
        case .seed:
            return ["code": .string(code.seedCode), "message": .string(message)]
        case .observed:
            return ["code": .integer(Int64(status.code)), "status": .string(code.observedStatus), "message": .string(message)]
        }
    }
}

extension MockResponse {
    /// A response with the flavor's Error body.
    static func error(
        _ status: HTTPResponseStatus, _ code: MockErrorCode, _ message: String, flavor: MockFlavor,
        allocator: ByteBufferAllocator
    ) -> MockResponse {
        let json = ErrorBody.json(status: status, code: code, message: message, flavor: flavor)
        return MockResponse(status: status, body: allocator.buffer(bytes: json.serializedBytes()))
    }

    /// A `200` with `json` as body.
    static func ok(_ json: JSON, allocator: ByteBufferAllocator) -> MockResponse {
        MockResponse(status: .ok, body: allocator.buffer(bytes: json.serializedBytes()))
    }
}
