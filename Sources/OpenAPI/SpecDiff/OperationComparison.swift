// Compares one operation of A with its counterpart in B: parameters (presence, required-ness,
// schemas), the request body (presence, required-ness, media types, schemas) and the responses
// (statuses, and per status the headers, media types and schemas).

import JSON

/// The differences between two versions of one operation, in a fixed order: parameters, request
/// body, statuses only one side documents, then each shared status.
struct OperationComparison {
    private let sideA: SchemaSource
    private let sideB: SchemaSource
    private let pair: OperationPair
    private(set) var differences: [SpecDifference] = []

    /// The differences between `pair.a` and `pair.b` (both present).
    static func differences(_ pair: OperationPair, _ a: Operation, _ b: Operation, sideA: SchemaSource, sideB: SchemaSource) throws(SpecError) -> [SpecDifference] {
        var comparison = OperationComparison(sideA: sideA, sideB: sideB, pair: pair)
        try comparison.compareParameters(a.parameters, b.parameters)
        try comparison.compareRequestBodies(a.requestBody, b.requestBody)
        try comparison.compareResponses(a, b)
        return comparison.differences
    }

    private init(sideA: SchemaSource, sideB: SchemaSource, pair: OperationPair) {
        self.sideA = sideA
        self.sideB = sideB
        self.pair = pair
    }

    // MARK: - Parameters

    private mutating func compareParameters(_ parametersA: [Parameter], _ parametersB: [Parameter]) throws(SpecError) {
        let onlyB = parametersB.filter { parameterB in !parametersA.contains { Self.sameSlot($0, parameterB) } }
        for parameterA in parametersA {
            let place = "\(parameterA.location.rawValue) \(parameterA.name)"
            guard let parameterB = parametersB.first(where: { Self.sameSlot(parameterA, $0) }) else {
                record(place, finding: .onlyIn(.a, name: nil), allowance: Self.requiredOnOneSide(parameterA) ? "B also allows requests without it" : nil)
                continue
            }
            if parameterA.required != parameterB.required {
                let optional: SpecSide = parameterA.required ? .b : .a
                record(place, aspect: "required", finding: .values(a: Self.yesNo(parameterA.required), b: Self.yesNo(parameterB.required)),
                       allowance: "\(optional.rawValue) also allows requests without it")
            }
            try compareSchemas(
                parameterA.schema.map { SchemaNode(value: $0, tokens: parameterA.schemaPointer.tokens) },
                parameterB.schema.map { SchemaNode(value: $0, tokens: parameterB.schemaPointer.tokens) },
                place: place, anyValue: "any value")
        }
        for parameterB in onlyB {
            record("\(parameterB.location.rawValue) \(parameterB.name)", finding: .onlyIn(.b, name: nil),
                   allowance: Self.requiredOnOneSide(parameterB) ? "A also allows requests without it" : nil)
        }
    }

    /// Whether a parameter only one side declares makes that side refuse requests without it. A
    /// path parameter is left out: a request always has its path, and two templates that name a
    /// placeholder differently (`{id}`, `{user_id}`) take the same requests.
    private static func requiredOnOneSide(_ parameter: Parameter) -> Bool {
        parameter.required && parameter.location != .path
    }

    /// Header names are case-insensitive; every other name is compared as written.
    private static func sameSlot(_ a: Parameter, _ b: Parameter) -> Bool {
        guard a.location == b.location else { return false }
        return a.location == .header ? a.name.lowercased() == b.name.lowercased() : a.name == b.name
    }

    // MARK: - Request body

    private mutating func compareRequestBodies(_ bodyA: RequestBody?, _ bodyB: RequestBody?) throws(SpecError) {
        switch (bodyA, bodyB) {
        case (nil, nil):
            return
        case (_?, nil):
            record("request body", finding: .onlyIn(.a, name: nil))
        case (nil, _?):
            record("request body", finding: .onlyIn(.b, name: nil))
        case (let bodyA?, let bodyB?):
            if bodyA.required != bodyB.required {
                let optional: SpecSide = bodyA.required ? .b : .a
                record("request body", aspect: "required", finding: .values(a: Self.yesNo(bodyA.required), b: Self.yesNo(bodyB.required)),
                       allowance: "\(optional.rawValue) also allows requests without a body")
            }
            try compareContent(bodyA.content, bodyB.content, placePrefix: "request body")
        }
    }

    // MARK: - Responses

    private mutating func compareResponses(_ a: Operation, _ b: Operation) throws(SpecError) {
        let statuses = (a.responses.map(\.status) + b.responses.map(\.status).filter { status in !a.responses.contains { $0.status == status } })
            .sorted { Response.sortKey($0) < Response.sortKey($1) }
        var shared: [(Response, Response)] = []
        for status in statuses {
            let responseA = a.responses.first { $0.status == status }
            let responseB = b.responses.first { $0.status == status }
            switch (responseA, responseB) {
            case (let responseA?, let responseB?):
                shared.append((responseA, responseB))
            case (_?, nil):
                record("responses", finding: .onlyIn(.a, name: status), allowance: Self.coverage(of: status, in: b, side: .b))
            case (nil, _?):
                record("responses", finding: .onlyIn(.b, name: status), allowance: Self.coverage(of: status, in: a, side: .a))
            case (nil, nil):
                continue
            }
        }
        for (responseA, responseB) in shared {
            try compareHeaders(responseA, responseB)
            try compareContent(responseA.content, responseB.content, placePrefix: responseA.status)
        }
    }

    /// "A documents it under 4XX" when a range or `default` of the other side covers a status.
    private static func coverage(of status: String, in operation: Operation, side: SpecSide) -> String? {
        guard let code = Int(status), let covering = operation.response(for: code) else { return nil }
        return "\(side.rawValue) documents it under \(covering.status)"
    }

    /// Headers only one side documents are one line per response; shared ones are compared.
    private mutating func compareHeaders(_ responseA: Response, _ responseB: Response) throws(SpecError) {
        let headersA = try DocumentedHeader.headers(of: responseA, in: sideA.resolver.document)
        let headersB = try DocumentedHeader.headers(of: responseB, in: sideB.resolver.document)
        func find(_ name: String, in headers: [DocumentedHeader]) -> DocumentedHeader? {
            headers.first { $0.name.lowercased() == name.lowercased() }
        }
        let status = responseA.status
        for (side, present, other) in [(SpecSide.a, headersA, headersB), (.b, headersB, headersA)] {
            let only = present.filter { find($0.name, in: other) == nil }
            guard !only.isEmpty else { continue }
            let required = only.filter(\.required).map(\.name)
            record("\(status) headers", finding: .onlyIn(side, name: only.map(\.name).joined(separator: ", ")),
                   allowance: required.isEmpty ? nil : "\(side.other.rawValue) also allows responses without " + required.joined(separator: ", "))
        }
        for headerA in headersA {
            guard let headerB = find(headerA.name, in: headersB) else { continue }
            let place = "\(status) header \(headerA.name)"
            if headerA.required != headerB.required {
                let optional: SpecSide = headerA.required ? .b : .a
                record(place, aspect: "required", finding: .values(a: Self.yesNo(headerA.required), b: Self.yesNo(headerB.required)),
                       allowance: "\(optional.rawValue) also allows responses without it")
            }
            try compareSchemas(headerA.schema, headerB.schema, place: place, anyValue: "any value")
        }
    }

    // MARK: - Content

    /// Media types matched by their essence (`application/json; charset=utf-8` is
    /// `application/json`), A's order first.
    private mutating func compareContent(_ contentA: [MediaType], _ contentB: [MediaType], placePrefix: String) throws(SpecError) {
        func find(_ mediaType: MediaType, in content: [MediaType]) -> MediaType? {
            content.first { MediaType.essence(of: $0.contentType) == MediaType.essence(of: mediaType.contentType) }
        }
        for mediaTypeA in contentA {
            let place = "\(placePrefix) \(mediaTypeA.contentType)"
            guard let mediaTypeB = find(mediaTypeA, in: contentB) else {
                record(place, finding: .onlyIn(.a, name: nil))
                continue
            }
            try compareSchemas(
                mediaTypeA.schema.map { SchemaNode(value: $0.schema, tokens: $0.pointer.tokens) },
                mediaTypeB.schema.map { SchemaNode(value: $0.schema, tokens: $0.pointer.tokens) },
                place: place, anyValue: "any body")
        }
        for mediaTypeB in contentB where find(mediaTypeB, in: contentA) == nil {
            record("\(placePrefix) \(mediaTypeB.contentType)", finding: .onlyIn(.b, name: nil))
        }
    }

    /// A schema on one side only is one line ("the other allows any value"); two are compared
    /// keyword by keyword, each difference a line at `place`.
    private mutating func compareSchemas(_ schemaA: SchemaNode?, _ schemaB: SchemaNode?, place: String, anyValue: String) throws(SpecError) {
        switch (schemaA, schemaB) {
        case (nil, nil):
            return
        case (_?, nil):
            record(place, aspect: "schema", finding: .onlyIn(.a, name: nil), allowance: "B allows \(anyValue)")
        case (nil, _?):
            record(place, aspect: "schema", finding: .onlyIn(.b, name: nil), allowance: "A allows \(anyValue)")
        case (let schemaA?, let schemaB?):
            for difference in try SchemaComparison.differences(schemaA, in: sideA, schemaB, in: sideB) {
                differences.append(SpecDifference(
                    operation: pair.label, method: method, path: path, place: place,
                    pointer: difference.pointer, finding: difference.finding, allowance: difference.allowance))
            }
        }
    }

    // MARK: - Recording

    private var method: String { (pair.a ?? pair.b)?.method ?? "" }
    private var path: String { (pair.a ?? pair.b)?.pathTemplate ?? "" }

    private mutating func record(_ place: String, aspect: String? = nil, finding: SpecDifference.Finding, allowance: String? = nil) {
        differences.append(SpecDifference(
            operation: pair.label, method: method, path: path, place: place, aspect: aspect, finding: finding, allowance: allowance))
    }

    private static func yesNo(_ flag: Bool) -> String { flag ? "yes" : "no" }
}
