// Coverage of a contract run: which documented (operation, status) pairs its responses hit,
// how ranges and `default` count, and what is listed as undocumented.
import Contract
import OpenAPI
import Report
import XCTest

final class CoverageMatrixTests: XCTestCase {
    /// Two operations: `getA` documents an exact code, a range and `default`; `listB` only
    /// exact codes, so anything else it returns is undocumented.
    private let spec = """
        openapi: 3.0.3
        paths:
          /a:
            get:
              operationId: getA
              responses:
                '200': { description: ok }
                '404': { description: not found }
                4XX: { description: other client errors }
                default: { description: anything else }
          /b:
            get:
              operationId: listB
              responses:
                '200': { description: ok }
                '401': { description: no token }
        """

    private func coverage(of steps: [StepResult]) throws -> ContractCoverage {
        let index = try OperationIndex(document: OpenAPIDocument.load(text: spec, name: "coverage.yaml"))
        let scenario = ScenarioResult(name: "s", file: "s.yaml", tags: [], steps: steps, durationMilliseconds: 0)
        return CoverageMatrix.coverage(of: ContractRunResult(target: "test", scenarios: [scenario], durationMilliseconds: 0), against: index)
    }

    private func step(_ operation: String, _ status: Int?, _ outcome: StepOutcome = .passed) -> StepResult {
        StepResult(index: 1, operation: operation, method: "GET", url: "http://127.0.0.1/x", status: status, outcome: outcome)
    }

    func testEveryDocumentedStatusIsARowCellExercisedOnlyByAResponse() throws {
        let coverage = try coverage(of: [step("listB", 200), step("listB", 200)])
        let listB = try XCTUnwrap(coverage.operations.first { $0.operation == "listB" })
        XCTAssertEqual(listB.method, "GET")
        XCTAssertEqual(listB.path, "/b")
        XCTAssertEqual(listB.documented, [
            DocumentedStatusCoverage(status: "200", responses: 2),
            DocumentedStatusCoverage(status: "401", responses: 0),
        ])
        XCTAssertEqual(coverage.operations.map(\.operation), ["getA", "listB"], "every operation of the spec, in spec order")
        XCTAssertEqual(coverage.documentedCount, 6)
        XCTAssertEqual(coverage.exercisedCount, 1)
        XCTAssertEqual(coverage.reachedOperationCount, 1)
        XCTAssertEqual(coverage.summaryLine, "coverage: 1 of 6 documented responses (16.6%), 1 of 2 operations")
    }

    func testAResponseCountsForItsExactCodeThenItsRangeThenDefault() throws {
        let coverage = try coverage(of: [step("getA", 404), step("getA", 409), step("getA", 503)])
        let getA = try XCTUnwrap(coverage.operations.first { $0.operation == "getA" })
        XCTAssertEqual(getA.documented, [
            DocumentedStatusCoverage(status: "200", responses: 0),
            DocumentedStatusCoverage(status: "404", responses: 1),
            DocumentedStatusCoverage(status: "4XX", responses: 1),  // the 409; the 404 counts for 404 only
            DocumentedStatusCoverage(status: "default", responses: 1),  // the 503: no code or range documents it
        ])
        XCTAssertEqual(getA.undocumented, [], "with `default` documented, no status is undocumented")
    }

    func testAnExactCodeDoesNotExerciseTheRangeAroundIt() throws {
        let coverage = try coverage(of: [step("getA", 404)])
        XCTAssertEqual(coverage.missing.map { "\($0.operation) \($0.status)" }, ["getA 200", "getA 4XX", "getA default", "listB 200", "listB 401"])
    }

    func testStatusesTheSpecDoesNotDocumentAreListedWithCounts() throws {
        let coverage = try coverage(of: [step("listB", 500, .failed), step("listB", 500, .failed), step("listB", 404, .failed)])
        let listB = try XCTUnwrap(coverage.operations.first { $0.operation == "listB" })
        XCTAssertEqual(listB.undocumented, [UndocumentedStatus(status: 404, responses: 1), UndocumentedStatus(status: 500, responses: 2)])
        XCTAssertEqual(coverage.exercisedCount, 0, "an undocumented status exercises no documented one")
        XCTAssertTrue(listB.reached, "but the operation was reached")
    }

    func testSkippedStepsAndStepsWithoutAResponseExerciseNothing() throws {
        let coverage = try coverage(of: [step("getA", nil, .skipped), step("listB", nil, .failed), step("unknownOp", 200)])
        XCTAssertEqual(coverage.exercisedCount, 0)
        XCTAssertEqual(coverage.reachedOperationCount, 0)
        XCTAssertEqual(coverage.operations.map(\.operation), ["getA", "listB"], "an operationId the spec lacks has no row")
    }

    func testTheGateComparesExactlyAndThePercentageNeverRoundsUpToAHundred() throws {
        let cells = (0..<1000).map { DocumentedStatusCoverage(status: String(200 + $0), responses: $0 == 0 ? 0 : 1) }
        let coverage = ContractCoverage(operations: [OperationCoverage(operation: "op", method: "GET", path: "/", documented: cells, undocumented: [])])
        XCTAssertEqual(coverage.percentText, "99.9")
        XCTAssertTrue(coverage.meets(minimumPercent: 99.9))
        XCTAssertFalse(coverage.meets(minimumPercent: 100))
        XCTAssertEqual(ContractCoverage(operations: []).percent, 100, "a spec with nothing documented misses nothing")
    }

    func testTheConsoleMatrixHasAColumnPerDocumentedStatusAndTheUndocumentedLast() throws {
        let coverage = try coverage(of: [step("getA", 200), step("listB", 401), step("listB", 500, .failed)])
        XCTAssertEqual(ContractCoverageText(colour: false).render(coverage), """

            coverage (✓ exercised, · documented but not exercised)
            operation  200  401  404  4XX  default  undocumented seen
            getA       ✓         ·    ·    ·
            listB      ·    ✓                       500 (1×)
            coverage: 2 of 6 documented responses (33.3%), 2 of 2 operations

            """)
    }
}
