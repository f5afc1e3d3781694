// What two specs allow differently, operation by operation: the model behind
// `fcharness diff-spec`, where A is a spec and B the same spec with overlays (or another spec).

import JSON

/// The differences between two indexed specs, A and B, in spec order.
///
/// ```swift
/// let plain = try OperationIndex.load(path: "scenarios/freshchat.openapi.yaml")
/// let observed = try OperationIndex(document: OverlaidSpec.load(
///     path: "scenarios/freshchat.openapi.yaml",
///     overlays: [Overlay.load(path: "scenarios/overlays/freshchat-observed.yaml")]).document)
/// let comparison = try SpecComparison(plain, observed)
/// for difference in comparison.differences { print(difference.line) }
/// // listAgents  query items_per_page  /maximum: A 50, B 100 — B also allows 51…100
/// ```
///
/// Operations are paired by operationId, else by method and path; schemas are compared after
/// following `$ref`s on either side, with recursive schemas compared once per pair.
public struct SpecComparison: Sendable {
    /// Every difference: operations in A's order then those only B has; within an operation,
    /// parameters, request body, responses (see `SpecDifference.line` for how each reads).
    public let differences: [SpecDifference]
    /// How many operations the two specs have between them (a pair counts once).
    public let operationCount: Int

    /// Compares `a` with `b`. Throws only for a `$ref` that does not resolve, which indexing
    /// has already ruled out for the schemas operations use.
    public init(_ a: OperationIndex, _ b: OperationIndex) throws(SpecError) {
        let sideA = SchemaSource(document: a.document)
        let sideB = SchemaSource(document: b.document)
        let pairs = OperationPair.pairs(a, b)
        var differences: [SpecDifference] = []
        for pair in pairs {
            switch (pair.a, pair.b) {
            case (let operationA?, let operationB?):
                differences += try OperationComparison.differences(pair, operationA, operationB, sideA: sideA, sideB: sideB)
            case (let only?, nil), (nil, let only?):
                let side: SpecSide = pair.a == nil ? .b : .a
                differences.append(SpecDifference(
                    operation: pair.label, method: only.method, path: only.pathTemplate, place: "operation",
                    finding: .onlyIn(side, name: "\(only.method) \(only.pathTemplate)")))
            case (nil, nil):
                continue
            }
        }
        self.differences = differences
        self.operationCount = pairs.count
    }

    /// Whether A and B allow the same (no differences).
    public var allowTheSame: Bool { differences.isEmpty }

    /// The operations with at least one difference, in report order.
    public var differingOperations: [String] {
        var seen = Set<String>()
        return differences.map(\.operation).filter { seen.insert($0).inserted }
    }
}
