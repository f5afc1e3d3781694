// The request of one lifecycle step with its inputs wired: what the positive step sends, and
// the base the negative cases of its operation change one thing of.

import JSON

/// One lifecycle step's request, inputs replaced by `{{capture}}` templates.
struct PlannedRequest: Sendable {
    /// The operation.
    let operationId: String
    /// Path parameter values, in path order.
    let path: [NamedText]
    /// Query parameters: fed sinks and required parameters, in spec order.
    let query: [NamedText]
    /// The body with templates, nil when the operation takes none.
    let body: JSON?
    /// The same body as concrete generated values (no templates): what the spec's schema can
    /// judge, and what negative cases are derived from.
    let concreteBody: JSON?
    /// The documented success status.
    let successStatus: String
}
