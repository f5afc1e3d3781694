// Computes a contract run's coverage from the spec's documented responses and the statuses
// the run's steps received (the model and its renderings live in Report).
import OpenAPI
import Report

/// Builds the operation × documented-status matrix of a contract run.
public enum CoverageMatrix {
    /// The coverage of `run` against every operation of `index`.
    ///
    /// Only steps that got a response count: skipped steps and steps whose request never got
    /// an answer (transport error, unrendered request) exercise nothing. A response counts for
    /// the documented status the validator checks it against (exact code, else its range such
    /// as "4XX", else "default"); a status with none of those is listed as undocumented. Steps
    /// for an operationId the spec lacks are left out: there is no row to put them in.
    public static func coverage(of run: ContractRunResult, against index: OperationIndex) -> ContractCoverage {
        var documentedHits: [String: [String: Int]] = [:]
        var undocumentedHits: [String: [Int: Int]] = [:]
        for step in run.allSteps {
            guard let status = step.status, let operation = index.operation(id: step.operation) else { continue }
            if let response = operation.response(for: status) {
                documentedHits[operation.id, default: [:]][response.status, default: 0] += 1
            } else {
                undocumentedHits[operation.id, default: [:]][status, default: 0] += 1
            }
        }
        return ContractCoverage(operations: index.operations.map { operation in
            let hits = documentedHits[operation.id] ?? [:]
            return OperationCoverage(
                operation: operation.id,
                method: operation.method,
                path: operation.pathTemplate,
                documented: operation.documentedStatuses.map { DocumentedStatusCoverage(status: $0, responses: hits[$0] ?? 0) },
                undocumented: (undocumentedHits[operation.id] ?? [:]).sorted { $0.key < $1.key }
                    .map { UndocumentedStatus(status: $0.key, responses: $0.value) })
        })
    }
}
