// Which response field feeds which request slot, from the spec alone: OpenAPI `links` first,
// then ids matched by name and stem, kept only where declared types and formats agree.

import JSON
import OpenAPI

/// A response field that is the id of a resource, as returned by one operation.
struct IdentifierSource {
    /// The field, as a source.
    let source: ValueSource
    /// The field's own name (`id`, `conversation_id`).
    let fieldName: String
    /// The resource it identifies.
    let resource: String
    /// The producing operation's role.
    let role: OperationRole
}

/// Infers the edges of a spec's dependency graph and the sinks left without one.
struct ProducerConsumerInference {
    let index: OperationIndex
    let catalog: ResourceCatalog
    let reader: SchemaFieldReader

    /// Every edge, sorted, at most one per (source, sink) — the strongest — and every sink that
    /// got none, sorted.
    func infer() -> (edges: [DependencyEdge], unsatisfied: [UnsatisfiedSink]) {
        let sourcesByResource = Dictionary(grouping: identifierSources(), by: \.resource)
        var strongest: [String: DependencyEdge] = [:]
        func keep(_ edge: DependencyEdge) {
            let key = "\(edge.source)|\(edge.sink)"
            if let kept = strongest[key], !Self.isStronger(edge.reason, than: kept.reason) { return }
            strongest[key] = edge
        }
        let declared = linkEdges()
        declared.forEach(keep)
        var unsatisfied: [UnsatisfiedSink] = []
        var linkedSinks = Set(declared.map(\.sink))
        for candidate in sinkCandidates() {
            switch match(candidate, sourcesByResource: sourcesByResource) {
            case .edges(let edges):
                edges.forEach(keep)
                linkedSinks.insert(candidate.sink)
            case .none(let explanation):
                if !linkedSinks.contains(candidate.sink) {
                    unsatisfied.append(UnsatisfiedSink(sink: candidate.sink, explanation: explanation))
                }
            }
        }
        return (strongest.values.sorted(), unsatisfied.sorted())
    }

    private static func isStronger(_ reason: InferenceReason, than other: InferenceReason) -> Bool {
        (reason.confidence, other.rule.rank) > (other.confidence, reason.rule.rank)
    }

    // MARK: Sources

    /// The id fields operations return: `id` or `<resource>_id` of the top-level object, or of
    /// the elements of a top-level array. An operation that addresses one item of a resource
    /// (`getUser`) only echoes that resource's id back, so it is no source of it.
    func identifierSources() -> [IdentifierSource] {
        var sources: [IdentifierSource] = []
        for operation in index.operations {
            guard let resource = catalog.resourceName(of: operation.id), let role = catalog.role(of: operation.id),
                  role != .delete else { continue }
            let onItem = ResourceCatalog.pathShape(operation.pathTemplate).onItem
            for body in ResourceCatalog.successBodies(of: operation) {
                for field in reader.fields(of: body.schema) {
                    guard let identified = identifiedResource(of: field, operationResource: resource, role: role),
                          !(onItem && identified == resource) else { continue }
                    sources.append(IdentifierSource(
                        source: ValueSource(operationId: operation.id, status: body.status, path: field.path, shape: field.shape),
                        fieldName: field.name, resource: identified, role: role
                    ))
                }
            }
        }
        return sources
    }

    private func identifiedResource(of field: SchemaField, operationResource: String, role: OperationRole) -> String? {
        let owner: String
        if field.isTopLevel {
            owner = operationResource
        } else if role == .list, let collection = field.topLevelCollection {
            // Only a list's elements are instances; arrays inside one resource (a
            // conversation's `users`) merely refer to others, which that resource does not make.
            let named = collection.isEmpty ? [] : catalog.resources(named: collection)
            if named.count == 1 {
                owner = named[0]
            } else {
                owner = operationResource  // `{data: [...]}`: the list's own resource
            }
        } else {
            return nil
        }
        guard let singular = catalog.resource(owner)?.singular else { return nil }
        let name = ResourceCatalog.snakeCase(field.name)
        return name == "id" || name == singular + "_id" ? owner : nil
    }

    // MARK: Sinks

    /// A sink and the words that say whose id it wants.
    struct SinkCandidate {
        let sink: ValueSink
        /// The word naming the wanted resource: the `…_id` stem, or the collection a placeholder
        /// or array element belongs to.
        let stem: String
        /// How the stem was read, for the reason text.
        let stemOrigin: String
        /// String enums beside a body field, for `<stem>_type` hints.
        let siblingEnums: [String: [String]]
    }

    /// Every path parameter, and the query parameters and JSON body fields named like ids.
    func sinkCandidates() -> [SinkCandidate] {
        var candidates: [SinkCandidate] = []
        for operation in index.operations {
            let segments = operation.pathTemplate.split(separator: "/").map(String.init)
            for parameter in operation.parameters {
                let shape = parameterShape(parameter)
                switch parameter.location {
                case .path:
                    let sink = ValueSink(operationId: operation.id, location: .path(parameter.name), shape: shape, required: true)
                    if let stem = Self.identifierStem(parameter.name) {
                        candidates.append(SinkCandidate(sink: sink, stem: stem, stemOrigin: "'\(parameter.name)'", siblingEnums: [:]))
                    } else if let position = segments.firstIndex(of: "{\(parameter.name)}"), position > 0 {
                        let collection = segments[position - 1]
                        candidates.append(SinkCandidate(
                            sink: sink, stem: collection, stemOrigin: "placeholder {\(parameter.name)} after /\(collection)", siblingEnums: [:]
                        ))
                    } else {
                        candidates.append(SinkCandidate(sink: sink, stem: parameter.name, stemOrigin: "'\(parameter.name)'", siblingEnums: [:]))
                    }
                case .query:
                    guard let stem = Self.identifierStem(parameter.name) else { continue }
                    let sink = ValueSink(operationId: operation.id, location: .query(parameter.name), shape: shape, required: parameter.required)
                    candidates.append(SinkCandidate(sink: sink, stem: stem, stemOrigin: "'\(parameter.name)'", siblingEnums: [:]))
                case .header, .cookie:
                    continue
                }
            }
            guard let schema = operation.requestBody?.schema(forContentType: "application/json")?.schema else { continue }
            let required = operation.requestBody?.required ?? false
            for field in reader.fields(of: schema) {
                let sink = ValueSink(
                    operationId: operation.id, location: .body(field.pointer), shape: field.shape, required: required && field.required
                )
                if let stem = Self.identifierStem(field.name) {
                    candidates.append(SinkCandidate(sink: sink, stem: stem, stemOrigin: "'\(field.name)'", siblingEnums: field.siblingEnums))
                } else if ResourceCatalog.snakeCase(field.name) == "id" {
                    let owner = field.enclosingMember ?? catalog.resourceName(of: operation.id) ?? ""
                    candidates.append(SinkCandidate(
                        sink: sink, stem: owner, stemOrigin: field.enclosingMember.map { "'\($0)[].id'" } ?? "'id'",
                        siblingEnums: field.siblingEnums
                    ))
                }
            }
        }
        return candidates
    }

    /// `assigned_agent_id` → `assigned_agent`, `userId` → `user`; nil for names that are not
    /// `…_id` (a bare `id` names no resource by itself).
    static func identifierStem(_ name: String) -> String? {
        let snake = ResourceCatalog.snakeCase(name)
        guard snake.hasSuffix("_id"), snake.count > 3 else { return nil }
        return String(snake.dropLast(3))
    }

    private func parameterShape(_ parameter: Parameter) -> ValueShape {
        var schema = parameter.schema ?? .null
        if case .string(let reference)? = schema["$ref"], let target = reader.resolve(reference) { schema = target }
        return ValueShape(type: schema["type"]?.stringValue, format: schema["format"]?.stringValue)
    }

    // MARK: Matching by name

    private enum Match {
        case edges([DependencyEdge])
        case none(String)
    }

    private func match(_ candidate: SinkCandidate, sourcesByResource: [String: [IdentifierSource]]) -> Match {
        let stem = candidate.stem
        let sinkName = candidate.sink.location.name
        // Which resources the stem names, by which rule, and how sure that naming is.
        var resources = catalog.resources(named: stem)
        var rule = InferenceRule.resourceIdentifier
        var naming = "\(candidate.stemOrigin) names \(resources.joined(separator: " or "))"
        var confidence = InferenceConfidence.high
        if resources.isEmpty {
            let words = stem.split(separator: "_").map(String.init)
            for start in words.indices.dropFirst() {
                let rest = words[start...].joined(separator: "_")
                let named = catalog.resources(named: rest)
                guard !named.isEmpty else { continue }
                resources = named
                rule = .qualifiedIdentifier
                let qualifier = words[..<start].joined(separator: "_")
                naming = "\(candidate.stemOrigin) without qualifier '\(qualifier)' names \(named.joined(separator: " or "))"
                confidence = .medium
                break
            }
        }
        if resources.isEmpty, let values = candidate.siblingEnums[stem + "_type"] {
            let named = Array(Set(values.flatMap { catalog.resources(named: $0) })).sorted()
            if !named.isEmpty {
                resources = named
                rule = .ambiguousIdentifier
                naming = "\(candidate.stemOrigin) names no resource; sibling \(stem)_type [\(values.joined(separator: ", "))] points to \(named.joined(separator: " or "))"
                confidence = .medium
            }
        }
        guard !resources.isEmpty else {
            return .none("no resource is named '\(stem)'")
        }
        if resources.count > 1 {
            confidence = .low
            naming += " (ambiguous)"
        }
        var edges: [DependencyEdge] = []
        var rejected: [String] = []
        for resource in resources {
            for identifier in sourcesByResource[resource] ?? [] where identifier.source.operationId != candidate.sink.operationId {
                guard identifier.source.shape.fits(candidate.sink.shape) else {
                    rejected.append("\(identifier.source) is \(identifier.source.shape), the sink \(candidate.sink.shape)")
                    continue
                }
                let typed = identifier.source.shape.isTyped(alongside: candidate.sink.shape)
                var explanation = naming
                var edgeRule = rule
                let singular = catalog.resource(resource)?.singular ?? resource
                // A bare `id` is every resource's name for its id, so it proves nothing by itself.
                if identifier.fieldName == sinkName, ResourceCatalog.snakeCase(sinkName) != "id", rule != .ambiguousIdentifier {
                    edgeRule = .sameFieldName
                    explanation = "\(identifier.source.operationId) (\(identifier.role)) returns '\(sinkName)' itself as the id of \(Self.indefinite(singular))"
                } else {
                    explanation += "; \(identifier.source.path) is the id of \(Self.indefinite(singular)) (\(identifier.role) \(identifier.source.operationId))"
                }
                explanation += typed ? ", both \(candidate.sink.shape)" : ", untyped"
                edges.append(DependencyEdge(
                    source: identifier.source, sink: candidate.sink, resource: resource,
                    reason: InferenceReason(rule: edgeRule, explanation: explanation, confidence: typed ? confidence : confidence.weakened)
                ))
            }
        }
        if !edges.isEmpty { return .edges(edges) }
        if !rejected.isEmpty { return .none("types disagree: " + rejected.sorted().joined(separator: "; ")) }
        return .none("no operation returns an id of \(resources.joined(separator: " or "))")
    }

    /// `a user`, `an agent`: a leading "u" mostly sounds like "you" (user, unit, uuid).
    private static func indefinite(_ noun: String) -> String {
        ("aeio".contains(noun.first ?? "x") ? "an " : "a ") + noun
    }

    // MARK: OpenAPI links

    /// The edges the spec declares: each `links` entry of a 2xx response whose parameters are
    /// `$response.body#/…` expressions.
    func linkEdges() -> [DependencyEdge] {
        var edges: [DependencyEdge] = []
        for operation in index.operations {
            for response in operation.responses where response.status.hasPrefix("2") {
                guard case .object(let links)? = index.document.value(at: response.pointer.appending("links")),
                      let schema = response.schema(forContentType: "application/json")?.schema else { continue }
                for link in links {
                    guard let target = linkTarget(link.value), case .object(let parameters)? = link.value["parameters"] else { continue }
                    for parameter in parameters {
                        guard let expression = parameter.value.stringValue,
                              let edge = linkEdge(named: link.key, from: operation, status: response.status, schema: schema,
                                                  to: target, parameter: parameter.key, expression: expression)
                        else { continue }
                        edges.append(edge)
                    }
                }
            }
        }
        return edges
    }

    private func linkTarget(_ link: JSON) -> OpenAPI.Operation? {
        if let id = link["operationId"]?.stringValue { return index.operation(id: id) }
        guard let reference = link["operationRef"]?.stringValue, reference.hasPrefix("#"),
              let pointer = try? JSONPointer(fragment: reference) else { return nil }
        return index.operations.first { $0.pointer == pointer }
    }

    private func linkEdge(
        named name: String, from producer: OpenAPI.Operation, status: String, schema: JSON,
        to consumer: OpenAPI.Operation, parameter qualifiedName: String, expression: String
    ) -> DependencyEdge? {
        let prefix = "$response.body#"
        guard expression.hasPrefix(prefix), let pointer = try? JSONPointer(fragment: String(expression.dropFirst(prefix.count))),
              let field = reader.field(of: schema, at: pointer.tokens) else { return nil }
        // A link may qualify a name with its location: `path.book_id`.
        let parts = qualifiedName.split(separator: ".", maxSplits: 1).map(String.init)
        let parameterName = parts.count == 2 ? parts[1] : qualifiedName
        let wantedLocation = parts.count == 2 ? ParameterLocation(rawValue: parts[0]) : nil
        guard let parameter = consumer.parameters.first(where: {
            $0.name == parameterName && (wantedLocation == nil || $0.location == wantedLocation)
        }) else { return nil }
        let location: SinkLocation
        switch parameter.location {
        case .path: location = .path(parameter.name)
        case .query: location = .query(parameter.name)
        case .header, .cookie: return nil
        }
        let sink = ValueSink(operationId: consumer.id, location: location, shape: parameterShape(parameter), required: parameter.required)
        let source = ValueSource(operationId: producer.id, status: status, path: field.path, shape: field.shape)
        // The id is of the resource the parameter names, else of what the producer returns.
        let named = Self.identifierStem(parameter.name).map(catalog.resources(named:)) ?? []
        let resource = named.count == 1 ? named[0] : catalog.resourceName(of: producer.id) ?? ""
        let agrees = field.shape.fits(sink.shape)
        return DependencyEdge(
            source: source, sink: sink, resource: resource,
            reason: InferenceReason(
                rule: .openAPILink,
                explanation: "link '\(name)' of \(producer.id) \(status) sets \(parameter.name) from \(expression)"
                    + (agrees ? "" : "; declared types disagree (\(field.shape) vs \(sink.shape))"),
                confidence: agrees ? .high : .medium
            )
        )
    }
}

extension InferenceRule {
    /// Lower is stronger evidence, for keeping one reason per edge.
    var rank: Int { Self.allCases.firstIndex(of: self) ?? Self.allCases.count }
}
