// Locating the shared test data (`<package root>/../shared`) from the test sources.

import Foundation
import XCTest

/// Paths under the shared data folder that sits beside the package root.
enum SharedFiles {
    /// `<package root>/../shared`, derived from this file's location.
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // JSONTests
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

    /// The JSONTestSuite parsing cases whose names start with `prefix` (`y_`, `n_`, `i_`), sorted.
    static func testSuiteCases(prefix: String) throws -> [URL] {
        let folder = try url("json-test-suite/test_parsing")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        return names.filter { $0.hasPrefix(prefix) && $0.hasSuffix(".json") }.sorted()
            .map { folder.appendingPathComponent($0) }
    }

    /// The bytes of a file.
    static func bytes(_ url: URL) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: url))
    }
}
