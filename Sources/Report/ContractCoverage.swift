// How much of the spec a contract run exercised: per operation, each documented status with
// the responses that landed on it, and every undocumented status seen. Plain values; the
// Contract module computes them (it has the spec), the console and JSON reports render them.

/// The operation × documented-status matrix of one contract run.
///
/// A documented status is one key of an operation's `responses`: an explicit code ("404"), a
/// range ("4XX") or "default". Each response received counts for the one documented status
/// it was validated against (exact code, else its range, else "default"), so a range or
/// "default" is exercised only by a status the spec does not list more precisely.
public struct ContractCoverage: Sendable, Equatable {
    /// Every operation of the spec, in spec order, reached or not.
    public var operations: [OperationCoverage]

    /// Creates the matrix from its rows.
    public init(operations: [OperationCoverage]) {
        self.operations = operations
    }

    /// How many (operation, documented status) pairs the spec has.
    public var documentedCount: Int { operations.reduce(0) { $0 + $1.documented.count } }

    /// How many of those pairs at least one response landed on.
    public var exercisedCount: Int {
        operations.reduce(0) { $0 + $1.documented.filter(\.exercised).count }
    }

    /// How many operations got at least one response (documented status or not).
    public var reachedOperationCount: Int { operations.filter(\.reached).count }

    /// Exercised documented pairs as a percentage of all of them; 100 when the spec documents
    /// none (nothing is missing).
    public var percent: Double {
        documentedCount == 0 ? 100 : Double(exercisedCount) * 100 / Double(documentedCount)
    }

    /// Whether coverage is at least `minimum` percent, compared exactly (no rounding), so 45 of
    /// 46 never passes a gate of 100.
    public func meets(minimumPercent minimum: Double) -> Bool {
        Double(exercisedCount) * 100 >= minimum * Double(documentedCount)
    }

    /// The documented pairs nothing exercised, in spec order.
    public var missing: [(operation: String, status: String)] {
        operations.flatMap { row in
            row.documented.filter { !$0.exercised }.map { (operation: row.operation, status: $0.status) }
        }
    }

    /// The percentage for people: at most one decimal, rounded down so that a run below 100%
    /// never reads "100%".
    public var percentText: String { Self.percentText(percent) }

    /// `value` with at most one decimal, rounded down ("97.8", "100", "0").
    public static func percentText(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded(.down))
        return tenths % 10 == 0 ? "\(tenths / 10)" : "\(tenths / 10).\(tenths % 10)"
    }

    /// The one-line summary: `coverage: N of M documented responses (P%), K of L operations`.
    public var summaryLine: String {
        "coverage: \(exercisedCount) of \(documentedCount) documented responses (\(percentText)%), "
            + "\(reachedOperationCount) of \(operations.count) operations"
    }
}

/// One operation's row of the matrix.
public struct OperationCoverage: Sendable, Equatable {
    /// The operationId.
    public var operation: String
    /// The HTTP method, upper-case.
    public var method: String
    /// The path template, e.g. "/users/{user_id}".
    public var path: String
    /// Every documented status, in the spec's numeric order, with the responses it got.
    public var documented: [DocumentedStatusCoverage]
    /// Statuses received that the spec does not document (each already a contract violation),
    /// by code.
    public var undocumented: [UndocumentedStatus]

    /// Creates a row.
    public init(operation: String, method: String, path: String, documented: [DocumentedStatusCoverage], undocumented: [UndocumentedStatus]) {
        self.operation = operation
        self.method = method
        self.path = path
        self.documented = documented
        self.undocumented = undocumented
    }

    /// Whether any response at all came back for the operation.
    public var reached: Bool {
        documented.contains(where: \.exercised) || !undocumented.isEmpty
    }
}

/// One documented status of an operation and how many responses landed on it.
public struct DocumentedStatusCoverage: Sendable, Equatable {
    /// "200", a range such as "4XX", or "default", as the spec writes it.
    public var status: String
    /// How many responses of the run were checked against this documented status.
    public var responses: Int

    /// Creates a cell of the matrix.
    public init(status: String, responses: Int) {
        self.status = status
        self.responses = responses
    }

    /// Whether at least one response landed on it.
    public var exercised: Bool { responses > 0 }
}

/// A status the spec does not document for an operation, and how often it came back.
public struct UndocumentedStatus: Sendable, Equatable {
    /// The HTTP status code received.
    public var status: Int
    /// How many responses had it.
    public var responses: Int

    /// Creates an undocumented-status count.
    public init(status: Int, responses: Int) {
        self.status = status
        self.responses = responses
    }
}
