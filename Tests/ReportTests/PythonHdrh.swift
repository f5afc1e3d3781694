// Python's hdrh (PyPI hdrhistogram) as a reference implementation: the interop and .hgrm tests
// pipe our encodings to a small script and read back what it makes of them.
import Foundation

/// Python's hdrh could not be run; thrown, so the test fails (it never skips) and says why.
struct PythonUnavailable: Error, CustomStringConvertible {
    var reason: String
    var description: String {
        "\(reason)\nthis test needs python3 with the hdrh module: pip install hdrhistogram (make test installs it)"
    }
}

/// Runs `script` with python3, writes `encodings` to it as a JSON array on standard input, and
/// decodes its standard output as `Output`.
func runPythonHdrh<Output: Decodable>(_ script: String, on encodings: [String], as: Output.Type) throws -> Output {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", script]
    let input = Pipe(), output = Pipe(), errors = Pipe()
    process.standardInput = input
    process.standardOutput = output
    process.standardError = errors
    do { try process.run() } catch { throw PythonUnavailable(reason: "cannot start python3: \(error)") }
    // All input first: the scripts read it whole before they write anything.
    input.fileHandleForWriting.write(try JSONEncoder().encode(encodings))
    try input.fileHandleForWriting.close()
    let stdout = output.fileHandleForReading.readDataToEndOfFile()
    let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
        throw PythonUnavailable(reason: "python3 failed (status \(process.terminationStatus)): \(stderr)")
    }
    return try JSONDecoder().decode(Output.self, from: stdout)
}
