// The overlay compiled into the binary for `--flavor observed` must be the shipped overlay.
import MockServer
import XCTest

final class ObservedOverlayEmbeddingTests: XCTestCase {
    func testTheBuiltInOverlayIsTheShippedFileByteForByte() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let path = root.appendingPathComponent("scenarios/overlays/freshchat-observed.yaml").path
        guard FileManager.default.fileExists(atPath: path) else { throw XCTSkip("\(path) is not there to compare with") }
        let onDisk = try String(contentsOfFile: path, encoding: .utf8)
        XCTAssertTrue(
            ObservedOverlay.yaml == onDisk,
            "Sources/MockServer/Flavor/ObservedOverlay.swift differs from scenarios/overlays/freshchat-observed.yaml: run scripts/embed-observed-overlay.sh")
        XCTAssertEqual(ObservedOverlay.name, "freshchat-observed.yaml")
    }

    func testTheObservedFlavorAppliesItAndTheSeedFlavorNothing() throws {
        XCTAssertEqual(try MockFlavor.seed.overlays().count, 0)
        let overlays = try MockFlavor.observed.overlays()
        XCTAssertEqual(overlays.map(\.title), ["Freshchat as observed by public clients"])
        XCTAssertEqual(overlays.first?.file, "freshchat-observed.yaml")
    }
}
