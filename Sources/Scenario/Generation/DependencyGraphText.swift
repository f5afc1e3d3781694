// The `generate --explain` rendering of a dependency graph: resource order, then per
// resource its lifecycle and the edges into its operations, then the sinks nothing feeds.

extension DependencyGraph {
    /// The graph as plain text for `generate --explain`: deterministic (everything sorted or
    /// in lifecycle order), one edge per line with its reason and confidence.
    public var explanation: String {
        var lines: [String] = []
        let operationCount = Set(resources.flatMap { $0.operations.map(\.operationId) }).count
        lines.append("Dependency graph: " + [
            Self.count(resources.count, "resource"), Self.count(operationCount, "operation"),
            Self.count(edges.count, "edge"), Self.count(unsatisfied.count, "unsatisfied sink"),
        ].joined(separator: ", "))
        lines.append("Resource order: " + resourceOrder.joined(separator: " → "))
        let resourceByName = Dictionary(uniqueKeysWithValues: resources.map { ($0.name, $0) })
        for lifecycle in lifecycles {
            guard let resource = resourceByName[lifecycle.resource] else { continue }
            lines.append("")
            var heading = "\(resource.name) (\(resource.singular))"
            if let parent = resource.parent { heading += ", child of \(parent)" }
            if !resource.aliases.isEmpty { heading += ", also named " + resource.aliases.joined(separator: ", ") }
            if resource.isDiscoveryOnly { heading += ", discovered (no create operation)" }
            lines.append(heading)
            lines.append("  lifecycle:")
            for (position, step) in lifecycle.steps.enumerated() {
                lines.append("    \(position + 1). " + Self.stepLine(step))
                for input in step.inputs {
                    lines.append("         \(input.sink.location) ← step \(input.fromStep + 1) \(input.edge.source.path)")
                }
                for sink in step.unfedSinks {
                    lines.append("         \(sink.location) ← nothing (\(sink.required ? "required" : "optional"))")
                }
            }
            let ownOperations = Set(resource.operations.map(\.operationId))
            let incoming = edges.filter { ownOperations.contains($0.sink.operationId) }
            lines.append("  edges:" + (incoming.isEmpty ? " none" : ""))
            lines += incoming.flatMap(Self.edgeLines)
        }
        // Operations on a path that names no resource (`/`, `/{id}`) still consume values.
        let resourceOperations = Set(resources.flatMap { $0.operations.map(\.operationId) })
        let elsewhere = edges.filter { !resourceOperations.contains($0.sink.operationId) }
        if !elsewhere.isEmpty {
            lines.append("")
            lines.append("operations of no resource")
            lines.append("  edges:")
            lines += elsewhere.flatMap(Self.edgeLines)
        }
        lines.append("")
        lines.append("Unsatisfied sinks:" + (unsatisfied.isEmpty ? " none" : ""))
        for entry in unsatisfied {
            lines.append("  \(entry.sink) (\(entry.sink.shape), \(entry.sink.required ? "required" : "optional")): \(entry.explanation)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The edge, then its evidence on the line below.
    private static func edgeLines(_ edge: DependencyEdge) -> [String] {
        ["    \(edge.source) → \(edge.sink)", "      \(edge.reason.rule), \(edge.reason.confidence): \(edge.reason.explanation)"]
    }

    private static func count(_ number: Int, _ noun: String) -> String {
        "\(number) \(noun)\(number == 1 ? "" : "s")"
    }

    private static func stepLine(_ step: LifecycleStep) -> String {
        var line = "\(step.operationId)  \(step.role)"
        if step.isPrerequisite { line += ", prerequisite from \(step.resource)" }
        return line
    }
}
