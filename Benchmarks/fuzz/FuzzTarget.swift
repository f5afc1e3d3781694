// The seven things fuzzed, each a seed corpus, the words of its grammar and one function that
// runs an input through the code under test. Typed errors are the expected answer to bad input;
// only a crash, a hang, runaway memory or a broken round trip is a finding.

import Foundation
import JSON
import OpenAPI
import Report
import Scenario

/// One fuzz target.
struct FuzzTarget {
    let name: String
    /// The real inputs the mutations start from.
    let seeds: [[UInt8]]
    /// Words of the target's grammar, inserted whole.
    let tokens: [String]
    /// What nests in the grammar and what closes it, for the deep-nesting edit.
    let openers: [(String, String)]
    /// The target runs one input for each this many of `--inputs`: an input of a target that
    /// renders whole reports costs what a hundred JSON inputs cost, and the smoke must stay short.
    var inputDivisor = 1
    /// Runs one input; true when the code under test accepted it (a measure of how deep the
    /// run reaches). Throws only a finding.
    let run: ([UInt8]) throws(FuzzFinding) -> Bool

    static let names = ["json", "spec", "scenario", "profile", "template", "overlay", "results"]

    /// The target called `name`, its seeds read from the repository's files (paths are relative
    /// to the package folder, the current directory of `make`).
    static func named(_ name: String) throws(FuzzSetupError) -> FuzzTarget {
        switch name {
        case "json": return json()
        case "spec": return spec()
        case "scenario": return try scenario()
        case "profile": return profile()
        case "template": return try template()
        case "overlay": return overlay()
        case "results": return results()
        default: throw FuzzSetupError("unknown target '\(name)'; expected one of \(names.joined(separator: ", ")) or all")
        }
    }

    static let yamlTokens = [
        "&a ", "*a", "<<: *a\n", "!!str ", "!!int ", "!!float ", "!!binary ", "!!map ", "!!seq ", "!custom ", "!<tag:x> ",
        "%YAML 1.2\n", "%TAG ! tag:fuzz,2000:\n", "? ", "|-\n", ">+\n", "|2\n", "null", "~", "true", "no", ".inf", ".nan",
        "0x1F", "0o17", "\"\\ud800\"", "\"\\U0001F600\"", "\"\\x00\"", "'it''s'", "\u{FEFF}", "\u{85}", "\u{2028}",
    ]
    static let yamlOpeners = [("[", "]"), ("{", "}"), ("- ", ""), ("{a: ", "}"), ("[{", "}]"), ("? ", ""), ("&x [", "]")]

    // MARK: The targets

    static func json() -> FuzzTarget {
        var seeds = BuiltInSeeds.json.map { Array($0.utf8) }
        seeds += files(in: "../shared/json-test-suite/test_parsing", suffix: ".json")
        seeds += files(["../shared/bench/list-conversations.json", "../shared/bench/agents.json"])
        let tokens = [
            "\"\\u0000\"", "\"\\ud800\"", "\"\\udc00\\ud800\"", "\"\\uDBFF\\uDFFF\"", "1e400", "-1e-400", "-0", "0.0e-0",
            "true", "false", "null", "\u{FEFF}", "\"\\/\"", "\"\"", "{}", "[]", "\"a\":1,", "1,",
        ]
        return FuzzTarget(name: "json", seeds: seeds, tokens: tokens, openers: [("[", "]"), ("{\"a\":", "}"), ("[{\"\":", "}]")]) { bytes throws(FuzzFinding) in
            guard let value = try? JSON.parse(bytes) else { return false }
            // What the writer writes the parser must read back as the same value.
            for (pretty, sorted) in [(false, false), (true, true)] {
                let written = value.serializedBytes(pretty: pretty, sortedKeys: sorted)
                guard let reread = try? JSON.parse(written) else {
                    throw FuzzFinding("the parser rejects what the writer wrote: \(String(decoding: written.prefix(200), as: UTF8.self))")
                }
                if !sorted, reread != value {
                    throw FuzzFinding("parse(serialize(x)) != x for \(String(decoding: written.prefix(200), as: UTF8.self))")
                }
            }
            return true
        }
    }

    static func spec() -> FuzzTarget {
        var seeds = BuiltInSeeds.specs.map { Array($0.utf8) }
        seeds += files(["scenarios/freshchat.openapi.yaml"])
        let tokens = yamlTokens + [
            "$ref: \"#\"\n", "$ref: \"#/components/schemas/Item\"\n", "$ref: \"#/paths\"\n", "$ref: other.yaml#/x\n",
            "$ref: \"#/components/schemas/~1a~0b\"\n", "allOf: [{ $ref: \"#/components/schemas/Item\" }]\n", "openapi: 3.0.0\n",
            "swagger: \"2.0\"\n", "operationId: getItem\n", "in: path\n", "required: true\n", "pattern: \"(a+)+$\"\n",
            "{item_id}", "/{a}/{a}", "type: [string, \"null\"]\n",
        ]
        return FuzzTarget(name: "spec", seeds: seeds, tokens: tokens, openers: yamlOpeners) { bytes in
            guard let document = try? OpenAPIDocument.load(text: String(decoding: bytes, as: UTF8.self), name: "fuzz.yaml"),
                  let index = try? OperationIndex(document: document) else { return false }
            // What `contract` and `mock` do next: compile every schema (patterns included).
            return (try? SpecValidators(index: index)) != nil
        }
    }

    /// OpenAPI Overlay files (their YAML, their JSONPath targets and how updates merge), applied
    /// to a small spec so that one input stays cheap.
    static func overlay() -> FuzzTarget {
        var seeds = BuiltInSeeds.overlays.map { Array($0.utf8) }
        seeds += files(in: "scenarios/overlays", suffix: ".yaml")
        let tokens = yamlTokens + [
            "target: $\n", "target: $..*\n", "$..*..*", "[?@.in == 'query']", "[?@.name]", "[?!@.x || @.y < 2]", "[-1]",
            "[0:-1:2]", "[::-1]", "['a','b']", "[*]", ".paths", "['/items/{item_id}']", "[?length(@.name) > 3]",
            "[?count(@.*) == 1]", "[?value(@..x) == null]", "remove: true\n", "update:\n", "update: []\n", "update: 1\n",
            "extends: x.yaml\n", "overlay: 1.1.0\n", "overlay: 2.0.0\n",
        ]
        let spec = BuiltInSeeds.specs[0]
        return FuzzTarget(name: "overlay", seeds: seeds, tokens: tokens, openers: yamlOpeners + [("[?(", ")]")]) { bytes in
            guard let overlay = try? Overlay.read(text: String(decoding: bytes, as: UTF8.self), file: "fuzz.yaml") else { return false }
            return (try? OverlaidSpec.load(text: spec, name: "spec.yaml", overlays: [overlay])) != nil
        }
    }

    static func scenario() throws(FuzzSetupError) -> FuzzTarget {
        let index = try specIndex()
        var seeds = BuiltInSeeds.scenarios.map { Array($0.utf8) }
        seeds += files(in: "scenarios/contract", suffix: ".yaml") + files(in: "scenarios/generated", suffix: ".yaml")
        let tokens = yamlTokens + [
            "operation: getUser\n", "steps:\n", "variables:\n", "expect:\n", "status: 200\n", "json:\n", "capture:\n",
            "$.", "$..", "[*]", "[-1]", "['a']", "[0:2]", "$.a.b[0]: ", "matches: \"(a|a)*$\"", "length: { gte: 1 }",
            "oneOf: [1, 2]", "type: string", "{{uuid}}", "{{random.int(1, 9)}}",
        ]
        return FuzzTarget(name: "scenario", seeds: seeds, tokens: tokens, openers: yamlOpeners) { bytes in
            guard let scenario = try? ScenarioLoader.load(text: String(decoding: bytes, as: UTF8.self), name: "fuzz.yaml", index: index) else { return false }
            exercise(scenario, index: index)
            return true
        }
    }

    static func profile() -> FuzzTarget {
        var seeds = BuiltInSeeds.profiles.map { Array($0.utf8) }
        seeds += files(in: "scenarios/load", suffix: ".yaml")
        let tokens = yamlTokens + [
            "executor: ramping-arrival-rate\n", "executor: constant-vus\n", "rate: 1/ms\n", "rate: 0/s\n", "10/1h", "1e308/s",
            "duration: 9223372036854775807s\n", "999999999999h", "1m30s", "0s", "-1s", "500ms..2s", "2s..1s", "..", "stages:\n",
            "- { duration: 1s, target: 1e400 }\n", "p99(", ") < ", "<=", "%", "ms", "µs", "thresholds:\n", "abort_on_fail: true",
            "scenario: /dev/null\n", "weight: 9223372036854775807\n",
        ]
        return FuzzTarget(name: "profile", seeds: seeds, tokens: tokens, openers: yamlOpeners) { bytes in
            let text = String(decoding: bytes, as: UTF8.self)
            guard let profile = try? LoadProfileLoader.load(text: text, name: "scenarios/load/fuzz.yaml", baseFolder: "scenarios/load") else { return false }
            // The planner's next step: each threshold expression is parsed.
            for threshold in profile.thresholds { _ = try? Threshold.parse(threshold.expression, abortOnFail: threshold.abortOnFail) }
            return true
        }
    }

    /// Templates two ways: the whole input as one template string (`Template(parsing:)`), and
    /// as a scenario whose variables, bodies and expected values are `BodyTemplate`s, rendered.
    static func template() throws(FuzzSetupError) -> FuzzTarget {
        let index = try specIndex()
        var seeds = (BuiltInSeeds.templateScenarios + BuiltInSeeds.templates).map { Array($0.utf8) }
        seeds += files(["scenarios/contract/conversation-lifecycle.yaml", "scenarios/contract/users.yaml"])
        let tokens = yamlTokens + [
            "{{x}}", "{{n}}", "{{o}}", "{{a}}", "{{uuid}}", "{{now}}", "{{random.email}}", "{{random.int(", "{{random.string(",
            "{{env.", "{{env.FUZZ_SET}}", "random.", "env.", "int(", "string(", "4096", "4097", "0", "-9223372036854775808",
            "9223372036854775807", "99999999999999999999", ", ", ")", "(", ".", "{{{{", " }}", "\u{301}", "\u{0}",
        ]
        let templateOpeners = yamlOpeners + [("{{", "}}"), ("{{{{", ""), ("\"{{x}}", "\"")]
        let start = SourceLocation(file: "fuzz", line: 1, column: 1)
        return FuzzTarget(name: "template", seeds: seeds, tokens: tokens, openers: templateOpeners) { bytes in
            let text = String(decoding: bytes, as: UTF8.self)
            var accepted = false
            if let template = try? Template(parsing: text, at: start) {
                accepted = true
                var context = templateContext()
                _ = template.expressions
                _ = try? template.render(&context)
                _ = try? template.renderValue(&context)
            }
            if let scenario = try? ScenarioLoader.load(text: text, name: "fuzz.yaml", index: index) {
                accepted = true
                exercise(scenario, index: index)
            }
            return accepted
        }
    }

    // MARK: Shared pieces

    /// Runs what a contract run does with a loaded scenario, short of sending: checks its
    /// variables, renders every step, and checks each step's assertions and captures against
    /// its own rendered body (a stand-in for a response).
    static func exercise(_ scenario: ScenarioFile, index: OperationIndex) {
        try? scenario.checkVariables(defined: ["x"], environment: environment)
        var context = templateContext()
        guard (try? scenario.applyVariables(overrides: ["x": "override"], to: &context)) != nil else { return }
        for step in scenario.steps {
            guard let operation = index.operation(id: step.operationId),
                  let request = try? step.render(for: operation, context: &context) else { continue }
            _ = request.pathAndQuery
            let body = request.body.flatMap { try? JSON.parse($0) }
            for assertion in step.expect.assertions { _ = assertion.check(body, context: &context) }
            for capture in step.captures {
                if let value = try? capture.value(from: body) { context.variables[capture.name] = value }
            }
        }
    }

    static let environment: @Sendable (String) -> String? = { name in name == "FUZZ_SET" ? "set" : nil }

    /// A context with a fixed seed and clock, so a reproducer renders the same every time.
    static func templateContext() -> TemplateContext {
        let variables: [String: JSON] = [
            "x": .string("text"), "n": .integer(42), "a": .array([.double(1.5), .bool(true), .string("é")]),
            "o": .object(["a": .array([.integer(1), .string("b")]), "c": .null]),
        ]
        return TemplateContext(variables: variables, environment: environment, seed: 7, clock: { Date(timeIntervalSince1970: 1_700_000_000) })
    }

    /// The Freshchat spec's operations, which scenario steps are checked against.
    static func specIndex() throws(FuzzSetupError) -> OperationIndex {
        do { return try OperationIndex.embedded() } catch {
            throw FuzzSetupError("the embedded spec does not load: \(error)")
        }
    }

    /// The contents of the files at `paths` that exist.
    static func files(_ paths: [String]) -> [[UInt8]] {
        paths.compactMap { FileManager.default.contents(atPath: $0).map { [UInt8]($0) } }
    }

    /// The contents of the `suffix` files of `folder`, sorted by name (none when it is missing).
    static func files(in folder: String, suffix: String) -> [[UInt8]] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return files(names.filter { $0.hasSuffix(suffix) }.sorted().map { folder + "/" + $0 })
    }
}

/// A result that is wrong without being a crash or a hang (a broken round trip).
struct FuzzFinding: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
