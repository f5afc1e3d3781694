// Reads one YAML mapping of a known shape: rejects unknown keys (naming the nearest valid
// one), and hands out members with errors that say which key and what type was expected.

import JSON
import YAMLSource

/// A mapping whose keys have been checked against the allowed set.
struct MappingReader {
    /// How the mapping is named in messages: "scenario", "step 2", "expect".
    let context: String
    let node: YAMLNode
    /// The members in file order.
    let members: [YAMLNode.Member]

    /// Checks that `node` is a mapping with only `allowed` keys; `key` names it in messages.
    init(_ node: YAMLNode, key: String, context: String, allowed: [String]) throws(ScenarioError) {
        guard case .mapping(let members) = node.content else {
            throw ScenarioError(.wrongType(key: key, expected: "a mapping", found: node.kindDescription), at: node.location)
        }
        for member in members where !allowed.contains(member.key) {
            let suggestion = NearestName.suggestion(for: member.key, among: allowed)
            throw ScenarioError(
                .unknownKey(key: member.key, context: context, allowed: allowed, suggestion: suggestion),
                at: member.keyLocation)
        }
        self.context = context
        self.node = node
        self.members = members
    }

    /// The member named `key`, if present.
    func member(_ key: String) -> YAMLNode.Member? {
        members.first { $0.key.hasSameCodePoints(as: key) }
    }

    /// The member named `key`, or a `missingKey` error at the mapping.
    func required(_ key: String) throws(ScenarioError) -> YAMLNode.Member {
        guard let member = member(key) else {
            throw ScenarioError(.missingKey(key: key, context: context), at: node.location)
        }
        return member
    }
}

extension YAMLNode {
    /// The members of a mapping, or a `wrongType` error naming `key`.
    func mappingMembers(key: String) throws(ScenarioError) -> [Member] {
        guard case .mapping(let members) = content else {
            throw ScenarioError(.wrongType(key: key, expected: "a mapping", found: kindDescription), at: location)
        }
        return members
    }

    /// The elements of a list, or a `wrongType` error naming `key`.
    func sequenceElements(key: String) throws(ScenarioError) -> [YAMLNode] {
        guard case .sequence(let elements) = content else {
            throw ScenarioError(.wrongType(key: key, expected: "a list", found: kindDescription), at: location)
        }
        return elements
    }

    /// The scalar, or a `wrongType` error naming `key`.
    func scalar(key: String) throws(ScenarioError) -> Scalar {
        guard case .scalar(let scalar) = content else {
            throw ScenarioError(.wrongType(key: key, expected: "a single value", found: kindDescription), at: location)
        }
        return scalar
    }

    /// A string value; numbers and booleans are accepted in their written form, since YAML
    /// users rarely quote `name: 2024` and mean the text.
    func string(key: String) throws(ScenarioError) -> String {
        let scalar = try scalar(key: key)
        if case .null = scalar.value {
            throw ScenarioError(.wrongType(key: key, expected: "a string", found: kindDescription), at: location)
        }
        return scalar.text
    }

    /// An integer value, or a `wrongType` error naming `key`.
    func integer(key: String) throws(ScenarioError) -> Int {
        if case .scalar(let scalar) = content, case .integer(let value) = scalar.value, let int = Int(exactly: value) {
            return int
        }
        // A whole number past Int64 reads as a float: name the bound, not "a whole number".
        if case .scalar(let scalar) = content, case .double(let value) = scalar.value, value.rounded() == value {
            throw ScenarioError(.wrongType(key: key, expected: "a whole number up to 9223372036854775807", found: kindDescription), at: location)
        }
        throw ScenarioError(.wrongType(key: key, expected: "a whole number", found: kindDescription), at: location)
    }

    /// A number value (integer or fraction), or a `wrongType` error naming `key`.
    func number(key: String) throws(ScenarioError) -> Double {
        if case .scalar(let scalar) = content {
            switch scalar.value {
            case .integer(let value): return Double(value)
            case .double(let value): return value
            default: break
            }
        }
        throw ScenarioError(.wrongType(key: key, expected: "a number", found: kindDescription), at: location)
    }

    /// A boolean value, or a `wrongType` error naming `key`.
    func bool(key: String) throws(ScenarioError) -> Bool {
        if case .scalar(let scalar) = content, case .bool(let value) = scalar.value { return value }
        throw ScenarioError(.wrongType(key: key, expected: "true or false", found: kindDescription), at: location)
    }
}
