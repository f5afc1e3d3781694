// Decodes `expect`: the accepted status codes and the `json` assertions (grammar in
// Scenario.swift).

import JSON
import OpenAPI
import YAMLSource

/// Decodes a step's `expect` block.
enum ExpectationDecoder {
    static let keys = ["status", "json"]
    static let assertionKeys = ["equals", "exists", "type", "gt", "gte", "lt", "lte", "length", "matches", "oneOf"]
    static let lengthKeys = ["equals", "gt", "gte", "lt", "lte"]

    static func decode(_ node: YAMLNode) throws(ScenarioError) -> Expectation {
        let mapping = try MappingReader(node, key: "expect", context: "expect", allowed: keys)
        let status = try mapping.member("status").map { member throws(ScenarioError) in try decodeStatus(member.value) }
        var assertions: [Assertion] = []
        if let json = mapping.member("json") {
            for member in try json.value.mappingMembers(key: "expect.json") {
                assertions += try decodeAssertions(member)
            }
        }
        return Expectation(status: status, assertions: assertions)
    }

    private static func decodeStatus(_ node: YAMLNode) throws(ScenarioError) -> StatusExpectation {
        let elements: [YAMLNode]
        if case .sequence(let list) = node.content, !list.isEmpty { elements = list } else { elements = [node] }
        var patterns: [StatusExpectation.Pattern] = []
        for element in elements {
            guard case .scalar(let scalar) = element.content, let pattern = StatusExpectation.Pattern(parsing: scalar.text) else {
                let shown: String
                if case .scalar(let scalar) = element.content { shown = scalar.text } else { shown = element.kindDescription }
                throw ScenarioError(.invalidStatus(value: shown), at: element.location)
            }
            patterns.append(pattern)
        }
        return StatusExpectation(patterns: patterns, location: node.location)
    }

    /// One `path: expected` entry: a scalar or list means equals; a mapping lists one or
    /// more assertion kinds, each becoming its own assertion.
    private static func decodeAssertions(_ member: YAMLNode.Member) throws(ScenarioError) -> [Assertion] {
        let path = try JSONPathReader.compile(member.key, at: member.keyContentLocation)
        func assertion(_ predicate: Assertion.Predicate) -> Assertion {
            Assertion(path: path, pathText: member.key, predicate: predicate, location: member.keyLocation)
        }
        guard case .mapping = member.value.content else {
            return [assertion(.equals(try BodyTemplate.from(member.value)))]
        }
        let mapping = try MappingReader(member.value, key: member.key, context: "the assertion on \(member.key)", allowed: assertionKeys)
        var assertions: [Assertion] = []
        for entry in mapping.members {
            let kind = entry.key
            let key = "\(member.key).\(kind)"
            let value = entry.value
            switch kind {
            case "equals": assertions.append(assertion(.equals(try BodyTemplate.from(value))))
            case "exists": assertions.append(assertion(.exists(try value.bool(key: key))))
            case "type": assertions.append(assertion(.type(try jsonType(value, key: key))))
            case "gt": assertions.append(assertion(.compare(.greater, try value.number(key: key))))
            case "gte": assertions.append(assertion(.compare(.greaterOrEqual, try value.number(key: key))))
            case "lt": assertions.append(assertion(.compare(.less, try value.number(key: key))))
            case "lte": assertions.append(assertion(.compare(.lessOrEqual, try value.number(key: key))))
            case "length": assertions += try lengthChecks(value, key: key).map { assertion(.length($0.0, $0.1)) }
            case "matches":
                let pattern = try value.string(key: key)
                let compiled: MatchPattern
                do { compiled = try MatchPattern(compiling: pattern) } catch {
                    // The dialect is the one of schema `pattern` (see JSONSchema's PatternRegex).
                    throw ScenarioError(.invalidValue(
                        key: "regex", value: pattern,
                        reason: "not a valid regular expression (the dialect of JSON Schema's pattern): \(error)"), at: value.location)
                }
                if compiled.regex.cost.neverRuns {
                    throw ScenarioError(.invalidValue(
                        key: "regex", value: pattern,
                        reason: "it would never be run on a response: \(compiled.regex.cost.reason ?? ""); rewrite it (docs/reliability.md)"),
                        at: value.location)
                }
                assertions.append(assertion(.matches(compiled)))
            case "oneOf":
                var options: [BodyTemplate] = []
                for option in try value.sequenceElements(key: key) { options.append(try BodyTemplate.from(option)) }
                assertions.append(assertion(.oneOf(options)))
            default:
                break
            }
        }
        return assertions
    }

    private static func jsonType(_ node: YAMLNode, key: String) throws(ScenarioError) -> JSONType {
        let name = try node.string(key: key)
        guard let type = JSONType(rawValue: name) else {
            let names = JSONType.allCases.map(\.rawValue)
            let hint = NearestName.suggestion(for: name, among: names).map { " (did you mean '\($0)'?)" } ?? ""
            throw ScenarioError(.invalidValue(key: "type", value: name, reason: "expected one of \(names.joined(separator: ", "))\(hint)"), at: node.location)
        }
        return type
    }

    /// `length: 3` or `length: {gte: 1, lt: 10}`.
    private static func lengthChecks(_ node: YAMLNode, key: String) throws(ScenarioError) -> [(Comparison, Int)] {
        guard case .mapping = node.content else { return [(.equal, try node.integer(key: key))] }
        let mapping = try MappingReader(node, key: key, context: key, allowed: lengthKeys)
        var checks: [(Comparison, Int)] = []
        for entry in mapping.members {
            guard let comparison = Comparison.allCases.first(where: { $0.key == entry.key }) else { continue }
            checks.append((comparison, try entry.value.integer(key: "\(key).\(entry.key)")))
        }
        return checks
    }
}
