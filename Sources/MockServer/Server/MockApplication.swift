// One request in, one response out: route, authenticate, validate, handle. The order is the
// one docs/mock.md documents: 404/405 for paths, then 401, then 400, then the handler's
// 404/400. Faults and HTTP framing live in the channel handler, not here.
import JSON
import NIOCore
import NIOHTTP1

/// The mock's request logic, shared by all connections and event loops.
final class MockApplication: Sendable {
    let routes: RouteTable
    let handlers: FreshchatRoutes
    let faults: FaultInjector
    let limits: MockLimits
    let allocator: ByteBufferAllocator
    /// Whose word the answers follow; the handlers have the same.
    let flavor: MockFlavor
    private let expectedAuthorization: String
    private let token: String

    init(routes: RouteTable, handlers: FreshchatRoutes, faults: FaultInjector, limits: MockLimits, token: String) {
        self.routes = routes
        self.handlers = handlers
        self.faults = faults
        self.limits = limits
        self.token = token
        expectedAuthorization = "Bearer \(token)"
        allocator = handlers.allocator
        flavor = handlers.flavor
    }

    /// The response to a request that `match` has routed (faults already decided not to
    /// replace it).
    func respond(to request: MockRequest, match: RouteMatch) -> MockResponse {
        switch match {
        case .notFound:
            return .error(
                .notFound, .notFound(resource: nil), "no operation of the spec has the path \(request.path)", flavor: flavor,
                allocator: allocator)
        case .malformedPath(let message):
            return .error(.badRequest, .badRequest, message, flavor: flavor, allocator: allocator)
        case .methodNotAllowed(let allow):
            var response = MockResponse.error(
                .methodNotAllowed, .methodNotAllowed, "\(request.method.rawValue) is not an operation of \(request.path); allowed: \(allow)",
                flavor: flavor, allocator: allocator)
            response.extraHeaders.append(("Allow", allow))
            return response
        case .operation(let operation, let pathValues):
            guard isAuthorized(request.headers) else {
                return .error(
                    .unauthorized, .unauthorized, "a valid Bearer token is required (Authorization: Bearer TOKEN)", flavor: flavor,
                    allocator: allocator)
            }
            let input: ValidatedInput
            do {
                input = try RequestValidation.validate(request, for: operation, pathValues: pathValues)
            } catch {
                return .error(.badRequest, .badRequest, error.message, flavor: flavor, allocator: allocator)
            }
            guard let endpoint = operation.endpoint else {
                return .error(
                    .notImplemented, .internalError, "the mock does not implement \(operation.operationId)", flavor: flavor,
                    allocator: allocator)
            }
            return handlers.respond(endpoint, input)
        }
    }

    /// The `500` that `--error-rate` sends instead of running the operation.
    func injectedErrorResponse() -> MockResponse {
        .error(.internalServerError, .internalError, "injected fault: internal server error (--error-rate)", flavor: flavor, allocator: allocator)
    }

    /// The `429` that `--rate-limit` sends (its `Retry-After` or `X-RateLimit-*` come from
    /// `withRateLimitHeaders`, as every response's do).
    func rateLimitedResponse(retryAfterSeconds: Int) -> MockResponse {
        .error(
            .tooManyRequests, .rateLimited, "rate limit exceeded; retry after \(retryAfterSeconds) s", flavor: flavor,
            allocator: allocator)
    }

    /// `response` with the flavor's rate-limit headers for a request that left the limit at
    /// `state` (nil: no limit applies to it).
    func withRateLimitHeaders(_ response: MockResponse, _ state: RateLimitState?) -> MockResponse {
        let headers = RateLimitHeaders.headers(for: state, flavor: flavor)
        guard !headers.isEmpty else { return response }
        var response = response
        response.extraHeaders += headers
        return response
    }

    private func isAuthorized(_ headers: HTTPHeaders) -> Bool {
        guard let value = headers.first(name: "authorization") else { return false }
        if value == expectedAuthorization { return true }
        // The scheme is case-insensitive (RFC 9110); the token is not.
        let parts = value.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        return parts.count == 2 && parts[0].lowercased() == "bearer" && parts[1].trimmingSpaces == token
    }
}

extension Substring {
    fileprivate var trimmingSpaces: Substring {
        var text = self
        while text.last == " " || text.last == "\t" { text = text.dropLast() }
        return text
    }
}
