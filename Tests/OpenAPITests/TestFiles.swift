// Where the tests find the repository's files, wherever `swift test` runs from.

import Foundation
import XCTest

enum TestFiles {
    /// The package root: three levels above this file (Tests/OpenAPITests/TestFiles.swift).
    static let packageRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    static var freshchatSpecPath: String { packageRoot + "/scenarios/freshchat.openapi.yaml" }
}
