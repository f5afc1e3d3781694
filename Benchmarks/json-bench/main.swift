// json-bench: how fast the JSON module parses and writes a typical API payload, beside
// Foundation's JSONSerialization on the same bytes in the same run (ratios are what to quote;
// absolute figures drift on shared machines).
//
// Usage: json-bench [FILE] [--seconds S] [--count N [--without-small-strings]]
//   FILE defaults to ../shared/bench/list-conversations.json (relative to the current directory).
//   --count N parses the file N times and exits without timing anything: for instruction
//   counts under `valgrind --tool=callgrind`, which are repeatable on a busy machine where
//   wall-clock figures are not. Run two counts and divide the difference by the difference
//   of N to get the cost of one parse (start-up and file reading cancel out).
//   --without-small-strings makes those parses skip the short-string fast path
//   (`SmallASCIIString`), as the parser does when that path's layout check fails; timed runs
//   always measure both ways.

import Foundation
@_spi(Benchmarks) import JSON

/// Runs `body` in batches of about 5 ms for at least `seconds` (after a warm-up) and returns
/// the median and the fastest batch in microseconds per call. The median of short batches
/// shrugs off the preemptions and stalls of a shared machine that would inflate a mean.
func measure(seconds: Double, _ body: () -> Int) -> (median: Double, fastest: Double) {
    var sink = 0
    let clock = ContinuousClock()
    let warmUpEnd = clock.now.advanced(by: .milliseconds(300))
    var batchSize = 1
    while clock.now < warmUpEnd {
        let start = clock.now
        for _ in 0..<batchSize { sink &+= body() }
        if clock.now - start < .milliseconds(5) { batchSize *= 2 }
    }
    var perCall: [Double] = []
    let deadline = clock.now.advanced(by: .milliseconds(Int64(seconds * 1000)))
    while clock.now < deadline {
        let start = clock.now
        for _ in 0..<batchSize { sink &+= body() }
        let elapsed = clock.now - start
        let microseconds = Double(elapsed.components.seconds) * 1e6 + Double(elapsed.components.attoseconds) / 1e12
        perCall.append(microseconds / Double(batchSize))
    }
    if sink == 42 { print("") }  // keeps the work observable
    perCall.sort()
    return (perCall[perCall.count / 2], perCall[0])
}

func format(_ name: String, _ result: (median: Double, fastest: Double)) -> String {
    name.padding(toLength: 36, withPad: " ", startingAt: 0)
        + String(format: "%8.2f µs/op  (fastest batch %.2f)", result.median, result.fastest)
}

var path = "../shared/bench/list-conversations.json"
var seconds = 2.0
var parseCount: Int?
var smallStrings = true
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    if argument == "--seconds", let value = arguments.popFirst().flatMap(Double.init) {
        seconds = value
    } else if argument == "--count", let value = arguments.popFirst().flatMap({ Int($0) }) {
        parseCount = value
    } else if argument == "--without-small-strings" {
        smallStrings = false
    } else {
        path = argument
    }
}

guard let data = FileManager.default.contents(atPath: path) else {
    print("json-bench: cannot read \(path)")
    exit(1)
}
let bytes = [UInt8](data)
let document: JSON
do {
    document = try JSON.parse(bytes)
} catch {
    print("json-bench: \(path): \(error)")
    exit(1)
}

/// The number of top-level members after one parse, with or without the short-string fast path.
func parseOnce(smallStrings: Bool) -> Int {
    let parsed = bytes.withUnsafeBytes { buffer in
        try? JSON.parse(buffer, buildsSmallStringsDirectly: smallStrings)
    }
    guard case .object(let object) = parsed else { return 0 }
    return object.count
}

if let parseCount {
    // Each parse's tree is freed before the next one, as in the timed loop.
    var members = 0
    for _ in 0..<parseCount { members &+= parseOnce(smallStrings: smallStrings) }
    let mode = smallStrings ? "" : " without the short-string fast path"
    print("json-bench: parsed \(path) \(parseCount) times\(mode) (\(members) top-level members in all)")
    exit(0)
}

print("json-bench: \(path), \(bytes.count) bytes, \(seconds) s per measurement, median of 5 ms batches")
let ours = measure(seconds: seconds) { parseOnce(smallStrings: true) }
print(format("JSON.parse", ours))
let fallback = measure(seconds: seconds) { parseOnce(smallStrings: false) }
print(format("JSON.parse, short-string path off", fallback))
let foundation = measure(seconds: seconds) {
    guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return 0 }
    return object.count
}
print(format("JSONSerialization.jsonObject", foundation))
let write = measure(seconds: seconds) { document.serializedBytes().count }
print(format("JSON.serializedBytes (compact)", write))
print(
    String(
        format: "parse speed-up over Foundation: %.1fx (medians), %.1fx (fastest batches)",
        foundation.median / ours.median, foundation.fastest / ours.fastest))
