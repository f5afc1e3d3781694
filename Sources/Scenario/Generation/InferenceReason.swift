// Why the dependency inference linked a producer to a consumer, and how sure it is: every
// edge of the graph carries one, so `generate --explain` can show its evidence.

/// How strongly the evidence supports an inferred edge, weakest first.
public enum InferenceConfidence: Int, Sendable, Comparable, CustomStringConvertible {
    /// A guess among several candidates (an `actor_id` that may hold a user or an agent id).
    case low = 0
    /// A likely match whose name needed interpretation (a qualifier dropped, a type missing).
    case medium = 1
    /// A declared link, or a name that names exactly one resource and agrees in type.
    case high = 2

    /// Orders by strength.
    public static func < (lhs: InferenceConfidence, rhs: InferenceConfidence) -> Bool {
        lhs.rawValue < rhs.rawValue
    }

    /// "high", "medium" or "low".
    public var description: String {
        switch self {
        case .low: return "low"
        case .medium: return "medium"
        case .high: return "high"
        }
    }

    /// One step weaker (low stays low): for evidence that is right in name but thin in schema.
    var weakened: InferenceConfidence {
        InferenceConfidence(rawValue: max(0, rawValue - 1)) ?? .low
    }
}

/// The matching rule that produced an edge, strongest evidence first.
public enum InferenceRule: String, Sendable, CaseIterable, CustomStringConvertible {
    /// The spec declares it: an OpenAPI `links` entry on the producer's response.
    case openAPILink = "openapi-link"
    /// The producer returns a field with the sink's exact name, as that resource's id
    /// (`conversation_id` ↔ `$.conversation_id`).
    case sameFieldName = "same-name"
    /// The sink's `…_id` stem, or the array it sits in, names a resource whose id the producer
    /// returns (`user_id` ↔ `$.id` of createUser, `users[].id` ↔ `$.id`).
    case resourceIdentifier = "resource-id"
    /// Like `resourceIdentifier` once leading qualifier words are dropped from the stem
    /// (`assigned_agent_id` → `agent`).
    case qualifiedIdentifier = "qualified-id"
    /// The stem names no resource; a sibling `<stem>_type` enum names several that could be
    /// meant (`actor_id` beside `actor_type: [user, agent]`).
    case ambiguousIdentifier = "ambiguous-id"

    /// The rule's short name as `--explain` prints it.
    public var description: String { rawValue }
}

/// The evidence for one edge: which rule matched, in words, and how sure it is.
public struct InferenceReason: Sendable, Hashable, CustomStringConvertible {
    /// The rule that matched.
    public let rule: InferenceRule
    /// What matched, in a sentence a reader can check against the spec.
    public let explanation: String
    /// How strongly it supports the edge.
    public let confidence: InferenceConfidence

    /// A reason from `rule` with its explanation and confidence.
    public init(rule: InferenceRule, explanation: String, confidence: InferenceConfidence) {
        self.rule = rule
        self.explanation = explanation
        self.confidence = confidence
    }

    /// `resource-id: user_id names users; … (high)`.
    public var description: String { "\(rule): \(explanation) (\(confidence))" }
}
