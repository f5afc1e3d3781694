// One place where two specs disagree about what they allow: one line of `fcharness diff-spec`.

import JSON

/// One of the two specs compared: A (the first, or the spec without overlays) or B.
public enum SpecSide: String, Sendable, Equatable {
    /// The first spec.
    case a = "A"
    /// The second spec (or the first with the overlays applied).
    case b = "B"

    /// The other side.
    var other: SpecSide { self == .a ? .b : .a }
}

/// A difference between two specs: in which operation, where in it, what each side says, and
/// what one side allows that the other does not.
///
/// Its `line` reads
/// `listAgents  query items_per_page  /maximum: A 50, B 100 — B also allows 51…100`:
/// operation, place, subject (a JSON Pointer inside the schema at the place, or a word such as
/// `required`), the finding, and after the dash the allowance.
public struct SpecDifference: Sendable, Equatable {
    /// What the two sides say about the subject.
    public enum Finding: Sendable, Equatable {
        /// The subject (or the thing `name` names, e.g. a status) exists on one side only.
        case onlyIn(SpecSide, name: String?)
        /// Both sides say something, not the same; "none" stands for a side that says nothing.
        case values(a: String, b: String)
    }

    /// The operation: its operationId (A's, with B's in brackets when it differs).
    public let operation: String
    /// The operation's method, e.g. "GET".
    public let method: String
    /// The operation's path template.
    public let path: String
    /// Where in the operation: "query items_per_page", "request body application/json",
    /// "404 application/json", "404 headers", "responses", "operation".
    public let place: String
    /// Where inside the schema at `place` they differ; nil when the difference is not a schema's.
    public let pointer: JSONPointer?
    /// What differs at `place` when it is not a schema keyword, e.g. "required".
    public let aspect: String?
    /// What each side says.
    public let finding: Finding
    /// What one side allows that the other does not ("B also allows 51…100"), when it can be said.
    public let allowance: String?

    /// A difference; `pointer` and `aspect` are not both given.
    public init(
        operation: String, method: String, path: String, place: String,
        pointer: JSONPointer? = nil, aspect: String? = nil, finding: Finding, allowance: String? = nil
    ) {
        self.operation = operation
        self.method = method
        self.path = path
        self.place = place
        self.pointer = pointer
        self.aspect = aspect
        self.finding = finding
        self.allowance = allowance
    }

    /// The pointer as text ("schema" for the schema as a whole), else the aspect.
    public var subject: String? {
        if let pointer { return pointer.tokens.isEmpty ? "schema" : pointer.description }
        return aspect
    }

    /// The finding as text: "202 only in B", "only in A", "A 50, B 100".
    public var findingText: String {
        switch finding {
        case .onlyIn(let side, let name?): return "\(name) only in \(side.rawValue)"
        case .onlyIn(let side, nil): return "only in \(side.rawValue)"
        case .values(let a, let b): return "A \(a), B \(b)"
        }
    }

    /// The report's line for this difference (no newline).
    public var line: String {
        var text = operation + "  " + place
        if let subject { text += "  " + subject }
        text += ": " + findingText
        if let allowance { text += " — " + allowance }
        return text
    }
}
