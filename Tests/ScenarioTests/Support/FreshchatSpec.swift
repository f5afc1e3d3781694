// The repository's Freshchat spec, indexed once for all tests.

import Foundation
import OpenAPI

/// The operations of `scenarios/freshchat.openapi.yaml`, located from this file's path.
enum FreshchatSpec {
    /// `<package root>/scenarios/freshchat.openapi.yaml`.
    static let path: String = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // Support
        .deletingLastPathComponent()  // ScenarioTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // package root
        .appendingPathComponent("scenarios/freshchat.openapi.yaml").path

    private static let loaded: Result<OperationIndex, SpecError> = Result { () throws(SpecError) in
        try OperationIndex.load(path: path)
    }

    /// The index of the spec's operations.
    static func index() throws -> OperationIndex {
        try loaded.get()
    }

    /// The operation with this operationId; throws when the spec lacks it.
    static func operation(_ id: String) throws -> OpenAPI.Operation {
        guard let operation = try index().operation(id: id) else {
            throw SpecMissingOperation(id: id)
        }
        return operation
    }

    private struct SpecMissingOperation: Error {
        let id: String
    }
}
