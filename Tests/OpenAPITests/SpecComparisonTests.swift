// `SpecComparison` on whole operations: which operations pair up, and what differs in their
// parameters, request bodies and responses, as the lines `fcharness diff-spec` prints.

import JSON
import OpenAPI
import XCTest

final class SpecComparisonTests: XCTestCase {
    func index(_ paths: String, components: String = "{}", name: String) throws -> OperationIndex {
        try OperationIndex(document: .load(text: """
            openapi: 3.1.0
            info: { title: Things, version: '1' }
            paths:
            \(paths)
            components: \(components)
            """, name: name))
    }

    func compare(_ pathsA: String, _ pathsB: String, componentsA: String = "{}", componentsB: String = "{}") throws -> SpecComparison {
        try SpecComparison(index(pathsA, components: componentsA, name: "a.yaml"), index(pathsB, components: componentsB, name: "b.yaml"))
    }

    func lines(_ pathsA: String, _ pathsB: String, componentsA: String = "{}", componentsB: String = "{}") throws -> [String] {
        try compare(pathsA, pathsB, componentsA: componentsA, componentsB: componentsB).differences.map(\.line)
    }

    // MARK: - Operations

    func testOperationsOnlyInOneSideAreListedInSpecOrder() throws {
        let a = """
              /a: { get: { operationId: getA, responses: { '200': { description: OK } } } }
              /gone: { delete: { operationId: deleteGone, responses: { '204': { description: gone } } } }
            """
        let b = """
              /new: { post: { operationId: createNew, responses: { '200': { description: OK } } } }
              /a: { get: { operationId: getA, responses: { '200': { description: OK } } } }
            """
        XCTAssertEqual(try lines(a, b), [
            "deleteGone  operation: DELETE /gone only in A",
            "createNew  operation: POST /new only in B",
        ])
    }

    func testARenamedOperationIsPairedByMethodAndPath() throws {
        let a = "  /users/{id}: { get: { operationId: getUser, parameters: [{ name: id, in: path, required: true, schema: { type: string } }], responses: { '200': { description: OK } } } }"
        let b = "  /users/{user_id}: { get: { operationId: fetchUser, parameters: [{ name: user_id, in: path, required: true, schema: { type: string } }], responses: { '200': { description: OK } } } }"
        XCTAssertEqual(try lines(a, b), [
            "getUser (B: fetchUser)  path id: only in A",
            "getUser (B: fetchUser)  path user_id: only in B",
        ])
    }

    func testIdenticalSpecsAllowTheSame() throws {
        let index = try OperationIndex.load(path: TestFiles.freshchatSpecPath)
        let comparison = try SpecComparison(index, index)
        XCTAssertTrue(comparison.allowTheSame)
        XCTAssertEqual(comparison.text(describingA: "a.yaml", b: "b.yaml"),
                       "A: a.yaml\nB: b.yaml\n\nno differences: A and B allow the same (16 operations)\n")
    }

    // MARK: - Parameters

    func testParametersAddedRemovedRequiredAndTheirSchemas() throws {
        let a = """
              /items:
                get:
                  operationId: listItems
                  parameters:
                    - { name: limit, in: query, schema: { type: integer, maximum: 50 } }
                    - { name: X-Trace, in: header, schema: { type: string } }
                    - { name: sort, in: query, required: true, schema: { type: string } }
                  responses: { '200': { description: OK } }
            """
        let b = """
              /items:
                get:
                  operationId: listItems
                  parameters:
                    - { name: limit, in: query, required: true, schema: { type: integer, maximum: 100 } }
                    - { name: x-trace, in: header, schema: { type: string } }
                    - { name: cursor, in: query, schema: { type: string } }
                  responses: { '200': { description: OK } }
            """
        XCTAssertEqual(try lines(a, b), [
            "listItems  query limit  required: A no, B yes — A also allows requests without it",
            "listItems  query limit  /maximum: A 50, B 100 — B also allows 51…100",
            "listItems  query sort: only in A — B also allows requests without it",
            "listItems  query cursor: only in B",
        ])
    }

    func testAParameterRefIsFollowed() throws {
        let a = "  /items: { get: { operationId: listItems, parameters: [{ $ref: '#/components/parameters/Page' }], responses: { '200': { description: OK } } } }"
        let b = "  /items: { get: { operationId: listItems, parameters: [{ name: page, in: query, schema: { type: integer, minimum: 0 } }], responses: { '200': { description: OK } } } }"
        XCTAssertEqual(try lines(a, b, componentsA: "{ parameters: { Page: { name: page, in: query, schema: { type: integer, minimum: 1 } } } }"), [
            "listItems  query page  /minimum: A 1, B 0 — B also allows 0",
        ])
    }

    // MARK: - Request body

    func testRequestBodyRequiredMediaTypesAndSchemas() throws {
        let a = """
              /items:
                post:
                  operationId: createItem
                  requestBody:
                    required: true
                    content:
                      application/json: { schema: { type: object, required: [name] } }
                      application/xml: { schema: { type: object } }
                  responses: { '200': { description: OK } }
            """
        let b = """
              /items:
                post:
                  operationId: createItem
                  requestBody:
                    content:
                      application/json; charset=utf-8: { schema: { type: object } }
                      text/plain: { schema: { type: string } }
                  responses: { '200': { description: OK } }
            """
        XCTAssertEqual(try lines(a, b), [
            "createItem  request body  required: A yes, B no — B also allows requests without a body",
            "createItem  request body application/json  /required: A [name], B none — B also allows objects without name",
            "createItem  request body application/xml: only in A",
            "createItem  request body text/plain: only in B",
        ])
    }

    func testARequestBodyOnOneSideOnly() throws {
        let a = "  /items: { post: { operationId: createItem, responses: { '200': { description: OK } } } }"
        let b = "  /items: { post: { operationId: createItem, requestBody: { content: { application/json: {} } }, responses: { '200': { description: OK } } } }"
        XCTAssertEqual(try lines(a, b), ["createItem  request body: only in B"])
    }

    // MARK: - Responses

    func testStatusesOnlyInOneSideSayWhetherARangeCoversThem() throws {
        let a = "  /items: { post: { operationId: createItem, responses: { '200': { description: OK }, '4XX': { description: bad } } } }"
        let b = "  /items: { post: { operationId: createItem, responses: { '200': { description: OK }, '202': { description: later }, '429': { description: slow down } } } }"
        XCTAssertEqual(try lines(a, b), [
            "createItem  responses: 202 only in B",
            "createItem  responses: 429 only in B — A documents it under 4XX",
            "createItem  responses: 4XX only in A",
        ])
    }

    func testResponseHeadersMediaTypesAndSchemas() throws {
        let a = """
              /items/{id}:
                get:
                  operationId: getItem
                  parameters: [{ name: id, in: path, required: true, schema: { type: string } }]
                  responses:
                    '404':
                      description: not found
                      headers:
                        X-Request-Id: { required: true, schema: { type: string } }
                        Content-Type: { schema: { type: string } }
                      content:
                        application/json: { schema: { $ref: '#/components/schemas/Error' } }
            """
        let b = """
              /items/{id}:
                get:
                  operationId: getItem
                  parameters: [{ name: id, in: path, required: true, schema: { type: string } }]
                  responses:
                    '404':
                      description: not found
                      headers:
                        x-request-id: { schema: { type: string, format: uuid } }
                        X-RateLimit-Limit: { $ref: '#/components/headers/Limit' }
                      content:
                        application/json: { schema: { $ref: '#/components/schemas/Error' } }
                        text/html: {}
            """
        let errorA = "{ schemas: { Error: { type: object, properties: { code: { type: string } } } } }"
        let errorB = """
            { headers: { Limit: { schema: { type: integer } } },
              schemas: { Error: { type: object, properties: { code: { type: integer }, status: { type: string } } } } }
            """
        XCTAssertEqual(try lines(a, b, componentsA: errorA, componentsB: errorB), [
            "getItem  404 headers: X-RateLimit-Limit only in B",
            "getItem  404 header X-Request-Id  required: A yes, B no — B also allows responses without it",
            "getItem  404 header X-Request-Id  /format: A none, B uuid — A also allows strings that are not uuid",
            "getItem  404 application/json  /properties/code/type: A string, B integer",
            "getItem  404 application/json  /properties/status: only in B — A allows any value there",
            "getItem  404 text/html: only in B",
        ])
    }

    func testASchemaOnOneSideOnlyIsOneLine() throws {
        let a = "  /items: { get: { operationId: listItems, responses: { '200': { description: OK, content: { application/json: { schema: { type: array } } } } } } }"
        let b = "  /items: { get: { operationId: listItems, responses: { '200': { description: OK, content: { application/json: {} } } } } }"
        XCTAssertEqual(try lines(a, b), ["listItems  200 application/json  schema: only in A — B allows any body"])
    }

    // MARK: - Rendering

    func testTextGroupsByOperationAndCounts() throws {
        let a = """
              /a: { get: { operationId: getA, parameters: [{ name: q, in: query, schema: { type: string } }], responses: { '200': { description: OK } } } }
              /b: { get: { operationId: getB, responses: { '200': { description: OK } } } }
            """
        let b = """
              /a: { get: { operationId: getA, parameters: [{ name: q, in: query, schema: { type: integer } }], responses: { '200': { description: OK }, '429': { description: slow } } } }
              /b: { get: { operationId: getB, responses: { '200': { description: OK }, '429': { description: slow } } } }
            """
        XCTAssertEqual(try compare(a, b).text(describingA: "a.yaml", b: "b.yaml"), """
            A: a.yaml
            B: b.yaml

            getA  query q  /type: A string, B integer
            getA  responses: 429 only in B

            getB  responses: 429 only in B

            3 differences in 2 of 2 operations

            """)
    }

    func testJSONCarriesEachDifferenceAndItsLine() throws {
        let a = "  /a: { get: { operationId: getA, responses: { '200': { description: OK } } } }"
        let b = "  /a: { get: { operationId: getA, responses: { '200': { description: OK }, '202': { description: later } } } }"
        let json = try compare(a, b).json(describingA: "a.yaml", b: "b.yaml")
        XCTAssertEqual(json["format"], "fcharness-diff-spec/1")
        XCTAssertEqual(json["same"], false)
        XCTAssertEqual(json["differing_operations"], ["getA"])
        XCTAssertEqual(json["differences"], [[
            "operation": "getA", "method": "GET", "path": "/a", "place": "responses",
            "only_in": "B", "name": "202", "line": "getA  responses: 202 only in B",
        ]])
    }
}
