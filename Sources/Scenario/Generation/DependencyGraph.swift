// The inferred dependency graph of a spec: its resources, every producer → consumer edge with
// its reason, the sinks nothing feeds, and the lifecycles ordered from them. What
// `fcharness generate` builds scenarios from and `generate --explain` prints.

import OpenAPI

/// Which operations feed which, inferred from an OpenAPI spec alone.
///
/// Nothing in it is specific to one API: resources come from path segments, ids from field
/// names and schemas, declared `links` where the spec has them. Every list is sorted, so two
/// inferences of one spec are equal.
public struct DependencyGraph: Sendable {
    /// The resources the paths name, sorted by name.
    public let resources: [InferredResource]
    /// Every inferred edge, sorted by sink then strongest first.
    public let edges: [DependencyEdge]
    /// The sinks no operation could be found to feed, sorted.
    public let unsatisfied: [UnsatisfiedSink]
    /// One lifecycle per resource, in resource order: parents and the resources others need
    /// first.
    public let lifecycles: [ResourceLifecycle]

    /// Infers the graph of the operations in `index`.
    public init(index: OperationIndex) {
        let reader = SchemaFieldReader(root: index.document.root)
        let catalog = ResourceCatalog(index: index, fields: reader)
        let inferred = ProducerConsumerInference(index: index, catalog: catalog, reader: reader).infer()
        self.resources = catalog.resources
        self.edges = inferred.edges
        self.unsatisfied = inferred.unsatisfied
        self.lifecycles = LifecyclePlanner(catalog: catalog, edges: inferred.edges, unsatisfied: inferred.unsatisfied).lifecycles()
    }

    /// The resource names in lifecycle order.
    public var resourceOrder: [String] { lifecycles.map(\.resource) }

    /// The edges into operation `operationId`'s sinks.
    public func edges(into operationId: String) -> [DependencyEdge] {
        edges.filter { $0.sink.operationId == operationId }
    }

    /// The edges out of operation `operationId`'s responses.
    public func edges(from operationId: String) -> [DependencyEdge] {
        edges.filter { $0.source.operationId == operationId }
    }

    /// The lifecycle of `resource`, if the spec names it.
    public func lifecycle(of resource: String) -> ResourceLifecycle? {
        lifecycles.first { $0.resource == resource }
    }
}
