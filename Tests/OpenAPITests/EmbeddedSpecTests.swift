// The spec compiled into the binary must be the spec in the repository.

import OpenAPI
import XCTest

final class EmbeddedSpecTests: XCTestCase {
    func testTheEmbeddedSpecIsTheRepositorysSpecByteForByte() throws {
        let path = TestFiles.freshchatSpecPath
        guard FileManager.default.fileExists(atPath: path) else {
            throw XCTSkip("\(path) is not there to compare with")
        }
        let onDisk = try String(contentsOfFile: path, encoding: .utf8)
        XCTAssertTrue(
            EmbeddedSpec.yaml == onDisk,
            "Sources/OpenAPI/EmbeddedSpec.swift differs from scenarios/freshchat.openapi.yaml: run scripts/embed-spec.sh"
        )
        XCTAssertEqual(EmbeddedSpec.name, "freshchat.openapi.yaml")
    }
}
