// Reads and checks load-profile files: types, units, the keys each executor needs, and
// that every scenario of the mix exists beside the profile.

import Foundation
import OpenAPI
import Quantities
import YAMLSource

/// Loads load profiles (`scenarios/load/*.yaml`).
public enum LoadProfileLoader {
    static let keys = [
        "name", "description", "executor", "rate", "start_rate", "duration", "vus", "start_vus", "max_vus", "stages",
        "graceful_stop", "think", "mix", "budgets", "thresholds", "target",
    ]

    /// Loads a profile file; mix paths are resolved against the file's folder.
    public static func load(path: String) throws(ScenarioError) -> LoadProfile {
        let folder = (path as NSString).deletingLastPathComponent
        return try load(text: try ScenarioLoader.readText(path), name: path, baseFolder: folder.isEmpty ? "." : folder)
    }

    /// Decodes profile text; `name` stands for the file in messages and `baseFolder` is
    /// where relative mix paths start.
    public static func load(text: String, name: String, baseFolder: String) throws(ScenarioError) -> LoadProfile {
        let root = try YAMLReader.readDocument(text, file: name)
        let mapping = try MappingReader(root, key: "profile", context: "load profile", allowed: keys)

        let executorMember = try mapping.required("executor")
        let executorText = try executorMember.value.string(key: "executor")
        guard let executor = LoadProfile.Executor(rawValue: executorText) else {
            let names = LoadProfile.Executor.allCases.map(\.rawValue)
            let hint = NearestName.suggestion(for: executorText, among: names).map { " (did you mean '\($0)'?)" } ?? ""
            throw ScenarioError(.invalidValue(key: "executor", value: executorText, reason: "expected one of \(names.joined(separator: ", "))\(hint)"), at: executorMember.value.location)
        }

        let rate = try mapping.member("rate").map { member throws(ScenarioError) in try parseArrivalRate(member.value, key: "rate") }
        let duration = try mapping.member("duration").map { member throws(ScenarioError) in try parseDuration(member.value, key: "duration") }
        let vus = try mapping.member("vus").map { member throws(ScenarioError) in try userCount(member.value, key: "vus", atLeast: 1) }
        let maxVUs = try mapping.member("max_vus").map { member throws(ScenarioError) in try userCount(member.value, key: "max_vus", atLeast: 1) }
        let stages = try mapping.member("stages").map { member throws(ScenarioError) in try decodeStages(member.value, executor: executor) } ?? []
        let mix = try decodeMix(try mapping.required("mix").value, baseFolder: baseFolder)
        let thresholds = try mapping.member("thresholds").map { member throws(ScenarioError) in try decodeThresholds(member.value) } ?? []
        let gracefulStop = try mapping.member("graceful_stop").map { member throws(ScenarioError) in try parseDuration(member.value, key: "graceful_stop") }
        let budgets = try mapping.member("budgets").map { member throws(ScenarioError) in try decodeBudgets(member.value) } ?? []
        let startRate = try mapping.member("start_rate").map { member throws(ScenarioError) in try parseArrivalRate(member.value, key: "start_rate").perSecond }
        let startVUs = try mapping.member("start_vus").map { member throws(ScenarioError) in try userCount(member.value, key: "start_vus", atLeast: 0) }
        let think = try mapping.member("think").map { member throws(ScenarioError) in try decodeThink(member.value) }
        let declaredTarget = try mapping.member("target").map { member throws(ScenarioError) in try decodeTarget(member.value) }

        try checkExecutorKeys(executor, mapping: mapping)
        if let vus, let maxVUs, maxVUs < vus, let member = mapping.member("max_vus") {
            throw ScenarioError(.invalidValue(key: "max_vus", value: String(maxVUs), reason: "must be at least vus (\(vus))"), at: member.value.location)
        }

        let profileName = try mapping.member("name")?.value.string(key: "name") ?? ScenarioDecoder.defaultName(for: name)
        var profile = LoadProfile(
            name: profileName, file: name, executor: executor, rate: rate, duration: duration, vus: vus, maxVUs: maxVUs,
            stages: stages, mix: mix, thresholds: thresholds, gracefulStop: gracefulStop, budgets: budgets,
            startRate: startRate, startVUs: startVUs, think: think, declaredTarget: declaredTarget)
        profile.text = text
        return profile
    }

    /// `target: live`; any other value is refused with the one it may be, since a guard that
    /// silently ignored `target: production` would let a typo decide what gets loaded.
    private static func decodeTarget(_ node: YAMLNode) throws(ScenarioError) -> LoadProfile.DeclaredTarget {
        let text = try node.string(key: "target")
        guard let declared = LoadProfile.DeclaredTarget(rawValue: text) else {
            let names = LoadProfile.DeclaredTarget.allCases.map(\.rawValue)
            let hint = NearestName.suggestion(for: text, among: names).map { " (did you mean '\($0)'?)" } ?? ""
            throw ScenarioError(.invalidValue(
                key: "target", value: text,
                reason: "expected \(names.joined(separator: ", ")) (a profile written for a live account; without the key, a live --base-url needs --allow-live-load)\(hint)"),
                at: node.location)
        }
        return declared
    }

    /// Each executor needs some keys and has no use for others; a key it ignores is an
    /// error, since the user surely meant something by it.
    private static func checkExecutorKeys(_ executor: LoadProfile.Executor, mapping: MappingReader) throws(ScenarioError) {
        let required: [String]
        let forbidden: [String]
        switch executor {
        case .constantVUs: (required, forbidden) = (["vus", "duration"], ["rate", "start_rate", "stages", "max_vus", "start_vus"])
        case .rampingVUs: (required, forbidden) = (["stages"], ["rate", "start_rate", "duration", "max_vus", "vus"])
        case .constantArrivalRate: (required, forbidden) = (["rate", "duration"], ["stages", "start_rate", "start_vus"])
        case .rampingArrivalRate: (required, forbidden) = (["stages"], ["rate", "duration", "start_vus"])
        }
        for key in required where mapping.member(key) == nil {
            throw ScenarioError(.missingKey(key: key, context: "a load profile with executor \(executor.rawValue)"), at: mapping.node.location)
        }
        for key in forbidden {
            guard let member = mapping.member(key) else { continue }
            let reason = key == "duration" ? "the stages set the duration" : "it does not apply to executor \(executor.rawValue)"
            throw ScenarioError(.invalidValue(key: "key", value: key, reason: reason), at: member.keyLocation)
        }
    }

    private static func parseRate(_ node: YAMLNode, key: String) throws(ScenarioError) -> Rate {
        let text = try node.string(key: key)
        do { return try Rate(parsing: text) } catch {
            throw ScenarioError(.invalidValue(key: key, value: text, reason: "expected \(error.expected)"), at: node.location)
        }
    }

    /// A rate arrivals are started at: at most `LoadProfile.maxArrivalsPerSecond`.
    private static func parseArrivalRate(_ node: YAMLNode, key: String) throws(ScenarioError) -> Rate {
        let rate = try parseRate(node, key: key)
        guard rate.perSecond <= LoadProfile.maxArrivalsPerSecond else {
            throw ScenarioError(.invalidValue(key: key, value: (try? node.string(key: key)) ?? rate.description, reason: LoadProfile.arrivalRateBound), at: node.location)
        }
        return rate
    }

    private static func parseDuration(_ node: YAMLNode, key: String) throws(ScenarioError) -> Duration {
        let text = try node.string(key: key)
        do { return try Duration(parsing: text) } catch {
            throw ScenarioError(.invalidValue(key: key, value: text, reason: "expected \(error.expected)"), at: node.location)
        }
    }

    private static func positiveInteger(_ node: YAMLNode, key: String) throws(ScenarioError) -> Int {
        let value = try node.integer(key: key)
        guard value >= 1 else {
            throw ScenarioError(.invalidValue(key: key, value: String(value), reason: "must be at least 1"), at: node.location)
        }
        return value
    }

    private static func decodeStages(_ node: YAMLNode, executor: LoadProfile.Executor) throws(ScenarioError) -> [LoadProfile.Stage] {
        var stages: [LoadProfile.Stage] = []
        let elements = try node.sequenceElements(key: "stages")
        guard !elements.isEmpty else {
            throw ScenarioError(.wrongType(key: "stages", expected: "a list of at least one stage", found: "an empty list"), at: node.location)
        }
        for (position, element) in elements.enumerated() {
            let context = "stage \(position + 1)"
            let stage = try MappingReader(element, key: context, context: context, allowed: ["duration", "target"])
            let duration = try parseDuration(try stage.required("duration").value, key: "duration")
            let targetNode = try stage.required("target").value
            let target: Double
            if executor == .rampingArrivalRate, case .scalar(let scalar) = targetNode.content, case .string = scalar.value {
                target = try parseArrivalRate(targetNode, key: "target").perSecond
            } else if executor == .rampingVUs {
                target = Double(try userCount(targetNode, key: "target", atLeast: 0))
            } else {
                target = try targetNode.number(key: "target")
            }
            guard target >= 0 else {
                throw ScenarioError(.invalidValue(key: "target", value: String(target), reason: "must not be negative"), at: targetNode.location)
            }
            if executor == .rampingArrivalRate, target > LoadProfile.maxArrivalsPerSecond {
                let written = (try? targetNode.string(key: "target")) ?? String(target)
                throw ScenarioError(.invalidValue(key: "target", value: written, reason: LoadProfile.arrivalRateBound), at: targetNode.location)
            }
            stages.append(LoadProfile.Stage(duration: duration, target: target, location: element.location))
        }
        return stages
    }

    private static func decodeMix(_ node: YAMLNode, baseFolder: String) throws(ScenarioError) -> [LoadProfile.MixEntry] {
        let elements = try node.sequenceElements(key: "mix")
        guard !elements.isEmpty else {
            throw ScenarioError(.wrongType(key: "mix", expected: "a list of at least one scenario", found: "an empty list"), at: node.location)
        }
        var mix: [LoadProfile.MixEntry] = []
        for (position, element) in elements.enumerated() {
            let context = "mix entry \(position + 1)"
            let entry = try MappingReader(element, key: context, context: context, allowed: ["scenario", "weight"])
            let scenarioNode = try entry.required("scenario").value
            let written = try scenarioNode.string(key: "scenario")
            let resolved = written.hasPrefix("/") ? written : baseFolder + "/" + written
            guard FileManager.default.fileExists(atPath: resolved) else {
                throw ScenarioError(.invalidValue(key: "scenario", value: written, reason: "no such file (looked for \(resolved))"), at: scenarioNode.location)
            }
            let weight = try entry.member("weight").map { member throws(ScenarioError) in try positiveInteger(member.value, key: "weight") } ?? 1
            mix.append(LoadProfile.MixEntry(scenarioPath: resolved, writtenPath: written, weight: weight, location: element.location))
        }
        try checkMixCycle(mix, node: node)
        return mix
    }

    /// 70 and 30 cycle as 7 and 3; what is left must stay within `LoadProfile.maxMixCycle`.
    private static func checkMixCycle(_ mix: [LoadProfile.MixEntry], node: YAMLNode) throws(ScenarioError) {
        let weights = mix.map(\.weight)
        let common = weights.reduce(0, greatestCommonDivisor)
        // Each reduced weight is at most the cycle's bound, or the cycle is already too long:
        // checking before adding keeps the sum from overflowing.
        var cycle = 0
        for weight in weights {
            cycle += min(weight / common, LoadProfile.maxMixCycle + 1)
            guard cycle <= LoadProfile.maxMixCycle else {
                let written = weights.map(String.init).joined(separator: ", ")
                throw ScenarioError(.invalidValue(
                    key: "mix", value: "weights \(written)",
                    reason: "divided by their common factor (\(common)) they must add up to at most \(LoadProfile.maxMixCycle)"), at: node.location)
            }
        }
    }

    /// Each threshold is an expression, or `{ expr: EXPRESSION, abort_on_fail: true }`.
    private static func decodeThresholds(_ node: YAMLNode) throws(ScenarioError) -> [LoadProfile.Threshold] {
        var thresholds: [LoadProfile.Threshold] = []
        for element in try node.sequenceElements(key: "thresholds") {
            var expressionNode = element
            var abortOnFail = false
            if case .mapping = element.content {
                let entry = try MappingReader(element, key: "threshold", context: "threshold", allowed: ["expr", "abort_on_fail"])
                expressionNode = try entry.required("expr").value
                abortOnFail = try entry.member("abort_on_fail")?.value.bool(key: "abort_on_fail") ?? false
            }
            let written = try expressionNode.string(key: "threshold")
            let text = written.trimmingSpaces
            guard !text.isEmpty else {
                throw ScenarioError(.invalidValue(key: "threshold", value: text, reason: "expected an expression such as 'p99(listAgents) < 300ms'"), at: expressionNode.location)
            }
            // Where the expression itself starts, past the spaces trimmed off (one line: columns add).
            let leading = written.unicodeScalars.prefix { $0 == " " || $0 == "\t" }.count
            let start = expressionNode.contentLocation
            let location = SourceLocation(file: start.file, line: start.line, column: start.column + leading)
            thresholds.append(LoadProfile.Threshold(expression: text, abortOnFail: abortOnFail, location: location))
        }
        return thresholds
    }

    /// `budgets: { OPERATION: RATE, ... }`; the operationIds are checked against the spec
    /// when the run is planned (the loader does not read the spec).
    private static func decodeBudgets(_ node: YAMLNode) throws(ScenarioError) -> [LoadProfile.Budget] {
        var budgets: [LoadProfile.Budget] = []
        for member in try node.mappingMembers(key: "budgets") {
            let rate = try parseRate(member.value, key: member.key)
            guard rate.perSecond > 0 else {
                throw ScenarioError(.invalidValue(key: member.key, value: rate.description, reason: "a budget must allow some requests"), at: member.value.location)
            }
            budgets.append(LoadProfile.Budget(operationId: member.key, rate: rate, location: member.keyLocation))
        }
        return budgets
    }

    /// `think: 1s` (fixed) or `think: 500ms..2s` (uniform between the two).
    private static func decodeThink(_ node: YAMLNode) throws(ScenarioError) -> LoadProfile.ThinkTime {
        let text = try node.string(key: "think")
        let parts = text.components(separatedBy: "..")
        let expected = "expected a duration such as 1s, or a range such as 500ms..2s"
        guard parts.count <= 2 else {
            throw ScenarioError(.invalidValue(key: "think", value: text, reason: expected), at: node.location)
        }
        var bounds: [Duration] = []
        for part in parts {
            do { bounds.append(try Duration(parsing: part.trimmingSpaces)) } catch {
                throw ScenarioError(.invalidValue(key: "think", value: text, reason: expected), at: node.location)
            }
        }
        let minimum = bounds[0]
        let maximum = bounds.count == 2 ? bounds[1] : minimum
        guard minimum >= .zero, maximum >= minimum else {
            throw ScenarioError(.invalidValue(key: "think", value: text, reason: "the range must run from the shorter to the longer pause"), at: node.location)
        }
        return LoadProfile.ThinkTime(minimum: minimum, maximum: maximum)
    }

    /// A number of virtual users: a whole number from `minimum` to `LoadProfile.maxUsers`.
    private static func userCount(_ node: YAMLNode, key: String, atLeast minimum: Int) throws(ScenarioError) -> Int {
        let value = try node.integer(key: key)
        guard value >= minimum else {
            let reason = minimum == 0 ? "must not be negative" : "must be at least \(minimum)"
            throw ScenarioError(.invalidValue(key: key, value: String(value), reason: reason), at: node.location)
        }
        guard value <= LoadProfile.maxUsers else {
            throw ScenarioError(.invalidValue(key: key, value: String(value), reason: LoadProfile.usersBound), at: node.location)
        }
        return value
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs.
    fileprivate var trimmingSpaces: String {
        var scalars = Substring(self).unicodeScalars[...]
        while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
        return String(String.UnicodeScalarView(scalars))
    }
}
