// Which targets are live (`TargetKind`) and when a load profile may run against one
// (`LoadProfile.permitsLoad`): issue 13, "Safety on real accounts".

import Foundation
import XCTest
@testable import Scenario

final class LiveLoadPermissionTests: XCTestCase {
    func testLiveMeansNeitherThisMachineNorTheEmbeddedMock() {
        XCTAssertEqual(TargetKind(baseURL: nil), .embeddedMock)
        for local in ["http://127.0.0.1:8080/v2", "http://127.9.9.9/v2", "http://localhost/v2", "http://[::1]:80/v2",
                      "https://user:pw@127.0.0.1/v2"] {
            XCTAssertEqual(TargetKind(baseURL: local), .loopback, local)
        }
        for live in ["http://192.0.2.1/v2", "https://acme.freshchat.com/v2", "http://127.example.com/v2", "http://[::2]/v2",
                     "http://10.0.0.1/v2"] {
            XCTAssertEqual(TargetKind(baseURL: live), .live, live)
        }
    }

    func testALiveTargetNeedsTheFlagOrTargetLiveInTheProfile() throws {
        var profile = try loadedProfile(extra: "")
        XCTAssertFalse(profile.permitsLoad(of: .live, allowLiveLoad: false))
        XCTAssertTrue(profile.permitsLoad(of: .live, allowLiveLoad: true))
        XCTAssertTrue(profile.permitsLoad(of: .loopback, allowLiveLoad: false))
        XCTAssertTrue(profile.permitsLoad(of: .embeddedMock, allowLiveLoad: false))

        profile = try loadedProfile(extra: "target: live\n")
        XCTAssertEqual(profile.declaredTarget, .live)
        XCTAssertTrue(profile.permitsLoad(of: .live, allowLiveLoad: false))
    }

    func testAnyOtherTargetValueIsRefusedWithTheOneAllowed() throws {
        do {
            _ = try loadedProfile(extra: "target: lvie\n")
            XCTFail("expected `target: lvie` to be refused")
        } catch {
            let message = "\(error)"
            XCTAssertTrue(message.contains("target"), message)
            XCTAssertTrue(message.contains("expected live"), message)
            XCTAssertTrue(message.contains("did you mean 'live'?"), message)
        }
    }

    private func loadedProfile(extra: String) throws -> LoadProfile {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("live-permission-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "steps:\n  - operation: listAgents\n".write(to: folder.appendingPathComponent("s.yaml"), atomically: true, encoding: .utf8)
        let yaml = extra + "executor: constant-vus\nvus: 1\nduration: 1s\nmix:\n  - { scenario: s.yaml }\n"
        return try LoadProfileLoader.load(text: yaml, name: "p.yaml", baseFolder: folder.path)
    }
}
