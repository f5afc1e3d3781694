// `contract --dry-run` prints what would be sent and sends nothing; every credential header
// (Curl's one list: Authorization, Cookie, X-Api-Key, ...) shows masked, whoever set it.
import Curl
import OpenAPI
import Scenario
import XCTest

@testable import Contract

final class DryRunTests: XCTestCase {
    private static let specPath = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("scenarios/freshchat.openapi.yaml").path

    /// The dry run of `scenarioText` against a target nothing listens on (nothing is sent).
    private func dryRun(_ scenarioText: String, token: String) throws -> String {
        let index = try OperationIndex.load(path: Self.specPath)
        let scenario = try ScenarioLoader.load(text: scenarioText, name: "dry.yaml", index: index)
        let runner = ContractRunner(
            validators: try SpecValidators(index: index), client: CurlClient(),
            target: ContractTarget(baseURL: "http://127.0.0.1:9/v2", token: token),
            options: ContractOptions(seed: 1))
        return DryRun.describe([scenario], runner: runner)
    }

    func testCredentialHeadersAScenarioSetsAreMaskedAndOthersShown() throws {
        let output = try dryRun("""
            name: headers
            steps:
              - operation: listAgents
                headers:
                  Cookie: "session=cookie-secret"
                  X-Api-Key: "api-key-secret"
                  X-Request-Id: "trace-42"
            """, token: "token-secret")
        XCTAssertTrue(output.contains("1. listAgents: GET http://127.0.0.1:9/v2/agents"), output)
        XCTAssertTrue(output.contains("Authorization: Bearer ***"), output)
        XCTAssertTrue(output.contains("Cookie: ***"), output)
        XCTAssertTrue(output.contains("X-Api-Key: ***"), output)
        XCTAssertTrue(output.contains("X-Request-Id: trace-42"), "headers that are not credentials stay readable: \(output)")
        for secret in ["token-secret", "cookie-secret", "api-key-secret"] {
            XCTAssertFalse(output.contains(secret), "\(secret) leaked: \(output)")
        }
    }

    func testAnAuthorizationTheScenarioSetsKeepsOnlyItsScheme() throws {
        let output = try dryRun("""
            name: basic
            steps:
              - operation: listAgents
                headers: { authorization: "Basic dXNlcjpwYXNz" }
            """, token: "token-secret")
        // The step's header replaces the token's, under the name the request already had.
        XCTAssertTrue(output.contains("Authorization: Basic ***"), output)
        XCTAssertFalse(output.contains("dXNlcjpwYXNz"), output)
        XCTAssertFalse(output.contains("token-secret"), output)
    }
}
