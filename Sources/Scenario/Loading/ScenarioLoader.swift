// Reads scenario files and folders from disk and decodes them. The only file I/O of
// scenario loading.

import Foundation
import OpenAPI
import YAMLSource

/// Loads scenario files, checking every step against the spec's operations.
public enum ScenarioLoader {
    /// Loads `path`: a file gives one scenario; a folder gives its `*.yaml` and `*.yml`
    /// files (not recursive), sorted by file name.
    public static func load(path: String, index: OperationIndex) throws(ScenarioError) -> [ScenarioFile] {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw ScenarioError(.unreadable(reason: "no such file or folder"), at: .wholeFile(path))
        }
        guard isFolder.boolValue else { return [try loadFile(path: path, index: index)] }
        var scenarios: [ScenarioFile] = []
        for file in try scenarioFiles(inFolder: path) {
            scenarios.append(try loadFile(path: file, index: index))
        }
        return scenarios
    }

    /// Loads several files and folders in order (`fcharness contract A B`).
    public static func load(paths: [String], index: OperationIndex) throws(ScenarioError) -> [ScenarioFile] {
        var scenarios: [ScenarioFile] = []
        for path in paths { scenarios += try load(path: path, index: index) }
        return scenarios
    }

    /// Loads one scenario file.
    public static func loadFile(path: String, index: OperationIndex) throws(ScenarioError) -> ScenarioFile {
        try load(text: try readText(path), name: path, index: index)
    }

    /// Decodes scenario text; `name` stands for the file in locations and messages.
    public static func load(text: String, name: String, index: OperationIndex) throws(ScenarioError) -> ScenarioFile {
        var scenario = try ScenarioDecoder(file: name, index: index).decode(try YAMLReader.readDocument(text, file: name))
        scenario.text = text
        return scenario
    }

    /// The `*.yaml`/`*.yml` files of a folder, sorted by name, as `folder/name` paths.
    public static func scenarioFiles(inFolder folder: String) throws(ScenarioError) -> [String] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder)
        } catch {
            throw ScenarioError(.unreadable(reason: error.localizedDescription), at: .wholeFile(folder))
        }
        let separator = folder.hasSuffix("/") ? "" : "/"
        return names
            .filter { ($0.hasSuffix(".yaml") || $0.hasSuffix(".yml")) && !$0.hasPrefix(".") }
            .sorted()
            .map { folder + separator + $0 }
    }

    /// The UTF-8 text of a file, or an `unreadable` error naming it.
    static func readText(_ path: String) throws(ScenarioError) -> String {
        do { return try SourceFile.readText(atPath: path) } catch {
            throw ScenarioError(.unreadable(reason: error.reason), at: .wholeFile(path))
        }
    }
}
