// The official JSON-Schema-Test-Suite (draft 2020-12 files copied to shared/jsonschema-suite):
// every case must pass, through both isValid and validate.

import JSON
import JSONSchema
import XCTest

final class ConformanceTests: XCTestCase {
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
        let registry = try SharedData.suiteRegistry()
        var summary = Summary()
        for (file, json) in try SharedData.suiteFiles(folder) {
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
}
