// Runs files in the JSON-Schema-Test-Suite format (groups of schema + cases with the expected
// verdict) through both validation paths. Used by the conformance tests and `fcharness validate
// --suite`; reading files and listing folders is the caller's job.

import JSON

/// The outcome of one test case of a suite file.
public struct SuiteCaseResult: Sendable {
    /// The group's `description`.
    public var group: String
    /// The case's `description`.
    public var test: String
    /// The suite's expected verdict (`valid`).
    public var expected: Bool
    /// What `isValid` answered (false when the schema did not compile).
    public var isValidAnswer: Bool
    /// What `validate` returned.
    public var errors: [ValidationError]
    /// Why the group's schema failed to compile, if it did.
    public var compileError: SchemaCompileError?

    /// Both paths agree with the expected verdict.
    public var passed: Bool {
        compileError == nil && isValidAnswer == expected && errors.isEmpty == expected
    }
}

/// Runs JSON-Schema-Test-Suite files.
public enum SchemaTestSuite {
    /// Runs every case of one suite file (an array of groups).
    public static func run(_ file: JSON, registry: SchemaRegistry = SchemaRegistry(), formats: FormatMode = .annotate)
        -> [SuiteCaseResult] {
        guard case .array(let groups) = file else { return [] }
        var results: [SuiteCaseResult] = []
        for group in groups {
            let groupName = group["description"]?.stringValue ?? "?"
            guard let schemaJSON = group["schema"], case .array(let tests)? = group["tests"] else { continue }
            let compiled = Result { () throws(SchemaCompileError) -> Schema in
                try Schema(schemaJSON, registry: registry, formats: formats)
            }
            for test in tests {
                let name = test["description"]?.stringValue ?? "?"
                let expected = test["valid"]?.boolValue ?? false
                let data = test["data"] ?? .null
                switch compiled {
                case .success(let schema):
                    results.append(SuiteCaseResult(group: groupName, test: name, expected: expected,
                                                   isValidAnswer: schema.isValid(data), errors: schema.validate(data),
                                                   compileError: nil))
                case .failure(let error):
                    results.append(SuiteCaseResult(group: groupName, test: name, expected: expected, isValidAnswer: false,
                                                   errors: [], compileError: error))
                }
            }
        }
        return results
    }
}
