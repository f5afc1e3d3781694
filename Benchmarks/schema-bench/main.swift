// schema-bench: microseconds per validation of the 12.6 KB "list conversations" response
// against its schema (formats asserted), on an already-parsed document and from bytes —
// the same workload as shared/bench/validators.py, so the rows compare with jsonschema-rs.
//
// Usage: swift run -c release schema-bench [DOCUMENT.json SCHEMA.json]
// (defaults: ../shared/bench/list-conversations.json and .schema.json, from the package root)

import Foundation
import JSON
import JSONSchema

let arguments = CommandLine.arguments
let documentPath = arguments.count > 2 ? arguments[1] : "../shared/bench/list-conversations.json"
let schemaPath = arguments.count > 2 ? arguments[2] : "../shared/bench/list-conversations.schema.json"

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
measure("fcharness isValid (parsed)") { schema.isValid(document) }
measure("fcharness validate (parsed)") { schema.validate(document).isEmpty }
measure("fcharness parse only (bytes)") { (try? JSON.parse(documentBytes)) != nil }
measure("fcharness parse + isValid (bytes)") {
    guard let parsed = try? JSON.parse(documentBytes) else { return false }
    return schema.isValid(parsed)
}
measure("fcharness parse + validate (bytes)") {
    guard let parsed = try? JSON.parse(documentBytes) else { return false }
    return schema.validate(parsed).isEmpty
}
