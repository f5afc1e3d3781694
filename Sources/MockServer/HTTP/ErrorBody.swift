// The spec's Error body (`{"code": ..., "message": ...}`) for every error the mock sends.
import JSON
import NIOCore
import NIOHTTP1

/// Error codes the mock puts in the Error body's `code`.
enum MockErrorCode: String {
    case badRequest = "bad_request"
    case unauthorized = "unauthorized"
    case notFound = "not_found"
    case methodNotAllowed = "method_not_allowed"
    case payloadTooLarge = "payload_too_large"
    case headersTooLarge = "request_header_fields_too_large"
    case rateLimited = "rate_limited"
    case internalError = "internal_error"
}

extension MockResponse {
    /// A response with the spec's Error schema as body.
    static func error(
        _ status: HTTPResponseStatus, _ code: MockErrorCode, _ message: String, allocator: ByteBufferAllocator
    ) -> MockResponse {
        let json: JSON = ["code": .string(code.rawValue), "message": .string(message)]
        return MockResponse(status: status, body: allocator.buffer(bytes: json.serializedBytes()))
    }

    /// A `200` with `json` as body.
    static func ok(_ json: JSON, allocator: ByteBufferAllocator) -> MockResponse {
        MockResponse(status: .ok, body: allocator.buffer(bytes: json.serializedBytes()))
    }
}
