import Foundation
import JSON
import XCTest
@testable import Report

final class ResultsFileZZTiming: XCTestCase {
    func testPlainWriteIsCaught() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("zz-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("results.json").path
        var large = try ResultsFileFixtures.openModelRun()
        let window = large.windows[0]
        large.windows = (0 ..< 2_000).map { offset in var copy = window; copy.second += Int64(offset); return copy }
        var small = large
        small.windows.removeLast(1_000)
        let a = try ResultsFile.bytes(large), b = try ResultsFile.bytes(small)
        print("TIMING sizes \(a.count) \(b.count)")
        try Data(b).write(to: URL(fileURLWithPath: path))
        final class Box: @unchecked Sendable { let lock = NSLock(); var done = false; var partial = 0; var complete = 0 }
        let box = Box()
        let t = Thread {
            while !box.lock.withLock({ box.done }) {
                guard let bytes = FileManager.default.contents(atPath: path) else { continue }
                let ok = (try? JSON.parse([UInt8](bytes))) != nil
                box.lock.withLock { if ok { box.complete += 1 } else { box.partial += 1 } }
            }
        }
        t.start()
        for round in 0 ..< 8 { try Data(round % 2 == 0 ? a : b).write(to: URL(fileURLWithPath: path)); usleep(20_000) }
        box.lock.withLock { box.done = true }
        usleep(200_000)
        print("TIMING plain: complete \(box.lock.withLock { box.complete }) partial \(box.lock.withLock { box.partial })")
    }
}
