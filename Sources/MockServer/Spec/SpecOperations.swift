// Reads the operations the mock serves out of the spec's OperationIndex: base path, routes,
// parameter and body schemas (compiled once, here), documented statuses. The only file that
// knows the OpenAPI and JSONSchema modules' types.
import JSON
import JSONSchema
import NIOHTTP1
import OpenAPI

/// The spec's operations, ready for routing and validation.
struct SpecOperations {
    let basePath: String
    let operations: [MockOperation]

    init(document: OpenAPIDocument) throws(MockServerError) {
        let index: OperationIndex
        do { index = try OperationIndex(document: document) } catch { throw .unusableSpec("\(error)") }
        guard let first = index.operations.first else { throw .unusableSpec("it has no operations") }
        basePath = Self.basePath(of: first.servers.first?.url ?? "")
        var operations: [MockOperation] = []
        for operation in index.operations {
            var query: [ParameterRule] = [], path: [ParameterRule] = []
            for parameter in operation.parameters where parameter.location == .query || parameter.location == .path {
                let rule = ParameterRule(
                    name: parameter.name, type: Self.parameterType(parameter.schema), required: parameter.required,
                    check: parameter.schema == nil ? nil : try Self.check(document, at: parameter.schemaPointer))
                if parameter.location == .query { query.append(rule) } else { path.append(rule) }
            }
            // Path parameters in template order, as the router hands their values over.
            let order = PathTemplate(operation.pathTemplate).variableNames
            path.sort { (order.firstIndex(of: $0.name) ?? 0) < (order.firstIndex(of: $1.name) ?? 0) }
            let body = try operation.requestBody.map { requestBody throws(MockServerError) in
                BodyRule(
                    required: requestBody.required,
                    check: try requestBody.schema(forContentType: "application/json").map { schema throws(MockServerError) in
                        try Self.check(document, at: schema.pointer)
                    })
            }
            operations.append(MockOperation(
                ordinal: operations.count, operationId: operation.id, method: HTTPMethod(rawValue: operation.method),
                pathTemplate: operation.pathTemplate, queryParameters: query, pathParameters: path, body: body, endpoint: FreshchatEndpoint(rawValue: operation.id)))
        }
        self.operations = operations
    }

    /// The path of a server URL (`https://{domain}.freshchat.com/v2` → `/v2`; none → "").
    static func basePath(of url: String) -> String {
        var rest = Substring(url)
        if let scheme = rest.range(of: "://") { rest = rest[scheme.upperBound...] } else if !rest.hasPrefix("/") { return "" }
        guard let slash = rest.firstIndex(of: "/") else { return "" }
        let path = rest[slash...]
        return path.hasSuffix("/") ? String(path.dropLast()) : String(path)
    }

    private static func parameterType(_ schema: JSON?) -> ParameterType {
        switch schema?["type"]?.stringValue {
        case "integer": return .integer
        case "number": return .number
        case "boolean": return .boolean
        default: return .string
        }
    }

    /// Compiles the schema at `pointer` (formats asserted: an email must look like one).
    private static func check(_ document: OpenAPIDocument, at pointer: JSONPointer) throws(MockServerError) -> SchemaCheck {
        let schema: Schema
        do {
            schema = try Schema(document: document.root, pointer: pointer, formats: .assert)
        } catch {
            throw .unusableSpec("the schema at \(pointer) does not compile: \(error)")
        }
        return SchemaCheck { value in
            schema.validate(value, maxErrors: 4).map {
                SchemaViolation(pointer: $0.instanceLocation.description, message: $0.message)
            }
        }
    }
}
