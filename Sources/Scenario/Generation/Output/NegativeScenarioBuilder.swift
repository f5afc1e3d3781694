// A resource's negative scenario: the lifecycle steps that yield the ids its operations need,
// then, per operation, each negative case as a step expecting the refusal the spec documents.
// Cases the spec documents no refusal for become spec gaps, listed at the end of the file.

import JSON
import OpenAPI

/// Builds the negative scenario of one planned lifecycle.
struct NegativeScenarioBuilder {
    let planner: NegativeCasePlanner

    func scenario(_ plan: LifecycleScenarioBuilder.Plan, header: [String]) -> (scenario: GeneratedScenario, gaps: [SpecGap]) {
        var steps: [GeneratedStep] = []
        // Setup: only the steps whose captures the cases use, so every case below fails for one
        // reason only (its own change), never for a missing parent.
        for (position, step) in plan.steps.enumerated() where !plan.captureNames.captures(madeAt: position).isEmpty {
            var setup = step
            let purpose = step.comment.first.map { $0.prefix(1).lowercased() + $0.dropFirst() } ?? "yields an id the cases below use."
            setup.comment = ["Setup: " + purpose]
            steps.append(setup)
        }
        var gaps: [SpecGap] = []
        var done: Set<String> = []
        for (position, step) in plan.lifecycle.steps.enumerated() where !step.isPrerequisite {
            guard done.insert(step.operationId).inserted else { continue }
            let request = plan.requests[position]
            var first = true
            for negative in planner.cases(for: step.operationId, validBody: request.concreteBody) {
                if negative.isSpecGap {
                    gaps.append(SpecGap(operationId: negative.operationId, caseName: negative.name, wanted: Self.wanted(negative.kind)))
                    continue
                }
                var generated = Self.step(negative, base: request)
                if first {
                    generated.comment.insert("\(step.operationId): each step changes one thing of a valid request.", at: 0)
                    first = false
                }
                steps.append(generated)
            }
        }
        let resource = plan.lifecycle.resource
        var trailer: [String] = []
        if !gaps.isEmpty {
            trailer.append("Spec gaps: cases the spec documents no refusal for, so there is no status to expect.")
            trailer.append("Document one (or accept that the API takes such requests) and regenerate:")
            trailer += gaps.map { "  \($0.operationId): \($0.caseName) (wanted \($0.wanted))" }
        }
        let scenario = GeneratedScenario(
            fileName: "\(FileNames.slug(resource))-negative.yaml", name: "\(resource) negative cases (generated)",
            tags: ["generated", "negative", FileNames.slug(resource)], header: header, variables: plan.variables,
            steps: steps, trailer: trailer
        )
        return (scenario, gaps)
    }

    /// The positive request of `base` with the case's one change.
    private static func step(_ negative: NegativeCase, base: PlannedRequest) -> GeneratedStep {
        var path = base.path
        var query = base.query
        var headers: [NamedText] = []
        var body = base.body
        switch negative.change {
        case .header(let name, let value):
            headers.append(NamedText(name, value))
        case .pathValue(let name, let value):
            path = path.map { $0.name == name ? NamedText(name, value) : $0 }
        case .query(let name, let value):
            if let at = query.firstIndex(where: { $0.name == name }) {
                query[at] = NamedText(name, value)
            } else {
                query.append(NamedText(name, value))
            }
        case .bodyRemove, .bodySet:
            body = body.map(negative.change.apply(toBody:))
        }
        return GeneratedStep(
            comment: [], name: negative.name, operationId: negative.operationId, path: path, query: query,
            headers: headers, body: body, expectedStatuses: negative.expectedStatuses, captures: []
        )
    }

    /// The refusal a case calls for, in words.
    static func wanted(_ kind: NegativeCaseKind) -> String {
        switch kind {
        case .noToken, .wrongToken: return "401"
        case .unknownId: return "404"
        case .missingRequired, .wrongType, .enumViolated, .boundExceeded: return "400 or 422"
        }
    }
}
