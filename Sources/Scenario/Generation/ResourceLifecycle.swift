// Lifecycle ordering: per resource, the operations in create → read → update → list order
// (list first when the API cannot create it: discovery), each preceded by the producers its
// inputs need, and the order of resources themselves (parents and producers first).

/// One input of a lifecycle step: which earlier step feeds which of its sinks.
public struct StepInput: Sendable, Hashable {
    /// The sink fed.
    public let sink: ValueSink
    /// The index in `ResourceLifecycle.steps` of the step whose response feeds it.
    public let fromStep: Int
    /// The edge followed.
    public let edge: DependencyEdge
}

/// One operation in a resource's lifecycle.
public struct LifecycleStep: Sendable, Hashable {
    /// The operation to call.
    public let operationId: String
    /// The resource the operation acts on.
    public let resource: String
    /// What it does to that resource.
    public let role: OperationRole
    /// Whether it is there only to produce an input for a later step (another resource's
    /// create or discovery), rather than as part of this resource's own lifecycle.
    public let isPrerequisite: Bool
    /// Its sinks fed by earlier steps, by sink.
    public let inputs: [StepInput]
    /// Its sinks no earlier step could feed (no producer, or only through a cycle), sorted.
    public let unfedSinks: [ValueSink]
}

/// The ordered operations that exercise one resource, inputs wired.
public struct ResourceLifecycle: Sendable, Hashable {
    /// The resource.
    public let resource: String
    /// The steps in calling order; a step's inputs only come from steps before it.
    public let steps: [LifecycleStep]

    /// The resources other than this one whose operations run as prerequisites, sorted.
    public var prerequisiteResources: [String] {
        Set(steps.filter { $0.resource != resource }.map(\.resource)).sorted()
    }
}

/// Builds lifecycles from the catalog and the inferred edges.
struct LifecyclePlanner {
    let catalog: ResourceCatalog
    private let edgesBySink: [ValueSink: [DependencyEdge]]
    private let sinksByOperation: [String: [ValueSink]]

    init(catalog: ResourceCatalog, edges: [DependencyEdge], unsatisfied: [UnsatisfiedSink]) {
        self.catalog = catalog
        self.edgesBySink = Dictionary(grouping: edges, by: \.sink)
        let sinks = Set(edges.map(\.sink)).union(unsatisfied.map(\.sink))
        self.sinksByOperation = Dictionary(grouping: sinks, by: \.operationId).mapValues { $0.sorted() }
    }

    /// Every resource's lifecycle, in resource order (see `resourceOrder`).
    func lifecycles() -> [ResourceLifecycle] {
        let byResource = Dictionary(uniqueKeysWithValues: catalog.resources.map { ($0.name, lifecycle(of: $0)) })
        return resourceOrder(byResource).compactMap { byResource[$0] }
    }

    /// The lifecycle of `resource`: its own operations in lifecycle order, each placed after
    /// the producers of its sinks.
    func lifecycle(of resource: InferredResource) -> ResourceLifecycle {
        var builder = Builder(planner: self, resource: resource.name)
        let canCreate = resource.operations.contains { $0.role == .create }
        // Without a create, instances can only be found: discovery through the list comes first.
        let own = resource.operations.sorted {
            (Self.ownRank($0.role, canCreate: canCreate), $0.operationId) < (Self.ownRank($1.role, canCreate: canCreate), $1.operationId)
        }
        // What other resources supply comes first: discovered ones (lists), then created ones,
        // so the resource's own steps run back to back.
        for wantsDiscovery in [true, false] {
            for operation in own { builder.placeSuppliers(of: operation.operationId, discoveryOnly: wantsDiscovery) }
        }
        for operation in own { _ = builder.place(operation.operationId) }
        return ResourceLifecycle(resource: resource.name, steps: builder.steps)
    }

    private static func ownRank(_ role: OperationRole, canCreate: Bool) -> Int {
        if role == .list, !canCreate { return -1 }
        return OperationRole.allCases.firstIndex(of: role) ?? 0
    }

    /// Resources so that each comes after its parent and after every resource its lifecycle
    /// runs prerequisites of; ties (and cycles, broken at the first name) go alphabetically.
    private func resourceOrder(_ lifecycles: [String: ResourceLifecycle]) -> [String] {
        var needs: [String: Set<String>] = [:]
        for resource in catalog.resources {
            var wanted = Set(lifecycles[resource.name]?.prerequisiteResources ?? [])
            if let parent = resource.parent, catalog.resource(parent) != nil { wanted.insert(parent) }
            wanted.remove(resource.name)
            needs[resource.name] = wanted
        }
        var order: [String] = []
        var remaining = Set(needs.keys)
        while !remaining.isEmpty {
            let ready = remaining.filter { needs[$0, default: []].isSubset(of: Set(order)) }.sorted()
            let next = ready.first ?? remaining.sorted()[0]
            order.append(next)
            remaining.remove(next)
        }
        return order
    }

    /// The steps of one lifecycle as they are placed.
    private struct Builder {
        let planner: LifecyclePlanner
        let resource: String
        var steps: [LifecycleStep] = []
        var stepByOperation: [String: Int] = [:]
        var inProgress: Set<String> = []

        /// Places `operationId` (after whatever feeds it) unless already placed; its step
        /// index, or nil when placing it would need itself (a cycle).
        mutating func place(_ operationId: String) -> Int? {
            if let placed = stepByOperation[operationId] { return placed }
            guard !inProgress.contains(operationId) else { return nil }
            inProgress.insert(operationId)
            defer { inProgress.remove(operationId) }
            var inputs: [StepInput] = []
            var unfed: [ValueSink] = []
            for sink in planner.sinksByOperation[operationId] ?? [] {
                var fed = false
                for edge in rankedProducers(of: sink) {
                    guard let step = place(edge.source.operationId) else { continue }
                    inputs.append(StepInput(sink: sink, fromStep: step, edge: edge))
                    fed = true
                    break
                }
                if !fed { unfed.append(sink) }
            }
            let operationResource = planner.catalog.resourceName(of: operationId) ?? ""
            steps.append(LifecycleStep(
                operationId: operationId, resource: operationResource,
                role: planner.catalog.role(of: operationId) ?? .action,
                isPrerequisite: operationResource != resource, inputs: inputs, unfedSinks: unfed
            ))
            stepByOperation[operationId] = steps.count - 1
            return steps.count - 1
        }

        /// Places the preferred producer of each of `operationId`'s sinks that belongs to
        /// another resource (only list producers when `discoveryOnly`).
        mutating func placeSuppliers(of operationId: String, discoveryOnly: Bool) {
            for sink in planner.sinksByOperation[operationId] ?? [] {
                guard let producer = rankedProducers(of: sink).first?.source.operationId,
                      let producerResource = planner.catalog.resourceName(of: producer), producerResource != resource,
                      !discoveryOnly || planner.catalog.role(of: producer) == .list else { continue }
                _ = place(producer)
            }
        }

        /// The edges into `sink`, best first: strongest evidence, then a producer already in
        /// the lifecycle, then a create over a list over the rest, then the
        /// stronger rule, then by name.
        private func rankedProducers(of sink: ValueSink) -> [DependencyEdge] {
            func key(_ edge: DependencyEdge) -> (Int, Int, Int, Int) {
                let role = planner.catalog.role(of: edge.source.operationId) ?? .action
                // Role before rule: a declared link from a read (`getBook` → author id) must not
                // pull another resource into a lifecycle that can create the id itself.
                return (-edge.reason.confidence.rawValue, stepByOperation[edge.source.operationId] == nil ? 1 : 0,
                        role.producerPreference, edge.reason.rule.rank)
            }
            return (planner.edgesBySink[sink] ?? []).sorted {
                let (left, right) = (key($0), key($1))
                return left != right ? left < right : $0.source < $1.source
            }
        }
    }
}
