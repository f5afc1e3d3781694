// The spec's schemas compiled for checking traffic: each operation's response schema per
// documented status, its request body and parameter schemas, compiled once per spec (refs resolve into
// the whole document's components) and shared by every thread of a contract or load run.
import JSON
import JSONSchema

/// What the spec says about one response, ready to check a body against.
public enum ResponseRule: Sendable {
    /// The operation documents no such status (a contract violation with keyword `status`).
    case undocumented
    /// Documented, with no JSON schema to check (e.g. `sendMessage`'s bodiless 200).
    case documentedWithoutSchema(status: String)
    /// Documented with this compiled schema; `pointer` is where it sits in the spec.
    case schema(Schema, status: String, pointer: JSONPointer)
}

/// A compiled schema failed to build: the spec is unusable for checking.
public struct ValidatorBuildError: Error, Sendable, CustomStringConvertible {
    public var operationId: String
    public var pointer: JSONPointer
    public var reason: String
    public var description: String { "cannot compile the schema of \(operationId) at \(pointer): \(reason)" }
}

/// Compiled response and request-body validators for every operation of a spec.
public struct SpecValidators: Sendable {
    public let index: OperationIndex

    private struct OperationRules: Sendable {
        /// Status key as documented ("200", "4XX", "default") → compiled JSON schema, if any.
        var responses: [String: (schema: Schema, pointer: JSONPointer)?]
        var requestBody: (schema: Schema, pointer: JSONPointer)?
        /// "query:items_per_page" → compiled parameter schema.
        var parameters: [String: Schema]
    }

    private let rules: [String: OperationRules]

    /// One line per pattern in the spec's schemas that is never run because it can backtrack
    /// exponentially (JSONSchema's PatternCost): where it is and why. Commands print these
    /// when they load the spec: values are not checked against those patterns.
    public let patternsNeverRun: [String]

    /// Compiles every schema the index's operations use. `formats` decides whether `format`
    /// asserts (contract runs: yes) or only annotates.
    public init(index: OperationIndex, formats: FormatMode = .assert) throws(ValidatorBuildError) {
        self.index = index
        let document = index.document.root
        var neverRun: [String] = []
        func compile(_ ref: SchemaRef, for operation: String) throws(ValidatorBuildError) -> (schema: Schema, pointer: JSONPointer) {
            do {
                let schema = try Schema(document: document, pointer: ref.pointer, formats: formats)
                for line in schema.patternsNeverRun where !neverRun.contains(line) { neverRun.append(line) }
                return (schema, ref.pointer)
            } catch {
                throw ValidatorBuildError(operationId: operation, pointer: ref.pointer, reason: "\(error)")
            }
        }
        var rules: [String: OperationRules] = [:]
        for operation in index.operations {
            var responses: [String: (schema: Schema, pointer: JSONPointer)?] = [:]
            for response in operation.responses {
                if let ref = response.schema(forContentType: "application/json") {
                    responses[response.status] = try compile(ref, for: operation.id)
                } else {
                    responses[response.status] = .some(nil)
                }
            }
            var requestBody: (schema: Schema, pointer: JSONPointer)?
            if let ref = operation.requestBody?.schema(forContentType: "application/json") {
                requestBody = try compile(ref, for: operation.id)
            }
            var parameters: [String: Schema] = [:]
            for parameter in operation.parameters where parameter.schema != nil {
                let ref = SchemaRef(schema: parameter.schema ?? true, pointer: parameter.schemaPointer)
                parameters["\(parameter.location.rawValue):\(parameter.name)"] = try compile(ref, for: operation.id).schema
            }
            rules[operation.id] = OperationRules(responses: responses, requestBody: requestBody, parameters: parameters)
        }
        self.rules = rules
        patternsNeverRun = neverRun
    }

    /// The rule for a response of `operationId` with `status`: exact code, then its class
    /// (`4XX`), then `default` — as OpenAPI resolves them. Nil for an unknown operation.
    public func responseRule(operationId: String, status: Int) -> ResponseRule? {
        guard let operation = index.operation(id: operationId), let rules = rules[operationId] else { return nil }
        guard let response = operation.response(for: status), let compiled = rules.responses[response.status] else {
            return .undocumented
        }
        guard let (schema, pointer) = compiled else { return .documentedWithoutSchema(status: response.status) }
        return .schema(schema, status: response.status, pointer: pointer)
    }

    /// The compiled request body schema of `operationId`, if it declares a JSON body.
    public func requestBodySchema(operationId: String) -> Schema? {
        rules[operationId]?.requestBody?.schema
    }

    /// The compiled schema of one parameter of `operationId` (query values arrive as text:
    /// convert them to the schema's type before validating).
    public func parameterSchema(operationId: String, name: String, location: ParameterLocation) -> Schema? {
        rules[operationId]?.parameters["\(location.rawValue):\(name)"]
    }

    /// Every way a response breaks the spec: an undocumented status, a missing or unparsable
    /// JSON body where a schema is documented, and each schema failure (at most `maxErrors`).
    public func check(operationId: String, status: Int, body: [UInt8], maxErrors: Int = 100) -> [ResponseViolation] {
        check(operationId: operationId, status: status, body: body, maxErrors: maxErrors, unchecked: nil)
    }

    /// `check`, adding to `notes` one line for each schema pattern not run on a string of the
    /// body (longer than the pattern's bound, or a pattern never run): a check that did not happen.
    public func check(operationId: String, status: Int, body: [UInt8], maxErrors: Int = 100,
                      notes: inout [String]) -> [ResponseViolation] {
        let unchecked = UncheckedPatterns()
        let violations = check(operationId: operationId, status: status, body: body, maxErrors: maxErrors, unchecked: unchecked)
        notes += unchecked.notes
        return violations
    }

    /// `check`, adding to `unchecked` each schema pattern not run on a string of the body.
    public func check(operationId: String, status: Int, body: [UInt8], maxErrors: Int = 100,
                      unchecked: UncheckedPatterns?) -> [ResponseViolation] {
        guard let rule = responseRule(operationId: operationId, status: status) else {
            return [ResponseViolation(pointer: .root, keyword: "operation", schemaPath: nil,
                                      message: "the spec has no operation '\(operationId)'")]
        }
        switch rule {
        case .undocumented:
            let documented = index.operation(id: operationId)?.documentedStatuses.joined(separator: ", ") ?? ""
            return [ResponseViolation(pointer: .root, keyword: "status", schemaPath: nil,
                                      message: "status \(status) is not documented for \(operationId) (documented: \(documented))")]
        case .documentedWithoutSchema:
            return []
        case .schema(let schema, let documentedStatus, let pointer):
            let instance: JSON
            do {
                instance = try JSON.parse(body)
            } catch {
                let what = body.isEmpty ? "an empty body" : "a body that is not JSON (\(error))"
                return [ResponseViolation(pointer: .root, keyword: "content", schemaPath: pointer.description,
                                          message: "the spec documents a JSON body for \(documentedStatus); got \(what)")]
            }
            return schema.validate(instance, maxErrors: maxErrors, unchecked: unchecked).map { error in
                ResponseViolation(pointer: error.instanceLocation, keyword: error.keyword,
                                  schemaPath: pointer.description + error.keywordLocation, message: error.message)
            }
        }
    }
}

/// One way a response broke the spec.
public struct ResponseViolation: Sendable, Equatable, CustomStringConvertible {
    /// Where in the response body (JSON Pointer; root for status and content problems).
    public var pointer: JSONPointer
    /// The failing JSON Schema keyword, or `status` / `content` for problems outside the schema.
    public var keyword: String
    /// Where the rule sits in the spec (a JSON Pointer into the spec document).
    public var schemaPath: String?
    public var message: String

    public var description: String {
        pointer.tokens.isEmpty ? message : "\(pointer): \(message)"
    }
}
