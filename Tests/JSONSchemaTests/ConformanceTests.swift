// The official JSON-Schema-Test-Suite (draft 2020-12 files copied to shared/jsonschema-suite):
// every case must pass, through both isValid and validate.

import Foundation
import JSON
import JSONSchema
import XCTest

final class ConformanceTests: XCTestCase {
    /// `<package root>/../shared/jsonschema-suite`, found from this file's path.
    private static let suiteRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/jsonschema-suite")

    func testEveryRequiredSuiteCasePassesWithFormatsAsAnnotations() throws {
        let summary = try runSuite(folder: "tests", formats: .annotate)
        XCTAssertGreaterThan(summary.total, 850, "the suite looks truncated")
        XCTAssertEqual(summary.failures, [], "\(summary.failures.count) of \(summary.total) cases failed")
        print("JSON-Schema-Test-Suite (formats annotate): \(summary.total - summary.failures.count)/\(summary.total) passed")
    }

    func testEveryOptionalFormatSuiteCasePassesWithFormatsAsserted() throws {
        let summary = try runSuite(folder: "tests/optional/format", formats: .assert)
        XCTAssertGreaterThan(summary.total, 100, "the format suite looks truncated")
        XCTAssertEqual(summary.failures, [], "\(summary.failures.count) of \(summary.total) cases failed")
        print("JSON-Schema-Test-Suite (optional/format, asserted): \(summary.total - summary.failures.count)/\(summary.total) passed")
    }

    // MARK: - Helpers

    private struct Summary {
        var total = 0
        var failures: [String] = []
    }

    private func runSuite(folder: String, formats: FormatMode) throws -> Summary {
        let root = Self.suiteRoot
        guard FileManager.default.fileExists(atPath: root.path) else {
            throw XCTSkip("JSON-Schema-Test-Suite not found at \(root.path) (shared/ is absent on this machine)")
        }
        let registry = try remotesRegistry(root.appendingPathComponent("remotes"))
        let directory = root.appendingPathComponent(folder)
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".json") }.sorted()
        var summary = Summary()
        for file in files {
            let json = try JSON.parse(contentsOfFile: directory.appendingPathComponent(file).path)
            for result in SchemaTestSuite.run(json, registry: registry, formats: formats) {
                summary.total += 1
                guard !result.passed else { continue }
                var line = "\(folder)/\(file) | \(result.group) | \(result.test): expected \(result.expected ? "valid" : "invalid")"
                if let compileError = result.compileError {
                    line += ", compile error: \(compileError)"
                } else {
                    line += ", isValid=\(result.isValidAnswer), validate gave \(result.errors.count) error(s)"
                    if let first = result.errors.first { line += " first: \(first)" }
                }
                summary.failures.append(line)
            }
        }
        return summary
    }

    /// Every file under remotes/, registered as http://localhost:1234/<relative path>.
    private func remotesRegistry(_ remotes: URL) throws -> SchemaRegistry {
        var registry = SchemaRegistry()
        guard let enumerator = FileManager.default.enumerator(atPath: remotes.path) else { return registry }
        while let relative = enumerator.nextObject() as? String {
            guard relative.hasSuffix(".json") else { continue }
            let document = try JSON.parse(contentsOfFile: remotes.appendingPathComponent(relative).path)
            registry.register(document, at: "http://localhost:1234/" + relative)
        }
        return registry
    }
}
