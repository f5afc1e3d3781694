// The parsed form of an RFC 9535 JSONPath query: segments of selectors, and the logical
// expressions of filter selectors. `JSONPathQueryParser` builds it; `JSONPathQueryEvaluator`
// walks it.

/// One segment: `.name`, `[sel, sel]` (child) or `..name`, `..[sel]` (descendant).
struct QuerySegment: Sendable {
    /// Whether the selectors apply to the input nodes and all their descendants (`..`).
    var isDescendant: Bool
    /// The selectors, applied in order; their results are concatenated.
    var selectors: [QuerySelector]
}

/// One selector of a segment (RFC 9535 section 2.3).
enum QuerySelector: Sendable {
    /// `'name'`, `.name`: the member of an object.
    case name(String)
    /// `*`: every member value of an object, every element of an array.
    case wildcard
    /// `3`, `-1`: one element of an array; negative counts from the end.
    case index(Int)
    /// `start:end:step`: elements of an array; nil parts take the RFC's defaults.
    case slice(start: Int?, end: Int?, step: Int?)
    /// `?expression`: the children for which the expression holds.
    case filter(FilterExpression)
}

/// A query inside a filter: relative to the current node (`@…`) or to the root (`$…`).
struct FilterQuery: Sendable {
    /// True for `@`, false for `$`.
    var isRelative: Bool
    var segments: [QuerySegment]

    /// Whether the query selects at most one node (only name and index selectors, no `..`).
    var isSingular: Bool {
        segments.allSatisfy { segment in
            guard !segment.isDescendant, segment.selectors.count == 1 else { return false }
            switch segment.selectors[0] {
            case .name, .index: return true
            case .wildcard, .slice, .filter: return false
            }
        }
    }
}

/// A logical expression of a filter selector (RFC 9535 section 2.3.5).
indirect enum FilterExpression: Sendable {
    /// `a || b || …`
    case or([FilterExpression])
    /// `a && b && …`
    case and([FilterExpression])
    /// `!a`
    case not(FilterExpression)
    /// `@.x`, `$.y`: true when the query selects at least one node.
    case exists(FilterQuery)
    /// `left op right`.
    case comparison(ValueExpression, ComparisonOperator, ValueExpression)
}

/// What gives one value or nothing (an empty query result): a side of a comparison, the
/// argument of `length`.
indirect enum ValueExpression: Sendable {
    /// A string, number, `true`, `false` or `null` literal.
    case literal(JSON)
    /// A query that selects at most one node.
    case singularQuery(FilterQuery)
    /// A function returning a value: `length(…)`, `count(…)`, `value(…)`.
    case function(FunctionCall)
}

/// `== != < <= > >=`
enum ComparisonOperator: String, Sendable {
    case equal = "=="
    case notEqual = "!="
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="
}

/// A call of one of the supported RFC 9535 function extensions, all of which return a value.
indirect enum FunctionCall: Sendable {
    /// `length(value)`: characters of a string, elements of an array, members of an object.
    case length(ValueExpression)
    /// `count(nodes)`: how many nodes the query selects.
    case count(FilterQuery)
    /// `value(nodes)`: the value of the only node the query selects, else nothing.
    case value(FilterQuery)
}
