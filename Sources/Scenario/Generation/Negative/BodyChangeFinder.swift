// Walks a request schema beside one valid body and proposes the edits that should break it:
// a required member removed, a value of the wrong type, outside its enum, past a bound.
// Proposals only: the planner keeps those the validator actually rejects.

import JSON

/// One proposed negative change, before the validator has confirmed it.
struct ProposedChange {
    let kind: NegativeCaseKind
    let name: String
    let change: RequestChange
}

/// Proposes body changes for every member of a valid body the schema describes, and for the
/// declared members it leaves out (their parent object is there to add them to).
///
/// Arrays are followed through their first element only, and `oneOf` / `anyOf` alternatives are
/// not entered: which one a value matched is the validator's business.
struct BodyChangeFinder {
    let schemas: ResolvedSchema

    /// The proposals for `body` against `schema`, member by member in pre-order (a value's own
    /// changes, then its members' in the schema's property order, then its first element's).
    func proposals(for body: JSON, schema: JSON) -> [ProposedChange] {
        var found: [ProposedChange] = []
        visit(schema, at: .root, value: body, required: false, into: &found)
        return found
    }

    /// Proposals for the value at `pointer`; `value` nil means the member is declared but absent.
    private func visit(_ schema: JSON, at pointer: JSONPointer, value: JSON?, required: Bool, into found: inout [ProposedChange]) {
        guard let keywords = schemas.keywords(of: schema) else { return }
        let label = pointer.tokens.isEmpty ? "body" : "body \(pointer)"
        func propose(_ kind: NegativeCaseKind, _ reason: String, _ change: RequestChange) {
            found.append(ProposedChange(kind: kind, name: "\(label) \(reason)", change: change))
        }

        if required, value != nil {
            propose(.missingRequired, "missing (required)", .bodyRemove(pointer))
        }
        let types = keywords.declaredTypes
        if !types.isEmpty, let wrong = OutOfSchemaValues.wrongType(for: types) {
            propose(.wrongType, "of the wrong type (\(wrong.typeName))", .bodySet(pointer, wrong))
        }
        if let members = keywords["enum"]?.arrayValue ?? keywords["const"].map({ [$0] }), !members.isEmpty,
           let outside = OutOfSchemaValues.outsideEnum(members) {
            propose(.enumViolated, "outside the enum", .bodySet(pointer, outside))
        }
        for bound in boundViolations(keywords, types: types, value: value) {
            propose(.boundExceeded, bound.reason, .bodySet(pointer, bound.value))
        }

        if case .object(let object)? = value, case .object(let properties)? = keywords["properties"] {
            let requiredNames = Set((keywords["required"]?.arrayValue ?? []).compactMap(\.stringValue))
            for property in properties {
                let member = object[property.key]
                visit(property.value, at: pointer.appending(property.key), value: member,
                      required: member != nil && requiredNames.contains(property.key), into: &found)
            }
        }
        if case .array(let elements)? = value, let first = elements.first, let items = keywords["items"] {
            visit(items, at: pointer.appending(index: 0), value: first, required: false, into: &found)
        }
    }

    /// Values one past each length, numeric and item-count bound that applies to the value (or,
    /// for an absent member, to its declared type).
    private func boundViolations(_ keywords: JSONObject, types: [String], value: JSON?) -> [OutOfSchemaValue] {
        var violations: [OutOfSchemaValue] = []
        let isString = value.map { $0.stringValue != nil } ?? types.contains("string")
        if isString {
            let base = value?.stringValue
            violations += [OutOfSchemaValues.tooShort(keywords, base: base), OutOfSchemaValues.tooLong(keywords, base: base)]
                .compactMap { $0 }
        }
        let isNumber = value.map { $0.doubleValue != nil } ?? (types.contains("integer") || types.contains("number"))
        if isNumber {
            let integer = types.contains("integer") && !types.contains("number")
            violations += [OutOfSchemaValues.belowMinimum(keywords, integer: integer),
                           OutOfSchemaValues.aboveMaximum(keywords, integer: integer)].compactMap { $0 }
        }
        let isArray = value.map { $0.arrayValue != nil } ?? types.contains("array")
        if isArray {
            violations += [tooFewItems(keywords, value?.arrayValue), tooManyItems(keywords, value?.arrayValue)].compactMap { $0 }
        }
        return violations
    }

    /// The array cut to one item fewer than `minItems` (for an absent array, only when that is
    /// no items at all: there is nothing to copy items from).
    private func tooFewItems(_ keywords: JSONObject, _ elements: [JSON]?) -> OutOfSchemaValue? {
        guard let minimum = keywords["minItems"]?.integerValue, minimum > 0, minimum <= OutOfSchemaValues.largestBound else {
            return nil
        }
        let count = Int(minimum) - 1
        guard let kept = elements.map({ Array($0.prefix(count)) }) ?? (count == 0 ? [] : nil), kept.count == count else {
            return nil
        }
        return OutOfSchemaValue(value: .array(kept), reason: "with fewer than minItems \(minimum) items")
    }

    /// The array grown past `maxItems` by repeating its first item.
    private func tooManyItems(_ keywords: JSONObject, _ elements: [JSON]?) -> OutOfSchemaValue? {
        guard let maximum = keywords["maxItems"]?.integerValue, maximum >= 0, maximum < OutOfSchemaValues.largestBound,
              let elements, let first = elements.first else { return nil }
        let grown = elements + Array(repeating: first, count: max(0, Int(maximum) + 1 - elements.count))
        return OutOfSchemaValue(value: .array(grown), reason: "with more than maxItems \(maximum) items")
    }
}
