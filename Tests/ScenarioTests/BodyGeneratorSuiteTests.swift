// The generator against every schema of the JSON Schema Test Suite (draft 2020-12): each gives
// a value the project's validator accepts or a typed error; never a wrong value, never a trap.

import Foundation
import JSON
import JSONSchema
import XCTest
@testable import Scenario

final class BodyGeneratorSuiteTests: XCTestCase {
    /// `<package root>/../shared/jsonschema-suite/tests`, as the JSONSchema tests find it.
    private static let suite = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // ScenarioTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // package root
        .deletingLastPathComponent()  // its parent, beside which shared/ sits
        .appendingPathComponent("shared/jsonschema-suite/tests").path

    func testEverySuiteSchemaGivesAValidValueOrATypedError() throws {
        guard let files = try? FileManager.default.contentsOfDirectory(atPath: Self.suite) else {
            throw XCTSkip("the JSON Schema Test Suite is not at \(Self.suite)")
        }
        var generated = 0
        var refused = 0
        for file in files.sorted() where file.hasSuffix(".json") {
            for group in try JSON.parse(contentsOfFile: Self.suite + "/" + file).arrayValue ?? [] {
                // Schemas reaching remote documents do not compile without the suite's registry.
                guard let schema = group["schema"], let validator = try? Schema(schema, formats: .assert) else { continue }
                for variant in 0..<3 {
                    do {
                        let value = try BodyGenerator(seed: 11).body(for: schema, variant: variant)
                        XCTAssertTrue(validator.isValid(value), "\(file) \(group["description"] ?? ""): \(value)")
                        generated += 1
                    } catch {
                        refused += 1
                    }
                }
            }
        }
        // Most of the suite is satisfiable with the keywords the generator builds values for.
        XCTAssertGreaterThan(generated, 4 * refused, "generated \(generated), refused \(refused)")
    }
}
