// The comment above each generated step: why the step is in the lifecycle, and where each of
// its inputs comes from, in words a reader checks against `generate --explain`.

/// The "why" lines of one lifecycle step.
struct StepReasons {
    let lifecycle: ResourceLifecycle
    let position: Int
    let resources: [InferredResource]
    let captures: CaptureNames

    var lines: [String] {
        let step = lifecycle.steps[position]
        var lines = [purpose(of: step)]
        for input in step.inputs {
            let source = lifecycle.steps[input.fromStep]
            // Named by capture, not by step number: example steps shift the numbers.
            lines.append("\(input.sink.location) ← \(captures.name(for: input)) from \(source.operationId) \(input.edge.source.path) (\(input.edge.reason.rule), \(input.edge.reason.confidence) confidence).")
        }
        for sink in step.unfedSinks {
            lines.append("\(sink.location): no operation yields it; see variables.")
        }
        return lines
    }

    private func purpose(of step: LifecycleStep) -> String {
        let singular = resources.first { $0.name == step.resource }?.singular ?? step.resource
        if step.isPrerequisite {
            let consumers = lifecycle.steps.enumerated()
                .filter { _, later in later.inputs.contains { lifecycle.steps[$0.fromStep].operationId == step.operationId } }
                .map(\.element.operationId)
            let needs = consumers.isEmpty ? "" : ": \(Self.list(Array(Set(consumers)).sorted())) need\(consumers.count == 1 ? "s" : "") its id"
            switch step.role {
            case .list: return "Finds an existing \(singular) (\(step.resource) are discovered, not made)\(needs)."
            case .create: return "Creates \(Self.article(singular)) \(singular)\(needs)."
            default: return "Gets \(Self.article(singular)) \(singular) id\(needs)."
            }
        }
        switch step.role {
        case .create: return "Creates the \(singular) this lifecycle follows."
        case .read: return "Reads the \(singular) back."
        case .update: return "Updates the \(singular)."
        case .action: return "Acts on the \(singular) (\(step.operationId))."
        case .list: return "Lists \(step.resource)."
        case .delete: return "Deletes the \(singular)."
        }
    }

    /// "a" or "an" by the word's first letter (an author, a user).
    private static func article(_ word: String) -> String {
        guard let first = word.lowercased().first else { return "a" }
        return "aeio".contains(first) ? "an" : "a"
    }

    private static func list(_ names: [String]) -> String {
        guard names.count > 1 else { return names.first ?? "" }
        return names.dropLast().joined(separator: ", ") + " and " + names.last!
    }
}
