// One inferred producer → consumer link, and a sink no producer could be found for.

/// A value `source` yields that `sink` needs, with the evidence for it.
public struct DependencyEdge: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Where the value comes from.
    public let source: ValueSource
    /// Where it goes.
    public let sink: ValueSink
    /// The resource whose id flows along the edge (`users`).
    public let resource: String
    /// Why the edge was inferred.
    public let reason: InferenceReason

    /// An edge carrying `resource`'s id from `source` to `sink`.
    public init(source: ValueSource, sink: ValueSink, resource: String, reason: InferenceReason) {
        self.source = source
        self.sink = sink
        self.resource = resource
        self.reason = reason
    }

    /// Sorts by sink, then strongest evidence first, then source.
    public static func < (lhs: DependencyEdge, rhs: DependencyEdge) -> Bool {
        if lhs.sink != rhs.sink { return lhs.sink < rhs.sink }
        if lhs.reason.confidence != rhs.reason.confidence { return lhs.reason.confidence > rhs.reason.confidence }
        return lhs.source < rhs.source
    }

    /// `createUser 200 $.id → getUser path user_id  (resource-id: …, high)`.
    public var description: String {
        "\(source) → \(sink)  (\(reason.rule): \(reason.explanation), \(reason.confidence))"
    }
}

/// A sink no operation of the spec could be found to feed, and why.
public struct UnsatisfiedSink: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The sink left without a producer.
    public let sink: ValueSink
    /// What the inference looked for and did not find.
    public let explanation: String

    /// A sink left unfed for `explanation`.
    public init(sink: ValueSink, explanation: String) {
        self.sink = sink
        self.explanation = explanation
    }

    /// Sorts by sink.
    public static func < (lhs: UnsatisfiedSink, rhs: UnsatisfiedSink) -> Bool { lhs.sink < rhs.sink }

    /// `createConversation body /app_id: no resource is named 'app'`.
    public var description: String { "\(sink): \(explanation)" }
}
