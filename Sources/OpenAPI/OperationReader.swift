// Reads the operations out of a document's `paths`: follows the `$ref`s of path items,
// parameters, request bodies and responses, merges path-level with operation-level settings,
// and reports anything missing or malformed at its position.

import JSON

/// Builds `Operation`s from a document; used by `OperationIndex`.
struct OperationReader {
    let document: OpenAPIDocument
    let resolver: ReferenceResolver

    /// The path item keys that hold operations, in the order the spec lists them.
    static let methods: Set<String> = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]

    init(document: OpenAPIDocument) {
        self.document = document
        self.resolver = ReferenceResolver(document: document)
    }

    /// The operations of every path, in document order.
    func readOperations() throws(SpecError) -> [Operation] {
        guard case .object(let paths)? = document.root["paths"] else { return [] }
        let documentServers = try servers(at: ["servers"]) ?? [Server(url: "/")]
        let documentSecurity = try security(at: ["security"]) ?? []
        var operations: [Operation] = []
        for member in paths where !member.key.hasPrefix("x-") {
            let template = member.key
            guard template.hasPrefix("/") else {
                throw .invalid(location(["paths", template]), problem: "path '\(template)' must start with '/'")
            }
            let (pathItem, itemTokens) = try resolver.follow(from: ["paths", template])
            let item = try object(pathItem, at: itemTokens, what: "path item \(template)")
            let pathServers = try servers(at: itemTokens + ["servers"]) ?? documentServers
            let pathParameters = try parameters(at: itemTokens + ["parameters"])
            for entry in item where Self.methods.contains(entry.key) {
                let context = OperationContext(
                    method: entry.key.uppercased(), template: template, tokens: itemTokens + [entry.key],
                    pathParameters: pathParameters, servers: pathServers, security: documentSecurity
                )
                operations.append(try readOperation(entry.value, context))
            }
        }
        return operations
    }

    /// Checks the `$ref`s inside every schema the operations use and under components/schemas.
    func checkSchemaReferences(of operations: [Operation]) throws(SpecError) {
        var check = SchemaReferenceCheck(resolver: resolver)
        for operation in operations {
            for parameter in operation.parameters where parameter.schema != nil {
                try check.checkSchema(at: parameter.schemaPointer.tokens)
            }
            let bodies = (operation.requestBody?.content ?? []) + operation.responses.flatMap(\.content)
            for mediaType in bodies {
                if let schema = mediaType.schema { try check.checkSchema(at: schema.pointer.tokens) }
            }
        }
        if case .object(let schemas)? = document.root["components"]?["schemas"] {
            for member in schemas { try check.checkSchema(at: ["components", "schemas", member.key]) }
        }
    }

    // MARK: - Operations

    /// What an operation inherits from its path item and the document.
    private struct OperationContext {
        let method: String
        let template: String
        let tokens: [String]
        let pathParameters: [Parameter]
        let servers: [Server]
        let security: [SecurityRequirement]
    }

    private func readOperation(_ value: JSON, _ context: OperationContext) throws(SpecError) -> Operation {
        let tokens = context.tokens
        let name = "\(context.method) \(context.template)"
        let fields = try object(value, at: tokens, what: "operation \(name)")
        guard case .string(let id)? = fields["operationId"], !id.isEmpty else {
            throw .missing(location(tokens), what: "operationId for \(name) (fcharness addresses operations by operationId)")
        }
        let ownParameters = try parameters(at: tokens + ["parameters"])
        let parameters = Self.merge(context.pathParameters, overriddenBy: ownParameters)
        try checkPathParameters(parameters, template: context.template, operationTokens: tokens)
        return Operation(
            id: id,
            method: context.method,
            pathTemplate: context.template,
            summary: fields["summary"]?.stringValue,
            tags: fields["tags"]?.arrayValue?.compactMap(\.stringValue) ?? [],
            servers: try servers(at: tokens + ["servers"]) ?? context.servers,
            parameters: parameters,
            requestBody: try requestBody(at: tokens + ["requestBody"]),
            responses: try responses(at: tokens + ["responses"], operation: "\(id) (\(name))"),
            security: try security(at: tokens + ["security"]) ?? context.security,
            pointer: JSONPointer(tokens: tokens),
            location: location(tokens)
        )
    }

    // MARK: - Parameters

    private func parameters(at tokens: [String]) throws(SpecError) -> [Parameter] {
        guard let value = document.root.value(at: JSONPointer(tokens: tokens)) else { return [] }
        guard case .array(let list) = value else {
            throw .invalid(location(tokens), problem: "'parameters' is \(article(value.typeName)), expected a list")
        }
        var parameters: [Parameter] = []
        for index in list.indices {
            let parameter = try parameter(at: tokens + [String(index)])
            if parameters.contains(where: { Self.sameSlot($0, parameter) }) {
                throw .invalid(
                    location(tokens + [String(index)]),
                    problem: "parameter '\(parameter.name)' in \(parameter.location.rawValue) is declared twice"
                )
            }
            parameters.append(parameter)
        }
        return parameters
    }

    private func parameter(at entryTokens: [String]) throws(SpecError) -> Parameter {
        let (value, tokens) = try resolver.follow(from: entryTokens)
        let fields = try object(value, at: tokens, what: "parameter")
        guard case .string(let name)? = fields["name"] else {
            throw .missing(location(tokens), what: "'name' of a parameter")
        }
        guard case .string(let place)? = fields["in"] else {
            throw .missing(location(tokens), what: "'in' of parameter '\(name)'")
        }
        guard let parameterLocation = ParameterLocation(rawValue: place) else {
            throw .invalid(
                location(tokens + ["in"]),
                problem: "parameter '\(name)' has in: \(place); expected path, query, header or cookie"
            )
        }
        var schema = fields["schema"]
        var schemaTokens = tokens + ["schema"]
        if schema == nil, case .object(let content)? = fields["content"], let first = content.members.first {
            // A parameter may describe its value by media type instead; the first entry is it.
            schema = first.value["schema"]
            schemaTokens = tokens + ["content", first.key, "schema"]
        }
        return Parameter(
            name: name,
            location: parameterLocation,
            required: parameterLocation == .path || fields["required"]?.boolValue == true,
            description: fields["description"]?.stringValue,
            schema: schema,
            schemaPointer: JSONPointer(tokens: schemaTokens),
            pointer: JSONPointer(tokens: tokens)
        )
    }

    /// Header names are case-insensitive; every other name is compared as written.
    private static func sameSlot(_ a: Parameter, _ b: Parameter) -> Bool {
        guard a.location == b.location else { return false }
        return a.location == .header ? a.name.lowercased() == b.name.lowercased() : a.name == b.name
    }

    private static func merge(_ pathLevel: [Parameter], overriddenBy operationLevel: [Parameter]) -> [Parameter] {
        let inherited = pathLevel.filter { inherited in !operationLevel.contains { sameSlot($0, inherited) } }
        return inherited + operationLevel
    }

    /// Every `{name}` of the template needs a path parameter and every path parameter a `{name}`:
    /// otherwise no request could be built for the operation.
    private func checkPathParameters(_ parameters: [Parameter], template: String, operationTokens: [String]) throws(SpecError) {
        let placeholders = PathTemplate(template).variableNames
        let declared = parameters.filter { $0.location == .path }
        for name in placeholders where !declared.contains(where: { $0.name == name }) {
            throw .missing(location(operationTokens), what: "path parameter '\(name)' of \(template) (no parameter with in: path declares it)")
        }
        for parameter in declared where !placeholders.contains(parameter.name) {
            throw .invalid(
                document.location(of: parameter.pointer),
                problem: "path parameter '\(parameter.name)' does not appear in \(template)"
            )
        }
    }

    // MARK: - Bodies

    private func requestBody(at entryTokens: [String]) throws(SpecError) -> RequestBody? {
        guard document.root.value(at: JSONPointer(tokens: entryTokens)) != nil else { return nil }
        let (value, tokens) = try resolver.follow(from: entryTokens)
        let fields = try object(value, at: tokens, what: "requestBody")
        return RequestBody(
            required: fields["required"]?.boolValue ?? false,
            description: fields["description"]?.stringValue,
            content: try content(at: tokens + ["content"]),
            pointer: JSONPointer(tokens: tokens)
        )
    }

    private func responses(at tokens: [String], operation: String) throws(SpecError) -> [Response] {
        guard let value = document.root.value(at: JSONPointer(tokens: tokens)) else {
            throw .missing(location(Array(tokens.dropLast())), what: "'responses' in operation \(operation)")
        }
        let fields = try object(value, at: tokens, what: "responses")
        var responses: [Response] = []
        for member in fields where !member.key.hasPrefix("x-") {
            guard let status = Self.normalizedStatus(member.key) else {
                throw .invalid(
                    location(tokens + [member.key]),
                    problem: "response key '\(member.key)' is not a status code, a range such as 4XX, or 'default'"
                )
            }
            let (response, responseTokens) = try resolver.follow(from: tokens + [member.key])
            let responseFields = try object(response, at: responseTokens, what: "response \(member.key)")
            responses.append(Response(
                status: status,
                description: responseFields["description"]?.stringValue ?? "",
                content: try content(at: responseTokens + ["content"]),
                pointer: JSONPointer(tokens: responseTokens)
            ))
        }
        guard !responses.isEmpty else {
            throw .missing(location(tokens), what: "at least one response in operation \(operation)")
        }
        return responses
    }

    /// "200", "4XX" (from "4xx" too) or "default"; nil for anything else.
    static func normalizedStatus(_ key: String) -> String? {
        if key == "default" { return key }
        let characters = Array(key.uppercased())
        guard characters.count == 3, let hundreds = characters[0].wholeNumberValue, (1...5).contains(hundreds) else { return nil }
        if characters[1] == "X", characters[2] == "X" { return "\(hundreds)XX" }
        guard characters[1].isASCII, characters[2].isASCII,
              characters[1].wholeNumberValue != nil, characters[2].wholeNumberValue != nil else { return nil }
        return key
    }

    private func content(at tokens: [String]) throws(SpecError) -> [MediaType] {
        guard let value = document.root.value(at: JSONPointer(tokens: tokens)) else { return [] }
        let fields = try object(value, at: tokens, what: "content")
        return fields.map { member in
            MediaType(
                contentType: member.key,
                schema: member.value["schema"].map { SchemaRef(schema: $0, pointer: JSONPointer(tokens: tokens + [member.key, "schema"])) }
            )
        }
    }

    // MARK: - Helpers

    func location(_ tokens: [String]) -> SourceLocation {
        document.location(of: tokens)
    }

    func object(_ value: JSON, at tokens: [String], what: String) throws(SpecError) -> JSONObject {
        guard case .object(let fields) = value else {
            throw .invalid(location(tokens), problem: "\(what) is \(article(value.typeName)), expected a mapping")
        }
        return fields
    }

    /// A server variable's default or enum entry: a string, or a number or bool written bare.
    static func scalarText(_ value: JSON) -> String? {
        switch value {
        case .string(let text): return text
        case .integer(let number): return String(number)
        case .double(let number): return String(number)
        case .bool(let flag): return String(flag)
        default: return nil
        }
    }
}
