// A resource's lifecycle as a scenario: each step's path, query and body filled from the
// spec, every inferred input wired to the capture of the step that yields it, and a comment
// on why the step is there.

import JSON
import OpenAPI

/// Builds the positive scenario of one lifecycle, and the planned requests negative cases
/// start from.
struct LifecycleScenarioBuilder {
    let index: OperationIndex
    let graph: DependencyGraph
    let bodies: BodyGenerator
    /// Body variants per operation (`--examples`), at least 1.
    let examples: Int

    /// Everything about one lifecycle that the scenario writers need.
    struct Plan {
        let lifecycle: ResourceLifecycle
        /// One request per lifecycle step.
        let requests: [PlannedRequest]
        /// What each step captures, and under which name each input reads it.
        let captureNames: CaptureNames
        /// Variables for values no operation yields.
        let variables: [GeneratedVariable]
        /// The positive steps, one per lifecycle step, before example variants.
        let steps: [GeneratedStep]
    }

    /// Plans `lifecycle`: names the captures, fills each request.
    func plan(_ lifecycle: ResourceLifecycle) throws(GenerationError) -> Plan {
        let captureNames = CaptureNames(lifecycle: lifecycle, resources: graph.resources)
        var variables = VariableSet()
        var requests: [PlannedRequest] = []
        var steps: [GeneratedStep] = []
        for (position, step) in lifecycle.steps.enumerated() {
            let request = try self.request(for: step, captures: captureNames, variables: &variables)
            requests.append(request)
            steps.append(GeneratedStep(
                comment: StepReasons(lifecycle: lifecycle, position: position, resources: graph.resources, captures: captureNames).lines,
                name: nil, operationId: step.operationId, path: request.path, query: request.query, headers: [],
                body: request.body, expectedStatuses: [request.successStatus],
                captures: captureNames.captures(madeAt: position)
            ))
        }
        return Plan(lifecycle: lifecycle, requests: requests, captureNames: captureNames, variables: variables.all, steps: steps)
    }

    /// The lifecycle scenario: the planned steps, each operation with a body followed by its
    /// example variants, and after a delete a read that must find nothing.
    func scenario(_ plan: Plan, header: [String]) throws(GenerationError) -> GeneratedScenario {
        var steps: [GeneratedStep] = []
        var variables = VariableSet(plan.variables)
        for (position, step) in plan.steps.enumerated() {
            steps.append(step)
            let lifecycleStep = plan.lifecycle.steps[position]
            // Examples of the lifecycle's own operations; a prerequisite gets its examples in
            // its own resource's file.
            if plan.requests[position].body != nil, examples > 1, !lifecycleStep.isPrerequisite {
                for variant in 1..<examples {
                    var example = step
                    example.comment = ["Example \(variant + 1) of \(examples): \(Self.styleText(variant))."]
                    example.name = "\(step.operationId), example \(variant + 1)"
                    example.body = try body(for: lifecycleStep, variant: variant, captures: plan.captureNames, variables: &variables).templated
                    example.captures = []
                    steps.append(example)
                }
            }
            if lifecycleStep.role == .delete, !lifecycleStep.isPrerequisite, let gone = goneCheck(after: step) {
                steps.append(gone)
            }
        }
        let resource = plan.lifecycle.resource
        return GeneratedScenario(
            fileName: "\(FileNames.slug(resource))-lifecycle.yaml", name: "\(resource) lifecycle (generated)",
            tags: ["generated", FileNames.slug(resource)], header: header, variables: variables.all,
            steps: steps, trailer: []
        )
    }

    private static func styleText(_ variant: Int) -> String {
        switch GenerationStyle(variant: variant) {
        case .minimal: return "required members only"
        case .full: return "every optional member"
        case .sampled: return "optional members and values drawn from the seed"
        }
    }

    /// A read of the same item after its delete, expecting the documented 404; nil when the
    /// resource has no read or the spec documents no 404 for it.
    private func goneCheck(after delete: GeneratedStep) -> GeneratedStep? {
        guard let deleted = index.operation(id: delete.operationId) else { return nil }
        let read = index.operations.first {
            $0.pathTemplate == deleted.pathTemplate && $0.method.uppercased() == "GET"
        }
        guard let read, read.documentedStatuses.contains("404") else { return nil }
        return GeneratedStep(
            comment: ["After the delete the item is gone: \(read.id) must answer 404."],
            name: "gone after the delete", operationId: read.id, path: delete.path, query: [], headers: [],
            body: nil, expectedStatuses: ["404"], captures: []
        )
    }

    // MARK: Requests

    private func request(
        for step: LifecycleStep, captures: CaptureNames, variables: inout VariableSet
    ) throws(GenerationError) -> PlannedRequest {
        guard let operation = index.operation(id: step.operationId) else { throw .unknownOperation(step.operationId) }
        let fed = Dictionary(step.inputs.map { ($0.sink.location, captures.name(for: $0)) }, uniquingKeysWith: { first, _ in first })
        var path: [NamedText] = []
        for name in PathTemplate(operation.pathTemplate).variableNames {
            if let capture = fed[.path(name)] {
                path.append(NamedText(name, "{{\(capture)}}"))
            } else {
                // Nothing returns this id: a variable the user sets (--var), so the file still loads.
                let variable = variables.add(name, value: .string("set-\(name)"),
                                             comment: "No operation of the spec returns \(name): set it with --var \(name)=….")
                path.append(NamedText(name, "{{\(variable)}}"))
            }
        }
        var query: [NamedText] = []
        for parameter in operation.parameters where parameter.location == .query {
            if let capture = fed[.query(parameter.name)] {
                query.append(NamedText(parameter.name, "{{\(capture)}}"))
            } else if parameter.required, let schema = parameter.schema {
                let value = try generated(for: step.operationId) { () throws(BodyGenerationError) in
                    try bodies.body(for: SchemaRef(schema: schema, pointer: parameter.schemaPointer), in: index.document.root, variant: 0)
                }
                query.append(NamedText(parameter.name, value.stringValue ?? value.serialized()))
            }
        }
        var body: JSON?
        var concrete: JSON?
        if operation.requestBody?.schema(forContentType: "application/json") != nil {
            let built = try self.body(for: step, variant: 0, captures: captures, variables: &variables)
            body = built.templated
            concrete = built.concrete
        }
        return PlannedRequest(operationId: operation.id, path: path, query: query, body: body, concreteBody: concrete,
                              successStatus: Self.successStatus(of: operation))
    }

    /// Variant `variant` of the step's body, with every fed sink set to its capture's template
    /// and every required sink nothing feeds turned into a variable.
    private func body(
        for step: LifecycleStep, variant: Int, captures: CaptureNames, variables: inout VariableSet
    ) throws(GenerationError) -> (templated: JSON, concrete: JSON) {
        let generate = { (variant: Int) throws(GenerationError) -> JSON in
            try generated(for: step.operationId) { () throws(BodyGenerationError) in
                try bodies.body(forOperation: step.operationId, in: index, variant: variant)
            }
        }
        var concrete = try generate(variant)
        var templated = concrete
        lazy var full: JSON? = try? generate(1)
        for input in step.inputs {
            guard case .body(let pointer) = input.sink.location else { continue }
            if concrete.value(at: pointer) == nil {
                // An optional member the variant left out: bring its subtree in from the full
                // variant, so the value has the siblings its schema requires.
                guard let full, let filled = Self.bringIn(pointer, from: full, into: concrete) else { continue }
                concrete = filled
                templated = Self.bringIn(pointer, from: full, into: templated) ?? templated
            }
            // The first array element stands for all: every element of the variant gets the id.
            for each in Self.everyElement(pointer, in: concrete) {
                templated = templated.setting(.string("{{\(captures.name(for: input))}}"), at: each) ?? templated
                // A sibling enum that says what kind of id this is (`actor_type: [user, agent]`)
                // must name the resource the id now comes from.
                for (sibling, value) in kindMarkers(besides: each, of: step.operationId, naming: input.edge.resource) {
                    concrete = concrete.setting(value, at: sibling) ?? concrete
                    templated = templated.setting(value, at: sibling) ?? templated
                }
            }
        }
        for sink in step.unfedSinks {
            guard case .body(let pointer) = sink.location, let value = concrete.value(at: pointer) else { continue }
            let variable = variables.add(sink.location.name, value: value,
                                         comment: "No operation of the spec returns \(sink.location.name) (\(sink.operationId) \(sink.location)): set it with --var \(sink.location.name)=….")
            templated = templated.setting(.string("{{\(variable)}}"), at: pointer) ?? templated
        }
        return (templated, concrete)
    }

    /// The siblings of the field at `pointer` whose string enum names `resource` (in the
    /// singular or as is), each with that enum value.
    private func kindMarkers(besides pointer: JSONPointer, of operationId: String, naming resource: String) -> [(JSONPointer, JSON)] {
        guard let parent = pointer.parent, let schema = try? BodyGenerator.requestBodySchema(operationId: operationId, in: index),
              let field = SchemaFieldReader(root: index.document.root).field(of: schema.schema, at: pointer.tokens) else { return [] }
        let names = Set([resource, graph.resources.first { $0.name == resource }?.singular ?? resource])
        return field.siblingEnums.sorted { $0.key < $1.key }.compactMap { sibling, values in
            values.first(where: names.contains).map { (parent.appending(sibling), JSON.string($0)) }
        }
    }

    /// `pointer` with each array index `0` in it widened to every index `body` has there.
    static func everyElement(_ pointer: JSONPointer, in body: JSON) -> [JSONPointer] {
        var pointers = [JSONPointer.root]
        for token in pointer.tokens {
            pointers = pointers.flatMap { prefix -> [JSONPointer] in
                guard token == "0", case .array(let items)? = body.value(at: prefix), items.count > 1 else {
                    return [prefix.appending(token)]
                }
                return items.indices.map { prefix.appending(index: $0) }
            }
        }
        return pointers
    }

    /// `into` with the outermost missing ancestor of `pointer` copied from `source`; nil when
    /// `source` has no value there either.
    private static func bringIn(_ pointer: JSONPointer, from source: JSON, into body: JSON) -> JSON? {
        var prefix = JSONPointer.root
        for token in pointer.tokens {
            prefix = prefix.appending(token)
            if body.value(at: prefix) == nil {
                guard var value = source.value(at: prefix) else { return nil }
                // Of an array only the items up to the one the pointer goes through: the rest
                // would carry values (ids) nothing produced.
                let next = pointer.tokens.dropFirst(prefix.tokens.count).first
                if case .array(let items) = value, let next, let position = Int(next), position < items.count {
                    value = .array(Array(items.prefix(position + 1)))
                }
                return body.setting(value, at: prefix)
            }
        }
        return body
    }

    /// `make`'s value, its failure named after `operationId`.
    private func generated(
        for operationId: String, _ make: () throws(BodyGenerationError) -> JSON
    ) throws(GenerationError) -> JSON {
        do { return try make() } catch { throw .body(operationId: operationId, error) }
    }

    /// The first documented 2xx status, else `2XX`.
    static func successStatus(of operation: OpenAPI.Operation) -> String {
        operation.documentedStatuses.first { $0.count == 3 && $0.hasPrefix("2") && Int($0) != nil } ?? "2XX"
    }
}

/// The `variables:` of one scenario, each name once.
struct VariableSet {
    private(set) var all: [GeneratedVariable]

    init(_ variables: [GeneratedVariable] = []) { all = variables }

    /// Adds `name` unless present; the name to use.
    mutating func add(_ name: String, value: JSON, comment: String) -> String {
        if all.contains(where: { $0.name == name }) { return name }
        all.append(GeneratedVariable(name: name, value: value, comment: comment))
        return name
    }
}
