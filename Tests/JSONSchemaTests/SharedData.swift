// Locating the shared test data (`<package root>/../shared`): the JSON-Schema-Test-Suite and the
// benchmark's Freshchat response and schema.

import Foundation
import JSON
import JSONSchema
import XCTest

enum SharedData {
    /// `<package root>/../shared`, found from this file's path.
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // JSONSchemaTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // package root
        .deletingLastPathComponent()
        .appendingPathComponent("shared")

    /// The file or folder at `relativePath` under the shared folder; skips the test when absent.
    static func url(_ relativePath: String) throws -> URL {
        let url = root.appendingPathComponent(relativePath)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw XCTSkip("shared test data not found at \(url.path); these tests need the shared/ folder beside the package")
        }
        return url
    }

    /// The parsed JSON file at `relativePath` under the shared folder.
    static func json(_ relativePath: String) throws -> JSON {
        try JSON.parse(contentsOfFile: url(relativePath).path)
    }

    /// Every file under the suite's remotes/, registered as http://localhost:1234/<relative path>.
    static func suiteRegistry() throws -> SchemaRegistry {
        let remotes = try url("jsonschema-suite/remotes")
        var registry = SchemaRegistry()
        guard let enumerator = FileManager.default.enumerator(atPath: remotes.path) else { return registry }
        while let relative = enumerator.nextObject() as? String {
            guard relative.hasSuffix(".json") else { continue }
            let document = try JSON.parse(contentsOfFile: remotes.appendingPathComponent(relative).path)
            registry.register(document, at: "http://localhost:1234/" + relative)
        }
        return registry
    }

    /// The suite files (`name`, parsed content) directly in `folder` under jsonschema-suite/, sorted.
    static func suiteFiles(_ folder: String) throws -> [(name: String, content: JSON)] {
        let directory = try url("jsonschema-suite/" + folder)
        return try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".json") }.sorted()
            .map { ($0, try JSON.parse(contentsOfFile: directory.appendingPathComponent($0).path)) }
    }
}
