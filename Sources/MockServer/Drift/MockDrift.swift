// `--drift`: deliberate, documented contract violations, so users (and the contract runner's
// own tests) can watch contract checks catch them. docs/mock.md lists the same entries.

/// One deliberate contract violation the mock commits when drift is on.
public struct MockDrift: Sendable, Equatable, CustomStringConvertible {
    /// The operation whose response drifts.
    public var operationId: String
    /// The status code the drifting response carries.
    public var status: Int
    /// JSON Pointer of the offending value in the response body ("" for the status itself).
    public var pointer: String
    /// The JSON Schema keyword a validator reports (`status` for an undocumented status).
    public var keyword: String
    /// What the mock does, in words.
    public var summary: String

    /// `getAgent 200 /availability (enum): …`.
    public var description: String { "\(operationId) \(status) \(pointer.isEmpty ? "-" : pointer) (\(keyword)): \(summary)" }

    /// Every drift, in the order docs/mock.md lists them. Each happens on every call of its
    /// operation that succeeds; no other response changes.
    public static let catalog: [MockDrift] = [
        MockDrift(
            operationId: "getAgent", status: 200, pointer: "/availability", keyword: "enum",
            summary: "availability is \"away\", which the Agent schema's enum (online, offline) does not allow"),
        MockDrift(
            operationId: "getUser", status: 200, pointer: "/created_time", keyword: "format",
            summary: "created_time is \"2024-13-45 25:61\", not an RFC 3339 date-time"),
        MockDrift(
            operationId: "listChannels", status: 200, pointer: "/channels/0/enabled", keyword: "type",
            summary: "the first channel's enabled is the string \"yes\" instead of a boolean"),
        MockDrift(
            operationId: "getChannel", status: 200, pointer: "/public", keyword: "type",
            summary: "public is the string \"true\" instead of a boolean"),
        MockDrift(
            operationId: "getGroup", status: 203, pointer: "", keyword: "status",
            summary: "answers 203 Non-Authoritative Information, a status the spec does not document for getGroup"),
    ]

    /// The drift entries of one operation.
    static func entries(for operationId: String) -> [MockDrift] {
        catalog.filter { $0.operationId == operationId }
    }
}
