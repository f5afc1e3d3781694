// The embedded mock `contract` and `load` start when no --base-url is given: in-process, on a
// free loopback port, with a random token, serving the spec the command read.
import MockServer
import OpenAPI
import Scenario

enum EmbeddedMock {
    /// Starts the mock on one event-loop thread; failing to start is an unreachable target.
    /// `latency` is added before every answer (`load --mock-latency`), so a run against the
    /// mock can stand in for a target whose latency is milliseconds, not microseconds.
    static func start(seed: UInt64?, drift: Bool, latency: LatencyModel? = nil, spec: OpenAPIDocument) async throws(CommandFailure)
        -> MockServer
    {
        var configuration = MockConfiguration.embedded(seed: seed ?? 1)
        configuration.drift = drift
        if let latency { configuration.faults.global.latency = latency }
        configuration.threads = 1
        configuration.spec = spec
        do {
            return try await MockServer.start(configuration)
        } catch {
            throw CommandFailure(.unreachable, "cannot start the embedded mock: \(error)")
        }
    }

    /// Sets `app_id` to the mock's application id unless the user set one (a flag or
    /// FCHARNESS_VAR_APP_ID): scenarios need it to create conversations.
    static func supplyAppID(of mock: MockServer, to flags: inout [String: String], environment: [String: String]) {
        if flags["app_id"] == nil && environment["FCHARNESS_VAR_APP_ID"] == nil { flags["app_id"] = mock.appID }
    }
}

/// `--var NAME=VALUE` flags, as a dictionary; a malformed one is bad input.
func parseVariableFlags(_ texts: [String]) throws(CommandFailure) -> [String: String] {
    var flags: [String: String] = [:]
    for text in texts {
        guard let (name, value) = ScenarioFile.parseVariableAssignment(text) else {
            throw CommandFailure(.badInput, "--var \(text): expected NAME=VALUE with NAME made of letters, digits and _")
        }
        flags[name] = value
    }
    return flags
}
