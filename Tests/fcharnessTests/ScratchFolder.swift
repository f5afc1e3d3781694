// A folder of its own for one test's files, under the system's temporary directory.
import Foundation

/// A fresh folder a test writes its inputs into; `remove()` deletes it and all it holds.
struct ScratchFolder {
    /// The folder.
    let url: URL

    /// Creates `NAME-UUID` in the temporary directory.
    init(name: String) throws {
        url = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// The path of `name` in the folder (which need not exist).
    func path(_ name: String) -> String {
        url.appendingPathComponent(name).path
    }

    /// Writes `text` to `name` in the folder and returns its path.
    func file(_ name: String, _ text: String) throws -> String {
        let path = path(name)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Deletes the folder and everything in it.
    func remove() {
        try? FileManager.default.removeItem(at: url)
    }
}
