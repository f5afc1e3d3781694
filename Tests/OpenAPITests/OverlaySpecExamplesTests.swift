// The Overlay Specification's own examples (1.0.0 "Examples"; the traits example with the result
// 1.1.0 documents), each applied to a small spec, with the result the specification describes.

import JSON
import OpenAPI
import XCTest

final class OverlaySpecExamplesTests: XCTestCase {
    /// `spec` with the overlay texts applied in order: the resulting document and the warnings.
    func apply(_ overlays: [String], to spec: String) throws -> (root: JSON, warnings: [OverlayWarning]) {
        let read = try overlays.enumerated().map { try Overlay.read(text: $0.element, file: "overlay\($0.offset + 1).yaml") }
        let result = try OverlaidSpec.load(text: spec, name: "spec.yaml", overlays: read)
        return (result.document.root, result.warnings)
    }

    /// The JSON value of a spec text, for comparing results with what the specification shows.
    func json(_ yaml: String) throws -> JSON {
        try OpenAPIDocument.load(text: yaml, name: "expected.yaml").root
    }

    func testStructuredOverlayMirrorsTheDocument() throws {
        let spec = """
            openapi: 3.1.0
            info: { title: Pets, version: 1.0.0 }
            paths:
              /:
                get: { responses: { '200': { description: OK } } }
              /pets:
                get: { summary: List pets, responses: { '200': { description: OK } } }
            """
        let overlay = """
            overlay: 1.0.0
            info:
              title: Structured Overlay
              version: 1.0.0
            actions:
              - target: '$' # Root of document
                update:
                  info:
                    x-overlay-applied: structured-overlay
                  paths:
                    '/':
                      summary: 'The root resource'
                      get:
                        summary: 'Retrieve the root resource'
                        x-rate-limit: 100
                    '/pets':
                      get:
                        summary: 'Retrieve a list of pets'
                        x-rate-limit: 100
                  components:
                  tags:
            """
        let expected = try json("""
            openapi: 3.1.0
            info: { title: Pets, version: 1.0.0, x-overlay-applied: structured-overlay }
            paths:
              /:
                get: { responses: { '200': { description: OK } }, summary: Retrieve the root resource, x-rate-limit: 100 }
                summary: The root resource
              /pets:
                get: { summary: Retrieve a list of pets, responses: { '200': { description: OK } }, x-rate-limit: 100 }
            components: null
            tags: null
            """)
        let result = try apply([overlay], to: spec)
        XCTAssertEqual(result.root, expected)
        XCTAssertEqual(result.warnings, [])
    }

    func testTargetedOverlays() throws {
        let spec = """
            openapi: 3.1.0
            info: { title: T, version: '1' }
            paths:
              /foo:
                get: { description: old foo, responses: {} }
              /bar:
                get: { description: old bar, responses: {} }
                post: { description: old post, x-safe: true, responses: {} }
            """
        let overlay = """
            overlay: 1.0.0
            info:
              title: Targeted Overlays
              version: 1.0.0
            actions:
              - target: $.paths['/foo'].get
                update:
                  description: This is the new description
              - target: $.paths['/bar'].get
                update:
                  description: This is the updated description
              - target: $.paths['/bar']
                update:
                  post:
                    description: This is an updated description of a child object
                    x-safe: false
            """
        let root = try apply([overlay], to: spec).root
        XCTAssertEqual(root["paths"]?["/foo"]?["get"]?["description"], "This is the new description")
        XCTAssertEqual(root["paths"]?["/bar"]?["get"]?["description"], "This is the updated description")
        XCTAssertEqual(root["paths"]?["/bar"]?["post"], ["description": "This is an updated description of a child object", "x-safe": false, "responses": [:]])
    }

    func testWildcardOverlayUpdatesEverySelectedNode() throws {
        let spec = """
            openapi: 3.1.0
            info: { title: T, version: '1' }
            paths:
              /a:
                get:
                  parameters:
                    - { name: filter, in: query }
                    - { name: filter, in: header }
                  responses: {}
              /b:
                get: { responses: {} }
                post: { responses: {} }
            """
        let overlay = """
            overlay: 1.0.0
            info:
              title: Update many objects at once
              version: 1.0.0
            actions:
              - target: $.paths.*.get
                update:
                  x-safe: true
              - target: $.paths.*.get.parameters[?@.name=='filter' && @.in=='query']
                update:
                  schema:
                    $ref: '/components/schemas/filterSchema'
            """
        let paths = try apply([overlay], to: spec).root["paths"]
        XCTAssertEqual(paths?["/a"]?["get"]?["x-safe"], true)
        XCTAssertEqual(paths?["/b"]?["get"]?["x-safe"], true)
        XCTAssertNil(paths?["/b"]?["post"]?["x-safe"])
        XCTAssertEqual(paths?["/a"]?["get"]?["parameters"], [
            ["name": "filter", "in": "query", "schema": ["$ref": "/components/schemas/filterSchema"]],
            ["name": "filter", "in": "header"],
        ])
    }

    let specWithParameters = """
        openapi: 3.1.0
        info: { title: T, version: '1' }
        paths:
          /a:
            get:
              parameters:
                - { name: dummy, in: query }
                - { name: keep, in: query }
                - { name: dummy, in: header }
              responses: {}
          /b:
            get:
              parameters: [{ name: dummy, in: query }]
              responses: {}
        """

    func testRemovingArrayItemsWithAFilter() throws {
        let overlay = """
            overlay: 1.0.0
            info:
              title: Remove a array element
              version: 1.0.0
            actions:
              - target: $.paths.*.get.parameters[?@.name == 'dummy']
                remove: true
            """
        let paths = try apply([overlay], to: specWithParameters).root["paths"]
        XCTAssertEqual(paths?["/a"]?["get"]?["parameters"], [["name": "keep", "in": "query"]])
        XCTAssertEqual(paths?["/b"]?["get"]?["parameters"], [])
    }

    func testAppendingToAnArray() throws {
        let overlay = """
            overlay: 1.0.0
            info:
              title: Add an array element
              version: 1.0.0
            actions:
              - target: $.paths.*.get.parameters
                update:
                  name: newParam
                  in: query
            """
        let paths = try apply([overlay], to: specWithParameters).root["paths"]
        XCTAssertEqual(paths?["/a"]?["get"]?["parameters"]?.arrayValue?.last, ["name": "newParam", "in": "query"])
        XCTAssertEqual(paths?["/a"]?["get"]?["parameters"]?.arrayValue?.count, 4)
        XCTAssertEqual(paths?["/b"]?["get"]?["parameters"], [["name": "dummy", "in": "query"], ["name": "newParam", "in": "query"]])
    }

    /// Overlay 1.1's traits example and its documented result; under 1.1 an array in `update`
    /// concatenates with the array it meets (`parameters` of /items/{id}/subitems).
    func testTraitsExampleUnderOverlay1_1() throws {
        let spec = """
            openapi: 3.1.0
            info:
              title: API with a paged collection
              version: 1.0.0
            paths:
              /items:
                get:
                  x-oai-traits: ['paged']
                  responses:
                    200:
                      description: OK
              /items/{id}/subitems:
                get:
                  x-oai-traits: ['paged']
                  parameters:
                    - name: id
                      in: path
                      required: true
                  responses:
                    200:
                      description: OK
              /other:
                get:
                  responses:
                    200:
                      description: OK
            """
        let overlay = """
            overlay: 1.1.0
            info:
              title: Apply Traits
              version: 1.0.0
            actions:
              - target: $.paths[?(@.get['x-oai-traits'][?(@ == 'paged')])].get
                update:
                  parameters:
                    - name: top
                      in: query
                    - name: skip
                      in: query
            """
        let expected = try json("""
            openapi: 3.1.0
            info:
              title: API with a paged collection
              version: 1.0.0
            paths:
              /items:
                get:
                  x-oai-traits: ["paged"]
                  responses:
                    200:
                      description: OK
                  parameters:
                    - name: top
                      in: query
                    - name: skip
                      in: query
              /items/{id}/subitems:
                get:
                  x-oai-traits: ["paged"]
                  parameters:
                    - name: id
                      in: path
                      required: true
                    - name: top
                      in: query
                    - name: skip
                      in: query
                  responses:
                    200:
                      description: OK
              /other:
                get:
                  responses:
                    200:
                      description: OK
            """)
        XCTAssertEqual(try apply([overlay], to: spec).root, expected)
    }

    /// Under 1.0 the same update replaces the array, as 1.0 says: "the properties in the merge
    /// object replace properties in the target object with the same name".
    func testOverlay1_0ReplacesArraysAndPrimitives() throws {
        let overlay = """
            overlay: 1.0.0
            info: { title: Replace, version: 1.0.0 }
            actions:
              - target: $.paths['/a'].get
                update:
                  parameters: [{ name: only, in: query }]
                  responses: new
            """
        let get = try apply([overlay], to: specWithParameters).root["paths"]?["/a"]?["get"]
        XCTAssertEqual(get, ["parameters": [["name": "only", "in": "query"]], "responses": "new"])
    }

    /// Actions run on the result of the ones before: an object deleted, then created again.
    func testActionsApplyInOrderToTheResultSoFar() throws {
        let overlay = """
            overlay: 1.0.0
            info: { title: Recreate, version: 1.0.0 }
            actions:
              - target: $.paths['/b']
                remove: true
              - target: $.paths
                update:
                  /b: { get: { summary: recreated, responses: {} } }
              - target: $.paths['/b'].get
                update: { x-again: true }
            """
        let b = try apply([overlay], to: specWithParameters).root["paths"]?["/b"]
        XCTAssertEqual(b, ["get": ["summary": "recreated", "responses": [:], "x-again": true]])
    }

    /// Overlays given one after the other apply in that order.
    func testOverlaysApplyInTheOrderGiven() throws {
        func titleOverlay(_ title: String) -> String {
            "overlay: 1.0.0\ninfo: { title: \(title), version: '1' }\nactions:\n  - target: $.info\n    update: { title: \(title) }\n"
        }
        XCTAssertEqual(try apply([titleOverlay("first"), titleOverlay("second")], to: specWithParameters).root["info"]?["title"], "second")
        XCTAssertEqual(try apply([titleOverlay("second"), titleOverlay("first")], to: specWithParameters).root["info"]?["title"], "first")
    }
}
