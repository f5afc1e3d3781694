// Checks a request's parameters and body against the operation's compiled schemas, and turns
// them into typed values for the handlers. Failures become a 400 message naming the field.
import JSON
import NIOCore

/// A request that failed validation, with the message of its `400`.
struct InvalidRequest: Error {
    var message: String
}

/// The validated inputs of one request.
struct ValidatedInput {
    /// Declared query parameters that were given, converted to their schema's type.
    var query: [(name: String, value: JSON)] = []
    var pathValues: [String] = []
    var body: JSON?

    func query(_ name: String) -> JSON? {
        for item in query where item.name == name { return item.value }
        return nil
    }
}

enum RequestValidation {
    /// Validates `request` for `operation`: query parameters (unknown ones are ignored; a
    /// repeated one counts by its first value), path parameters, and the JSON body.
    static func validate(
        _ request: MockRequest, for operation: MockOperation, pathValues: [String]
    ) throws(InvalidRequest) -> ValidatedInput {
        var input = ValidatedInput(pathValues: pathValues)
        if !operation.queryParameters.isEmpty {
            let pairs = try QueryString.parse(request.query)
            for rule in operation.queryParameters {
                guard let text = pairs.first(where: { $0.name == rule.name })?.value else {
                    if rule.required { throw InvalidRequest(message: "query parameter '\(rule.name)' is required") }
                    continue
                }
                let value = try convert(text, rule: rule, location: "query parameter")
                input.query.append((rule.name, value))
            }
        }
        for (rule, text) in zip(operation.pathParameters, pathValues) {
            _ = try convert(text, rule: rule, location: "path parameter")
        }
        if let bodyRule = operation.body {
            input.body = try parseBody(request.body, rule: bodyRule)
        }
        return input
    }

    private static func convert(_ text: String, rule: ParameterRule, location: String) throws(InvalidRequest) -> JSON {
        let value: JSON
        switch rule.type {
        case .string:
            value = .string(text)
        case .integer:
            guard let number = Int64(text) else {
                throw InvalidRequest(message: "\(location) '\(rule.name)' must be an integer, got \"\(text)\"")
            }
            value = .integer(number)
        case .number:
            guard let number = Double(text), number.isFinite else {
                throw InvalidRequest(message: "\(location) '\(rule.name)' must be a number, got \"\(text)\"")
            }
            value = .double(number)
        case .boolean:
            guard text == "true" || text == "false" else {
                throw InvalidRequest(message: "\(location) '\(rule.name)' must be true or false, got \"\(text)\"")
            }
            value = .bool(text == "true")
        }
        if let check = rule.check, let first = check.run(value).first {
            throw InvalidRequest(message: "\(location) '\(rule.name)': \(first.message)")
        }
        return value
    }

    private static func parseBody(_ body: ByteBuffer?, rule: BodyRule) throws(InvalidRequest) -> JSON? {
        guard let body, body.readableBytes > 0 else {
            if rule.required { throw InvalidRequest(message: "a JSON request body is required") }
            return nil
        }
        let parsed: Result<JSON, JSONParseError> = body.withUnsafeReadableBytes { bytes in
            Result { () throws(JSONParseError) -> JSON in try JSON.parse(bytes, maxDepth: 64) }
        }
        let json: JSON
        switch parsed {
        case .success(let value): json = value
        case .failure(let error):
            throw InvalidRequest(message: "the request body is not valid JSON: \(error.reason) at line \(error.line), column \(error.column)")
        }
        if let check = rule.check {
            let violations = check.run(json)
            if !violations.isEmpty {
                // Every reason (the check stops at a few), so a client fixes them in one go.
                let reasons = violations.map { violation in
                    let field = violation.pointer.isEmpty ? "the request body" : "request body field '\(violation.pointer)'"
                    return "\(field): \(violation.message)"
                }
                throw InvalidRequest(message: reasons.joined(separator: "; "))
            }
        }
        return json
    }
}

/// A parsed query string.
enum QueryString {
    /// The decoded `name=value` pairs in order; a pair without `=` has an empty value.
    static func parse(_ query: Substring) throws(InvalidRequest) -> [(name: String, value: String)] {
        var pairs: [(name: String, value: String)] = []
        for bytes in query.utf8.split(separator: UInt8(ascii: "&")) {
            let item = Substring(bytes)
            let equals = bytes.firstIndex(of: UInt8(ascii: "="))
            let rawName = equals.map { item[..<$0] } ?? item
            let rawValue = equals.map { item[item.utf8.index(after: $0)...] } ?? ""
            guard let name = PercentDecoding.decode(rawName, plusAsSpace: true),
                  let value = PercentDecoding.decode(rawValue, plusAsSpace: true)
            else { throw InvalidRequest(message: "the query string is not valid percent-encoding: \"\(item)\"") }
            pairs.append((name, value))
        }
        return pairs
    }
}
