// One negative request for one operation: the change that breaks a valid request and the
// statuses the spec promises for it (none promised is a spec gap worth reporting).

/// A request the API must refuse, as a change to a valid request of `operationId`.
public struct NegativeCase: Sendable, Hashable {
    /// The operation the request goes to.
    public let operationId: String
    /// What the change breaks.
    public let kind: NegativeCaseKind
    /// Short text for a step name: "no token", "unknown order_id",
    /// "body /status outside the enum", "query items_per_page above maximum 50".
    public let name: String
    /// The change that turns a valid request into this one.
    public let change: RequestChange
    /// The documented statuses a server must answer with, as spec keys ("400", "401", "404",
    /// "422", "4XX"), sorted; empty when the spec documents none for this case (a spec gap).
    public let expectedStatuses: [String]

    /// A case as given.
    public init(operationId: String, kind: NegativeCaseKind, name: String, change: RequestChange, expectedStatuses: [String]) {
        self.operationId = operationId
        self.kind = kind
        self.name = name
        self.change = change
        self.expectedStatuses = expectedStatuses
    }

    /// Whether the spec documents no status for this case, so no answer can be checked against it.
    public var isSpecGap: Bool { expectedStatuses.isEmpty }
}
