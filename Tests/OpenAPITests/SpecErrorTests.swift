// Broken specs, each small and inline, and the messages they earn: every one names
// file:line:column and what to fix.

import OpenAPI
import XCTest

final class SpecErrorTests: XCTestCase {
    /// Loads and indexes `yaml` (a spec named "test.yaml"), expecting it to fail.
    private func error(indexing yaml: String, file: StaticString = #filePath, line: UInt = #line) -> SpecError? {
        do {
            _ = try OperationIndex(document: OpenAPIDocument.load(text: yaml, name: "test.yaml"))
            XCTFail("the spec loaded", file: file, line: line)
            return nil
        } catch {
            return error
        }
    }

    /// A minimal valid spec with `paths` and `components` spliced in (both indented by two).
    private func spec(paths: String, components: String = "") -> String {
        """
        openapi: 3.1.0
        info: { title: t, version: '1' }
        paths:
        \(paths)
        components:
          schemas:
            Placeholder: { type: string }
        \(components)
        """
    }

    func testAMissingSchemaReferenceNamesItsLineTheRefAndWhatIsMissing() {
        let yaml = spec(paths: """
              /a:
                get:
                  operationId: getA
                  responses:
                    '200':
                      description: ok
                      content:
                        application/json:
                          schema:
                            $ref: '#/components/schemas/Nope'
            """)
        let failure = error(indexing: yaml)
        XCTAssertEqual(failure?.description, "test.yaml:13:17: $ref '#/components/schemas/Nope' does not resolve: no 'Nope' under /components/schemas")
        guard case .unresolvableReference(let at, let reference, _)? = failure else { return XCTFail("\(String(describing: failure))") }
        XCTAssertEqual(at, SourceLocation(file: "test.yaml", line: 13, column: 17))
        XCTAssertEqual(reference, "#/components/schemas/Nope")
    }

    func testAMissingReferenceDeepInsideAComponentSchemaIsFoundToo() {
        let yaml = spec(paths: "  {}", components: """
                User:
                  type: object
                  properties:
                    friends: { type: array, items: { $ref: '#/components/schemas/Usr' } }
            """)
        XCTAssertEqual(
            error(indexing: yaml)?.description,
            "test.yaml:11:42: $ref '#/components/schemas/Usr' does not resolve: no 'Usr' under /components/schemas"
        )
    }

    func testAReferencePastTheEndOfAListSaysHowManyElementsItHas() {
        let one = spec(paths: "  {}", components: """
                Pair: { allOf: [ { type: string } ] }
                User: { type: object, properties: { p: { $ref: '#/components/schemas/Pair/allOf/3' } } }
            """)
        let message = error(indexing: one)?.description ?? ""
        XCTAssertTrue(message.hasSuffix("no element '3' in /components/schemas/Pair/allOf, which has 1 element"), message)

        let two = spec(paths: "  {}", components: """
                Pair: { allOf: [ { type: string }, { minLength: 1 } ] }
                User: { type: object, properties: { p: { $ref: '#/components/schemas/Pair/allOf/3' } } }
            """)
        let plural = error(indexing: two)?.description ?? ""
        XCTAssertTrue(plural.hasSuffix("which has 2 elements"), plural)
    }

    func testAMissingParameterReferenceSaysWhichLevelIsMissing() {
        let yaml = spec(paths: """
              /a:
                get:
                  operationId: getA
                  parameters:
                    - $ref: '#/components/parameterz/Page'
                  responses: { '200': { description: ok } }
            """)
        XCTAssertEqual(
            error(indexing: yaml)?.description,
            "test.yaml:8:11: $ref '#/components/parameterz/Page' does not resolve: no 'parameterz' under /components"
        )
    }

    func testARemoteReferenceIsRefusedWithItsPosition() {
        let yaml = spec(paths: """
              /a:
                get:
                  operationId: getA
                  responses:
                    '200': { $ref: 'common.yaml#/responses/Ok' }
            """)
        let failure = error(indexing: yaml)
        guard case .remoteReference(let at, "common.yaml#/responses/Ok")? = failure else { return XCTFail("\(String(describing: failure))") }
        XCTAssertEqual(at.line, 8)
        XCTAssertTrue(failure?.description.contains("only local references") == true)
    }

    func testOnlyJSONPointerFragmentsAreUnderstood() {
        let yaml = spec(paths: "  {}", components: """
                A: { $ref: '#Anchored' }
            """)
        XCTAssertEqual(
            error(indexing: yaml)?.description,
            "test.yaml:8:10: $ref '#Anchored' does not resolve: only JSON Pointer fragments ('#/...') are supported, not plain-name anchors"
        )
    }

    func testAParameterReferenceCycleShowsTheChain() {
        let yaml = spec(paths: """
              /a:
                get:
                  operationId: getA
                  parameters: [ { $ref: '#/components/parameters/A' } ]
                  responses: { '200': { description: ok } }
            """, components: """
              parameters:
                A: { $ref: '#/components/parameters/B' }
                B: { $ref: '#/components/parameters/A' }
            """)
        let failure = error(indexing: yaml)
        guard case .referenceCycle(_, let chain)? = failure else { return XCTFail("\(String(describing: failure))") }
        XCTAssertEqual(chain, ["#/components/parameters/A", "#/components/parameters/B", "#/components/parameters/A"])
        XCTAssertEqual(
            failure?.description,
            "test.yaml:13:10: $ref cycle: #/components/parameters/A → #/components/parameters/B → #/components/parameters/A"
        )
    }

    func testASchemaThatIsOnlyReferencesBackToItselfIsACycle() {
        let yaml = spec(paths: "  {}", components: """
                Left: { $ref: '#/components/schemas/Middle' }
                Middle: { $ref: '#/components/schemas/Right' }
                Right: { $ref: '#/components/schemas/Left' }
            """)
        guard case .referenceCycle(_, let chain)? = error(indexing: yaml) else { return XCTFail("no cycle reported") }
        XCTAssertEqual(chain, ["#/components/schemas/Left", "#/components/schemas/Middle", "#/components/schemas/Right", "#/components/schemas/Left"])
    }

    func testASchemaRecursingThroughItsPropertiesIsFine() throws {
        let yaml = spec(paths: """
              /a:
                get:
                  operationId: getA
                  responses:
                    '200':
                      description: ok
                      content: { application/json: { schema: { $ref: '#/components/schemas/Comment' } } }
            """, components: """
                Comment:
                  type: object
                  properties:
                    replies: { type: array, items: { $ref: '#/components/schemas/Comment' } }
                    parent: { $ref: '#' }
                    example: { enum: [ { $ref: not-a-reference } ] }
            """)
        let index = try OperationIndex(document: OpenAPIDocument.load(text: yaml, name: "test.yaml"))
        XCTAssertEqual(index.operations.map(\.id), ["getA"])
    }

    func testAYAMLSyntaxErrorNamesLineAndColumn() {
        let yaml = "openapi: 3.1.0\ninfo:\n  title: [unclosed\npaths: {}\n"
        let failure = error(indexing: yaml)
        guard case .syntax(let at, let message)? = failure else { return XCTFail("\(String(describing: failure))") }
        XCTAssertEqual(at.file, "test.yaml")
        XCTAssertEqual(at.line, 4)
        XCTAssertFalse(message.isEmpty)
        XCTAssertTrue(failure?.description.hasPrefix("test.yaml:4:") == true, failure?.description ?? "")
    }

    func testADuplicateKeyIsASyntaxErrorAtTheKey() {
        let yaml = "openapi: 3.1.0\npaths:\n  /a: {}\n  /a: {}\n"
        guard case .syntax(let at, let message)? = error(indexing: yaml) else { return XCTFail("no syntax error") }
        XCTAssertEqual(at.line, 3)
        XCTAssertTrue(message.contains("'/a'"), message)
    }

    func testQuotedAndUnquotedStatusKeysThatCollideAreDuplicates() {
        let yaml = "openapi: 3.1.0\nresponses:\n  '200': {}\n  200: {}\n"
        guard case .syntax(let at, let message)? = error(indexing: yaml) else { return XCTFail("no syntax error") }
        XCTAssertEqual(at.line, 3, "Yams reports the first of the duplicates")
        XCTAssertEqual(message, "duplicate key '200' in a mapping")
    }

    func testADuplicateOperationIdNamesBothPlaces() {
        let yaml = spec(paths: """
              /a:
                get:
                  operationId: getThing
                  responses: { '200': { description: ok } }
              /b:
                get:
                  operationId: getThing
                  responses: { '200': { description: ok } }
            """)
        XCTAssertEqual(
            error(indexing: yaml)?.description,
            "test.yaml:10:7: duplicate operationId 'getThing' (first declared at test.yaml:6:7)"
        )
    }

    func testAnOperationWithoutResponsesIsMissingAPiece() {
        let yaml = spec(paths: """
              /a:
                get:
                  operationId: getA
            """)
        XCTAssertEqual(error(indexing: yaml)?.description, "test.yaml:5:5: missing 'responses' in operation getA (GET /a)")
    }

    func testAPathPlaceholderWithoutAParameterIsMissingAPiece() {
        let yaml = spec(paths: """
              /a/{id}:
                get:
                  operationId: getA
                  responses: { '200': { description: ok } }
            """)
        let failure = error(indexing: yaml)
        guard case .missing(let at, let what)? = failure else { return XCTFail("\(String(describing: failure))") }
        XCTAssertEqual(at.line, 5)
        XCTAssertTrue(what.contains("'id'"), what)
    }

    func testAnUndefinedSecuritySchemeIsReported() {
        let yaml = "openapi: 3.1.0\nsecurity: [ { oauth: [] } ]\npaths: {}\n"
        let failure = error(indexing: yaml)
        XCTAssertEqual(failure?.description, "test.yaml:2:15: security scheme 'oauth' is not defined under /components/securitySchemes")
    }

    func testADocumentThatIsNotOpenAPIIsRefused() {
        for (yaml, reason) in [
            ("name: conversation lifecycle\nsteps: []\n", "no 'openapi' field at the top level"),
            ("swagger: '2.0'\npaths: {}\n", "this is a Swagger 2.0 document; convert it to OpenAPI 3"),
            ("openapi: 2.0.0\n", "version '2.0.0' is not 3.x"),
            ("- just\n- a list\n", "the top level is an array, not a mapping"),
            ("", "the file is empty"),
        ] {
            guard case .notOpenAPI(_, let actual)? = error(indexing: yaml) else {
                XCTFail("not refused: \(yaml)")
                continue
            }
            XCTAssertEqual(actual, reason)
        }
    }

    func testAnUnreadableFileSaysWhy() {
        XCTAssertThrowsError(try OpenAPIDocument.load(path: "/nonexistent/spec.yaml")) { error in
            XCTAssertEqual(error as? SpecError, .unreadableFile(path: "/nonexistent/spec.yaml", reason: "no such file"))
        }
        XCTAssertThrowsError(try OpenAPIDocument.load(path: TestFiles.packageRoot)) { error in
            XCTAssertEqual((error as? SpecError)?.description, "\(TestFiles.packageRoot): cannot read the spec: it is a folder; expected a file")
        }
    }
}
