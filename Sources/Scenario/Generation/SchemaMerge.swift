// Combines the schemas a value must satisfy at once (an `allOf`, a `$ref` with sibling
// keywords, a `oneOf` branch with its parent's keywords) into one schema to generate from.

import JSON

/// Keyword-by-keyword intersection of two schemas, enough to generate from: bounds tighten,
/// `required` and `properties` unite, `type` and `enum` intersect. Keywords it cannot combine
/// keep the first schema's value; the validator's final check catches what that misses.
enum SchemaMerge {
    private static let takeLarger: Set<String> = [
        "minimum", "exclusiveMinimum", "minLength", "minItems", "minProperties", "minContains",
    ]
    private static let takeSmaller: Set<String> = [
        "maximum", "exclusiveMaximum", "maxLength", "maxItems", "maxProperties", "maxContains",
    ]

    /// `first` and `second` as one schema.
    static func merge(_ first: JSONObject, _ second: JSONObject) -> JSONObject {
        var merged = first
        for member in second {
            let key = member.key
            guard let existing = merged[key] else {
                merged[key] = member.value
                continue
            }
            switch key {
            case _ where takeLarger.contains(key) || takeSmaller.contains(key):
                if let a = existing.doubleValue, let b = member.value.doubleValue {
                    merged[key] = (takeLarger.contains(key) ? b > a : b < a) ? member.value : existing
                } else if case .bool(true) = member.value {
                    merged[key] = member.value  // OpenAPI 3.0 boolean exclusive bounds
                }
            case "required":
                var names = existing.arrayValue ?? []
                for name in member.value.arrayValue ?? [] where !names.contains(name) { names.append(name) }
                merged[key] = .array(names)
            case "properties", "patternProperties", "dependentRequired":
                merged[key] = .object(mergeMembers(existing.objectValue ?? [:], member.value.objectValue ?? [:], key: key))
            case "type":
                merged[key] = .array(intersectTypes(existing, member.value).map(JSON.string))
            case "enum":
                let allowed = member.value.arrayValue ?? []
                merged[key] = .array((existing.arrayValue ?? []).filter { allowed.contains($0) })
            case "const" where existing != member.value:
                merged["const"] = nil
                merged["enum"] = .array([])  // two different constants: nothing satisfies both
            case "items", "additionalProperties", "contains", "propertyNames", "unevaluatedItems", "unevaluatedProperties":
                merged[key] = both(existing, member.value)
            case "allOf":
                merged[key] = .array((existing.arrayValue ?? []) + (member.value.arrayValue ?? []))
            default:
                break
            }
        }
        return merged
    }

    /// Two member maps united; a name in both needs both schemas (or, for `dependentRequired`,
    /// both lists).
    private static func mergeMembers(_ first: JSONObject, _ second: JSONObject, key: String) -> JSONObject {
        var merged = first
        for member in second {
            if let existing = merged[member.key] {
                if key == "dependentRequired" {
                    merged[member.key] = .array((existing.arrayValue ?? []) + (member.value.arrayValue ?? []))
                } else {
                    merged[member.key] = both(existing, member.value)
                }
            } else {
                merged[member.key] = member.value
            }
        }
        return merged
    }

    /// A schema requiring both: `false` wins, `true` gives way, objects become an `allOf`.
    private static func both(_ first: JSON, _ second: JSON) -> JSON {
        switch (first, second) {
        case (.bool(false), _), (_, .bool(false)): return false
        case (.bool(true), _): return second
        case (_, .bool(true)): return first
        default: return .object(["allOf": .array([first, second])])
        }
    }

    /// The JSON types both allow; `integer` is the part of `number` both can agree on.
    private static func intersectTypes(_ first: JSON, _ second: JSON) -> [String] {
        let a = typeNames(first)
        let b = typeNames(second)
        var result: [String] = []
        for name in a {
            if b.contains(name) {
                result.append(name)
            } else if name == "integer" && b.contains("number") || name == "number" && b.contains("integer") {
                result.append("integer")
            }
        }
        return result
    }

    static func typeNames(_ type: JSON) -> [String] {
        if let name = type.stringValue { return [name] }
        return (type.arrayValue ?? []).compactMap(\.stringValue)
    }
}
