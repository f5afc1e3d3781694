// schema-bench: microseconds per validation of the 12.6 KB "list conversations" response
// against its schema (formats asserted), on an already-parsed document and from bytes —
// the same workload as shared/bench/validators.py, so the rows compare with jsonschema-rs.
//
// Usage: swift run -c release schema-bench [--count WORKLOAD N] [DOCUMENT.json SCHEMA.json]
// (defaults: ../shared/bench/list-conversations.json and .schema.json, from the package root)
//
// `--count WORKLOAD N` runs one workload (`parsed`, `parse`, `bytes`) exactly N times and prints
// nothing timed: for instruction counts under callgrind, which stay repeatable on a loaded
// machine where wall-clock figures do not. Divide the workload's inclusive count by N.

import Foundation
import JSON
import JSONSchema

/// One thing the bench can time or count.
enum Workload: String {
    /// `isValid` on the document parsed once up front.
    case parsed
    /// `JSON.parse` of the document's bytes, nothing else.
    case parse
    /// Parse the bytes, then `isValid`.
    case bytes
}

var arguments = Array(CommandLine.arguments.dropFirst())
var counted: (workload: Workload, iterations: Int)?
if let flag = arguments.firstIndex(of: "--count") {
    guard flag + 2 < arguments.count, let workload = Workload(rawValue: arguments[flag + 1]), let iterations = Int(arguments[flag + 2]), iterations > 0
    else {
        print("schema-bench: --count needs a workload (parsed, parse, bytes) and a positive iteration count")
        exit(2)
    }
    counted = (workload, iterations)
    arguments.removeSubrange(flag...(flag + 2))
}
let documentPath = arguments.count >= 2 ? arguments[0] : "../shared/bench/list-conversations.json"
let schemaPath = arguments.count >= 2 ? arguments[1] : "../shared/bench/list-conversations.schema.json"

guard let documentData = FileManager.default.contents(atPath: documentPath) else {
    print("schema-bench: cannot read \(documentPath) (run from the package root, or pass DOCUMENT SCHEMA)")
    exit(2)
}
let documentBytes = [UInt8](documentData)

let schema: Schema
let document: JSON
do {
    schema = try Schema(JSON.parse(contentsOfFile: schemaPath), formats: .assert)
    document = try JSON.parse(documentBytes)
} catch {
    print("schema-bench: \(error)")
    exit(2)
}
guard schema.isValid(document), schema.validate(document).isEmpty else {
    print("schema-bench: the document does not validate: \(schema.validate(document).prefix(3))")
    exit(1)
}

/// One run of `workload`; false when the document failed to parse or validate.
@inline(never)
func run(_ workload: Workload) -> Bool {
    switch workload {
    case .parsed:
        return schema.isValid(document)
    case .parse:
        return (try? JSON.parse(documentBytes)) != nil
    case .bytes:
        guard let parsed = try? JSON.parse(documentBytes) else { return false }
        return schema.isValid(parsed)
    }
}

if let counted {
    var allValid = true
    for _ in 0..<counted.iterations { allValid = run(counted.workload) && allValid }
    print("schema-bench: ran \(counted.workload.rawValue) \(counted.iterations) times\(allValid ? "" : " (INVALID)")")
    exit(allValid ? 0 : 1)
}

/// Runs `body` repeatedly for at least `seconds` and prints the mean time per call.
func measure(_ name: String, seconds: Double = 2.0, _ body: () -> Bool) {
    var sink = true
    for _ in 0..<100 { sink = body() && sink } // warm-up
    let clock = ContinuousClock()
    let start = clock.now
    var iterations = 0
    var elapsed = Duration.zero
    repeat {
        for _ in 0..<100 { sink = body() && sink }
        iterations += 100
        elapsed = clock.now - start
    } while elapsed < .milliseconds(Int64(seconds * 1000))
    let components = elapsed.components
    let totalSeconds = Double(components.seconds) + Double(components.attoseconds) / 1e18
    let micros = totalSeconds / Double(iterations) * 1e6
    let label = name.padding(toLength: 40, withPad: " ", startingAt: 0)
    print("\(label) \(String(format: "%9.1f", micros)) µs/validation\(sink ? "" : " (INVALID)")")
}

print("document \(documentBytes.count) bytes, formats asserted")
measure("fcharness isValid (parsed)") { run(.parsed) }
measure("fcharness validate (parsed)") { schema.validate(document).isEmpty }
measure("fcharness parse only (bytes)") { run(.parse) }
measure("fcharness parse + isValid (bytes)") { run(.bytes) }
measure("fcharness parse + validate (bytes)") {
    guard let parsed = try? JSON.parse(documentBytes) else { return false }
    return schema.validate(parsed).isEmpty
}
