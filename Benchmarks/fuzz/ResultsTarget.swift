// The results file as `report`, `compare` and `merge` meet it: written by another machine, kept
// as a CI artifact, perhaps edited by hand. Every input the reader accepts is rendered the ways
// `report` renders it, compared with itself and with the seeds of its profile, merged alone and
// with the seeds' shards, and written back out, so a value the reader lets through but a
// renderer cannot take (a 2^53-count histogram once hung `report --hgrm`) is found here rather
// than by a user.

import Foundation
import JSON
import Quantities
import Report

extension FuzzTarget {
    static func results() -> FuzzTarget {
        let seeds = files(in: "Benchmarks/fuzz-seeds/results", suffix: ".json")
        let seedDocuments = seeds.compactMap { try? JSON.parse($0) }
        let seedResults = seedDocuments.compactMap { try? ResultsFile.read(json: $0, path: "seed.json") }
        let tokens = [
            "0", "1", "-1", "0.5", "1e308", "-0", "4.9e-324", "9007199254740992", "9007199254740993", "9223372036854775807",
            "18446744073709551616", "null", "true", "\"\"", "[]", "{}", "\"x\"", "\"\\u0000\"", "\"<script>\"", "\"| a |\"",
            "\"\\u001b[31m\"", "\"1970-01-01T00:00:00Z\"", "\"9999-12-31T23:59:59.999Z\"", "\"HISTFAAAACF4nJNpmSzMwMDAzAABMJoRzJnczmD/ASLw1IgJAFQaBLM=\"",
            "\"second\": ", "\"count\": ", "\"requests\": ", "\"errors\": ", "\"shard\": ", "\"shards\": ", "\"started_epoch_s\": ",
            "\"duration_s\": ", "\"planned_rate\": ", "\"status_counts\": {\"999\": 1}, ", "\"p99 < 1ms\"", "\"expression\": ",
            "\"operations\": {}", "\"windows\": []", "\"stages\": [{\"duration_s\": 1, \"target\": 1e300}]",
        ]
        let openers = [("[", "]"), ("{\"a\":", "}"), ("[{\"second\":1}", "]")]
        // About 30 ms an input (a read, every report, a comparison, a merge, two writes and
        // reads, for the input and three edits of it): a tenth of `--inputs` keeps the smoke
        // within the other targets' time.
        return FuzzTarget(name: "results", seeds: seeds, tokens: tokens, openers: openers, inputDivisor: 10) { bytes throws(FuzzFinding) in
            var accepted = false
            var random = SeededRandom(seed: fnv1a(bytes))
            let parsed = try? JSON.parse(bytes)
            if let parsed, let result = try? ResultsFile.read(json: parsed, path: "fuzz.json") {
                accepted = true
                render(result, beside: seedResults)
                try roundTrip(result)
            }
            // Byte edits seldom leave a file the strict reader accepts (most bytes are base64
            // histograms), so each input also gives a few edits of its values, or of a seed's
            // when it is not JSON: a count, a time or a string swapped for an extreme one,
            // chosen from the input's own bytes so that a replay repeats them.
            guard let document = parsed ?? seedDocuments.randomElement(using: &random) else { return accepted }
            let leaves = leafPointers(of: document)
            guard !leaves.isEmpty else { return accepted }
            for _ in 0..<3 {
                var edited = document
                for _ in 0...Int.random(in: 0...2, using: &random) {
                    let pointer = leaves[Int.random(in: 0..<leaves.count, using: &random)]
                    let value = extremeValues[Int.random(in: 0..<extremeValues.count, using: &random)]
                    edited = edited.setting(value, at: pointer) ?? edited
                }
                guard let result = try? ResultsFile.read(json: edited, path: "fuzz.json") else { continue }
                accepted = true
                render(result, beside: seedResults)
                try roundTrip(result)
            }
            return accepted
        }
    }

    /// Values a hostile or careless writer might put anywhere in a results file.
    private static let extremeValues: [JSON] = [
        .integer(0), .integer(-1), .integer(1), .integer(1 << 53), .integer((1 << 53) + 1), .integer(.max), .integer(.min),
        .double(0.5), .double(-0.0), .double(1e308), .double(4.9e-324), .double(1e-9), .double(86_400 * 366 * 10_000),
        .string(""), .string("<script>alert(1)</script> | `x` ]]>"), .string("\u{1B}[31m\r\n\u{0}"),
        .string(String(repeating: "é", count: 5000)), .string("1970-01-01T00:00:00Z"), .string("9999-12-31T23:59:59.999Z"),
        .string("p99 < 1ms"), .string("HISTFAAAACF4nJNpmSzMwMDAzAABMJoRzJnczmD/ASLw1IgJAFQaBLM="), .null, .bool(true),
        .array([]), .object([:]),
    ]

    /// Pointers to every scalar in `document`, in document order.
    private static func leafPointers(of document: JSON) -> [JSONPointer] {
        var pointers: [JSONPointer] = []
        func walk(_ value: JSON, _ tokens: [String]) {
            switch value {
            case .array(let elements):
                for (index, element) in elements.enumerated() { walk(element, tokens + [String(index)]) }
            case .object(let object):
                for member in object { walk(member.value, tokens + [member.key]) }
            case .null, .bool, .integer, .double, .string:
                pointers.append(JSONPointer(tokens: tokens))
            }
        }
        walk(document, [])
        return pointers
    }

    private static func fnv1a(_ bytes: [UInt8]) -> UInt64 {
        bytes.reduce(0xcbf2_9ce4_8422_2325) { ($0 ^ UInt64($1)) &* 0x0000_0100_0000_01b3 }
    }

    /// Everything `report` writes; `compare` against the same run and against each seed of the
    /// same profile; `merge` of the run alone and beside each seed that is another shard.
    private static func render(_ result: LoadResult, beside seeds: [LoadResult]) {
        _ = LoadSummary.render(result, color: true)
        _ = LoadMarkdownReport.markdown(result)
        _ = LoadJUnitReport.xml(result)
        _ = LoadHTMLReport.page(result)
        for file in HgrmFiles.files(for: result) { _ = file.text }
        // Few replicates: the bootstrap's arithmetic is what is exercised, not its precision.
        let settings = CompareSettings(replicates: 20)
        if let comparison = try? Comparison(baseline: result, current: result, baselineFile: "a.json", currentFile: "b.json", settings: settings) {
            _ = CompareConsole.text(for: comparison, color: true)
            _ = CompareMarkdown.text(for: comparison)
            _ = CompareJSON.bytes(for: comparison)
        }
        if let merged = try? ShardMerge.merge([ShardResult(file: "fuzz.json", result: result)]) {
            _ = LoadSummary.render(merged.result, color: false)
        }
        for seed in seeds where seed.run.profileHash == result.run.profileHash {
            if let comparison = try? Comparison(baseline: seed, current: result, baselineFile: "seed.json", currentFile: "fuzz.json", settings: settings) {
                _ = CompareMarkdown.text(for: comparison)
            }
            guard seed.run.shard != nil, seed.run.shard != result.run.shard else { continue }
            let shards = [ShardResult(file: "fuzz.json", result: result), ShardResult(file: "seed.json", result: seed)]
            if let merged = try? ShardMerge.merge(shards, startSkewToleranceSeconds: .infinity) {
                _ = LoadSummary.render(merged.result, color: false)
                _ = LoadMarkdownReport.markdown(merged.result)
                _ = try? ResultsFile.bytes(merged.result)
            }
        }
    }

    /// What the writer writes from an accepted file, the reader must accept, and writing that
    /// again must give the same bytes: a results file survives `merge` and re-reading unchanged.
    private static func roundTrip(_ result: LoadResult) throws(FuzzFinding) {
        let written: [UInt8]
        do { written = try ResultsFile.bytes(result) } catch {
            // The writer refuses only a histogram it cannot encode; the reader decoded it, so
            // it must encode.
            throw FuzzFinding("an accepted file cannot be written back: \(error)")
        }
        let reread: LoadResult
        do { reread = try ResultsFile.read(bytes: written, path: "rewritten.json") } catch {
            throw FuzzFinding("the reader rejects what the writer wrote: \(error)")
        }
        guard let again = try? ResultsFile.bytes(reread), again == written else {
            throw FuzzFinding("writing a re-read file gives other bytes")
        }
    }
}
