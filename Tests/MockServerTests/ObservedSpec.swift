// Test support for the observed flavor: the spec it is the contract of (the built-in spec with
// the shipped overlay applied), compiled once, and a mock started in that flavor.
import JSON
import MockServer
import OpenAPI
import Quantities

/// The overlaid spec's response validators, compiled once per test process.
enum ObservedSpec {
    static let validators: SpecValidators = {
        do {
            let overlaid = try OverlaidSpec.load(text: EmbeddedSpec.yaml, name: EmbeddedSpec.name, overlays: MockFlavor.observed.overlays())
            return try SpecValidators(index: OperationIndex(document: overlaid.document))
        } catch {
            preconditionFailure("the observed spec does not load: \(error)")
        }
    }()

    /// Every way `reply` breaks the observed contract, as `"pointer (keyword): message"`.
    static func violations(of reply: MockReply, operationId: String) -> [String] {
        validators.check(operationId: operationId, status: reply.status, body: reply.body).map {
            "\(operationId) \(reply.status) \($0.pointer) (\($0.keyword)): \($0.message)"
        }
    }
}

extension MockHarness {
    /// A mock in the observed flavor, with `faults`.
    static func observed(faults: FaultPlan = .none) async throws -> MockHarness {
        var configuration = MockConfiguration.embedded()
        configuration.flavor = .observed
        configuration.faults = faults
        return try await MockHarness(configuration)
    }
}
