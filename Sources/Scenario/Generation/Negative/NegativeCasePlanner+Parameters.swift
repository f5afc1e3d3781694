// The parameter cases: an id that fits its path parameter's schema but names nothing, and
// query values of the wrong type, outside the enum or past a bound.

import JSON
import JSONSchema
import OpenAPI

extension NegativeCasePlanner {
    /// A version 4 uuid no server will have issued. Not the nil uuid: a real store may hold that.
    static let unknownUUID = "5f3c9a2e-8d41-4b7a-9e06-c2d18f7b4a93"
    /// An integer id near the top of the 32-bit range, far beyond any sequence in use.
    static let unknownInteger: Int64 = 2_147_483_000
    /// The seed of the generated id when the fixed ones do not fit the schema (a pattern, say).
    private static let fallbackSeed: UInt64 = 0x5EED_0404

    /// One `unknownId` per path parameter, in the spec's order.
    func unknownIdCases(of operation: Operation) -> [NegativeCase] {
        let expected = ExpectedRefusal.statuses(ExpectedRefusal.notFound, of: operation)
        return operation.parameters.filter { $0.location == .path }.compactMap { parameter in
            unknownId(for: parameter).map { value in
                NegativeCase(operationId: operation.id, kind: .unknownId, name: "unknown \(parameter.name)",
                             change: .pathValue(name: parameter.name, value: Self.text(of: value)), expectedStatuses: expected)
            }
        }
    }

    /// An id the parameter's schema accepts that surely names nothing: the fixed uuid, the large
    /// integer or `no-such-<name>`, else a generated one; nil for an enumerated parameter (its
    /// values are names, not ids) or when nothing fits.
    private func unknownId(for parameter: Parameter) -> JSON? {
        let schema = parameter.schema ?? true
        let keywords = ResolvedSchema(document: index.document.root).keywords(of: schema) ?? [:]
        guard keywords["enum"] == nil, keywords["const"] == nil else { return nil }
        let types = keywords.declaredTypes
        let candidate: JSON
        if keywords["format"]?.stringValue == "uuid" {
            candidate = .string(Self.unknownUUID)
        } else if types.contains("integer") || types.contains("number") {
            candidate = .integer(Self.unknownInteger)
        } else {
            candidate = .string("no-such-\(parameter.name)")
        }
        guard parameter.schema != nil,
              let validator = try? Schema(document: index.document.root, pointer: parameter.schemaPointer, formats: .assert) else {
            return candidate
        }
        if validator.isValid(candidate) { return candidate }
        let reference = SchemaRef(schema: schema, pointer: parameter.schemaPointer)
        return try? BodyGenerator(seed: Self.fallbackSeed).body(for: reference, in: index.document.root, variant: 2)
    }

    /// For each query parameter in the spec's order: `wrongType` for a number or boolean,
    /// `enumViolated` for an enumeration, `boundExceeded` for each numeric and length bound.
    /// Parameters of other types (arrays, objects) get none.
    func queryCases(of operation: Operation) -> [NegativeCase] {
        let expected = ExpectedRefusal.statuses(ExpectedRefusal.invalidInput, of: operation)
        let schemas = ResolvedSchema(document: index.document.root)
        var cases: [NegativeCase] = []
        for parameter in operation.parameters where parameter.location == .query {
            guard let schema = parameter.schema, let keywords = schemas.keywords(of: schema) else { continue }
            func add(_ kind: NegativeCaseKind, _ reason: String, _ value: JSON) {
                cases.append(NegativeCase(operationId: operation.id, kind: kind, name: "query \(parameter.name) \(reason)",
                                          change: .query(name: parameter.name, value: Self.text(of: value)),
                                          expectedStatuses: expected))
            }
            let types = keywords.declaredTypes
            guard !types.contains("array"), !types.contains("object") else { continue }
            let numeric = types.contains("integer") || types.contains("number")
            if numeric, !types.contains("string") {
                add(.wrongType, "of the wrong type (string)", "not-a-number")
            } else if types == ["boolean"] || types.sorted() == ["boolean", "null"] {
                add(.wrongType, "of the wrong type (string)", "maybe")
            }
            if let members = keywords["enum"]?.arrayValue ?? keywords["const"].map({ [$0] }), !members.isEmpty,
               let outside = OutOfSchemaValues.outsideEnum(members) {
                add(.enumViolated, "outside the enum", outside)
            }
            if numeric {
                let integer = !types.contains("number")
                for bound in [OutOfSchemaValues.belowMinimum(keywords, integer: integer),
                              OutOfSchemaValues.aboveMaximum(keywords, integer: integer)].compactMap({ $0 }) {
                    add(.boundExceeded, bound.reason, bound.value)
                }
            }
            if types.isEmpty || types.contains("string") {
                for bound in [OutOfSchemaValues.tooShort(keywords, base: nil),
                              OutOfSchemaValues.tooLong(keywords, base: nil)].compactMap({ $0 }) {
                    add(.boundExceeded, bound.reason, bound.value)
                }
            }
        }
        return cases
    }

    /// A scalar as it is written in a path or query string: strings as they are, numbers and
    /// booleans as JSON writes them.
    static func text(of value: JSON) -> String {
        value.stringValue ?? value.serialized()
    }
}
