// What a broken overlay, or one that does not fit the spec, reports: the overlay's
// file:line:column and what was expected there. And what is only a warning.

import JSON
import OpenAPI
import XCTest

final class OverlayErrorTests: XCTestCase {
    let spec = """
        openapi: 3.1.0
        info: { title: T, version: '1' }
        paths:
          /users:
            get:
              operationId: listUsers
              responses: { '200': { description: OK } }
        """

    /// The error reading `overlay` (as `o.yaml`), or applying it to `spec`.
    func error(_ overlay: String) -> String? {
        do {
            let read = try Overlay.read(text: overlay, file: "o.yaml")
            _ = try OverlaidSpec.load(text: spec, name: "spec.yaml", overlays: [read])
            return nil
        } catch {
            return "\(error)"
        }
    }

    func testUnknownKeysNameTheNearestOne() {
        XCTAssertEqual(
            error("overlay: 1.0.0\ninfo: { title: T, version: '1' }\nactoins:\n  - target: $\n    update: {}\n"),
            "o.yaml:3:1: unknown key 'actoins' in the overlay (did you mean 'actions'?); expected one of: overlay, info, extends, actions or an x- extension")
        XCTAssertEqual(
            error("overlay: 1.0.0\ninfo: { title: T, version: '1' }\nactions:\n  - target: $.info\n    updte: { x: 1 }\n"),
            "o.yaml:5:5: unknown key 'updte' in action 1 (did you mean 'update'?); expected one of: target, description, update, remove or an x- extension")
    }

    func testExtensionsAreAllowedEverywhereTheSpecificationAllowsThem() {
        XCTAssertNil(error("overlay: 1.0.0\nx-team: api\ninfo: { title: T, version: '1', x-a: 1 }\nactions:\n  - target: $.info\n    x-why: test\n    update: { x: 1 }\n"))
    }

    func testMissingAndEmptyActions() {
        XCTAssertEqual(error("overlay: 1.0.0\ninfo: { title: T, version: '1' }\n"), "o.yaml:1:1: missing key 'actions' in the overlay")
        XCTAssertEqual(
            error("overlay: 1.0.0\ninfo: { title: T, version: '1' }\nactions: []\n"),
            "o.yaml:3:1: 'actions' is empty; an overlay needs at least one action")
        XCTAssertEqual(error("overlay: 1.0.0\ninfo: { version: '1' }\nactions: [{ target: $, update: {} }]\n"), "o.yaml:2:7: missing key 'title' in info")
    }

    func testVersionMustBe1x() {
        XCTAssertEqual(
            error("overlay: 2.0.0\ninfo: { title: T, version: '1' }\nactions: [{ target: $, update: {} }]\n"),
            "o.yaml:1:10: overlay version '2.0.0' is not supported; expected 1.x (e.g. 1.0.0)")
        XCTAssertNil(error("overlay: 1.0\ninfo: { title: T, version: '1' }\nactions: [{ target: $, update: {} }]\n"))
    }

    func testASpecGivenAsAnOverlaySaysSo() {
        XCTAssertEqual(error(spec), "o.yaml:1:1: not an Overlay document: this is an OpenAPI document; give it with --spec")
    }

    func testInvalidTargetPointsAtTheCharacterInTheFile() {
        // `$.paths[` is at column 13 of line 4; the problem is its 9th character (after '[').
        XCTAssertEqual(
            error("overlay: 1.0.0\ninfo: { title: T, version: '1' }\nactions:\n  - target: $.paths[\n    remove: true\n"),
            "o.yaml:4:21: action 1: target \"$.paths[\" is not valid JSONPath (RFC 9535): at character 9: expected a selector: a quoted name, '*', an index, a slice or a '?' filter, found end of query")
        // Quoted: the column counts from inside the quote.
        XCTAssertEqual(
            error("overlay: 1.0.0\ninfo: { title: T, version: '1' }\nactions:\n  - target: '$.x-y'\n    remove: true\n"),
            "o.yaml:4:17: action 1: target \"$.x-y\" is not valid JSONPath (RFC 9535): at character 4: expected '.', '..', '[' or the end of the query, found '-'")
    }

    func testUpdateOnAScalarTargetIsAnError() {
        XCTAssertEqual(
            error("overlay: 1.0.0\ninfo: { title: T, version: '1' }\nactions:\n  - target: $.info.title\n    update: New\n"),
            "o.yaml:4:13: action 1 (target $.info.title): cannot update $['info']['title']: it is the string \"T\"; Overlay 1.0 updates objects and arrays only (target the object that holds it and update the member)")
    }

    func testUpdateOfTheWrongShapeForAnObject() {
        XCTAssertEqual(
            error("overlay: 1.0.0\ninfo: { title: T, version: '1' }\nactions:\n  - target: $.info\n    update: [a]\n"),
            "o.yaml:5:13: action 1 (target $.info): cannot update $['info']: it is an object, and 'update' is a list; expected a mapping of members to merge")
    }

    func testAnActionThatChangesNothingAndRemovingTheRoot() {
        XCTAssertEqual(
            error("overlay: 1.0.0\ninfo: { title: T, version: '1' }\nactions:\n  - target: $.info\n    description: forgot the change\n"),
            "o.yaml:4:5: action 1 has neither 'update' nor 'remove: true', so it would change nothing")
        XCTAssertEqual(
            error("overlay: 1.0.0\ninfo: { title: T, version: '1' }\nactions:\n  - target: $\n    remove: true\n"),
            "o.yaml:4:13: action 1 (target $): 'remove: true' cannot remove the whole document")
        XCTAssertEqual(
            error("overlay: 1.0.0\ninfo: { title: T, version: '1' }\nactions:\n  - target: $.info\n    remove: yes\n"),
            "o.yaml:5:13: 'remove' in action 1 must be true or false, found the string \"yes\"")
    }

    func testSyntaxErrorsAndEmptyFiles() {
        XCTAssertEqual(error(""), "o.yaml:1:1: not an Overlay document: the file is empty")
        XCTAssertEqual(error("- a\n"), "o.yaml:1:1: not an Overlay document: the top level is a list, not a mapping")
        XCTAssertTrue(error("overlay: 1.0.0\ninfo: {\n")?.hasPrefix("o.yaml:3:1: invalid YAML:") ?? false)
    }

    func testMissingFile() {
        XCTAssertThrowsError(try Overlay.load(path: "/nonexistent/overlay.yaml")) { error in
            XCTAssertEqual("\(error)", "/nonexistent/overlay.yaml: cannot read the overlay: no such file")
        }
    }

    func testAnActionThatSelectsNothingIsAWarning() throws {
        let overlay = try Overlay.read(
            text: "overlay: 1.0.0\ninfo: { title: T, version: '1' }\nactions:\n  - target: $.info\n    update: { x: 1 }\n  - target: $.paths['/x'].get\n    remove: true\n",
            file: "o.yaml")
        let result = try OverlaidSpec.load(text: spec, name: "spec.yaml", overlays: [overlay])
        XCTAssertEqual(result.warnings.map(\.description), ["o.yaml:6:13: action 2 (target $.paths['/x'].get): selected nothing"])
        XCTAssertEqual(result.document.root["info"]?["x"], 1)
    }

    /// Errors found after the overlays ran point into the overlay for what it added, and into
    /// the spec for the rest.
    func testLaterSpecErrorsInOverlaidContentNameTheOverlay() throws {
        let overlay = try Overlay.read(
            text: """
                overlay: 1.0.0
                info: { title: Adds a broken operation, version: '1' }
                actions:
                  - target: $.paths
                    update:
                      /agents:
                        get:
                          operationId: listAgents
                          responses:
                            '200':
                              $ref: '#/components/responses/Missing'
                """,
            file: "adds.yaml")
        let overlaid = try OverlaidSpec.load(text: spec, name: "spec.yaml", overlays: [overlay])
        XCTAssertThrowsError(try OperationIndex(document: overlaid.document)) { error in
            XCTAssertTrue("\(error)".hasPrefix("adds.yaml:11:15: $ref '#/components/responses/Missing' does not resolve"), "\(error)")
        }
        XCTAssertEqual(overlaid.document.location(of: JSONPointer(tokens: ["paths", "/users", "get"])).description, "spec.yaml:5:5")
    }
}
