// Building request URLs: path templates with percent-encoded values, server templates with
// variables, and the status-to-response lookup.

import OpenAPI
import XCTest

final class PathAndServerTests: XCTestCase {
    func testPathValuesArePercentEncodedSoTheyStayOneSegment() throws {
        let template = PathTemplate("/conversations/{conversation_id}/messages")
        XCTAssertEqual(template.variableNames, ["conversation_id"])
        XCTAssertEqual(try template.expand(["conversation_id": "a/b"]), "/conversations/a%2Fb/messages")
        XCTAssertEqual(try template.expand(["conversation_id": "ü ?#%"]), "/conversations/%C3%BC%20%3F%23%25/messages")
        XCTAssertEqual(try template.expand(["conversation_id": "Az09-._~"]), "/conversations/Az09-._~/messages")
    }

    func testAMissingPathValueIsNamed() {
        XCTAssertThrowsError(try PathTemplate("/users/{user_id}").expand([:])) { error in
            XCTAssertEqual(error as? PathTemplateError, .missingPathParameter("user_id", template: "/users/{user_id}"))
            XCTAssertEqual("\(error)", "missing path parameter 'user_id' for /users/{user_id}")
        }
    }

    func testAConcretePathMatchesBackToDecodedValues() {
        let template = PathTemplate("/files/{name}.{ext}")
        XCTAssertEqual(template.match("/files/report%20v2.pdf"), ["name": "report v2", "ext": "pdf"])
        XCTAssertNil(template.match("/files/.pdf"))
        XCTAssertNil(PathTemplate("/users/{id}").match("/users/"))
        XCTAssertEqual(PathTemplate("/users").match("/users"), [:])
    }

    func testServerVariablesTakeDefaultsGivenValuesAndRespectEnums() throws {
        let server = Server(
            url: "https://{region}.example.com/{version}",
            variables: [
                "region": ServerVariable(defaultValue: "eu", allowedValues: ["eu", "us"]),
                "version": ServerVariable(defaultValue: "v2"),
            ]
        )
        XCTAssertEqual(try server.expandedURL(), "https://eu.example.com/v2")
        XCTAssertEqual(try server.expandedURL(with: ["region": "us", "version": "v3"]), "https://us.example.com/v3")
        XCTAssertThrowsError(try server.expandedURL(with: ["region": "mars"])) { error in
            XCTAssertEqual(error as? ServerURLError, .valueNotAllowed("region", value: "mars", allowed: ["eu", "us"]))
        }
        XCTAssertThrowsError(try server.expandedURL(with: ["domain": "x"])) { error in
            XCTAssertEqual("\(error)", "server https://{region}.example.com/{version} has no variable 'domain' (its variables: region, version)")
        }
    }

    func testAStatusFindsItsCodeThenItsRangeThenDefault() throws {
        let yaml = """
            openapi: 3.0.3
            paths:
              /a:
                get:
                  operationId: getA
                  responses:
                    default: { description: anything else }
                    4xx: { description: client error }
                    404: { description: not found }
                    '200': { description: ok }
            """
        let index = try OperationIndex(document: OpenAPIDocument.load(text: yaml, name: "ranges.yaml"))
        let operation = try XCTUnwrap(index.operation(id: "getA"))
        XCTAssertEqual(operation.response(for: 404)?.description, "not found")
        XCTAssertEqual(operation.response(for: 409)?.status, "4XX")
        XCTAssertEqual(operation.response(for: 500)?.status, "default")
        XCTAssertEqual(operation.response(for: 200)?.description, "ok")
        XCTAssertEqual(operation.documentedStatuses, ["200", "404", "4XX", "default"])
        XCTAssertEqual(operation.servers.map(\.url), ["/"], "no servers anywhere: the spec's default")
        XCTAssertTrue(operation.security.allowsAnonymous)
    }

    func testOperationLevelSettingsOverridePathAndDocumentLevels() throws {
        let yaml = """
            openapi: 3.1.0
            servers: [ { url: 'https://doc.example.com' } ]
            security: [ { key: [] } ]
            paths:
              /items/{id}:
                servers: [ { url: 'https://path.example.com' } ]
                parameters:
                  - { name: id, in: path, required: true, schema: { type: string } }
                  - { name: verbose, in: query, schema: { type: boolean } }
                  - { name: X-Trace, in: header }
                get:
                  operationId: getItem
                  parameters:
                    - { name: verbose, in: query, required: true, schema: { type: integer } }
                    - { name: x-trace, in: header, required: true }
                  responses: { '200': { description: ok } }
                put:
                  operationId: putItem
                  servers: [ { url: 'https://op.example.com' } ]
                  security: []
                  responses: { '200': { description: ok } }
            components:
              securitySchemes:
                key: { type: apiKey, name: X-Key, in: header }
            """
        let index = try OperationIndex(document: OpenAPIDocument.load(text: yaml, name: "levels.yaml"))
        let get = try XCTUnwrap(index.operation(id: "getItem"))
        XCTAssertEqual(get.servers.map(\.url), ["https://path.example.com"])
        XCTAssertEqual(get.parameters.map(\.name), ["id", "verbose", "x-trace"])
        XCTAssertEqual(get.parameter(named: "verbose", in: .query)?.required, true)
        XCTAssertEqual(get.parameter(named: "verbose", in: .query)?.schema, ["type": "integer"])
        XCTAssertEqual(get.security.first?.entries.first?.scheme.kind, .apiKey(name: "X-Key", location: .header))
        XCTAssertFalse(get.security.acceptsBearerToken)
        let put = try XCTUnwrap(index.operation(id: "putItem"))
        XCTAssertEqual(put.servers.map(\.url), ["https://op.example.com"])
        XCTAssertEqual(put.parameters.map(\.name), ["id", "verbose", "X-Trace"])
        XCTAssertTrue(put.security.isEmpty)
        XCTAssertTrue(put.security.allowsAnonymous)
    }

    func testPathItemReferencesAreFollowed() throws {
        let yaml = """
            openapi: 3.1.0
            paths:
              /a: { $ref: '#/components/pathItems/A' }
            components:
              pathItems:
                A:
                  get:
                    operationId: getA
                    responses: { '200': { $ref: '#/components/responses/Ok' } }
              responses:
                Ok: { $ref: '#/components/responses/Fine' }
                Fine:
                  description: fine
                  content: { application/json: { schema: { type: object } } }
            """
        let index = try OperationIndex(document: OpenAPIDocument.load(text: yaml, name: "items.yaml"))
        let operation = try XCTUnwrap(index.operation(id: "getA"))
        XCTAssertEqual(operation.pathTemplate, "/a")
        XCTAssertEqual(operation.pointer.description, "/components/pathItems/A/get")
        XCTAssertEqual(operation.response(for: 200)?.pointer.description, "/components/responses/Fine", "chains are followed")
        XCTAssertEqual(operation.response(for: 200)?.schema(forContentType: "application/json")?.pointer.description,
                       "/components/responses/Fine/content/application~1json/schema")
    }

    func testPercentEncodedReferencesAreDecoded() throws {
        let yaml = """
            openapi: 3.1.0
            paths:
              /a:
                get:
                  operationId: getA
                  parameters: [ { $ref: '#/components/parameters/Page%20Size' } ]
                  responses: { '200': { description: ok } }
            components:
              parameters:
                Page Size: { name: size, in: query }
            """
        let index = try OperationIndex(document: OpenAPIDocument.load(text: yaml, name: "encoded.yaml"))
        XCTAssertEqual(index.operation(id: "getA")?.parameters.first?.pointer.description, "/components/parameters/Page Size")
    }
}
