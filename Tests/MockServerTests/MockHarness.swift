// Test support: a mock started in-process on a free port, the project's Curl client, and the
// project's validator checking every response against the spec for its operation and status.
import Curl
import JSON
import JSONSchema
import MockServer
import OpenAPI
import XCTest

/// One response as the tests read it.
struct MockReply {
    var status: Int
    var headers: Curl.HTTPHeaders
    var body: [UInt8]
    var json: JSON?

    var errorMessage: String { json?["message"]?.stringValue ?? "" }
}

/// A contract violation the harness found in a response.
struct SpecViolation: CustomStringConvertible {
    var operationId: String
    var status: Int
    var pointer: String
    var keyword: String
    var message: String
    var description: String { "\(operationId) \(status) \(pointer) (\(keyword)): \(message)" }
}

/// Response schemas of the spec, compiled once per test process.
final class SpecResponses: Sendable {
    static let shared: SpecResponses = {
        do { return try SpecResponses() } catch { preconditionFailure("the embedded spec does not load: \(error)") }
    }()

    struct Operation: Sendable {
        var id: String
        var method: String
        var pathTemplate: String
        /// Status → compiled schema (nil: documented, no JSON body schema).
        var responses: [String: Schema?]
    }

    let basePath = "/v2"
    let operations: [String: Operation]
    let errorSchema: Schema

    private init() throws {
        let index = try OperationIndex.embedded()
        let root = index.document.root
        var operations: [String: Operation] = [:]
        for operation in index.operations {
            var responses: [String: Schema?] = [:]
            for response in operation.responses {
                if let schema = response.schema(forContentType: "application/json") {
                    responses[response.status] = try Schema(document: root, pointer: schema.pointer, formats: .assert)
                } else {
                    responses[response.status] = .some(nil)
                }
            }
            operations[operation.id] = Operation(
                id: operation.id, method: operation.method, pathTemplate: operation.pathTemplate, responses: responses)
        }
        self.operations = operations
        errorSchema = try Schema(document: root, pointer: JSONPointer(tokens: ["components", "schemas", "Error"]), formats: .assert)
    }

    /// Every way `reply` breaks the spec for `operationId`.
    func violations(of reply: MockReply, operationId: String) -> [SpecViolation] {
        guard let operation = operations[operationId] else {
            return [SpecViolation(operationId: operationId, status: reply.status, pointer: "", keyword: "operation", message: "unknown")]
        }
        guard let documented = operation.responses[String(reply.status)] else {
            return [SpecViolation(operationId: operationId, status: reply.status, pointer: "", keyword: "status", message: "undocumented status")]
        }
        guard let schema = documented else { return [] }
        guard let json = reply.json else {
            return [SpecViolation(operationId: operationId, status: reply.status, pointer: "", keyword: "json", message: "body is not JSON")]
        }
        return schema.validate(json).map {
            SpecViolation(operationId: operationId, status: reply.status, pointer: $0.instanceLocation.description, keyword: $0.keyword, message: $0.message)
        }
    }
}

/// A running mock plus a client; call `finish()` at the end of each test.
final class MockHarness: @unchecked Sendable {
    let server: MockServer
    let client = CurlClient()
    /// Violations of every response sent through `call`, checked by `finish()`.
    private(set) var violations: [SpecViolation] = []
    private(set) var calledOperations: Set<String> = []

    init(_ configuration: MockConfiguration = .embedded()) async throws {
        var configuration = configuration
        configuration.threads = min(configuration.threads, 2)
        server = try await MockServer.start(configuration)
    }

    /// Calls an operation of the spec by operationId, and checks the response against the spec.
    @discardableResult
    func call(
        _ operationId: String, path: [String: String] = [:], query: String = "", body: JSON? = nil,
        token: String? = nil, file: StaticString = #filePath, line: UInt = #line
    ) async throws -> MockReply {
        guard let operation = SpecResponses.shared.operations[operationId] else {
            XCTFail("unknown operation \(operationId)", file: file, line: line)
            return MockReply(status: 0, headers: [:], body: [], json: nil)
        }
        var route = operation.pathTemplate
        for (name, value) in path { route = route.replacingOccurrences(of: "{\(name)}", with: value) }
        let reply = try await send(operation.method, route + (query.isEmpty ? "" : "?" + query), body: body, token: token)
        violations += SpecResponses.shared.violations(of: reply, operationId: operationId)
        calledOperations.insert(operationId)
        return reply
    }

    /// Sends any request under the base path (no spec check).
    func send(
        _ method: String, _ pathAndQuery: String, body: JSON? = nil, rawBody: [UInt8]? = nil, token: String? = nil,
        authorization: String? = nil, headers extra: [(String, String)] = []
    ) async throws -> MockReply {
        var headers: Curl.HTTPHeaders = [:]
        let authorization = authorization ?? "Bearer \(token ?? server.token)"
        if !authorization.isEmpty { headers.append(name: "Authorization", value: authorization) }
        let bytes = rawBody ?? body.map { $0.serializedBytes() }
        if bytes != nil { headers.append(name: "Content-Type", value: "application/json") }
        for (name, value) in extra { headers.append(name: name, value: value) }
        let request = HTTPRequest(method: method, url: server.baseURL + pathAndQuery, headers: headers, body: bytes)
        let response = try await client.perform(request, options: TransferOptions(timeout: .seconds(20)))
        return MockReply(
            status: response.status, headers: response.headers, body: response.body,
            json: response.body.isEmpty ? nil : try? JSON.parse(response.body))
    }

    /// Sends a request to an absolute URL (pagination links).
    func get(url: String) async throws -> MockReply {
        let request = HTTPRequest(method: "GET", url: url, headers: ["Authorization": "Bearer \(server.token)"])
        let response = try await client.perform(request)
        return MockReply(status: response.status, headers: response.headers, body: response.body, json: try? JSON.parse(response.body))
    }

    /// Asserts that every checked response followed the spec, and stops the server.
    func finish(file: StaticString = #filePath, line: UInt = #line) async {
        XCTAssertEqual(violations.map(\.description), [], "responses that break the spec", file: file, line: line)
        await server.shutdown()
    }

    /// Stops the server without checking (for tests that expect violations).
    func stop() async { await server.shutdown() }
}

/// Asserts that `reply` is an error with the spec's Error body.
func assertErrorBody(_ reply: MockReply, status: Int, mentioning text: String? = nil, file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(reply.status, status, "status; body: \(String(decoding: reply.body, as: UTF8.self))", file: file, line: line)
    guard let json = reply.json else { return XCTFail("error body is not JSON", file: file, line: line) }
    XCTAssertEqual(SpecResponses.shared.errorSchema.validate(json).map(\.message), [], "Error schema", file: file, line: line)
    XCTAssertNotNil(json["code"]?.stringValue, file: file, line: line)
    if let text {
        XCTAssertTrue(reply.errorMessage.contains(text), "message \"\(reply.errorMessage)\" should mention \(text)", file: file, line: line)
    }
}

extension String {
    func replacingOccurrences(of target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
